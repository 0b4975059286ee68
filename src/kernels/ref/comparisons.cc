#include "kernels/ref/comparisons.h"

#include "kernels/quant_math.h"
#include "kernels/ref/add.h"
#include "kernels/ref/broadcast.h"

namespace mote {
namespace ref {
namespace {

// Runs `prep` on each input element (raw value -> comparable value), then
// the comparison.
template <typename In, typename Prep1, typename Prep2>
bool CompareWith(Comparison op, const Shape& s1, const In* in1,
                 const Shape& s2, const In* in2, bool* out, Prep1 prep1,
                 Prep2 prep2) {
  switch (op) {
    case Comparison::kEqual:
      return BinaryElementwise(s1, in1, s2, in2, out, [&](In a, In b) {
        return prep1(a) == prep2(b);
      });
    case Comparison::kNotEqual:
      return BinaryElementwise(s1, in1, s2, in2, out, [&](In a, In b) {
        return prep1(a) != prep2(b);
      });
    case Comparison::kGreater:
      return BinaryElementwise(s1, in1, s2, in2, out, [&](In a, In b) {
        return prep1(a) > prep2(b);
      });
    case Comparison::kGreaterEqual:
      return BinaryElementwise(s1, in1, s2, in2, out, [&](In a, In b) {
        return prep1(a) >= prep2(b);
      });
    case Comparison::kLess:
      return BinaryElementwise(s1, in1, s2, in2, out, [&](In a, In b) {
        return prep1(a) < prep2(b);
      });
    case Comparison::kLessEqual:
      return BinaryElementwise(s1, in1, s2, in2, out, [&](In a, In b) {
        return prep1(a) <= prep2(b);
      });
  }
  return false;
}

template <typename T>
bool CompareRaw(Comparison op, const Shape& s1, const T* in1, const Shape& s2,
                const T* in2, bool* out) {
  const auto identity = [](T v) { return v; };
  return CompareWith(op, s1, in1, s2, in2, out, identity, identity);
}

}  // namespace

bool MakeComparisonParamsS8(float input1_scale, int32_t input1_zero_point,
                            float input2_scale, int32_t input2_zero_point,
                            ComparisonParamsS8* params) {
  ComparisonParamsS8 p;
  p.left_shift = 8;
  p.input1_offset = -input1_zero_point;
  p.input2_offset = -input2_zero_point;
  if (!QuantizeMultiplierSmallerThanOne(static_cast<double>(input1_scale),
                                        &p.input1_multiplier,
                                        &p.input1_shift) ||
      !QuantizeMultiplierSmallerThanOne(static_cast<double>(input2_scale),
                                        &p.input2_multiplier,
                                        &p.input2_shift)) {
    return false;
  }
  *params = p;
  return true;
}

bool CompareF32(Comparison op, const Shape& s1, const float* in1,
                const Shape& s2, const float* in2, bool* out) {
  return CompareRaw(op, s1, in1, s2, in2, out);
}

bool CompareS32(Comparison op, const Shape& s1, const int32_t* in1,
                const Shape& s2, const int32_t* in2, bool* out) {
  return CompareRaw(op, s1, in1, s2, in2, out);
}

bool CompareS64(Comparison op, const Shape& s1, const int64_t* in1,
                const Shape& s2, const int64_t* in2, bool* out) {
  return CompareRaw(op, s1, in1, s2, in2, out);
}

bool CompareBool(Comparison op, const Shape& s1, const uint8_t* in1,
                 const Shape& s2, const uint8_t* in2, bool* out) {
  const auto truth = [](uint8_t v) { return v != 0; };
  return CompareWith(op, s1, in1, s2, in2, out, truth, truth);
}

bool CompareS8(Comparison op, const ComparisonParamsS8& p, const Shape& s1,
               const int8_t* in1, const Shape& s2, const int8_t* in2,
               bool* out) {
  // Shifts are <= 0: MultiplyByQuantizedMultiplier is TFLite's
  // MultiplyByQuantizedMultiplierSmallerThanOneExp there.
  const auto scale1 = [&p](int8_t v) {
    return MultiplyByQuantizedMultiplier(
        ShiftLeftWrapping(p.input1_offset + v, p.left_shift),
        p.input1_multiplier, p.input1_shift);
  };
  const auto scale2 = [&p](int8_t v) {
    return MultiplyByQuantizedMultiplier(
        ShiftLeftWrapping(p.input2_offset + v, p.left_shift),
        p.input2_multiplier, p.input2_shift);
  };
  return CompareWith(op, s1, in1, s2, in2, out, scale1, scale2);
}

}  // namespace ref
}  // namespace mote
