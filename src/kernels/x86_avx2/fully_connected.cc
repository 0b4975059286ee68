#include "kernels/x86_avx2/fully_connected.h"

#include <immintrin.h>

#include "kernels/x86_avx2/avx2_util.h"
#include "kernels/x86_avx2/fully_connected_blocks.h"

namespace mote {
namespace x86 {
namespace {

constexpr int kUnits = kFullyConnectedUnits;

// One block of up to 8 units for one batch row: exact int32 dot products
// of the input row `a` (+ offset, widened) with weight rows w[0..7].
MOTE_TARGET_AVX2 inline __m256i DotBlock(const int8_t* a, int depth,
                                         int32_t input_offset,
                                         const int8_t* const w[kUnits]) {
  __m256i acc[kUnits];
  for (int i = 0; i < kUnits; ++i) acc[i] = _mm256_setzero_si256();
  const __m256i offset = _mm256_set1_epi16(static_cast<int16_t>(input_offset));
  const int full = depth / 16 * 16;
  for (int k = 0; k < full; k += 16) {
    const __m256i av = _mm256_add_epi16(
        _mm256_cvtepi8_epi16(
            _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + k))),
        offset);
    for (int i = 0; i < kUnits; ++i) {
      const __m256i wv = _mm256_cvtepi8_epi16(
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(w[i] + k)));
      acc[i] = _mm256_add_epi32(acc[i], _mm256_madd_epi16(av, wv));
    }
  }
  __m256i sums = HorizontalSums8(acc);
  if (full < depth) {
    alignas(32) int32_t tail[kUnits];
    for (int i = 0; i < kUnits; ++i) {
      uint32_t t = 0;
      for (int k = full; k < depth; ++k) {
        t += static_cast<uint32_t>((a[k] + input_offset) * w[i][k]);
      }
      tail[i] = static_cast<int32_t>(t);
    }
    sums = _mm256_add_epi32(
        sums, _mm256_load_si256(reinterpret_cast<const __m256i*>(tail)));
  }
  return sums;
}

// This instruction set's dot product for FullyConnectedBlocks.
struct Dot {
  MOTE_TARGET_AVX2 __m256i operator()(
      const int8_t* a, int depth, int32_t input_offset,
      const int8_t* const w[kUnits]) const {
    return DotBlock(a, depth, input_offset, w);
  }
};

}  // namespace

size_t FullyConnectedS8ScratchBytes_Avx2(const FullyConnectedParams&,
                                         const Shape&, const Shape&,
                                         const Shape&) {
  return 0;
}

MOTE_FLATTEN_FULLY_CONNECTED MOTE_TARGET_AVX2 void FullyConnectedS8_Avx2(
    const FullyConnectedParams& params, const Shape&, const int8_t* input,
    const Shape& filter_shape, const int8_t* filter, const int32_t* bias,
    const Shape& output_shape, int8_t* output, void*) {
  FullyConnectedBlocks(Dot(), params, &params.output_multiplier,
                       &params.output_shift, 0, input, filter_shape, filter,
                       bias, output_shape, output);
}

MOTE_FLATTEN_FULLY_CONNECTED MOTE_TARGET_AVX2 void FullyConnectedPerChannelS8_Avx2(
    const FullyConnectedParams& params, const int32_t* output_multiplier,
    const int32_t* output_shift, const Shape&, const int8_t* input,
    const Shape& filter_shape, const int8_t* filter, const int32_t* bias,
    const Shape& output_shape, int8_t* output, void*) {
  FullyConnectedBlocks(Dot(), params, output_multiplier, output_shift, 1,
                       input, filter_shape, filter, bias, output_shape, output);
}

}  // namespace x86
}  // namespace mote
