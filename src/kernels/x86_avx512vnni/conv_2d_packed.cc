// avx512_util.h first: it must precede <immintrin.h> (see there).
#include "kernels/x86_avx512vnni/avx512_util.h"

#include <algorithm>
#include <cstring>

#include "kernels/x86_avx512vnni/conv_2d_packed.h"

namespace mote {
namespace x86 {
namespace {

constexpr int kLanes = 16;     // output channels per panel (one zmm)
constexpr int kRows = 8;       // rows per micro-tile: 8 accumulators
constexpr int kMaxTaps = 64;   // tap pointers live on the stack
constexpr int kMaxK = kConvPackedMaxK_Avx512Vnni;
constexpr int kMaxQuads = (kMaxK + 3) / 4;
// Packed panels on the stack: as many as fit (up to kMaxPanels) are packed
// together, so each tile of rows is gathered once for all of them.
constexpr size_t kPanelBytes = 16 * 1024;
constexpr int kMaxPanels = 8;

// In-register transpose of a 16x16 matrix of 32-bit elements (4-byte
// groups): r[c] holds groups 0..15 of channel c; afterwards r[q] holds
// group q of channels 0..15. Round t swaps bit t of the row index with bit
// t of the column index, for each pair of rows differing in that bit.
MOTE_TARGET_AVX512VNNI inline void Transpose16x16(__m512i r[16]) {
  for (int t = 0; t < 4; ++t) {
    const int bit = 1 << t;
    alignas(64) int32_t lo[16], hi[16];
    for (int j = 0; j < 16; ++j) {
      const bool set = (j & bit) != 0;
      lo[j] = set ? 16 + (j - bit) : j;
      hi[j] = set ? 16 + j : j + bit;
    }
    const __m512i idx_lo = _mm512_load_si512(lo);
    const __m512i idx_hi = _mm512_load_si512(hi);
    for (int i = 0; i < 16; ++i) {
      if ((i & bit) != 0) continue;
      const __m512i a = r[i];
      const __m512i b = r[i + bit];
      r[i] = _mm512_permutex2var_epi32(a, idx_lo, b);
      r[i + bit] = _mm512_permutex2var_epi32(a, idx_hi, b);
    }
  }
}

// Packs channels n0..n0+15 of filter [N, K]: quad q of the panel holds
// values 4q..4q+3 of the 16 channels as w + 128 (0 past K and for channels
// past N). Returns each channel's sum of weights.
MOTE_TARGET_AVX512VNNI __m512i PackPanel(const int8_t* filter, int N, int K,
                                         int n0, uint8_t* dst) {
  const int8_t* rows[kLanes];
  for (int c = 0; c < kLanes; ++c) {
    rows[c] = n0 + c < N ? filter + static_cast<size_t>(n0 + c) * K : nullptr;
  }
  const int quads = (K + 3) / 4;
  const __m512i flip = _mm512_set1_epi8(static_cast<char>(0x80));
  const __m512i ones = _mm512_set1_epi8(1);
  __m512i sums = _mm512_setzero_si512();  // sum of (w + 128) per channel
  for (int k = 0; k < K; k += 64) {
    const __mmask64 valid = FirstBytes64(K - k);
    __m512i r[kLanes];
    for (int c = 0; c < kLanes; ++c) {
      r[c] = rows[c] != nullptr
                 ? _mm512_maskz_mov_epi8(
                       valid, _mm512_xor_si512(
                                  _mm512_maskz_loadu_epi8(valid, rows[c] + k),
                                  flip))
                 : _mm512_setzero_si512();
    }
    Transpose16x16(r);
    const int count = std::min(16, quads - k / 4);
    for (int q = 0; q < count; ++q) {
      _mm512_store_si512(dst + static_cast<size_t>(k / 4 + q) * 64, r[q]);
      sums = _mm512_dpbusd_epi32(sums, r[q], ones);
    }
  }
  return _mm512_sub_epi32(sums, _mm512_set1_epi32(128 * K));
}

// A tile's rows as tap lists: row m reads `quads_per_tap` 4-value groups
// from each of tap[m][0..taps-1] in turn.
struct RowTile {
  const int8_t* const* tap[kRows];
  int taps = 1;
  int quads_per_tap = 0;
};

// Sum of n int8 values.
MOTE_TARGET_AVX512VNNI inline __m512i SumInto(__m512i acc, const int8_t* a,
                                              int n) {
  const __m512i ones = _mm512_set1_epi8(1);
  for (int k = 0; k < n; k += 64) {
    acc = _mm512_dpbusd_epi32(
        acc, ones, _mm512_maskz_loadu_epi8(FirstBytes64(n - k), a + k));
  }
  return acc;
}

// -128 * sum(row) for the first `rows` rows of the tile (each row's term
// of the correction), summed horizontally together.
MOTE_TARGET_AVX512VNNI inline void RowTerms(const RowTile& tile, int rows,
                                            int values_per_tap,
                                            int32_t term[kRows]) {
  __m256i sums[kRows];
  for (int m = 0; m < kRows; ++m) {
    __m512i acc = _mm512_setzero_si512();
    if (m < rows) {
      for (int t = 0; t < tile.taps; ++t) {
        acc = SumInto(acc, tile.tap[m][t], values_per_tap);
      }
    }
    sums[m] = _mm256_add_epi32(_mm512_castsi512_si256(acc),
                               _mm512_extracti64x4_epi64(acc, 1));
  }
  const __m256i total = HorizontalSums8(sums);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(term),
                      _mm256_sub_epi32(_mm256_setzero_si256(),
                                       _mm256_slli_epi32(total, 7)));
}

// MR rows of the tile against the panel, then requantized and stored.
template <int MR>
MOTE_TARGET_AVX512VNNI void MicroTile(const RowTile& tile,
                                      const int32_t* row_term,
                                      const uint8_t* panel, const QuantVec16& q,
                                      const OutRange16& range, int8_t* out,
                                      int out_stride, __mmask16 lanes) {
  __m512i acc[MR];
  for (int m = 0; m < MR; ++m) acc[m] = _mm512_setzero_si512();
  const uint8_t* w = panel;
  for (int t = 0; t < tile.taps; ++t) {
    const int8_t* a[MR];
    for (int m = 0; m < MR; ++m) a[m] = tile.tap[m][t];
    for (int c = 0; c < tile.quads_per_tap; ++c, w += 64) {
      const __m512i wv = _mm512_load_si512(w);
      for (int m = 0; m < MR; ++m) {
        int32_t quad;
        memcpy(&quad, a[m] + 4 * c, sizeof(quad));
        acc[m] = _mm512_dpbusd_epi32(acc[m], wv, _mm512_set1_epi32(quad));
      }
    }
  }
  for (int m = 0; m < MR; ++m) {
    const __m512i v = Requant16(
        _mm512_add_epi32(acc[m], _mm512_set1_epi32(row_term[m])), q, range);
    _mm512_mask_cvtsepi32_storeu_epi8(out + static_cast<size_t>(m) * out_stride,
                                      lanes, v);
  }
}

MOTE_TARGET_AVX512VNNI void RunTile(int rows, const RowTile& tile,
                                    const int32_t* row_term,
                                    const uint8_t* panel, const QuantVec16& q,
                                    const OutRange16& range, int8_t* out,
                                    int out_stride, __mmask16 lanes) {
  switch (rows) {
#define MOTE_TILE_CASE(R)                                                  \
  case R:                                                                  \
    MicroTile<R>(tile, row_term, panel, q, range, out, out_stride, lanes); \
    break;
    MOTE_TILE_CASE(8)
    MOTE_TILE_CASE(7)
    MOTE_TILE_CASE(6)
    MOTE_TILE_CASE(5)
    MOTE_TILE_CASE(4)
    MOTE_TILE_CASE(3)
    MOTE_TILE_CASE(2)
    MOTE_TILE_CASE(1)
#undef MOTE_TILE_CASE
    default:
      break;
  }
}

enum class Source { kInPlace, kTaps, kIm2col };

}  // namespace

MOTE_TARGET_AVX512VNNI void ConvPackedPerChannelS8_Avx512Vnni(
    const ConvRows& r, const ConvParams& params,
    const int32_t* output_multiplier, const int32_t* output_shift,
    const int8_t* input, const int8_t* filter, const int32_t* bias,
    int8_t* output) {
  const int N = r.out_ch;
  const int K = r.K;
  const int M = r.M;
  const int quads = (K + 3) / 4;
  const Source source =
      r.pointwise && K % 4 == 0                           ? Source::kInPlace
      : r.in_ch % 4 == 0 && r.taps() <= kMaxTaps ? Source::kTaps
                                                          : Source::kIm2col;
  const int8_t zero_point = static_cast<int8_t>(-params.input_offset);
  const OutRange16 range =
      MakeOutRange16(params.output_offset, params.act_min, params.act_max);
  const __m512i input_offset = _mm512_set1_epi32(params.input_offset);

  alignas(64) uint8_t panels[kPanelBytes];
  alignas(64) int8_t im2col[kRows][kMaxQuads * 4];
  alignas(64) int8_t zero_row[kMaxK];
  const int8_t* taps[kRows][kMaxTaps];
  const int8_t* flat[kRows];
  alignas(32) int32_t row_term[kRows];
  QuantVec16 quant[kMaxPanels];
  if (source == Source::kTaps) memset(zero_row, zero_point, r.in_ch);

  RowTile tile;
  if (source == Source::kTaps) {
    tile.taps = r.taps();
    tile.quads_per_tap = r.in_ch / 4;
    for (int i = 0; i < kRows; ++i) tile.tap[i] = taps[i];
  } else {
    tile.taps = 1;
    tile.quads_per_tap = quads;
    for (int i = 0; i < kRows; ++i) tile.tap[i] = &flat[i];
  }
  const int values_per_tap = source == Source::kTaps ? r.in_ch : K;
  const size_t panel_bytes = static_cast<size_t>(quads) * 64;
  const int per_chunk = static_cast<int>(
      std::min<size_t>(kMaxPanels, kPanelBytes / panel_bytes));
  const int panel_count = (N + kLanes - 1) / kLanes;

  for (int p0 = 0; p0 < panel_count; p0 += per_chunk) {
    const int p1 = std::min(panel_count, p0 + per_chunk);
    for (int p = p0; p < p1; ++p) {
      const int n0 = p * kLanes;
      const __mmask16 lanes =
          static_cast<__mmask16>((1u << std::min(kLanes, N - n0)) - 1u);
      const __m512i sum_w =
          PackPanel(filter, N, K, n0, panels + (p - p0) * panel_bytes);
      const __m512i b = bias != nullptr
                            ? _mm512_maskz_loadu_epi32(lanes, bias + n0)
                            : _mm512_setzero_si512();
      // bias + offset * sum(w), wrapping like the reference accumulator.
      quant[p - p0] = QuantFromVectors16(
          _mm512_add_epi32(b, _mm512_mullo_epi32(input_offset, sum_w)),
          _mm512_maskz_loadu_epi32(lanes, output_multiplier + n0),
          _mm512_maskz_loadu_epi32(lanes, output_shift + n0));
    }
    for (int m0 = 0; m0 < M; m0 += kRows) {
      const int rows = std::min(kRows, M - m0);
      for (int i = 0; i < rows; ++i) {
        const int m = m0 + i;
        if (source == Source::kInPlace) {
          flat[i] = r.PointwiseRow(input, m);
        } else if (source == Source::kTaps) {
          r.TapPointers(input, m, zero_row, taps[i]);
        } else {
          r.Im2colRow(input, m, zero_point, im2col[i]);
          memset(im2col[i] + K, 0, static_cast<size_t>(quads * 4 - K));
          flat[i] = im2col[i];
        }
      }
      RowTerms(tile, rows, values_per_tap, row_term);
      for (int p = p0; p < p1; ++p) {
        const int n0 = p * kLanes;
        const __mmask16 lanes =
            static_cast<__mmask16>((1u << std::min(kLanes, N - n0)) - 1u);
        RunTile(rows, tile, row_term, panels + (p - p0) * panel_bytes,
                quant[p - p0], range, output + static_cast<size_t>(m0) * N + n0,
                N, lanes);
      }
    }
  }
}

}  // namespace x86
}  // namespace mote
