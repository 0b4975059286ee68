// CONV_2D and FULLY_CONNECTED int16x8 for the Arm folders, bit-exact with
// ref::ConvPerChannelS16 / ref::FullyConnectedS16: the loops and the
// requantization, with the inner dot product of int16 activations and int8
// weights supplied by the instruction set (arm_dsp/: SMLALD or SMLAD on
// int16 pairs; arm_mve/: VMLALDAVA or VMLADAVA on eight int16 lanes).
//
// Why the order of the products may change: with an int64 accumulator the
// sum is exact (every product fits int32), with an int32 one TFLite's sum
// wraps modulo 2^32; either way any order gives the same accumulator. So
// `dot` may sum a window row of `n` contiguous values in any order. With a
// dilation of 1 the taps of one filter row that lie inside the image are
// contiguous in both the NHWC input and the OHWI filter, so a row is one
// dot of (taps * depth) values. Four output channels at a time share the
// activation loads (`dot4`).
#ifndef MOTE_KERNELS_ARM_COMMON_S16_LOOPS_H_
#define MOTE_KERNELS_ARM_COMMON_S16_LOOPS_H_

#include <cstdint>
#include <type_traits>

#include "kernels/quant_math.h"
#include "kernels/ref/conv_2d.h"
#include "kernels/ref/fully_connected.h"
#include "mote/types.h"

