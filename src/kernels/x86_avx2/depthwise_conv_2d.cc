#include "kernels/x86_avx2/depthwise_conv_2d.h"

#include <immintrin.h>

#include <algorithm>

#include "kernels/quant_math.h"
#include "kernels/x86_avx2/avx2_util.h"
#include "kernels/x86_avx2/conv_rows.h"
#include "kernels/x86_avx2/depthwise_one_channel.h"
#include "kernels/x86_avx2/depthwise_rows.h"
#include "kernels/x86_avx2/conv_2d_packed.h"

namespace mote {
namespace x86 {
namespace {

constexpr int kMaxTaps = 256;  // tap lists live on the stack

// Channel order of the two accumulators of a 16-channel block, as
// _mm256_unpack{lo,hi}_epi16 leave it (within each 128-bit half).
constexpr int kLoLanes[8] = {0, 1, 2, 3, 8, 9, 10, 11};
constexpr int kHiLanes[8] = {4, 5, 6, 7, 12, 13, 14, 15};
constexpr int kOrdered[8] = {0, 1, 2, 3, 4, 5, 6, 7};

// Where the `width` (16 or 8) output channels from c0 find their inputs in
// a pixel: input channels base..base+need-1, lane j taking base + shuffle[j].
struct BlockInput {
  int base = 0;
  int need = 0;
  bool in_place = false;  // a `width`-byte load from base stays in the pixel
  bool expand = false;    // multiplier > 1: shuffle
  __m128i shuffle;

  MOTE_TARGET_AVX2 BlockInput(int c0, int width, int multiplier,
                              int in_ch) {
    base = c0 / multiplier;
    need = (c0 + width - 1) / multiplier - base + 1;
    in_place = base + width <= in_ch;
    expand = multiplier > 1;
    alignas(16) int8_t idx[16] = {};
    for (int j = 0; j < width; ++j) {
      idx[j] = static_cast<int8_t>((c0 + j) / multiplier - base);
    }
    shuffle = _mm_load_si128(reinterpret_cast<const __m128i*>(idx));
  }

