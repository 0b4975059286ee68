#!/usr/bin/env bash
# Sets up, builds and runs every test: the whole suite under ASan + UBSan,
# then a bounded libFuzzer run of the model reader and interpreter.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
JOBS=$(nproc)

cmake --preset asan >/dev/null
cmake --build --preset asan -j "$JOBS"
ctest --preset asan -j "$JOBS"

# Fuzzing: clang + libFuzzer + ASan/UBSan, seeded with real models; any crash
# fails the run and leaves the input in build/fuzz/.
FUZZ_SECONDS=${MOTE_FUZZ_SECONDS:-60}
CC=clang CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DMOTE_BUILD_FUZZ=ON -DMOTE_BUILD_TESTS=OFF -DMOTE_BUILD_TOOLS=OFF -DMOTE_BUILD_BENCH=OFF >/dev/null
cmake --build build/fuzz -j "$JOBS" --target mote_model_fuzzer
corpus=build/fuzz/corpus
mkdir -p "$corpus"
cp examples/models/*.tflite "$corpus"/
shared=${MOTE_SHARED_MODELS:-../shared/models}
for m in hello_world_int8 hello_world_float micro_speech_quantized kws_ref_model \
         simple_add_model trained_lstm_int8 audio_preprocessor_int8; do
  [ -f "$shared/$m.tflite" ] && cp "$shared/$m.tflite" "$corpus"/
done
(cd build/fuzz && ./tests/fuzz/mote_model_fuzzer -max_total_time="$FUZZ_SECONDS" \
   -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1 corpus 2>&1 | tail -n 12)
echo "test.sh: all tests passed, fuzzing found nothing in ${FUZZ_SECONDS}s"
