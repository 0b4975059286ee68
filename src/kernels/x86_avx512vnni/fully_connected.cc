// avx512_util.h first: it must precede <immintrin.h> (see there).
#include "kernels/x86_avx512vnni/avx512_util.h"

#include <algorithm>

#include "kernels/x86_avx512vnni/fully_connected.h"

namespace mote {
namespace x86 {
namespace {

constexpr int kUnits = 8;  // weight rows per block: one ymm of sums

// The reference kernel's geometry: units from the output's last dimension,
// depth from the filter's, batches from the rest of the output.
struct Geometry {
  int units, depth, batches;
  Geometry(const Shape& filter, const Shape& output)
      : units(output.dims[output.rank - 1]),
        depth(filter.dims[filter.rank - 1]),
        batches(static_cast<int>(output.FlatSize(0, output.rank - 1))) {}
};

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

// `stride` 0: one multiplier for all units (per-tensor); 1: per unit.
MOTE_TARGET_AVX512VNNI void FullyConnected(
    const FullyConnectedParams& params, const int32_t* mult,
    const int32_t* shift, int stride, const int8_t* input,
    const Shape& filter_shape, const int8_t* filter, const int32_t* bias,
    const Shape& output_shape, int8_t* output) {
  const Geometry g(filter_shape, output_shape);
  const OutRange8 range =
      MakeOutRange8(params.output_offset, params.act_min, params.act_max);
  for (int b = 0; b < g.batches; ++b) {
    const int8_t* in = input + static_cast<size_t>(b) * g.depth;
    int8_t* out = output + static_cast<size_t>(b) * g.units;
    for (int u0 = 0; u0 < g.units; u0 += kUnits) {
      const int count = std::min(kUnits, g.units - u0);
      const int8_t* w[kUnits];
      for (int i = 0; i < kUnits; ++i) {
        // Rows past the last unit repeat it; their sums are not stored.
        w[i] = filter + static_cast<size_t>(u0 + std::min(i, count - 1)) * g.depth;
      }
      const __m256i sums = DotBlock(in, g.depth, w, params.input_offset);
      const QuantVec8 q =
          MakeQuant8(bias != nullptr ? bias + u0 : nullptr, mult + u0 * stride,
                     shift + u0 * stride, stride, count);
      StoreS8x8(Requant8(sums, q, range), out + u0, count);
    }
  }
}

}  // namespace

size_t FullyConnectedS8ScratchBytes_Avx512Vnni(const FullyConnectedParams&,
                                               const Shape&, const Shape&,
                                               const Shape&) {
  return 0;
}

MOTE_TARGET_AVX512VNNI void FullyConnectedS8_Avx512Vnni(
    const FullyConnectedParams& params, const Shape&, const int8_t* input,
    const Shape& filter_shape, const int8_t* filter, const int32_t* bias,
    const Shape& output_shape, int8_t* output, void*) {
  FullyConnected(params, &params.output_multiplier, &params.output_shift, 0,
                 input, filter_shape, filter, bias, output_shape, output);
}

MOTE_TARGET_AVX512VNNI void FullyConnectedPerChannelS8_Avx512Vnni(
    const FullyConnectedParams& params, const int32_t* output_multiplier,
    const int32_t* output_shift, const Shape&, const int8_t* input,
    const Shape& filter_shape, const int8_t* filter, const int32_t* bias,
    const Shape& output_shape, int8_t* output, void*) {
  FullyConnected(params, output_multiplier, output_shift, 1, input,
                 filter_shape, filter, bias, output_shape, output);
}

}  // namespace x86
}  // namespace mote
