#include "kernels/ref/svdf.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "kernels/quant_math.h"

namespace mote {
namespace ref {
namespace {

// int32 addition that wraps like the two's-complement hardware TFLite runs
// on, without the undefined behaviour of signed overflow.
inline int32_t AddWrapping(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) +
                              static_cast<uint32_t>(b));
}

// Step 1: the whole state moves left by one element. The first slot of each
// filter's memory lands in the last slot of the previous filter, which step 2
// overwrites.
template <typename T>
void ShiftState(const SvdfDims& d, T* state) {
  const int32_t n = d.batches * d.num_filters * d.memory_size;
  if (n > 1) std::memmove(state, state + 1, sizeof(T) * (n - 1));
}

template <typename T>
void SvdfInteger(const SvdfParamsS8& p, const SvdfDims& d, const int8_t* input,
                 const int8_t* weights_feature, const T* weights_time,
                 const int32_t* bias, T* state, int32_t* scratch,
                 int32_t* scratch_output, int8_t* output) {
  const int32_t units = d.units();
  ShiftState(d, state);

  // Step 2: feature matmul into the newest slot of each filter.
  constexpr int32_t kStateMin = std::numeric_limits<T>::min();
  constexpr int32_t kStateMax = std::numeric_limits<T>::max();
  for (int32_t b = 0; b < d.batches; ++b) {
    const int8_t* in = input + b * d.input_size;
    for (int32_t f = 0; f < d.num_filters; ++f) {
      const int8_t* w = weights_feature + f * d.input_size;
      // Prepare bounds input_size so this int32 sum cannot overflow.
      int32_t acc = 0;
      for (int32_t i = 0; i < d.input_size; ++i) {
        acc += static_cast<int32_t>(w[i]) *
               (static_cast<int32_t>(in[i]) - p.input_zero_point);
      }
      acc = MultiplyByQuantizedMultiplier(acc, p.feature_multiplier,
                                          p.feature_shift);
      acc = std::min(std::max(acc, kStateMin), kStateMax);
      // TFLite Micro adds the zero point after the clamp and narrows to T.
      state[(b * d.num_filters + f) * d.memory_size + d.memory_size - 1] =
          static_cast<T>(p.state_zero_point + acc);
    }
  }

  // Step 3: time matmul, one dot product per filter. The products of two
  // int16 values can sum past int32; TFLite's int32 sum wraps, so does this
  // (via int64, truncated: the same value modulo 2^32).
  for (int32_t b = 0; b < d.batches; ++b) {
    const T* s = state + b * d.num_filters * d.memory_size;
    const T* w = weights_time;
    for (int32_t f = 0; f < d.num_filters; ++f) {
      int64_t acc = 0;
      for (int32_t m = 0; m < d.memory_size; ++m) {
        acc += static_cast<int64_t>(*w++) *
               (static_cast<int32_t>(*s++) - p.state_zero_point);
      }
      scratch[b * d.num_filters + f] =
          static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(acc)));
    }
  }

  // Step 4: bias, reduction over rank, rescale.
  for (int32_t b = 0; b < d.batches; ++b) {
    int32_t* out = scratch_output + b * units;
    const int32_t* t = scratch + b * d.num_filters;
    for (int32_t u = 0; u < units; ++u) {
      int32_t acc = bias != nullptr ? bias[u] : 0;
      for (int32_t r = 0; r < d.rank; ++r) acc = AddWrapping(acc, *t++);
      out[u] = acc;
    }
  }
  for (int32_t i = 0; i < d.batches * units; ++i) {
    int32_t x = MultiplyByQuantizedMultiplier(scratch_output[i],
                                              p.output_multiplier,
                                              p.output_shift);
    x += p.output_zero_point;
    x = std::min(std::max(x, int32_t{-128}), int32_t{127});
    output[i] = static_cast<int8_t>(x);
  }
}

// TFLite's ActivationValFloat.
float ActivateF32(Activation activation, float x) {
  switch (activation) {
    case Activation::kNone:
      return x;
    case Activation::kRelu:
      return std::max(0.0f, x);
    case Activation::kReluN1To1:
      return std::max(-1.0f, std::min(x, 1.0f));
    case Activation::kRelu6:
      return std::max(0.0f, std::min(x, 6.0f));
    case Activation::kTanh:
      return std::tanh(x);
    case Activation::kSignBit:
      return std::signbit(x) ? 1.0f : 0.0f;
  }
  return 0.0f;
}

}  // namespace

void SvdfS8StateS16(const SvdfParamsS8& params, const SvdfDims& dims,
                    const int8_t* input, const int8_t* weights_feature,
                    const int16_t* weights_time, const int32_t* bias,
                    int16_t* state, int32_t* scratch, int32_t* scratch_output,
                    int8_t* output) {
  SvdfInteger<int16_t>(params, dims, input, weights_feature, weights_time, bias,
                       state, scratch, scratch_output, output);
}

void SvdfS8StateS8(const SvdfParamsS8& params, const SvdfDims& dims,
                   const int8_t* input, const int8_t* weights_feature,
                   const int8_t* weights_time, const int32_t* bias,
                   int8_t* state, int32_t* scratch, int32_t* scratch_output,
                   int8_t* output) {
  SvdfInteger<int8_t>(params, dims, input, weights_feature, weights_time, bias,
                      state, scratch, scratch_output, output);
}

void SvdfF32(Activation activation, const SvdfDims& d, const float* input,
             const float* weights_feature, const float* weights_time,
             const float* bias, float* state, float* scratch, float* output) {
  const int32_t units = d.units();
  ShiftState(d, state);
  for (int32_t b = 0; b < d.batches; ++b) {
    const float* in = input + b * d.input_size;
    for (int32_t f = 0; f < d.num_filters; ++f) {
      const float* w = weights_feature + f * d.input_size;
      float acc = 0.0f;
      for (int32_t i = 0; i < d.input_size; ++i) acc += w[i] * in[i];
      state[(b * d.num_filters + f) * d.memory_size + d.memory_size - 1] = acc;
    }
  }
  for (int32_t b = 0; b < d.batches; ++b) {
    const float* s = state + b * d.num_filters * d.memory_size;
    const float* w = weights_time;
    for (int32_t f = 0; f < d.num_filters; ++f) {
      float acc = 0.0f;
      for (int32_t m = 0; m < d.memory_size; ++m) acc += *w++ * *s++;
      scratch[b * d.num_filters + f] = acc;
    }
  }
  // As TFLite: the output starts at the bias (or 0) and the rank filters of
  // each unit are added to it in order.
  for (int32_t b = 0; b < d.batches; ++b) {
    float* out = output + b * units;
    const float* t = scratch + b * d.num_filters;
    for (int32_t u = 0; u < units; ++u) {
      float acc = bias != nullptr ? bias[u] : 0.0f;
      for (int32_t r = 0; r < d.rank; ++r) acc += *t++;
      out[u] = ActivateF32(activation, acc);
    }
  }
}

}  // namespace ref
}  // namespace mote
