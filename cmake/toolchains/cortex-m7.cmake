# Cortex-M7 with double-precision FPU (QEMU board mps2-an500), arm-none-eabi-gcc + picolibc.
set(MOTE_CPU cortex-m7)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
