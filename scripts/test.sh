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

# The host readers of user files: the first byte of an input picks the reader
# (0 CSV, 1 .npy, 2/3/4 audio/imu/image JSON config, 5 audio file).
HOST_FUZZ_SECONDS=${MOTE_HOST_FUZZ_SECONDS:-30}
cmake --build build/fuzz -j "$JOBS" --target mote_host_input_fuzzer
hcorpus=build/fuzz/host_corpus
mkdir -p "$hcorpus"
seed() { { printf "\\x$1"; cat "$2"; } > "$hcorpus/$(basename "$2").$1"; }
d=tests/dsp/data
seed 00 $d/imu_signal.csv
seed 01 $d/audio_signal.npy
for j in $d/audio_*.json; do seed 02 "$j"; done
for j in $d/imu_*.json; do seed 03 "$j"; done
sox -n -r 16000 -c 1 -b 16 build/fuzz/seed.wav synth 0.05 sine 440
seed 05 build/fuzz/seed.wav
(cd build/fuzz && ./tests/fuzz/mote_host_input_fuzzer -max_total_time="$HOST_FUZZ_SECONDS" \
   -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1 host_corpus 2>&1 | tail -n 12)
echo "test.sh: all tests passed, fuzzing found nothing (models ${FUZZ_SECONDS}s, host readers ${HOST_FUZZ_SECONDS}s)"
