# Issue 5's firmware, added to the Cortex-M cross build of the firmware tests
# (included from tests/firmware/firmware.cmake): fw_dsp_kws runs the
# MLPerf-KWS front end on the committed test signal. The host side and the
# comparison are in tests/dsp/CMakeLists.txt and run_fw.sh.
set(_mote_dsp_tests ${PROJECT_SOURCE_DIR}/tests/dsp)
set(_mote_dsp_signal ${CMAKE_CURRENT_BINARY_DIR}/fw_dsp_kws_signal.cc)
add_custom_command(
  OUTPUT ${_mote_dsp_signal}
  COMMAND ${CMAKE_COMMAND} -DIN=${_mote_dsp_tests}/data/audio_signal.npy -DOUT=${_mote_dsp_signal}
          -P ${_mote_dsp_tests}/firmware/embed.cmake
  DEPENDS ${_mote_dsp_tests}/data/audio_signal.npy ${_mote_dsp_tests}/firmware/embed.cmake
  COMMENT "fw_dsp_kws: embedding the test signal")
add_executable(fw_dsp_kws ${_mote_dsp_tests}/firmware/dsp_fw_main.cc ${_mote_dsp_signal})
target_link_libraries(fw_dsp_kws PRIVATE mote_dsp)
target_compile_options(fw_dsp_kws PRIVATE ${MOTE_WARNINGS})
target_compile_definitions(fw_dsp_kws PRIVATE MOTE_QEMU_MACHINE="${MOTE_QEMU_MACHINE}")
target_link_options(fw_dsp_kws PRIVATE ${MOTE_BOARD_LINK_OPTIONS}
                    -Wl,-Map=${CMAKE_BINARY_DIR}/firmware/fw_dsp_kws.map)
set_target_properties(fw_dsp_kws PROPERTIES SUFFIX .elf
                      RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/firmware)
