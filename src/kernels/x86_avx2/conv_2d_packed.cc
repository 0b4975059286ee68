#include "kernels/x86_avx2/conv_2d_packed.h"

#include <immintrin.h>

#include <algorithm>
#include <cstring>

#include "kernels/x86_avx2/avx2_util.h"

namespace mote {
namespace x86 {
namespace {

constexpr int kLanes = 16;  // output channels per panel (two ymm of int32)
constexpr int kRows = 4;    // rows per micro-tile: 4 x 2 accumulators
constexpr int kMaxK = kConvPackedMaxK_Avx2;
constexpr int kMaxPairs = (kMaxK + 1) / 2;
// Packed panels on the stack: as many as fit (up to kMaxPanels) are packed
// together, so each tile of rows is widened once for all of them.
constexpr size_t kPanelBytes = 16 * 1024;
constexpr int kMaxPanels = 8;

// In-register transpose of an 8x8 matrix of 16-bit elements (pairs of
// int8 values): r[c] holds pairs 0..7 of channel c; afterwards r[j] holds
// pair j of channels 0..7.
MOTE_TARGET_AVX2 inline void Transpose8x8x16(__m128i r[8]) {
  const __m128i t0 = _mm_unpacklo_epi16(r[0], r[1]);
  const __m128i t1 = _mm_unpackhi_epi16(r[0], r[1]);
  const __m128i t2 = _mm_unpacklo_epi16(r[2], r[3]);
  const __m128i t3 = _mm_unpackhi_epi16(r[2], r[3]);
  const __m128i t4 = _mm_unpacklo_epi16(r[4], r[5]);
  const __m128i t5 = _mm_unpackhi_epi16(r[4], r[5]);
  const __m128i t6 = _mm_unpacklo_epi16(r[6], r[7]);
  const __m128i t7 = _mm_unpackhi_epi16(r[6], r[7]);
  const __m128i u0 = _mm_unpacklo_epi32(t0, t2);
  const __m128i u1 = _mm_unpackhi_epi32(t0, t2);
  const __m128i u2 = _mm_unpacklo_epi32(t1, t3);
  const __m128i u3 = _mm_unpackhi_epi32(t1, t3);
  const __m128i u4 = _mm_unpacklo_epi32(t4, t6);
  const __m128i u5 = _mm_unpackhi_epi32(t4, t6);
  const __m128i u6 = _mm_unpacklo_epi32(t5, t7);
  const __m128i u7 = _mm_unpackhi_epi32(t5, t7);
  r[0] = _mm_unpacklo_epi64(u0, u4);
  r[1] = _mm_unpackhi_epi64(u0, u4);
  r[2] = _mm_unpacklo_epi64(u1, u5);
  r[3] = _mm_unpackhi_epi64(u1, u5);
  r[4] = _mm_unpacklo_epi64(u2, u6);
  r[5] = _mm_unpackhi_epi64(u2, u6);
  r[6] = _mm_unpacklo_epi64(u3, u7);
  r[7] = _mm_unpackhi_epi64(u3, u7);
}

// Packs channels n0..n0+15 of filter [N, K]: for each pair k2, 32 bytes,
// channels 0-7 then 8-15, each (value 2*k2, value 2*k2 + 1). 0 past K and
// for channels past N.
MOTE_TARGET_AVX2 void PackPanel(const int8_t* filter, int N, int K, int n0,
                                int8_t* dst) {
  const int pairs = (K + 1) / 2;
  const int full = K / 16 * 16;
  for (int half = 0; half < 2; ++half) {
    const int8_t* rows[8];
    for (int c = 0; c < 8; ++c) {
      const int n = n0 + 8 * half + c;
      rows[c] = n < N ? filter + static_cast<size_t>(n) * K : nullptr;
    }
    int8_t* out = dst + 16 * half;
    for (int k = 0; k < full; k += 16) {
      __m128i r[8];
      for (int c = 0; c < 8; ++c) {
        r[c] = rows[c] != nullptr
                   ? _mm_loadu_si128(reinterpret_cast<const __m128i*>(rows[c] + k))
                   : _mm_setzero_si128();
      }
      Transpose8x8x16(r);
      for (int j = 0; j < 8; ++j) {
        _mm_store_si128(reinterpret_cast<__m128i*>(out + (k / 2 + j) * 32), r[j]);
      }
    }
    for (int k2 = full / 2; k2 < pairs; ++k2) {
      for (int c = 0; c < 8; ++c) {
        for (int e = 0; e < 2; ++e) {
          const int k = 2 * k2 + e;
          out[k2 * 32 + 2 * c + e] =
              rows[c] != nullptr && k < K ? rows[c][k] : int8_t{0};
        }
      }
    }
  }
}

// dst[i] = src[i] + offset for i < n, as int16 (exact: |value| <= 255).
MOTE_TARGET_AVX2 inline void ConvertRunS16(const int8_t* src, int n,
                                           int16_t offset, int16_t* dst) {
  const __m256i off = _mm256_set1_epi16(offset);
  int i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m256i v = _mm256_cvtepi8_epi16(
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i)));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + i),
                        _mm256_add_epi16(v, off));
  }
  for (; i < n; ++i) dst[i] = static_cast<int16_t>(src[i] + offset);
}

// Writes one row widened: input runs + offset, padding as 0.
struct RowWriterS16 {
  int16_t* dst;
  int16_t offset;
  MOTE_TARGET_AVX2 void operator()(const int8_t* src, int n) {
    ConvertRunS16(src, n, offset, dst);
    dst += n;
  }
  void operator()(int n) {
    memset(dst, 0, static_cast<size_t>(n) * sizeof(int16_t));
    dst += n;
  }
};

