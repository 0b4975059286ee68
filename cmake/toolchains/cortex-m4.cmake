# Cortex-M4F (QEMU board mps2-an386), arm-none-eabi-gcc + picolibc.
set(MOTE_CPU cortex-m4)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
