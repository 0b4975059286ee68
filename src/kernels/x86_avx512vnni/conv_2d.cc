// avx512_util.h first: it must precede <immintrin.h> (see there).
#include "kernels/x86_avx512vnni/avx512_util.h"

#include <algorithm>
#include <cstring>

#include "kernels/x86_avx2/conv_plan.h"
#include "kernels/x86_avx512vnni/conv_2d_packed.h"
#include "kernels/x86_avx512vnni/conv_2d.h"

namespace mote {
namespace x86 {
namespace {

constexpr int kRows = 4;  // rows per tile
constexpr int kCols = 4;  // output channels per tile: 4 x 4 = one zmm of sums
ConvPlan MakePlan(const ConvParams& params, const Shape& input,
                  const Shape& filter, const Shape& output, void* scratch) {
  return ConvPlan::Make(params, input, filter, output, scratch,
                        kConvPackedMaxK_Avx512Vnni, kRows);
}

struct Acc {
  __m512i dot[kRows * kCols];  // [row * 4 + col]: sum((a + 128) * w)
  __m512i wsum[kCols];         // sum(w)
};

// One step of 64 values: a[m] (already a + 128) times the weights at
// w[n] + k, of which the first `valid` bytes count.
MOTE_TARGET_AVX512VNNI inline void Mac4x4(const __m512i a[kRows],
                                          const int8_t* const w[kCols], int k,
                                          __mmask64 valid, Acc* acc) {
  const __m512i ones = _mm512_set1_epi8(1);
  for (int n = 0; n < kCols; ++n) {
    const __m512i wv = _mm512_maskz_loadu_epi8(valid, w[n] + k);
    acc->wsum[n] = _mm512_dpbusd_epi32(acc->wsum[n], ones, wv);
    for (int m = 0; m < kRows; ++m) {
      acc->dot[m * kCols + n] =
          _mm512_dpbusd_epi32(acc->dot[m * kCols + n], a[m], wv);
    }
  }
}

// Rows of K contiguous values.
MOTE_TARGET_AVX512VNNI inline void DotRows(const int8_t* const row[kRows],
                                           const int8_t* const w[kCols], int K,
                                           Acc* acc) {
  const __m512i flip = _mm512_set1_epi8(static_cast<char>(0x80));
  for (int k = 0; k < K; k += 64) {
    const __mmask64 valid = FirstBytes64(K - k);
    __m512i a[kRows];
    for (int m = 0; m < kRows; ++m) {
      a[m] = _mm512_xor_si512(_mm512_maskz_loadu_epi8(valid, row[m] + k), flip);
    }
    Mac4x4(a, w, k, valid, acc);
  }
}

// Rows given by their taps' pixels (in_ch % 16 == 0): each step of 64
// values is assembled from four 16-byte pieces, (tap, channel) each.
MOTE_TARGET_AVX512VNNI inline void DotTaps(const int8_t* const* tap[kRows],
                                           int in_ch, const int8_t* const w[kCols],
                                           int K, Acc* acc) {
  const __m512i flip = _mm512_set1_epi8(static_cast<char>(0x80));
  int t = 0, c = 0;  // tap and channel of position k
  for (int k = 0; k < K; k += 64) {
    const __mmask64 valid = FirstBytes64(K - k);
    __m512i a[kRows];
    if (in_ch % 64 == 0) {
      for (int m = 0; m < kRows; ++m) {
        a[m] = _mm512_xor_si512(_mm512_loadu_si512(tap[m][t] + c), flip);
      }
      c += 64;
    } else {
      int pt[4], pc[4];
      for (int i = 0; i < 4; ++i) {
        const bool inside = k + 16 * i < K;
        pt[i] = inside ? t : 0;  // past K: any readable bytes (weights are 0)
        pc[i] = inside ? c : 0;
        if (inside && (c += 16) == in_ch) {
          c = 0;
          ++t;
        }
      }
      for (int m = 0; m < kRows; ++m) {
        const int8_t* const* tp = tap[m];
        __m512i x = _mm512_castsi128_si512(
            _mm_loadu_si128(reinterpret_cast<const __m128i*>(tp[pt[0]] + pc[0])));
        x = _mm512_inserti32x4(x, _mm_loadu_si128(reinterpret_cast<const __m128i*>(tp[pt[1]] + pc[1])), 1);
        x = _mm512_inserti32x4(x, _mm_loadu_si128(reinterpret_cast<const __m128i*>(tp[pt[2]] + pc[2])), 2);
        x = _mm512_inserti32x4(x, _mm_loadu_si128(reinterpret_cast<const __m128i*>(tp[pt[3]] + pc[3])), 3);
        a[m] = _mm512_xor_si512(x, flip);
      }
    }
    if (c == in_ch) {
      c = 0;
      ++t;
    }
    Mac4x4(a, w, k, valid, acc);
  }
}

// The 16 lanes of v summed pairwise into 8.
MOTE_TARGET_AVX512VNNI inline __m256i Fold(__m512i v) {
  return _mm256_add_epi32(_mm512_castsi512_si256(v),
                          _mm512_extracti64x4_epi64(v, 1));
}

struct Tile {
  const int8_t* w[kCols];  // filter rows (the last one repeated past N)
  QuantVec16 q;            // channels n0..n0+3, repeated for the 4 rows
  int n0 = 0;
  int n_valid = 0;
};

MOTE_TARGET_AVX512VNNI inline Tile MakeTile(const int8_t* filter,
                                            const int32_t* bias,
                                            const int32_t* mult,
                                            const int32_t* shift, int N, int K,
                                            int n0) {
  Tile t;
  t.n0 = n0;
  t.n_valid = std::min(kCols, N - n0);
  for (int n = 0; n < kCols; ++n) {
    t.w[n] = filter + static_cast<size_t>(n0 + std::min(n, t.n_valid - 1)) * K;
  }
  const __mmask8 valid = static_cast<__mmask8>((1u << t.n_valid) - 1u);
  const __m128i b = bias != nullptr ? _mm_maskz_loadu_epi32(valid, bias + n0)
                                    : _mm_setzero_si128();
  const __m128i m = _mm_maskz_loadu_epi32(valid, mult + n0);
  const __m128i s = _mm_maskz_loadu_epi32(valid, shift + n0);
  t.q = QuantFromVectors16(_mm512_broadcast_i32x4(b), _mm512_broadcast_i32x4(m),
                           _mm512_broadcast_i32x4(s));
  return t;
}

// Sums, corrects, requantizes and stores a tile: n_valid channels of rows
// out[0..rows-1].
MOTE_TARGET_AVX512VNNI inline void Finish(const Acc& acc, const Tile& t,
                                          __m512i correction_scale,
                                          const OutRange16& range,
                                          int8_t* const out[kRows], int rows) {
  __m256i d[kRows * kCols];
  for (int i = 0; i < kRows * kCols; ++i) d[i] = Fold(acc.dot[i]);
  const __m512i sums = _mm512_inserti64x4(
      _mm512_castsi256_si512(HorizontalSums8(d)), HorizontalSums8(d + 8), 1);
  __m256i ws[8];
  for (int n = 0; n < kCols; ++n) ws[n] = Fold(acc.wsum[n]);
  for (int n = kCols; n < 8; ++n) ws[n] = _mm256_setzero_si256();
  const __m512i wsum =
      _mm512_broadcast_i32x4(_mm256_castsi256_si128(HorizontalSums8(ws)));
  const __m512i total =
      _mm512_add_epi32(sums, _mm512_mullo_epi32(correction_scale, wsum));
  const __m128i bytes = _mm512_cvtsepi32_epi8(Requant16(total, t.q, range));
  alignas(16) uint8_t b[16];
  _mm_store_si128(reinterpret_cast<__m128i*>(b), bytes);
  for (int m = 0; m < rows; ++m) {
    memcpy(out[m], b + 4 * m, static_cast<size_t>(t.n_valid));
  }
}

MOTE_TARGET_AVX512VNNI inline void ClearAcc(Acc* acc) {
  for (auto& v : acc->dot) v = _mm512_setzero_si512();
  for (auto& v : acc->wsum) v = _mm512_setzero_si512();
}

}  // namespace

size_t ConvPerChannelS8ScratchBytes_Avx512Vnni(const ConvParams& params,
                                               const Shape& input_shape,
                                               const Shape& filter_shape,
                                               const Shape& output_shape) {
  return MakePlan(params, input_shape, filter_shape, output_shape, nullptr)
      .bytes;
}

MOTE_TARGET_AVX512VNNI void ConvPerChannelS8_Avx512Vnni(
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
  const __m512i correction_scale = _mm512_set1_epi32(params.input_offset - 128);
  const OutRange16 range =
      MakeOutRange16(params.output_offset, params.act_min, params.act_max);
  const int8_t zero_point = static_cast<int8_t>(-params.input_offset);
  Acc acc;

  if (p.source == ConvSource::kPacked) {
    ConvPackedPerChannelS8_Avx512Vnni(r, params, output_multiplier,
                                      output_shift, input, filter, bias,
                                      output);
    return;
  }
  if (p.source == ConvSource::kIm2col) {
    // Rows outer: each tile of rows is copied once for all channels.
    const int8_t* row[kRows];
    int8_t* out[kRows];
    for (int m0 = 0; m0 < M; m0 += kRows) {
      const int rows = std::min(kRows, M - m0);
      for (int i = 0; i < kRows; ++i) {
        int8_t* dst = p.im2col + static_cast<size_t>(i) * K;
        if (i < rows) r.Im2colRow(input, m0 + i, zero_point, dst);
        row[i] = i < rows ? dst : p.im2col;  // past M: repeat row 0
      }
      for (int n0 = 0; n0 < N; n0 += kCols) {
        const Tile t = MakeTile(filter, bias, output_multiplier, output_shift,
                                N, K, n0);
        for (int i = 0; i < rows; ++i) {
          out[i] = output + static_cast<size_t>(m0 + i) * N + n0;
        }
        ClearAcc(&acc);
        DotRows(row, t.w, K, &acc);
        Finish(acc, t, correction_scale, range, out, rows);
      }
    }
    return;
  }

  if (p.source == ConvSource::kTaps) memset(p.zero_row, zero_point, r.in_ch);
  const int8_t* taps[kRows][kConvMaxTaps];
  const int8_t* const* tap[kRows] = {taps[0], taps[1], taps[2], taps[3]};
  // Channels outer: the filter rows and the requantization constants of a
  // tile stay in registers and L1 while every row passes.
  for (int n0 = 0; n0 < N; n0 += kCols) {
    const Tile t =
        MakeTile(filter, bias, output_multiplier, output_shift, N, K, n0);
    for (int m0 = 0; m0 < M; m0 += kRows) {
      const int rows = std::min(kRows, M - m0);
      int8_t* out[kRows];
      for (int i = 0; i < rows; ++i) {
        out[i] = output + static_cast<size_t>(m0 + i) * N + n0;
      }
      ClearAcc(&acc);
      if (p.source == ConvSource::kInPlace) {
        const int8_t* row[kRows];
        for (int i = 0; i < kRows; ++i) {
          row[i] = r.PointwiseRow(input, m0 + (i < rows ? i : 0));
        }
        DotRows(row, t.w, K, &acc);
      } else {
        for (int i = 0; i < kRows; ++i) {
          if (i < rows) r.TapPointers(input, m0 + i, p.zero_row, taps[i]);
        }
        const int8_t* const* tp[kRows];
        for (int i = 0; i < kRows; ++i) tp[i] = tap[i < rows ? i : 0];
        DotTaps(tp, r.in_ch, t.w, K, &acc);
      }
      Finish(acc, t, correction_scale, range, out, rows);
    }
  }
}

}  // namespace x86
}  // namespace mote
