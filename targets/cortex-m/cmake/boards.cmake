# The QEMU board for each CPU and its memory map (what picolibc's linker
# script needs). run.sh has the same CPU -> board table.
#   mps2-an386  Cortex-M4F: code SSRAM 0x00000000 4 MB, data SSRAM 0x20000000 4 MB
#   mps2-an500  Cortex-M7:  same map as the AN386
#   mps2-an505  Cortex-M33: boots secure; code 0x10000000 4 MB, data 0x38000000 4 MB
#   mps3-an547  Cortex-M55: ITCM 0x00000000 512 KB, DTCM 0x20000000 512 KB
function(mote_board_for_cpu cpu)
  if(cpu STREQUAL "cortex-m4")
    set(machine mps2-an386)
    set(flash 0x00000000 4M)
    set(ram 0x20000000 4M)
  elseif(cpu STREQUAL "cortex-m7")
    set(machine mps2-an500)
    set(flash 0x00000000 4M)
    set(ram 0x20000000 4M)
  elseif(cpu STREQUAL "cortex-m33")
    set(machine mps2-an505)
    set(flash 0x10000000 4M)
    set(ram 0x38000000 4M)
  elseif(cpu STREQUAL "cortex-m55")
    set(machine mps3-an547)
    set(flash 0x00000000 512K)
    set(ram 0x20000000 512K)
  else()
    message(FATAL_ERROR "no QEMU board for '${cpu}'")
  endif()
  list(GET flash 0 flash_origin)
  list(GET flash 1 flash_size)
  list(GET ram 0 ram_origin)
  list(GET ram 1 ram_size)
  set(MOTE_QEMU_MACHINE ${machine} PARENT_SCOPE)
  # picolibc's crt0 (semihosting) and linker script: no start-up code or
  # linker script of mote's own is needed.
  set(MOTE_BOARD_LINK_OPTIONS
      --oslib=semihost --crt0=semihost
      -Wl,--defsym=__flash=${flash_origin} -Wl,--defsym=__flash_size=${flash_size}
      -Wl,--defsym=__ram=${ram_origin} -Wl,--defsym=__ram_size=${ram_size}
      PARENT_SCOPE)
endfunction()
