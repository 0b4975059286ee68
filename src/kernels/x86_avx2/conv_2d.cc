#include "kernels/x86_avx2/conv_2d.h"

#include <immintrin.h>

#include <algorithm>
#include <cstring>

#include "kernels/x86_avx2/avx2_util.h"
#include "kernels/x86_avx2/conv_plan.h"
#include "kernels/x86_avx2/conv_2d_packed.h"

namespace mote {
namespace x86 {
namespace {

constexpr int kRows = 2;  // rows per tile
constexpr int kCols = 4;  // output channels per tile: 2 x 4 = one ymm of sums
ConvPlan MakePlan(const ConvParams& params, const Shape& input,
                  const Shape& filter, const Shape& output, void* scratch) {
  return ConvPlan::Make(params, input, filter, output, scratch,
                        kConvPackedMaxK_Avx2, kRows);
}

// The 16 values at a0 and a1 (+ offset, as int16) times the 16 values at
// w[n] + k, accumulated into acc[4 * row + n].
MOTE_TARGET_AVX2 inline void Mac2x4(const int8_t* a0, const int8_t* a1,
                                    const int8_t* const w[kCols], int k,
                                    __m256i offset, __m256i acc[8]) {
  const __m256i x0 = _mm256_add_epi16(
      _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(a0))),
      offset);
  const __m256i x1 = _mm256_add_epi16(
      _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(a1))),
      offset);
  for (int n = 0; n < kCols; ++n) {
    const __m256i wv = _mm256_cvtepi8_epi16(
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(w[n] + k)));
    acc[n] = _mm256_add_epi32(acc[n], _mm256_madd_epi16(x0, wv));
    acc[kCols + n] = _mm256_add_epi32(acc[kCols + n], _mm256_madd_epi16(x1, wv));
  }
}

// Rows a0 and a1 of K contiguous values.
MOTE_TARGET_AVX2 inline void DotRows(const int8_t* a0, const int8_t* a1,
                                     const int8_t* const w[kCols], int K,
                                     __m256i offset, __m256i acc[8]) {
  int k = 0;
  for (; k + 16 <= K; k += 16) Mac2x4(a0 + k, a1 + k, w, k, offset, acc);
  if (k == K) return;
  // The tail through zero-filled copies (16 bytes read in place could pass
  // the end of the tensor); zero weights make the padded products 0.
  const size_t n = static_cast<size_t>(K - k);
  alignas(16) int8_t ta[kRows][16] = {};
  alignas(16) int8_t tw[kCols][16] = {};
  memcpy(ta[0], a0 + k, n);
  memcpy(ta[1], a1 + k, n);
  const int8_t* wt[kCols];
  for (int c = 0; c < kCols; ++c) {
    memcpy(tw[c], w[c] + k, n);
    wt[c] = tw[c];
  }
  Mac2x4(ta[0], ta[1], wt, 0, offset, acc);
}

// Rows given by their taps' pixels (in_ch % 16 == 0).
MOTE_TARGET_AVX2 inline void DotTaps(const int8_t* const* tap0,
                                     const int8_t* const* tap1, int taps,
                                     int in_ch, const int8_t* const w[kCols],
                                     __m256i offset, __m256i acc[8]) {
  int k = 0;
  for (int t = 0; t < taps; ++t) {
    for (int c = 0; c < in_ch; c += 16, k += 16) {
      Mac2x4(tap0[t] + c, tap1[t] + c, w, k, offset, acc);
    }
  }
}

// Sums, requantizes and stores a tile: n_valid channels of out0 and, when
// not null, of out1.
MOTE_TARGET_AVX2 inline void Finish(const __m256i acc[8], const QuantVec8& q,
                                    const OutRange8& range, int8_t* out0,
                                    int8_t* out1, int n_valid) {
  const __m256i v = Requant8(HorizontalSums8(acc), q, range);
  __m128i b = _mm_packs_epi32(_mm256_castsi256_si128(v),
                              _mm256_extracti128_si256(v, 1));
  b = _mm_packs_epi16(b, b);  // bytes: row 0 channels 0-3, row 1 channels 0-3
  const uint32_t r0 = static_cast<uint32_t>(_mm_cvtsi128_si32(b));
  const uint32_t r1 = static_cast<uint32_t>(_mm_extract_epi32(b, 1));
  memcpy(out0, &r0, static_cast<size_t>(n_valid));
  if (out1 != nullptr) memcpy(out1, &r1, static_cast<size_t>(n_valid));
}