// MR rows of the tile (int16, `stride` apart) against the panel, then
// requantized and stored (n_valid channels of each row).
template <int MR>
MOTE_TARGET_AVX2 void MicroTile(const int16_t* a, int stride, int pairs,
                                const int8_t* panel, const QuantVec8 q[2],
                                const OutRange8& range, int8_t* out,
                                int out_stride, int n_valid) {
  __m256i acc[MR][2];
  for (int m = 0; m < MR; ++m) {
    acc[m][0] = _mm256_setzero_si256();
    acc[m][1] = _mm256_setzero_si256();
  }
  for (int k = 0; k < pairs; ++k) {
    const int8_t* w = panel + k * 32;
    const __m256i w0 = _mm256_cvtepi8_epi16(
        _mm_load_si128(reinterpret_cast<const __m128i*>(w)));
    const __m256i w1 = _mm256_cvtepi8_epi16(
        _mm_load_si128(reinterpret_cast<const __m128i*>(w + 16)));
    for (int m = 0; m < MR; ++m) {
      int32_t pair;
      memcpy(&pair, a + m * stride + 2 * k, sizeof(pair));
      const __m256i av = _mm256_set1_epi32(pair);
      acc[m][0] = _mm256_add_epi32(acc[m][0], _mm256_madd_epi16(av, w0));
      acc[m][1] = _mm256_add_epi32(acc[m][1], _mm256_madd_epi16(av, w1));
    }
  }
  for (int m = 0; m < MR; ++m) {
    const __m256i lo = Requant8(acc[m][0], q[0], range);
    const __m256i hi = Requant8(acc[m][1], q[1], range);
    // packs_epi32 leaves channels 0-3, 8-11, 4-7, 12-15: one permute.
    const __m256i p =
        _mm256_permute4x64_epi64(_mm256_packs_epi32(lo, hi), 0xD8);
    StorePartial(_mm_packs_epi16(_mm256_castsi256_si128(p),
                                 _mm256_extracti128_si256(p, 1)),
                 out + static_cast<size_t>(m) * out_stride, n_valid);
  }
}

}  // namespace

MOTE_TARGET_AVX2 void ConvPackedPerChannelS8_Avx2(
    const ConvRows& r, const ConvParams& params,
    const int32_t* output_multiplier, const int32_t* output_shift,
    const int8_t* input, const int8_t* filter, const int32_t* bias,
    int8_t* output) {
  const int N = r.out_ch;
  const int K = r.K;
  const int M = r.M;
  const int pairs = (K + 1) / 2;
  const int stride = 2 * pairs;
  const int16_t offset = static_cast<int16_t>(params.input_offset);
  const OutRange8 range =
      MakeOutRange8(params.output_offset, params.act_min, params.act_max);
  alignas(32) int8_t panels[kPanelBytes];
  alignas(32) int16_t tile[kRows][2 * kMaxPairs];
  QuantVec8 quant[kMaxPanels][2];
  const size_t panel_bytes = static_cast<size_t>(pairs) * 32;
  const int per_chunk = static_cast<int>(
      std::min<size_t>(kMaxPanels, kPanelBytes / panel_bytes));
  const int panel_count = (N + kLanes - 1) / kLanes;

  for (int p0 = 0; p0 < panel_count; p0 += per_chunk) {
    const int p1 = std::min(panel_count, p0 + per_chunk);
    for (int p = p0; p < p1; ++p) {
      const int n0 = p * kLanes;
      PackPanel(filter, N, K, n0, panels + (p - p0) * panel_bytes);
      for (int h = 0; h < 2; ++h) {
        const int c = n0 + 8 * h;
        const int n = std::max(0, std::min(8, N - c));
        quant[p - p0][h] = MakeQuant8(bias != nullptr ? bias + c : nullptr,
                                      output_multiplier + c, output_shift + c,
                                      1, n);
      }
    }
    for (int m0 = 0; m0 < M; m0 += kRows) {
      const int rows = std::min(kRows, M - m0);
      for (int i = 0; i < rows; ++i) {
        int16_t* dst = tile[i];
        if (r.pointwise) {
          ConvertRunS16(r.PointwiseRow(input, m0 + i), K, offset, dst);
        } else {
          RowWriterS16 writer{dst, offset};
          r.ForEachRun(input, m0 + i, writer, writer);
        }
        if (K < stride) dst[K] = 0;
      }
      for (int p = p0; p < p1; ++p) {
        const int n0 = p * kLanes;
        const int count = std::min(kLanes, N - n0);
        const int8_t* panel = panels + (p - p0) * panel_bytes;
        const QuantVec8* q = quant[p - p0];
        int8_t* out = output + static_cast<size_t>(m0) * N + n0;
        switch (rows) {
          case 4:
            MicroTile<4>(tile[0], 2 * kMaxPairs, pairs, panel, q, range, out,
                         N, count);
            break;
          case 3:
            MicroTile<3>(tile[0], 2 * kMaxPairs, pairs, panel, q, range, out,
                         N, count);
            break;
          case 2:
            MicroTile<2>(tile[0], 2 * kMaxPairs, pairs, panel, q, range, out,
                         N, count);
            break;
          default:
            MicroTile<1>(tile[0], 2 * kMaxPairs, pairs, panel, q, range, out,
                         N, count);
            break;
        }
      }
    }
  }
}

}  // namespace x86
}  // namespace mote
