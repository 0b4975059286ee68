#!/usr/bin/env bash
# Instructions per inference under QEMU, reference vs optimised kernels, for
# BENCHMARKS.md ("Optimised kernels: Cortex-M under QEMU").
#
#   bench/arm_kernels_qemu.sh MOTE_CLI WORK_DIR [--build-type MinSizeRel|Release]
#                             [--cpus "cortex-m4 cortex-m55"] [--models "kws_ref_model ..."]
#                             [--ops] [--only optimised|reference]
#
# MOTE_CLI is a host build's `mote` (its folder also holds the plugin,
# tools/qemu-plugin/libmote_insn_count.so). The firmware is built from the
# tree this script sits in (an export of a commit measures that commit), not
# from the tree `mote` was built from. For each CPU, two cross builds in
# WORK_DIR: one with the reference kernels (MOTE_KERNEL_ISA=portable), one
# with the CPU's own folder (arm_dsp on M4, arm_mve on M55). `mote bench
# --target` builds one firmware per model, checks its outputs against the
# host's byte for byte and counts the instructions of one Invoke. Prints a
# Markdown table (and, with --ops, each model's ops sorted by instructions);
# the JSON of every run stays in WORK_DIR.
set -euo pipefail

cli=${1:?give the host mote binary}
work=${2:?give a work directory}
shift 2
build_type=MinSizeRel
cpus="cortex-m4 cortex-m55"
models="kws_ref_model vww_96_int8 pretrainedResnet_quant ad01_int8"
ops=0
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build-type) build_type=$2; shift 2 ;;
    --cpus) cpus=$2; shift 2 ;;
    --models) models=$2; shift 2 ;;
    --ops) ops=1; shift ;;
    --only) only=$2; shift 2 ;;
    *) echo "arm_kernels_qemu.sh: unknown option $1" >&2; exit 64 ;;
  esac
done
src=$(cd "$(dirname "$0")/.." && pwd)
shared=${MOTE_SHARED_MODELS:-$src/../shared/models}
mkdir -p "$work"
work=$(cd "$work" && pwd)

for cpu in $cpus; do
  for kind in reference optimised; do
    [ -n "$only" ] && [ "$only" != "$kind" ] && continue
    isa=portable
    [ "$kind" = optimised ] && isa=""   # the CPU's default folder
    dir=$work/$cpu-$build_type-$kind
    # Seed the cache with the kernel folder; `mote bench` configures the rest.
    cmake -S "$src" -B "$dir" -G Ninja \
      -DCMAKE_TOOLCHAIN_FILE="$src/cmake/toolchains/$cpu.cmake" \
      -DCMAKE_BUILD_TYPE="$build_type" -DMOTE_KERNEL_ISA="$isa" > "$dir.configure.log"
    for m in $models; do
      "$cli" bench "$shared/$m.tflite" --target "$cpu" --build-type "$build_type" --source-dir "$src" \
        --build-dir "$dir" --json > "$work/$m.$cpu.$build_type.$kind.json"
    done
  done
done

/usr/bin/python3 - "$work" "$build_type" "$ops" "$cpus" "$models" <<'EOF'
import json, os, sys
work, bt, ops, cpus, models = sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4].split(), sys.argv[5].split()
def load(m, cpu, kind):
    p = os.path.join(work, f"{m}.{cpu}.{bt}.{kind}.json")
    return json.load(open(p)) if os.path.exists(p) else None
short = {"cortex-m4": "M4", "cortex-m55": "M55"}
head = "| model | MACs |"
rule = "|---|---:|"
for cpu in cpus:
    c = short.get(cpu, cpu)
    head += f" {c} reference | {c} optimised | {c} speed-up |"
    rule += "---:|---:|---:|"
print(head); print(rule)
for m in models:
    row, macs = f"| {m} |", None
    cells = ""
    for cpu in cpus:
        r, o = load(m, cpu, "reference"), load(m, cpu, "optimised")
        for j in (r, o):
            if j: macs = j["macs"]
        fmt = lambda j: f"{j['instructions_per_inference']:,} ({j['macs_per_instruction']:.3f})" if j else "-"
        up = f"{r['instructions_per_inference'] / o['instructions_per_inference']:.1f}x" if r and o else "-"
        cells += f" {fmt(r)} | {fmt(o)} | {up} |"
    print(row + f" {macs/1e6:.2f} M |" + cells)
if ops:
    for m in models:
        for cpu in cpus:
            o = load(m, cpu, "optimised")
            if not o: continue
            print(f"\n{m} on {cpu}, {o['kernels']} kernels: ops by instructions")
            agg = {}
            for op in o["ops"]:
                a = agg.setdefault(op["op"], [0, 0, 0])
                a[0] += op["instructions"]; a[1] += op["macs"]; a[2] += 1
            total = sum(a[0] for a in agg.values())
            for name, (n, mac, cnt) in sorted(agg.items(), key=lambda kv: -kv[1][0]):
                print(f"  {name:<22} x{cnt:<3} {n:>12,} insn {100*n/total:5.1f}%  "
                      f"{mac:>11,} MACs  {mac/n if n else 0:.3f} MAC/insn")
EOF
