#include "kernels/x86_avx2/depthwise_one_channel.h"

#include <immintrin.h>

#include <cstring>

#include "kernels/x86_avx2/avx2_util.h"

namespace mote {
namespace x86 {
namespace {

constexpr int kMaxFilterH = 64;  // packed filter rows live on the stack

// Inputs x0 .. x0 + 7 of an image row plus the offset, as int16; 0 outside
// the row's [0, in_w) and beyond the filter width.
MOTE_TARGET_AVX2 inline __m128i RowValues(const int8_t* row, int x0, int width,
                                          int in_w, __m128i offset) {
  if (x0 >= 0 && x0 + 8 <= in_w) {
    // Values beyond the filter width meet zero weights.
    return _mm_add_epi16(
        _mm_cvtepi8_epi16(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(row + x0))),
        offset);
  }
  alignas(16) int16_t v[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  const int16_t off = static_cast<int16_t>(_mm_extract_epi16(offset, 0));
  for (int k = 0; k < width; ++k) {
    const int x = x0 + k;
    if (x >= 0 && x < in_w) v[k] = static_cast<int16_t>(row[x] + off);
  }
  return _mm_load_si128(reinterpret_cast<const __m128i*>(v));
}

}  // namespace

bool DepthwiseOneChannelApplies_Avx2(const DepthwiseRows& r) {
  return r.in_ch == 1 && r.dilation_w == 1 && r.filter_w <= 8 &&
         r.filter_h <= kMaxFilterH && r.channels <= 8;
}

MOTE_TARGET_AVX2 void DepthwiseOneChannel_Avx2(
    const DepthwiseRows& r, const DepthwiseConvParams& params,
    const int32_t* output_multiplier, const int32_t* output_shift,
    const int8_t* input, const int8_t* filter, const int32_t* bias,
    int8_t* output) {
  const int C = r.channels;
  const int pairs = (r.filter_w + 1) / 2;
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
  const OutRange8 range =
      MakeOutRange8(params.output_offset, params.act_min, params.act_max);
  const __m128i offset =
      _mm_set1_epi16(static_cast<int16_t>(params.input_offset));

  for (int bt = 0; bt < r.batches; ++bt) {
    const int8_t* image = input + static_cast<size_t>(bt) * r.in_h * r.in_w;
    int8_t* dst = output + static_cast<size_t>(bt) * r.out_h * r.out_w * C;
    for (int oy = 0; oy < r.out_h; ++oy) {
      const int y0 = oy * r.stride_h - r.pad_h;
      for (int ox = 0; ox < r.out_w; ++ox, dst += C) {
        const int x0 = ox * r.stride_w - r.pad_w;
        __m256i acc = _mm256_setzero_si256();
        for (int fy = 0; fy < r.filter_h; ++fy) {
          const int iy = y0 + fy * r.dilation_h;
          if (iy < 0 || iy >= r.in_h) continue;  // the reference skips it
          const __m128i v = RowValues(image + static_cast<size_t>(iy) * r.in_w,
                                      x0, r.filter_w, r.in_w, offset);
          alignas(16) int32_t pair[4];
          _mm_store_si128(reinterpret_cast<__m128i*>(pair), v);
          for (int p = 0; p < pairs; ++p) {
            acc = _mm256_add_epi32(
                acc, _mm256_madd_epi16(_mm256_set1_epi32(pair[p]),
                                       _mm256_load_si256(
                                           reinterpret_cast<const __m256i*>(
                                               packed[fy][p]))));
          }
        }
        StoreS8x8(Requant8(acc, q, range), dst, C);
      }
    }
  }
}

}  // namespace x86
}  // namespace mote
