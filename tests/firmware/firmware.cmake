# The firmware ctest runs (included by the cross build, targets/cortex-m, when
# MOTE_FIRMWARE_TESTS is on). Every firmware embeds a shared model and golden
# cases and checks the outputs byte for byte; the negative ones embed a
# corrupt model and pass only when the runtime rejects it with kInvalidModel.
include(${CMAKE_CURRENT_LIST_DIR}/models.cmake)
if(NOT MOTE_SHARED_MODELS)
  set(MOTE_SHARED_MODELS ${PROJECT_SOURCE_DIR}/../shared/models)
endif()

foreach(model IN LISTS MOTE_FIRMWARE_TEST_MODELS)
  set(dir ${MOTE_SHARED_MODELS}/golden-exact/${model})
  file(READ ${dir}/golden.json golden)
  # golden.json lists each case's input and output files (several for
  # multi-input models) and its case number k.
  string(JSON num_cases LENGTH "${golden}" cases)
  math(EXPR last "${num_cases} - 1")
  set(inputs "")
  set(expected "")
  foreach(c RANGE ${last})
    string(JSON k GET "${golden}" cases ${c} k)
    if(NOT k IN_LIST MOTE_FIRMWARE_TEST_CASES)
      continue()
    endif()
    foreach(kind inputs outputs)
      string(JSON n LENGTH "${golden}" cases ${c} ${kind})
      math(EXPR n_last "${n} - 1")
      foreach(i RANGE ${n_last})
        string(JSON f GET "${golden}" cases ${c} ${kind} ${i})
        if(kind STREQUAL "inputs")
          list(APPEND inputs ${dir}/${f})
        else()
          list(APPEND expected ${dir}/${f})
        endif()
      endforeach()
    endforeach()
  endforeach()
  mote_add_firmware(fw_${model}
    MODEL ${MOTE_SHARED_MODELS}/${model}.tflite
    INPUTS ${inputs}
    EXPECTED ${expected})
endforeach()

# Corrupt models, each in its own assembly file, built from the KWS model.
set(kws ${MOTE_SHARED_MODELS}/kws_ref_model.tflite)
set(head "  .section .rodata.mote_model,\"a\",%progbits\n  .balign 16\n  .global mote_fw_model\nmote_fw_model:\n")
set(tail "  .global mote_fw_model_end\nmote_fw_model_end:\n")
# The first 20,000 of its 53,936 bytes: offsets point past the end.
set(body_corrupt_truncated "  .incbin \"${kws}\", 0, 20000\n")
# The root table offset (first 4 bytes) points far outside the buffer.
set(body_corrupt_root_offset "  .word 0x7ffffff0\n  .incbin \"${kws}\", 4\n")
# A valid root offset and file identifier followed by 4 KB of 0xA5.
set(body_corrupt_garbage "  .word 0x1c\n  .ascii \"TFL3\"\n  .fill 4088, 1, 0xa5\n")
foreach(name IN LISTS MOTE_FIRMWARE_NEGATIVE_TESTS)
  set(asm ${CMAKE_CURRENT_BINARY_DIR}/fw_${name}.S)
  file(CONFIGURE OUTPUT ${asm} CONTENT "${head}${body_${name}}${tail}")
  set_source_files_properties(${asm} PROPERTIES OBJECT_DEPENDS ${kws})
  mote_add_firmware(fw_${name} MODEL_ASM ${asm} OPS ALL ARENA_BYTES 65536
                    EXPECT_STATUS kInvalidModel)
endforeach()

# Issue 5: the dsp front end on Cortex-M (same bits as the host).
include(${PROJECT_SOURCE_DIR}/tests/dsp/firmware/firmware.cmake)

# Issue 4: every optimised kernel variant of this CPU against the reference.
include(${CMAKE_CURRENT_LIST_DIR}/kernels/firmware.cmake)
