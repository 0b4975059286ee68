# Issue 4's firmware, added to the Cortex-M cross build of the firmware tests
# (included from tests/firmware/firmware.cmake): fw_kernel_tests runs every
# optimised kernel variant of this CPU's instruction set (MOTE_KERNEL_ISA_USED,
# src/CMakeLists.txt) against the reference kernels. ctest runs it with
# targets/cortex-m/run.sh (tests/firmware/CMakeLists.txt).
set(_mote_kt ${PROJECT_SOURCE_DIR}/tests/firmware/kernels)
if(EXISTS ${_mote_kt}/${MOTE_KERNEL_ISA_USED}_variants.cc)
  add_executable(fw_kernel_tests
    ${_mote_kt}/main.cc ${_mote_kt}/tester.cc ${_mote_kt}/conv_tester.cc
    ${_mote_kt}/depthwise_tester.cc ${_mote_kt}/fully_connected_tester.cc
    ${_mote_kt}/add_tester.cc ${_mote_kt}/pool_tester.cc
    ${_mote_kt}/softmax_tester.cc ${_mote_kt}/conv_s16_tester.cc
    ${_mote_kt}/bench_marks.cc
    ${_mote_kt}/${MOTE_KERNEL_ISA_USED}_variants.cc)
  target_link_libraries(fw_kernel_tests PRIVATE mote_kernels)
  # tests/common: helpers shared with the host testers.
  target_include_directories(fw_kernel_tests PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_compile_features(fw_kernel_tests PRIVATE cxx_std_17)
  target_compile_options(fw_kernel_tests PRIVATE ${MOTE_WARNINGS})
  target_compile_definitions(fw_kernel_tests PRIVATE MOTE_QEMU_MACHINE="${MOTE_QEMU_MACHINE}")
  target_link_options(fw_kernel_tests PRIVATE ${MOTE_BOARD_LINK_OPTIONS}
                      -Wl,-Map=${CMAKE_BINARY_DIR}/firmware/fw_kernel_tests.map)
  set_target_properties(fw_kernel_tests PROPERTIES SUFFIX .elf
                        RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/firmware)
endif()
