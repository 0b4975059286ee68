# Cortex-M33 with FPU (QEMU board mps2-an505), arm-none-eabi-gcc + picolibc.
set(MOTE_CPU cortex-m33)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
