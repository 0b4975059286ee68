# The shared models the firmware tests run on Cortex-M under QEMU, and which
# golden cases (../shared/models/golden-exact/<model>/in_K.bin, out_K.bin):
# TFLite reference outputs, which the host runtime matches byte for byte.
# Read by the cross build (firmware.cmake) and by the host's ctest
# registration (CMakeLists.txt). A firmware numbers its embedded cases 0, 1,
# ... in this order (its "case 1" is golden case 4). Adding a model whose ops
# mote supports is one word here.
set(MOTE_FIRMWARE_TEST_MODELS
  kws_ref_model vww_96_int8 pretrainedResnet_quant ad01_int8
  person_detect micro_speech_quantized hello_world_int8 str_ww_ref_model
  hello_world_float simple_add_model)
set(MOTE_FIRMWARE_TEST_CASES 0 4)
# Corrupt models in flash: each must be rejected with kInvalidModel.
set(MOTE_FIRMWARE_NEGATIVE_TESTS corrupt_truncated corrupt_root_offset corrupt_garbage)
