#!/usr/bin/env bash
# Runs a mote firmware under QEMU and reports instruction counts.
#
#   targets/cortex-m/run.sh [--plugin LIB.so] [--timeout SEC] [--pcprof FILE]
#                           [--machine BOARD] FIRMWARE.elf
#
# The QEMU board comes from the firmware (mote_add_firmware records it in
# its .mote.board section); --machine overrides it. With the instruction
# counting plugin (--plugin, or $MOTE_QEMU_PLUGIN: libmote_insn_count.so
# from tools/qemu-plugin) the firmware's instruction marks become counts:
#   insn: load N
#   insn: case K prepare N invoke N
#   insn: op I code C N
#   instructions_per_inference N        (case 0's Invoke)
# --pcprof FILE writes per-address instruction counts (see the plugin).
# Exit status: the firmware's (0 pass; 1 hard fault; 2 mismatch; 3 status;
# 4 vectors; 5 stack), 124 on timeout, 64 on a usage or counting error.
set -euo pipefail

plugin=${MOTE_QEMU_PLUGIN:-}
timeout=120
machine=""
pcprof=""
elf=""
while [ $# -gt 0 ]; do
  case "$1" in
    --plugin) plugin=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --machine) machine=$2; shift 2 ;;
    --pcprof) pcprof=$2; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 64 ;;
    *) elf=$1; shift ;;
  esac
done
if [ -z "$elf" ] || [ ! -f "$elf" ]; then
  echo "run.sh: give a firmware .elf (got '${elf}')" >&2; exit 64
fi
if [ -z "$machine" ]; then
  machine=$(arm-none-eabi-readelf -p .mote.board "$elf" 2>/dev/null |
            sed -n 's/^ *\[ *[0-9a-f]*\] *//p' | head -n 1)
fi
if [ -z "$machine" ]; then
  echo "run.sh: $elf names no QEMU board: pass --machine (mps2-an386, mps2-an500, mps2-an505, mps3-an547)" >&2
  exit 64
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
args=(-M "$machine" -nographic -monitor none -serial none
      -semihosting-config enable=on,target=native -kernel "$elf")
if [ -n "$plugin" ]; then
  popt="$plugin,out=$work/counts"
  [ -n "$pcprof" ] && popt="$popt,pcprof=$pcprof"
  args+=(-plugin "$popt")
fi
status=0
# Semihosting output goes to stderr; keep both streams, in order.
timeout "$timeout" qemu-system-arm "${args[@]}" >"$work/out" 2>&1 </dev/null || status=$?
cat "$work/out"
if [ $status -eq 124 ]; then
  echo "run.sh: $elf did not finish within ${timeout}s" >&2
  exit 124
fi
if [ -n "$plugin" ]; then
  if [ ! -f "$work/counts" ]; then
    echo "run.sh: the plugin wrote no counts ($plugin)" >&2; exit 64
  fi
  # Pair the firmware's mark numbers with the plugin's counts.
  awk '
    FNR == NR {
      if ($1 == "insn_mark") { mark[$2] = $3; n++ }
      if ($1 == "insn_total") total = $2
      next
    }
    /^fw: load_marks / { printf "insn: load %d\n", mark[$4] - mark[$3] }
    /^fw: case .* prepare_marks / {
      p = mark[$6] - mark[$5]; v = mark[$9] - mark[$8]
      printf "insn: case %s prepare %d invoke %d\n", $3, p, v
      if ($3 == 0) first = v
    }
    /^fw: op .* marks / { printf "insn: op %s code %s %d\n", $3, $5, mark[$8] - mark[$7] }
    /^fw: marks / { want = $3 }
    END {
      printf "insn: total %d\n", total
      if (want != n) {
        printf "run.sh: the firmware made %d marks, the plugin saw %d\n", want, n > "/dev/stderr"
        exit 64
      }
      if (first != "") printf "instructions_per_inference %d\n", first
    }' "$work/counts" "$work/out" || exit 64
fi
exit $status
