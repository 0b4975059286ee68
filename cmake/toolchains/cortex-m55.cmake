# Cortex-M55 with Helium (QEMU board mps3-an547), arm-none-eabi-gcc + picolibc.
set(MOTE_CPU cortex-m55)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