namespace mote {
namespace arm_common {

// TFLite's finish: acc + bias (wrapping), MultiplyByQuantizedMultiplier of
// the accumulator's width, + zero point (wrapping), clamped.
template <typename Acc, typename Bias>
inline int16_t FinishS16(Acc acc, const Bias* bias, int channel,
                         int32_t multiplier, int shift, int32_t output_offset,
                         int32_t act_min, int32_t act_max) {
  using U = typename std::make_unsigned<Acc>::type;
  if (bias != nullptr) {
    acc = static_cast<Acc>(static_cast<U>(acc) +
                           static_cast<U>(static_cast<Acc>(bias[channel])));
  }
  int32_t v = MultiplyByQuantizedMultiplier(acc, multiplier, shift);
  v = static_cast<int32_t>(static_cast<uint32_t>(v) +
                           static_cast<uint32_t>(output_offset));
  v = v < act_min ? act_min : v;
  return static_cast<int16_t>(v > act_max ? act_max : v);
}

// `Isa` is the folder's dot products (arm_dsp::DotS16, arm_mve::DotS16):
// Isa::Dot(acc, in, filter, n) is acc plus the n products in[i] *
// filter[i]; Isa::Dot4(acc, in, filter, stride, n) the same for acc[0..3]
// with the filters filter + k * stride (four output channels share the
// activation loads). The accumulator has the bias's type, as TFLite's.
template <typename Isa, typename Bias>
void ConvPerChannelS16Loop(const ConvParams& p, const int32_t* multiplier,
                           const int32_t* shift, const Shape& input_shape,
                           const int16_t* input, const Shape& filter_shape,
                           const int8_t* filter, const Bias* bias,
                           const Shape& output_shape, int16_t* output) {
  using Acc = Bias;
  const int32_t in_h = input_shape.dims[1];
  const int32_t in_w = input_shape.dims[2];
  const int32_t depth = input_shape.dims[3];
  const int32_t f_h = filter_shape.dims[1];
  const int32_t f_w = filter_shape.dims[2];
  const int32_t out_h = output_shape.dims[1];
  const int32_t out_w = output_shape.dims[2];
  const int32_t out_c = output_shape.dims[3];
  const int32_t filter_stride = f_h * f_w * depth;
  for (int32_t b = 0; b < input_shape.dims[0]; ++b) {
    const int16_t* image = input + static_cast<int64_t>(b) * in_h * in_w * depth;
    for (int32_t oy = 0; oy < out_h; ++oy) {
      const int32_t y0 = oy * p.stride_height - p.pad_height;
      for (int32_t ox = 0; ox < out_w; ++ox) {
        const int32_t x0 = ox * p.stride_width - p.pad_width;
        // The filter columns inside the image: one contiguous range.
        int32_t fx_lo = 0;
        while (fx_lo < f_w && x0 + p.dilation_width * fx_lo < 0) ++fx_lo;
        int32_t fx_hi = fx_lo;
        while (fx_hi < f_w && x0 + p.dilation_width * fx_hi < in_w) ++fx_hi;
        // step(activations, offset in a channel's filter, count) for every
        // run of the window inside the image.
        const auto window = [&](auto&& step) {
          if (fx_lo >= fx_hi) return;
          for (int32_t fy = 0; fy < f_h; ++fy) {
            const int32_t y = y0 + p.dilation_height * fy;
            if (y < 0 || y >= in_h) continue;
            const int16_t* in_row =
                image + static_cast<int64_t>(y) * in_w * depth;
            if (p.dilation_width == 1) {
              step(in_row + (x0 + fx_lo) * depth, (fy * f_w + fx_lo) * depth,
                   (fx_hi - fx_lo) * depth);
            } else {
              for (int32_t fx = fx_lo; fx < fx_hi; ++fx) {
                step(in_row + (x0 + p.dilation_width * fx) * depth,
                     (fy * f_w + fx) * depth, depth);
              }
            }
          }
        };
        int16_t* out = output + ((static_cast<int64_t>(b) * out_h + oy) *
                                     out_w + ox) * out_c;
        int32_t oc = 0;
        for (; oc + 4 <= out_c; oc += 4) {
          const int8_t* f4 = filter + static_cast<int64_t>(oc) * filter_stride;
          Acc acc[4] = {0, 0, 0, 0};
          window([&](const int16_t* x, int32_t f_off, int32_t n) {
            Isa::Dot4(acc, x, f4 + f_off, filter_stride, n);
          });
          for (int32_t k = 0; k < 4; ++k) {
            out[oc + k] = FinishS16<Acc>(acc[k], bias, oc + k,
                                         multiplier[oc + k], shift[oc + k],
                                         p.output_offset, p.act_min,
                                         p.act_max);
          }
        }
        for (; oc < out_c; ++oc) {
          const int8_t* f_oc = filter + static_cast<int64_t>(oc) * filter_stride;
          Acc acc = 0;
          window([&](const int16_t* x, int32_t f_off, int32_t n) {
            acc = Isa::Dot(acc, x, f_oc + f_off, n);
          });
          out[oc] = FinishS16<Acc>(acc, bias, oc, multiplier[oc], shift[oc],
                                   p.output_offset, p.act_min, p.act_max);
        }
      }
    }
  }
}

// Weights with a zero point (filter_offset != 0, not TFLite's 16x8
// scheme) run the reference.
template <typename Isa>
void FullyConnectedS16Loop(const FullyConnectedParams& p,
                           const Shape& input_shape, const int16_t* input,
                           const Shape& filter_shape, const int8_t* filter,
                           const int64_t* bias, const Shape& output_shape,
                           int16_t* output) {
  if (p.filter_offset != 0) {
    ref::FullyConnectedS16(p, input_shape, input, filter_shape, filter, bias,
                           output_shape, output);
    return;
  }
  const int32_t units = output_shape.dims[output_shape.rank - 1];
  const int32_t depth = filter_shape.dims[filter_shape.rank - 1];
  const int64_t batches = output_shape.FlatSize(0, output_shape.rank - 1);
  const auto finish = [&](int64_t acc, int32_t u) {
    return FinishS16<int64_t>(acc, bias, u, p.output_multiplier,
                              p.output_shift, p.output_offset, p.act_min,
                              p.act_max);
  };
  for (int64_t b = 0; b < batches; ++b) {
    const int16_t* in = input + b * depth;
    int16_t* out = output + b * units;
    int32_t u = 0;
    for (; u + 4 <= units; u += 4) {
      int64_t acc[4] = {0, 0, 0, 0};
      Isa::Dot4(acc, in, filter + static_cast<int64_t>(u) * depth, depth,
                depth);
      for (int32_t k = 0; k < 4; ++k) out[u + k] = finish(acc[k], u + k);
    }
    for (; u < units; ++u) {
      out[u] = finish(
          Isa::Dot(int64_t{0}, in, filter + static_cast<int64_t>(u) * depth,
                   depth),
          u);
    }
  }
}

}  // namespace arm_common
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_COMMON_S16_LOOPS_H_
