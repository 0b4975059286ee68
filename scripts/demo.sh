#!/usr/bin/env bash
# The main job: set up, build, then inspect, run and benchmark the demo model
# that ships in the repository (examples/models/demo_kws_int8.tflite, built
# by mote's own model writer: `mote make-demo`).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target mote
MOTE=build/release/tools/mote/mote
MODEL=examples/models/demo_kws_int8.tflite
echo "== mote inspect $MODEL"
"$MOTE" inspect "$MODEL"
echo "== mote run $MODEL --random 1"
"$MOTE" run "$MODEL" --random 1
echo "== mote bench $MODEL"
"$MOTE" bench "$MODEL" --runs 200
