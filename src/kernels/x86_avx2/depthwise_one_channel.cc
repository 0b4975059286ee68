#include "kernels/x86_avx2/depthwise_one_channel.h"

#include <immintrin.h>

#include <algorithm>
#include <cstring>

#include "kernels/x86_avx2/avx2_util.h"

namespace mote {
namespace x86 {
namespace {

constexpr int kMaxFilterH = 64;  // packed filter rows live on the stack
constexpr int kPixels = 4;       // output pixels per pass, one accumulator each
// The ring of widened rows lives on the stack too (micro_speech: 10 rows
// of 48 values): scratch would grow micro_speech's arena past TFLM's.
constexpr int kMaxRingValues = 4096;

int Pairs(const DepthwiseRows& r) { return (r.filter_w + 1) / 2; }

// Input rows the filter of one output row spans (the ring's rows); 64-bit
// because the dilation comes from the model.
int64_t RingRows(const DepthwiseRows& r) {
  return int64_t{r.filter_h - 1} * r.dilation_h + 1;
}

// int16 values per ring row: every column a window of an output row reads
// (the last pair of an odd-width filter reads one column past the filter,
// which meets a zero weight), rounded up to 32 bytes.
int64_t RingWidth(const DepthwiseRows& r) {
  const int64_t used = int64_t{r.out_w - 1} * r.stride_w + 2 * Pairs(r);
  return (used + 15) / 16 * 16;
}

// Ring row for padded input row `row` (image row row - pad_h): value + input
// offset where the row and column lie inside the image, 0 in the padding,
// so that every window reads `width` plain values and the taps the
// reference skips add 0.
MOTE_TARGET_AVX2 void FillRow(const int8_t* row, int in_w, int pad_w, int width,
                              int16_t offset, int16_t* dst) {
  const int begin = std::min(pad_w, width);
  const int end = row != nullptr ? std::min(pad_w + in_w, width) : begin;
  const __m256i offset16 = _mm256_set1_epi16(offset);
  int px = 0;
  for (; px < begin; ++px) dst[px] = 0;
  for (; px + 16 <= end; px += 16) {
    const __m128i bytes =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + px - pad_w));
    _mm256_storeu_si256(
        reinterpret_cast<__m256i*>(dst + px),
        _mm256_add_epi16(_mm256_cvtepi8_epi16(bytes), offset16));
  }
  for (; px < end; ++px) dst[px] = static_cast<int16_t>(row[px - pad_w] + offset);
  for (; px < width; ++px) dst[px] = 0;
}

// The int16 pair at p (two adjacent columns) in every 32-bit lane.
MOTE_TARGET_AVX2 inline __m256i BroadcastPair(const int16_t* p) {
  int32_t pair;
  memcpy(&pair, p, sizeof(pair));
  return _mm256_set1_epi32(pair);
}

// kPixels output pixels of one output row, from column x0 (ring columns)
// on, `stride` columns apart (kStride, or the runtime stride when 0): per
// filter row, the kPairs weight vectors are loaded once and each pixel's
// input pairs broadcast into _mm256_madd_epi16. With stride 2, pixel j's
// pair p is pixel j + 1's pair p - 1: the compiler loads it once.
template <int kPairs, int kStride>
MOTE_TARGET_AVX2 inline void Pixels(const int16_t* const* rows, int filter_h,
                                    const int16_t (*packed)[4][16], int x0,
                                    int stride, __m256i acc[kPixels]) {
  const int s = kStride != 0 ? kStride : stride;
  for (int j = 0; j < kPixels; ++j) acc[j] = _mm256_setzero_si256();
  for (int fy = 0; fy < filter_h; ++fy) {
    const int16_t* row = rows[fy] + x0;
    for (int p = 0; p < kPairs; ++p) {
      const __m256i w =
          _mm256_load_si256(reinterpret_cast<const __m256i*>(packed[fy][p]));
      for (int j = 0; j < kPixels; ++j) {
        acc[j] = _mm256_add_epi32(
            acc[j], _mm256_madd_epi16(BroadcastPair(row + j * s + 2 * p), w));
      }
    }
  }
}

template <int kPairs, int kStride>
MOTE_TARGET_AVX2 void Run(const DepthwiseRows& r,
                          const DepthwiseConvParams& params,
                          const int16_t (*packed)[4][16], const QuantVec8& q,
                          const int8_t* input, int8_t* output) {
  const int C = r.channels;
  const int S = static_cast<int>(RingRows(r));
  const int width = static_cast<int>(RingWidth(r));
  alignas(32) int16_t ring[kMaxRingValues];
  const int16_t offset = static_cast<int16_t>(params.input_offset);
  const OutRange8 range =
      MakeOutRange8(params.output_offset, params.act_min, params.act_max);
  const int16_t* rows[kMaxFilterH];
  for (int bt = 0; bt < r.batches; ++bt) {
    const int8_t* image = input + static_cast<size_t>(bt) * r.in_h * r.in_w;
    int8_t* dst = output + static_cast<size_t>(bt) * r.out_h * r.out_w * C;
    // Padded rows below `next` are in the ring, row k in slot k % S; each
    // image row is widened once however many output rows read it.
    int next = 0;
    for (int oy = 0; oy < r.out_h; ++oy, dst += r.out_w * C) {
      const int top = oy * r.stride_h;  // padded row of filter row 0
      for (; next < top + S; ++next) {
        const int iy = next - r.pad_h;
        FillRow(iy >= 0 && iy < r.in_h
                    ? image + static_cast<size_t>(iy) * r.in_w
                    : nullptr,
                r.in_w, r.pad_w, width, offset,
                ring + static_cast<size_t>(next % S) * width);
      }
      for (int fy = 0; fy < r.filter_h; ++fy) {
        rows[fy] = ring + static_cast<size_t>((top + fy * r.dilation_h) % S) *
                              width;
      }
      for (int ox = 0; ox < r.out_w; ox += kPixels) {
        // The last pass may hold fewer pixels: it recomputes the row's
        // last ones (same windows, within the ring) and stores its own.
        const int x0 = std::min(ox, r.out_w - kPixels) * r.stride_w;
        const int first = ox - std::min(ox, r.out_w - kPixels);
        __m256i acc[kPixels];
        if (r.out_w >= kPixels) {
          Pixels<kPairs, kStride>(rows, r.filter_h, packed, x0, r.stride_w,
                                  acc);
          for (int j = first; j < kPixels; ++j) {
            StoreS8x8(Requant8(acc[j], q, range),
                      dst + (ox - first + j) * C, C);
          }
        } else {
          // A row narrower than one pass: same pixel kPixels times.
          for (int j = 0; j < r.out_w; ++j) {
            Pixels<kPairs, 0>(rows, r.filter_h, packed, j * r.stride_w, 0,
                              acc);
            StoreS8x8(Requant8(acc[0], q, range), dst + j * C, C);
          }
          break;
        }
      }
    }
  }
}

using RunFn = void (*)(const DepthwiseRows&, const DepthwiseConvParams&,
                       const int16_t (*)[4][16], const QuantVec8&,
                       const int8_t*, int8_t*);

template <int kPairs>
RunFn PickStride(int stride) {
  return stride == 2   ? Run<kPairs, 2>
         : stride == 1 ? Run<kPairs, 1>
                       : Run<kPairs, 0>;
}

}  // namespace

