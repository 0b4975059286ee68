// avx512_util.h first: it must precede <immintrin.h> (see there).
#include "kernels/x86_avx512vnni/avx512_util.h"

#include "kernels/x86_avx2/fully_connected_blocks.h"
#include "kernels/x86_avx512vnni/fully_connected.h"

namespace mote {
namespace x86 {
namespace {

constexpr int kUnits = kFullyConnectedUnits;

// The 16 lanes of v summed pairwise into 8 (lane i + lane i + 8).
MOTE_TARGET_AVX512VNNI inline __m256i Fold(__m512i v) {
  return _mm256_add_epi32(_mm512_castsi512_si256(v),
                          _mm512_extracti64x4_epi64(v, 1));
}

// One block of up to 8 units for one batch row: sum((a + 128) * w) and
// sum(w) per unit, combined as sum((a + offset) * w).
MOTE_TARGET_AVX512VNNI inline __m256i DotBlock(const int8_t* a, int depth,
                                               const int8_t* const w[kUnits],
                                               int32_t input_offset) {
  __m512i acc[kUnits], wsum[kUnits];
  for (int i = 0; i < kUnits; ++i) {
    acc[i] = _mm512_setzero_si512();
    wsum[i] = _mm512_setzero_si512();
  }
  const __m512i ones = _mm512_set1_epi8(1);
  const __m512i flip = _mm512_set1_epi8(static_cast<char>(0x80));
  for (int k = 0; k < depth; k += 64) {
    // a + 128 as unsigned; past the depth the weights are 0.
    const __mmask64 valid = FirstBytes64(depth - k);
    const __m512i av =
        _mm512_xor_si512(_mm512_maskz_loadu_epi8(valid, a + k), flip);
    for (int i = 0; i < kUnits; ++i) {
      const __m512i wv = _mm512_maskz_loadu_epi8(valid, w[i] + k);
      acc[i] = _mm512_dpbusd_epi32(acc[i], av, wv);
      wsum[i] = _mm512_dpbusd_epi32(wsum[i], ones, wv);
    }
  }
  __m256i acc8[kUnits], wsum8[kUnits];
  for (int i = 0; i < kUnits; ++i) {
    acc8[i] = Fold(acc[i]);
    wsum8[i] = Fold(wsum[i]);
  }
  return _mm256_add_epi32(
      HorizontalSums8(acc8),
      _mm256_mullo_epi32(_mm256_set1_epi32(input_offset - 128),
                         HorizontalSums8(wsum8)));
}

// This instruction set's dot product for FullyConnectedBlocks.
struct Dot {
  MOTE_TARGET_AVX512VNNI __m256i operator()(
      const int8_t* a, int depth, int32_t input_offset,
      const int8_t* const w[kUnits]) const {
    return DotBlock(a, depth, w, input_offset);
  }
};

}  // namespace

size_t FullyConnectedS8ScratchBytes_Avx512Vnni(const FullyConnectedParams&,
                                               const Shape&, const Shape&,
                                               const Shape&) {
  return 0;
}

MOTE_FLATTEN_FULLY_CONNECTED MOTE_TARGET_AVX512VNNI void FullyConnectedS8_Avx512Vnni(
    const FullyConnectedParams& params, const Shape&, const int8_t* input,
    const Shape& filter_shape, const int8_t* filter, const int32_t* bias,
    const Shape& output_shape, int8_t* output, void*) {
  FullyConnectedBlocks(Dot(), params, &params.output_multiplier,
                       &params.output_shift, 0, input, filter_shape, filter,
                       bias, output_shape, output);
}

MOTE_FLATTEN_FULLY_CONNECTED MOTE_TARGET_AVX512VNNI void FullyConnectedPerChannelS8_Avx512Vnni(
    const FullyConnectedParams& params, const int32_t* output_multiplier,
    const int32_t* output_shift, const Shape&, const int8_t* input,
    const Shape& filter_shape, const int8_t* filter, const int32_t* bias,
    const Shape& output_shape, int8_t* output, void*) {
  FullyConnectedBlocks(Dot(), params, output_multiplier, output_shift, 1,
                       input, filter_shape, filter, bias, output_shape, output);
}

}  // namespace x86
}  // namespace mote
