#!/usr/bin/env bash
# Installs every Debian package mote's build, tools and tests need.
# Idempotent; run as root (or with sudo available) on Debian 12.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libgtest-dev libgmock-dev libbenchmark-dev
  libflatbuffers-dev flatbuffers-compiler
  libcli11-dev nlohmann-json3-dev libfmt-dev
  clang libclang-rt-14-dev
  # mote features (issue 5): WAV and PNG/JPEG readers; espeak-ng and sox make
  # the spoken keywords of the end-to-end KWS test.
  libsndfile1-dev libstb-dev espeak-ng sox
  # Cortex-M firmware and QEMU (installed without recommends: those are
  # hundreds of MB of graphics and firmware blobs mote does not use).
  gcc-arm-none-eabi picolibc-arm-none-eabi libstdc++-arm-none-eabi-picolibc qemu-system-arm
  # mote train (issue 6): Eigen for the products, zlib for gzipped IDX, the
  # Fashion-MNIST data set.
  libeigen3-dev zlib1g-dev dataset-fashion-mnist
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
