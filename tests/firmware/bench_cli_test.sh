#!/usr/bin/env bash
# End to end: `mote bench MODEL --target CPU --json` builds a firmware in an
# existing cross build, runs it under QEMU and reports the keys users rely on.
# Usage: bench_cli_test.sh MOTE SOURCE_DIR PLUGIN BUILD_DIR CPU MODEL
set -euo pipefail
mote=$1 source=$2 plugin=$3 build=$4 cpu=$5 model=$6
out=$("$mote" bench "$model" --target "$cpu" --json --source-dir "$source" \
        --plugin "$plugin" --build-dir "$build")
echo "$out"
value() { echo "$out" | sed -n "s/^  \"$1\": \([0-9.]*\),*$/\1/p"; }
status=0
for key in instructions_per_inference macs_per_instruction prepare_instructions arena_bytes \
           stack_bytes flash_bytes ram_bytes text_bytes rodata_bytes data_bytes bss_bytes; do
  v=$(value "$key")
  if [ -z "$v" ] || [ "$v" = "0" ]; then
    echo "bench_cli_test: key $key missing or zero"; status=1
  fi
done
# Flash holds at least the model; the split names the runtime core and kernels.
model_bytes=$(stat -c %s "$model")
flash=$(value flash_bytes)
[ "${flash:-0}" -gt "$model_bytes" ] || { echo "bench_cli_test: flash $flash <= model $model_bytes"; status=1; }
for part in runtime_core kernels model libc; do
  echo "$out" | grep -q "\"$part\": [1-9]" || { echo "bench_cli_test: flash has no $part"; status=1; }
done
echo "$out" | grep -q '"outputs_match_host": true' || { echo "bench_cli_test: outputs"; status=1; }
exit $status
