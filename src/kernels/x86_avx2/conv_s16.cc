#include "kernels/x86_avx2/conv_s16.h"

#include <immintrin.h>

#include <algorithm>
#include <type_traits>

#include "kernels/quant_math.h"
#include "kernels/x86_avx2/avx2_util.h"

namespace mote {
namespace x86 {
namespace {

// Up to four output channels' dot products of int16 activations with int8
// weights: int32 vector lanes, folded into exact int64 sums before they can
// overflow.
class DotS16x4 {
 public:
  MOTE_TARGET_AVX2 DotS16x4() {
    for (int j = 0; j < 4; ++j) {
      lanes_[j] = _mm256_setzero_si256();
      wide_[j] = 0;
    }
  }

  // Adds in[0..n) . w[j][0..n) to channel j for j < channels.
  MOTE_TARGET_AVX2 void Add(const int16_t* in, const int8_t* const w[4],
                            int channels, int32_t n) {
    int32_t i = 0;
    if (channels == 4) {
      for (; i + 16 <= n; i += 16) {
        const __m256i x =
            _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + i));
        for (int j = 0; j < 4; ++j) {
          const __m256i f = _mm256_cvtepi8_epi16(
              _mm_loadu_si128(reinterpret_cast<const __m128i*>(w[j] + i)));
          lanes_[j] = _mm256_add_epi32(lanes_[j], _mm256_madd_epi16(x, f));
        }
        if (++steps_ == kMaxSteps) Fold();
      }
    } else {
      for (; i + 16 <= n; i += 16) {
        const __m256i x =
            _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + i));
        for (int j = 0; j < channels; ++j) {
          const __m256i f = _mm256_cvtepi8_epi16(
              _mm_loadu_si128(reinterpret_cast<const __m128i*>(w[j] + i)));
          lanes_[j] = _mm256_add_epi32(lanes_[j], _mm256_madd_epi16(x, f));
        }
        if (++steps_ == kMaxSteps) Fold();
      }
    }
    for (; i < n; ++i) {
      for (int j = 0; j < channels; ++j) {
        wide_[j] += int64_t{in[i]} * w[j][i];
      }
    }
  }

  // The exact sum of channel j.
  MOTE_TARGET_AVX2 int64_t Sum(int j) {
    Fold();
    return wide_[j];
  }

 private:
  // 128 steps of two products of at most 2^22 each: below 2^31.
  static constexpr int kMaxSteps = 128;

  MOTE_TARGET_AVX2 void Fold() {
    for (int j = 0; j < 4; ++j) {
      const __m256i v = lanes_[j];
      const __m256i s = _mm256_add_epi64(
          _mm256_cvtepi32_epi64(_mm256_castsi256_si128(v)),
          _mm256_cvtepi32_epi64(_mm256_extracti128_si256(v, 1)));
      alignas(32) int64_t q[4];
      _mm256_store_si256(reinterpret_cast<__m256i*>(q), s);
      wide_[j] += q[0] + q[1] + q[2] + q[3];
      lanes_[j] = _mm256_setzero_si256();
    }
    steps_ = 0;
  }

  __m256i lanes_[4];
  int64_t wide_[4];
  int steps_ = 0;
};

// The reference's finish: + bias (wrapping in Acc), multiplier, + output
// offset (wrapping), clamp. Acc is int64_t or int32_t (the wrapped sum).
template <typename Acc, typename Bias>
int16_t Finish(int64_t exact, const Bias* bias, int channel,
               int32_t multiplier, int32_t shift, int32_t output_offset,
               int32_t act_min, int32_t act_max) {
  using U = std::make_unsigned_t<Acc>;
  Acc acc = static_cast<Acc>(static_cast<U>(static_cast<uint64_t>(exact)));
  if (bias != nullptr) {
    acc = static_cast<Acc>(static_cast<U>(acc) +
                           static_cast<U>(static_cast<Acc>(bias[channel])));
  }
  int32_t v = MultiplyByQuantizedMultiplier(acc, multiplier, shift);
  v = static_cast<int32_t>(static_cast<uint32_t>(v) +
                           static_cast<uint32_t>(output_offset));
  return static_cast<int16_t>(std::min(std::max(v, act_min), act_max));
}

