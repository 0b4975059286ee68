# Bare-metal Arm Cortex-M with Debian's arm-none-eabi-gcc 12 and picolibc.
# Not used directly: include it from a CPU file (cortex-m4.cmake, ...) that
# sets MOTE_CPU first, or pass -DMOTE_CPU=... with this file.
#
#   cmake -S . -B build/cortex-m4 -G Ninja \
#         -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/cortex-m4.cmake
#   (or: cmake --preset cortex-m4)
#
# A cross build of mote makes the runtime library, the Cortex-M platform layer
# and firmware (targets/cortex-m); host tools and tests need the host build.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
# Compiler checks cannot link a program before the firmware's start-up exists.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

if(NOT MOTE_CPU)
  message(FATAL_ERROR "arm-none-eabi.cmake: set MOTE_CPU (cortex-m4, cortex-m33, cortex-m7, "
                      "cortex-m55) or use cmake/toolchains/<cpu>.cmake")
endif()
# try_compile projects see the CPU too.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES MOTE_CPU)

# Each CPU with its hardware FPU and the hard-float ABI (picolibc ships a
# library for each of these multilibs).
if(MOTE_CPU STREQUAL "cortex-m4")
  set(_mote_cpu_flags "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16")
elseif(MOTE_CPU STREQUAL "cortex-m33")
  set(_mote_cpu_flags "-mcpu=cortex-m33 -mthumb -mfloat-abi=hard -mfpu=fpv5-sp-d16")
elseif(MOTE_CPU STREQUAL "cortex-m7")
  set(_mote_cpu_flags "-mcpu=cortex-m7 -mthumb -mfloat-abi=hard -mfpu=fpv5-d16")
elseif(MOTE_CPU STREQUAL "cortex-m55")
  # Helium (MVE, integer and float) and the FPU come with -mcpu=cortex-m55.
  set(_mote_cpu_flags "-mcpu=cortex-m55 -mthumb -mfloat-abi=hard")
else()
  message(FATAL_ERROR "arm-none-eabi.cmake: unknown MOTE_CPU '${MOTE_CPU}' "
                      "(cortex-m4, cortex-m33, cortex-m7, cortex-m55)")
endif()

# picolibc's specs files put its headers (and libstdc++'s for picolibc) on the
# include path and its libraries on the link line. Firmware code has no
# exceptions, RTTI or thread-safe static guards; every function and object
# gets its own section so the linker drops what is unused.
set(_mote_common "${_mote_cpu_flags} -ffunction-sections -fdata-sections")
set(CMAKE_C_FLAGS_INIT "${_mote_common} --specs=picolibc.specs")
set(CMAKE_CXX_FLAGS_INIT
    "${_mote_common} --specs=picolibcpp.specs -fno-exceptions -fno-rtti -fno-threadsafe-statics")
set(CMAKE_ASM_FLAGS_INIT "${_mote_cpu_flags}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-Wl,--gc-sections")

# Firmware is built for size unless asked otherwise.
if(NOT CMAKE_BUILD_TYPE)
  set(CMAKE_BUILD_TYPE MinSizeRel CACHE STRING "Build type (firmware default: -Os)")
endif()

# Programs (flatc, the host mote CLI) come from the host; nothing else does.
set(CMAKE_FIND_ROOT_PATH /usr/lib/picolibc/arm-none-eabi)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