struct Tile {
  const int8_t* w[kCols];  // filter rows (the last one repeated past N)
  QuantVec8 q;
  int n0 = 0;
  int n_valid = 0;
};

MOTE_TARGET_AVX2 inline Tile MakeTile(const int8_t* filter, const int32_t* bias,
                                      const int32_t* mult, const int32_t* shift,
                                      int N, int K, int n0) {
  Tile t;
  t.n0 = n0;
  t.n_valid = std::min(kCols, N - n0);
  for (int n = 0; n < kCols; ++n) {
    t.w[n] = filter + static_cast<size_t>(n0 + std::min(n, t.n_valid - 1)) * K;
  }
  t.q = MakeQuant4x2(bias != nullptr ? bias + n0 : nullptr, mult + n0,
                     shift + n0, t.n_valid);
  return t;
}

}  // namespace

size_t ConvPerChannelS8ScratchBytes_Avx2(const ConvParams& params,
                                         const Shape& input_shape,
                                         const Shape& filter_shape,
                                         const Shape& output_shape) {
  return MakePlan(params, input_shape, filter_shape, output_shape, nullptr)
      .bytes;
}

MOTE_TARGET_AVX2 void ConvPerChannelS8_Avx2(
    const ConvParams& params, const int32_t* output_multiplier,
    const int32_t* output_shift, const Shape& input_shape, const int8_t* input,
    const Shape& filter_shape, const int8_t* filter, const int32_t* bias,
    const Shape& output_shape, int8_t* output, void* scratch) {
  const ConvPlan p =
      MakePlan(params, input_shape, filter_shape, output_shape, scratch);
  const ConvRows& r = p.rows;
  const int N = r.out_ch;
  const int K = r.K;
  const int M = r.M;
  const __m256i offset = _mm256_set1_epi16(static_cast<int16_t>(params.input_offset));
  const OutRange8 range =
      MakeOutRange8(params.output_offset, params.act_min, params.act_max);
  const int8_t zero_point = static_cast<int8_t>(-params.input_offset);

  if (p.source == ConvSource::kPacked) {
    ConvPackedPerChannelS8_Avx2(r, params, output_multiplier, output_shift,
                                input, filter, bias, output);
    return;
  }
  if (p.source == ConvSource::kIm2col) {
    // Rows outer: each pair of rows is copied once for all channels.
    int8_t* a0 = p.im2col;
    int8_t* a1 = p.im2col + K;
    for (int m = 0; m < M; m += kRows) {
      const bool two = m + 1 < M;
      r.Im2colRow(input, m, zero_point, a0);
      if (two) r.Im2colRow(input, m + 1, zero_point, a1);
      int8_t* out = output + static_cast<size_t>(m) * N;
      for (int n0 = 0; n0 < N; n0 += kCols) {
        const Tile t = MakeTile(filter, bias, output_multiplier, output_shift,
                                N, K, n0);
        __m256i acc[8];
        for (auto& a : acc) a = _mm256_setzero_si256();
        DotRows(a0, two ? a1 : a0, t.w, K, offset, acc);
        Finish(acc, t.q, range, out + n0, two ? out + N + n0 : nullptr,
               t.n_valid);
      }
    }
    return;
  }

  if (p.source == ConvSource::kTaps) memset(p.zero_row, zero_point, r.in_ch);
  const int taps = r.taps();
  const int8_t* tap0[kConvMaxTaps];
  const int8_t* tap1[kConvMaxTaps];
  // Channels outer: the filter rows and the requantization constants of a
  // tile stay in registers and L1 while every row passes.
  for (int n0 = 0; n0 < N; n0 += kCols) {
    const Tile t =
        MakeTile(filter, bias, output_multiplier, output_shift, N, K, n0);
    for (int m = 0; m < M; m += kRows) {
      const bool two = m + 1 < M;
      __m256i acc[8];
      for (auto& a : acc) a = _mm256_setzero_si256();
      if (p.source == ConvSource::kInPlace) {
        const int8_t* a0 = r.PointwiseRow(input, m);
        DotRows(a0, two ? r.PointwiseRow(input, m + 1) : a0, t.w, K, offset,
                acc);
      } else {
        r.TapPointers(input, m, p.zero_row, tap0);
        if (two) r.TapPointers(input, m + 1, p.zero_row, tap1);
        DotTaps(tap0, two ? tap1 : tap0, taps, r.in_ch, t.w, offset, acc);
      }
      int8_t* out = output + static_cast<size_t>(m) * N + n0;
      Finish(acc, t.q, range, out, two ? out + N : nullptr, t.n_valid);
    }
  }
}

}  // namespace x86
}  // namespace mote