template <typename Acc, typename Bias>
MOTE_TARGET_AVX2 void ConvS16(const ConvParams& p, const int32_t* multiplier,
             const int32_t* shift, const Shape& input_shape,
             const int16_t* input, const Shape& filter_shape,
             const int8_t* filter, const Bias* bias, const Shape& output_shape,
             int16_t* output) {
  const int32_t in_h = input_shape.dims[1];
  const int32_t in_w = input_shape.dims[2];
  const int32_t depth = input_shape.dims[3];
  const int32_t filter_h = filter_shape.dims[1];
  const int32_t filter_w = filter_shape.dims[2];
  const int32_t out_h = output_shape.dims[1];
  const int32_t out_w = output_shape.dims[2];
  const int32_t out_ch = output_shape.dims[3];
  const int64_t filter_stride = int64_t{filter_h} * filter_w * depth;
  for (int32_t b = 0; b < input_shape.dims[0]; ++b) {
    for (int32_t oy = 0; oy < out_h; ++oy) {
      const int32_t y0 = oy * p.stride_height - p.pad_height;
      for (int32_t ox = 0; ox < out_w; ++ox) {
        const int32_t x0 = ox * p.stride_width - p.pad_width;
        int16_t* out = output + ((int64_t{b} * out_h + oy) * out_w + ox) * out_ch;
        for (int32_t oc = 0; oc < out_ch; oc += 4) {
          const int channels = std::min<int32_t>(4, out_ch - oc);
          DotS16x4 dot;
          for (int32_t fy = 0; fy < filter_h; ++fy) {
            const int32_t y = y0 + p.dilation_height * fy;
            if (y < 0 || y >= in_h) continue;
            // A whole filter row inside the input, undilated, is one run
            // of filter_w * depth values in both the input and the filter
            // (few channels, e.g. a first layer, still fill vectors).
            const bool whole_row = p.dilation_width == 1 && x0 >= 0 &&
                                   x0 + filter_w <= in_w;
            const int32_t run = whole_row ? filter_w * depth : depth;
            for (int32_t fx = 0; fx < filter_w; fx += whole_row ? filter_w : 1) {
              const int32_t x = x0 + p.dilation_width * fx;
              if (x < 0 || x >= in_w) continue;
              const int16_t* in =
                  input + ((int64_t{b} * in_h + y) * in_w + x) * depth;
              const int8_t* w[4];
              for (int j = 0; j < 4; ++j) {
                const int64_t c = oc + std::min(j, channels - 1);
                w[j] = filter + c * filter_stride +
                       (int64_t{fy} * filter_w + fx) * depth;
              }
              dot.Add(in, w, channels, run);
            }
          }
          for (int j = 0; j < channels; ++j) {
            out[oc + j] = Finish<Acc>(dot.Sum(j), bias, oc + j,
                                      multiplier[oc + j], shift[oc + j],
                                      p.output_offset, p.act_min, p.act_max);
          }
        }
      }
    }
  }
}

}  // namespace

void ConvPerChannelS16_Avx2(const ConvParams& params,
                            const int32_t* output_multiplier,
                            const int32_t* output_shift,
                            const Shape& input_shape, const int16_t* input,
                            const Shape& filter_shape, const int8_t* filter,
                            const int64_t* bias, const Shape& output_shape,
                            int16_t* output) {
  ConvS16<int64_t>(params, output_multiplier, output_shift, input_shape, input,
                   filter_shape, filter, bias, output_shape, output);
}

void ConvPerChannelS16_Avx2(const ConvParams& params,
                            const int32_t* output_multiplier,
                            const int32_t* output_shift,
                            const Shape& input_shape, const int16_t* input,
                            const Shape& filter_shape, const int8_t* filter,
                            const int32_t* bias, const Shape& output_shape,
                            int16_t* output) {
  ConvS16<int32_t>(params, output_multiplier, output_shift, input_shape, input,
                   filter_shape, filter, bias, output_shape, output);
}

MOTE_TARGET_AVX2 void FullyConnectedS16_Avx2(
    const FullyConnectedParams& params, const Shape&, const int16_t* input,
                            const Shape& filter_shape, const int8_t* filter,
                            const int64_t* bias, const Shape& output_shape,
                            int16_t* output) {
  const int32_t units = output_shape.dims[output_shape.rank - 1];
  const int32_t depth = filter_shape.dims[filter_shape.rank - 1];
  const int64_t batches = output_shape.FlatSize(0, output_shape.rank - 1);
  for (int64_t b = 0; b < batches; ++b) {
    const int16_t* in = input + b * depth;
    for (int32_t u = 0; u < units; u += 4) {
      const int channels = std::min<int32_t>(4, units - u);
      const int8_t* w[4];
      for (int j = 0; j < 4; ++j) {
        w[j] = filter + (u + std::min(j, channels - 1)) * int64_t{depth};
      }
      DotS16x4 dot;
      dot.Add(in, w, channels, depth);
      for (int j = 0; j < channels; ++j) {
        output[b * units + u + j] = Finish<int64_t>(
            dot.Sum(j), bias, u + j, params.output_multiplier,
            params.output_shift, params.output_offset, params.act_min,
            params.act_max);
      }
    }
  }
}

}  // namespace x86
}  // namespace mote