  // The block's inputs, one byte per output channel (the first `width`).
  MOTE_TARGET_AVX2 __m128i Load(const int8_t* pixel, int width) const {
    __m128i v;
    if (in_place) {
      v = width == 16
              ? _mm_loadu_si128(reinterpret_cast<const __m128i*>(pixel + base))
              : _mm_loadl_epi64(reinterpret_cast<const __m128i*>(pixel + base));
    } else {
      alignas(16) int8_t tmp[16] = {};
      for (int i = 0; i < need; ++i) tmp[i] = pixel[base + i];
      v = _mm_load_si128(reinterpret_cast<const __m128i*>(tmp));
    }
    return expand ? _mm_shuffle_epi8(v, shuffle) : v;
  }
};

// Requantization constants of 8 lanes, lane i being channel c0 + lanes[i].
MOTE_TARGET_AVX2 QuantVec8 LaneQuant(const int32_t* bias, const int32_t* mult,
                                     const int32_t* shift, int c0,
                                     const int lanes[8]) {
  alignas(32) int32_t b[8], m[8], s[8];
  for (int i = 0; i < 8; ++i) {
    const int c = c0 + lanes[i];
    b[i] = bias != nullptr ? bias[c] : 0;
    m[i] = mult[c];
    s[i] = shift[c];
  }
  return QuantFromVectors(
      _mm256_load_si256(reinterpret_cast<const __m256i*>(b)),
      _mm256_load_si256(reinterpret_cast<const __m256i*>(m)),
      _mm256_load_si256(reinterpret_cast<const __m256i*>(s)));
}

struct Pixel {
  int count;  // taps inside the image
  const int* tap;
  const int8_t* const* pixel;
};

// 16 channels from c0 of one output pixel.
MOTE_TARGET_AVX2 inline void Block16(const Pixel& px, const BlockInput& in,
                                     const int8_t* filter, int C, int c0,
                                     __m256i offset, const QuantVec8 q[2],
                                     const OutRange8& range, int8_t* dst) {
  __m256i lo = _mm256_setzero_si256();
  __m256i hi = _mm256_setzero_si256();
  for (int j = 0; j < px.count; j += 2) {
    const __m256i x0 =
        _mm256_add_epi16(_mm256_cvtepi8_epi16(in.Load(px.pixel[j], 16)), offset);
    const __m256i w0 = _mm256_cvtepi8_epi16(_mm_loadu_si128(
        reinterpret_cast<const __m128i*>(filter + px.tap[j] * C + c0)));
    __m256i x1 = _mm256_setzero_si256();
    __m256i w1 = _mm256_setzero_si256();
    if (j + 1 < px.count) {
      x1 = _mm256_add_epi16(_mm256_cvtepi8_epi16(in.Load(px.pixel[j + 1], 16)),
                            offset);
      w1 = _mm256_cvtepi8_epi16(_mm_loadu_si128(
          reinterpret_cast<const __m128i*>(filter + px.tap[j + 1] * C + c0)));
    }
    lo = _mm256_add_epi32(lo, _mm256_madd_epi16(_mm256_unpacklo_epi16(x0, x1),
                                                _mm256_unpacklo_epi16(w0, w1)));
    hi = _mm256_add_epi32(hi, _mm256_madd_epi16(_mm256_unpackhi_epi16(x0, x1),
                                                _mm256_unpackhi_epi16(w0, w1)));
  }
  StoreS8x16Interleaved(Requant8(lo, q[0], range), Requant8(hi, q[1], range), dst,
                   16);
}

// Two taps' 8 int16 values interleaved in pairs, channels 0-3 then 4-7.
MOTE_TARGET_AVX2 inline __m256i Interleave8(__m128i a, __m128i b) {
  return _mm256_set_m128i(_mm_unpackhi_epi16(a, b), _mm_unpacklo_epi16(a, b));
}

// 8 channels from c0 of one output pixel.
MOTE_TARGET_AVX2 inline void Block8(const Pixel& px, const BlockInput& in,
                                    const int8_t* filter, int C, int c0,
                                    __m128i offset, const QuantVec8& q,
                                    const OutRange8& range, int8_t* dst) {
  __m256i acc = _mm256_setzero_si256();
  for (int j = 0; j < px.count; j += 2) {
    const __m128i x0 =
        _mm_add_epi16(_mm_cvtepi8_epi16(in.Load(px.pixel[j], 8)), offset);
    const __m128i w0 = _mm_cvtepi8_epi16(_mm_loadl_epi64(
        reinterpret_cast<const __m128i*>(filter + px.tap[j] * C + c0)));
    __m128i x1 = _mm_setzero_si128();
    __m128i w1 = _mm_setzero_si128();
    if (j + 1 < px.count) {
      x1 = _mm_add_epi16(_mm_cvtepi8_epi16(in.Load(px.pixel[j + 1], 8)),
                         offset);
      w1 = _mm_cvtepi8_epi16(_mm_loadl_epi64(
          reinterpret_cast<const __m128i*>(filter + px.tap[j + 1] * C + c0)));
    }
    acc = _mm256_add_epi32(
        acc, _mm256_madd_epi16(Interleave8(x0, x1), Interleave8(w0, w1)));
  }
  StoreS8x8(Requant8(acc, q, range), dst, 8);
}

// One channel of one output pixel, as the reference computes it.
inline int8_t OneChannel(const Pixel& px, const int8_t* filter, int C, int c,
                         int multiplier, const DepthwiseConvParams& params,
                         const int32_t* bias, int32_t mult, int32_t shift) {
  uint32_t acc = bias != nullptr ? static_cast<uint32_t>(bias[c]) : 0u;
  const int ic = c / multiplier;
  for (int j = 0; j < px.count; ++j) {
    acc += static_cast<uint32_t>((px.pixel[j][ic] + params.input_offset) *
                                 filter[px.tap[j] * C + c]);
  }
  int32_t v = MultiplyByQuantizedMultiplier(static_cast<int32_t>(acc), mult,
                                            shift);
  v += params.output_offset;
  return static_cast<int8_t>(std::min(std::max(v, params.act_min), params.act_max));
}

// A one-input-channel layer as a convolution (depthwise_rows.h).
MOTE_TARGET_AVX2 void OneInputChannel(
    const DepthwiseRows& r, const DepthwiseConvParams& params,
    const int32_t* output_multiplier, const int32_t* output_shift,
    const Shape& input_shape, const int8_t* input, const int8_t* filter,
    const int32_t* bias, const Shape& output_shape, int8_t* output) {
  int8_t transposed[kDepthwiseMaxOneChannelFilter];
  const ConvRows conv = OneChannelConvRows(r, params, input_shape, filter,
                                           output_shape, transposed);
  ConvPackedPerChannelS8_Avx2(conv, params, output_multiplier, output_shift,
                              input, transposed, bias, output);
}

}  // namespace

size_t DepthwiseConvPerChannelS8ScratchBytes_Avx2(const DepthwiseConvParams&,
                                                  const Shape&, const Shape&,
                                                  const Shape&) {
  return 0;
}

MOTE_TARGET_AVX2 void DepthwiseConvPerChannelS8_Avx2(
    const DepthwiseConvParams& params, const int32_t* output_multiplier,
    const int32_t* output_shift, const Shape& input_shape, const int8_t* input,
    const Shape& filter_shape, const int8_t* filter, const int32_t* bias,
    const Shape& output_shape, int8_t* output, void*) {
  const DepthwiseRows r =
      DepthwiseRows::Make(params, input_shape, filter_shape, output_shape);
  if (r.taps > kMaxTaps) {
    ref::DepthwiseConvPerChannelS8(params, output_multiplier, output_shift,
                                   input_shape, input, filter_shape, filter,
                                   bias, output_shape, output);
    return;
  }
  if (DepthwiseOneChannelApplies_Avx2(r)) {
    DepthwiseOneChannel_Avx2(r, params, output_multiplier, output_shift, input,
                             filter, bias, output);
    return;
  }
  if (DepthwiseRunsAsConv(r, kConvPackedMaxK_Avx2)) {
    OneInputChannel(r, params, output_multiplier, output_shift, input_shape,
                    input, filter, bias, output_shape, output);
    return;
  }
  const int C = r.channels;
  const int blocks16 = C / 16;
  const bool block8 = C % 16 >= 8;
  const int vector_channels = blocks16 * 16 + (block8 ? 8 : 0);
  const __m256i offset16 = _mm256_set1_epi16(static_cast<int16_t>(params.input_offset));
  const __m128i offset8 = _mm_set1_epi16(static_cast<int16_t>(params.input_offset));
  const OutRange8 range =
      MakeOutRange8(params.output_offset, params.act_min, params.act_max);
  int tap[kMaxTaps];
  const int8_t* pixel[kMaxTaps];
  const size_t in_batch = static_cast<size_t>(r.in_h) * r.in_w * r.in_ch;
  const size_t out_batch = static_cast<size_t>(r.out_h) * r.out_w * C;
  // Channel blocks outer: each block's constants stay in registers while
  // every pixel passes.
  for (int c0 = 0; c0 < C; c0 += 16) {
    const int width = c0 + 16 <= C ? 16 : c0 + 8 <= C ? 8 : 0;
    QuantVec8 q[2];
    if (width == 16) {
      q[0] = LaneQuant(bias, output_multiplier, output_shift, c0, kLoLanes);
      q[1] = LaneQuant(bias, output_multiplier, output_shift, c0, kHiLanes);
    } else if (width == 8) {
      q[0] = LaneQuant(bias, output_multiplier, output_shift, c0, kOrdered);
    }
    const BlockInput in(c0, width == 0 ? 1 : width, r.multiplier, r.in_ch);
    for (int b = 0; b < r.batches; ++b) {
      const int8_t* image = input + b * in_batch;
      int8_t* dst = output + b * out_batch;
      for (int oy = 0; oy < r.out_h; ++oy) {
        for (int ox = 0; ox < r.out_w; ++ox, dst += C) {
          Pixel px;
          px.count = r.ValidTaps(image, oy, ox, tap, pixel);
          px.tap = tap;
          px.pixel = pixel;
          if (width == 16) {
            Block16(px, in, filter, C, c0, offset16, q, range, dst + c0);
          } else if (width == 8) {
            Block8(px, in, filter, C, c0, offset8, q[0], range, dst + c0);
          }
          for (int c = std::max(c0 + width, vector_channels);
               c < std::min(c0 + 16, C); ++c) {
            dst[c] = OneChannel(px, filter, C, c, r.multiplier, params, bias,
                                output_multiplier[c], output_shift[c]);
          }
        }
      }
    }
  }
}

}  // namespace x86
}  // namespace mote
