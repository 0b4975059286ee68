// avx512_util.h first: it must precede <immintrin.h> (see there).
#include "kernels/x86_avx512vnni/avx512_util.h"

#include <algorithm>

#include "kernels/x86_avx2/conv_rows.h"
#include "kernels/x86_avx2/depthwise_conv_2d.h"
#include "kernels/x86_avx2/depthwise_one_channel.h"
#include "kernels/x86_avx2/depthwise_rows.h"
#include "kernels/x86_avx512vnni/conv_2d_packed.h"
#include "kernels/x86_avx512vnni/depthwise_conv_2d.h"
#include "kernels/x86_avx512vnni/depthwise_one_channel.h"

namespace mote {
namespace x86 {
namespace {

constexpr int kBlock = 32;     // channels per block (32 int16 lanes)
constexpr int kMaxTaps = 256;  // tap lists live on the stack

inline __mmask32 FirstLanes32(int n) {
  return n >= 32 ? ~__mmask32{0} : (__mmask32{1} << n) - 1;
}

// Where the output channels c0..c0+width-1 find their inputs in a pixel:
// input channels base..base+need-1, lane j taking base + permute[j].
struct BlockInput {
  int base = 0;
  __mmask32 load = 0;
  bool expand = false;  // multiplier > 1
  __m512i permute;

  MOTE_TARGET_AVX512VNNI BlockInput(int c0, int width, int multiplier) {
    base = c0 / multiplier;
    load = FirstLanes32((c0 + width - 1) / multiplier - base + 1);
    expand = multiplier > 1;
    alignas(64) int16_t idx[32] = {};
    for (int j = 0; j < width; ++j) {
      idx[j] = static_cast<int16_t>((c0 + j) / multiplier - base);
    }
    permute = _mm512_load_si512(idx);
  }