bool DepthwiseOneChannelApplies_Avx2(const DepthwiseRows& r) {
  return r.in_ch == 1 && r.dilation_w == 1 && r.filter_w <= 8 &&
         r.filter_h <= kMaxFilterH && r.channels <= 8 && r.pad_h >= 0 &&
         r.pad_w >= 0 && r.out_w >= 1 &&
         RingRows(r) <= kMaxRingValues && RingWidth(r) <= kMaxRingValues &&
         RingRows(r) * RingWidth(r) <= kMaxRingValues;
}

MOTE_TARGET_AVX2 void DepthwiseOneChannel_Avx2(
    const DepthwiseRows& r, const DepthwiseConvParams& params,
    const int32_t* output_multiplier, const int32_t* output_shift,
    const int8_t* input, const int8_t* filter, const int32_t* bias,
    int8_t* output) {
  const int C = r.channels;
  // Per filter row and tap pair p, lane c holds int16 weights
  // w[fy][2p][c], w[fy][2p + 1][c] (0 past the width and channel count).
  alignas(32) int16_t packed[kMaxFilterH][4][16];
  for (int fy = 0; fy < r.filter_h; ++fy) {
    for (int p = 0; p < 4; ++p) {
      for (int c = 0; c < 8; ++c) {
        for (int k = 0; k < 2; ++k) {
          const int fx = 2 * p + k;
          packed[fy][p][2 * c + k] =
              c < C && fx < r.filter_w ? filter[(fy * r.filter_w + fx) * C + c]
                                       : int16_t{0};
        }
      }
    }
  }
  const QuantVec8 q = MakeQuant8(bias, output_multiplier, output_shift, 1, C);
  RunFn run = nullptr;
  switch (Pairs(r)) {
    case 1: run = PickStride<1>(r.stride_w); break;
    case 2: run = PickStride<2>(r.stride_w); break;
    case 3: run = PickStride<3>(r.stride_w); break;
    default: run = PickStride<4>(r.stride_w); break;
  }
  run(r, params, packed, q, input, output);
}

}  // namespace x86
}  // namespace mote
