#!/usr/bin/env bash
# Same bits on the host and on Cortex-M under QEMU:
#   run_fw.sh HOST_PROGRAM FIRMWARE.elf [INSN_PLUGIN.so]
# runs both builds of dsp_fw_main.cc and fails unless the fixed-point lines
# (Q16 MFCC hash, int8 tensor) are identical. Prints the float comparison
# and, with the plugin, instructions per region (fixed/float init, and the
# features of 1 s of 16 kHz audio: 49 frames, 10 MFCC).
set -euo pipefail
host_exe=$1 elf=$2 plugin=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$host_exe" >"$work/host"
machine=$(arm-none-eabi-readelf -p .mote.board "$elf" | sed -n 's/^ *\[ *[0-9a-f]*\] *//p' | head -n 1)
args=(-M "$machine" -nographic -monitor none -serial none
      -semihosting-config enable=on,target=native -kernel "$elf")
[ -n "$plugin" ] && args+=(-plugin "$plugin,out=$work/counts")
status=0
timeout 120 qemu-system-arm "${args[@]}" >"$work/target" 2>&1 </dev/null || status=$?
if [ $status -ne 0 ]; then
  cat "$work/target"; echo "run_fw.sh: $elf exited with $status on $machine"; exit 1
fi
echo "$machine: $(grep '^frames' "$work/target")"
if ! diff <(grep '^fixed_' "$work/host") <(grep '^fixed_' "$work/target"); then
  echo "run_fw.sh: FAIL: the fixed-point features differ between the host and $machine"
  exit 1
fi
echo "fixed point: identical bits ($(grep '^fixed_q16' "$work/host"))"
for line in float_f32 float_s8; do
  if diff -q <(grep "^$line" "$work/host") <(grep "^$line" "$work/target") >/dev/null; then
    echo "$line: identical"
  else
    echo "$line: differs (libm's logf/expf differ between glibc and picolibc)"
  fi
done
if [ -n "$plugin" ]; then
  awk '$1 == "insn_mark" { m[$2] = $3 }
       END { printf "insn: fixed init %d\ninsn: fixed features_1s %d\n", m[1] - m[0], m[2] - m[1]
             printf "insn: float init %d\ninsn: float features_1s %d\n", m[4] - m[3], m[5] - m[4] }' \
      "$work/counts"
fi