  // One int16 per output channel (masked loads: never past the pixel).
  MOTE_TARGET_AVX512VNNI __m512i Load(const int8_t* pixel) const {
    const __m512i v =
        _mm512_cvtepi8_epi16(_mm256_maskz_loadu_epi8(load, pixel + base));
    return expand ? _mm512_permutexvar_epi16(permute, v) : v;
  }
};

// Requantization constants of one accumulator of the block at c0: lane i
// is channel c0 + 8 * (i / 4) + i % 4 + 4 * half (the order
// _mm512_unpack{lo,hi}_epi16 leave). Channels past C get 0.
MOTE_TARGET_AVX512VNNI QuantVec16 LaneQuant(const int32_t* bias,
                                            const int32_t* mult,
                                            const int32_t* shift, int C,
                                            int c0, int half) {
  alignas(64) int32_t b[16], m[16], s[16];
  for (int i = 0; i < 16; ++i) {
    const int c = c0 + 8 * (i / 4) + i % 4 + 4 * half;
    const bool exists = c < C;
    b[i] = exists && bias != nullptr ? bias[c] : 0;
    m[i] = exists ? mult[c] : 0;
    s[i] = exists ? shift[c] : 0;
  }
  return QuantFromVectors16(_mm512_load_si512(b), _mm512_load_si512(m),
                            _mm512_load_si512(s));
}

// The block at c0 of one output pixel, from its `count` taps inside the
// image.
MOTE_TARGET_AVX512VNNI inline void Block(
    int count, const int* tap, const int8_t* const* pixel,
    const BlockInput& in, const int8_t* filter, int C, int c0,
    __mmask32 channels, __m512i offset, const QuantVec16 q[2],
    const OutRange16& range, int8_t* dst) {
  __m512i lo = _mm512_setzero_si512();
  __m512i hi = _mm512_setzero_si512();
  for (int j = 0; j < count; j += 2) {
    const __m512i x0 = _mm512_add_epi16(in.Load(pixel[j]), offset);
    const __m512i w0 = _mm512_cvtepi8_epi16(
        _mm256_maskz_loadu_epi8(channels, filter + tap[j] * C + c0));
    __m512i x1 = _mm512_setzero_si512();
    __m512i w1 = _mm512_setzero_si512();
    if (j + 1 < count) {
      x1 = _mm512_add_epi16(in.Load(pixel[j + 1]), offset);
      w1 = _mm512_cvtepi8_epi16(
          _mm256_maskz_loadu_epi8(channels, filter + tap[j + 1] * C + c0));
    }
    lo = _mm512_dpwssd_epi32(lo, _mm512_unpacklo_epi16(x0, x1),
                             _mm512_unpacklo_epi16(w0, w1));
    hi = _mm512_dpwssd_epi32(hi, _mm512_unpackhi_epi16(x0, x1),
                             _mm512_unpackhi_epi16(w0, w1));
  }
  // packs_epi32 interleaves the two halves back into channel order.
  const __m512i v = _mm512_packs_epi32(Requant16(lo, q[0], range),
                                       Requant16(hi, q[1], range));
  _mm512_mask_cvtsepi16_storeu_epi8(dst, channels, v);
}

// A one-input-channel layer as a convolution (depthwise_rows.h).
MOTE_TARGET_AVX512VNNI void OneInputChannel(
    const DepthwiseRows& r, const DepthwiseConvParams& params,
    const int32_t* output_multiplier, const int32_t* output_shift,
    const Shape& input_shape, const int8_t* input, const int8_t* filter,
    const int32_t* bias, const Shape& output_shape, int8_t* output) {
  int8_t transposed[kDepthwiseMaxOneChannelFilter];
  const ConvRows conv = OneChannelConvRows(r, params, input_shape, filter,
                                           output_shape, transposed);
  ConvPackedPerChannelS8_Avx512Vnni(conv, params, output_multiplier,
                                    output_shift, input, transposed, bias,
                                    output);
}

}  // namespace

size_t DepthwiseConvPerChannelS8ScratchBytes_Avx512Vnni(
    const DepthwiseConvParams&, const Shape&, const Shape&, const Shape&) {
  return 0;
}

MOTE_TARGET_AVX512VNNI void DepthwiseConvPerChannelS8_Avx512Vnni(
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
  // One input channel: the AVX2 kernel's widened-row ring with four pixels
  // per pass beats VPDPBUSD here (micro_speech 15 us -> 6 us); the AVX-512
  // kernel takes what the ring does not hold.
  if (DepthwiseOneChannelApplies_Avx2(r)) {
    DepthwiseOneChannel_Avx2(r, params, output_multiplier, output_shift, input,
                             filter, bias, output);
    return;
  }
  if (DepthwiseOneChannelApplies_Avx512Vnni(r, params)) {
    DepthwiseOneChannel_Avx512Vnni(r, params, output_multiplier, output_shift,
                                   input, filter, bias, output);
    return;
  }
  // Up to 16 channels a 32-lane block is mostly empty: the AVX2 kernel's
  // 16- and 8-channel vectors are faster (VWW's 8- and 16-channel layers).
  if (r.in_ch > 1 && r.channels <= 16) {
    DepthwiseConvPerChannelS8_Avx2(params, output_multiplier, output_shift,
                                   input_shape, input, filter_shape, filter,
                                   bias, output_shape, output, nullptr);
    return;
  }
  if (DepthwiseRunsAsConv(r, kConvPackedMaxK_Avx512Vnni)) {
    OneInputChannel(r, params, output_multiplier, output_shift, input_shape,
                    input, filter, bias, output_shape, output);
    return;
  }
  const int C = r.channels;
  const __m512i offset = _mm512_set1_epi16(static_cast<int16_t>(params.input_offset));
  const OutRange16 range =
      MakeOutRange16(params.output_offset, params.act_min, params.act_max);
  int tap[kMaxTaps];
  const int8_t* pixel[kMaxTaps];
  const size_t in_batch = static_cast<size_t>(r.in_h) * r.in_w * r.in_ch;
  const size_t out_batch = static_cast<size_t>(r.out_h) * r.out_w * C;
  // Channel blocks outer: each block's constants stay in registers while
  // every pixel passes.
  for (int c0 = 0; c0 < C; c0 += kBlock) {
    const int width = std::min(kBlock, C - c0);
    const __mmask32 channels = FirstLanes32(width);
    const QuantVec16 q[2] = {
        LaneQuant(bias, output_multiplier, output_shift, C, c0, 0),
        LaneQuant(bias, output_multiplier, output_shift, C, c0, 1)};
    const BlockInput in(c0, width, r.multiplier);
    for (int b = 0; b < r.batches; ++b) {
      const int8_t* image = input + b * in_batch;
      int8_t* dst = output + b * out_batch + c0;
      for (int oy = 0; oy < r.out_h; ++oy) {
        for (int ox = 0; ox < r.out_w; ++ox, dst += C) {
          const int count = r.ValidTaps(image, oy, ox, tap, pixel);
          Block(count, tap, pixel, in, filter, C, c0, channels, offset, q,
                range, dst);
        }
      }
    }
  }
}

}  // namespace x86
}  // namespace mote
