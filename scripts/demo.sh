#!/usr/bin/env bash
# The main job: train a small CNN on Debian's Fashion-MNIST
# (/usr/share/datasets/fashion-mnist, package dataset-fashion-mnist) with
# mote's C++ trainer, quantize it to int8, export a .tflite and evaluate it
# with mote's runtime on the 10,000 test images: accuracy, arena bytes,
# flash bytes and latency. A few minutes on 2 cores; no Python.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target mote
MOTE=build/release/tools/mote/mote
CONFIG=examples/fashion-mnist/config.json
OUT=build/fashion-mnist
DATA=/usr/share/datasets/fashion-mnist
start=$SECONDS

echo "== mote train $CONFIG   (29.8k parameters, 10 epochs, 2 threads)"
"$MOTE" train "$CONFIG" --out "$OUT"
echo "== mote quantize $OUT/model.ckpt   (int8, per-channel weights)"
"$MOTE" quantize "$OUT/model.ckpt" -o "$OUT/fashion_mnist_int8.tflite"
echo "== mote eval $OUT/fashion_mnist_int8.tflite $DATA   (runtime, t10k split)"
"$MOTE" eval "$OUT/fashion_mnist_int8.tflite" "$DATA" --confusion-png "$OUT/confusion.png"
echo "== mote inspect $OUT/fashion_mnist_int8.tflite"
"$MOTE" inspect "$OUT/fashion_mnist_int8.tflite"
echo "demo.sh: train + quantize + eval in $((SECONDS - start)) s; model, curves and plots in $OUT/"
