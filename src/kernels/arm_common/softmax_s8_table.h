// SOFTMAX int8 -> int8 for the Arm folders, bit-exact with ref::SoftmaxS8
// (TFLite's fixed-point softmax) without its per-element exp. The exp term
// of an element depends only on its difference to the row maximum, an
// integer in [-255, 0], so the kernel tabulates the reference's own terms
// (ref::SoftmaxExpOfDiffS8) in the scratch, once per call and only for the
// differences the tensor can produce (or, for a tensor with fewer elements
// than that, each row's own terms); every row is then a maximum (the
// instruction set's `RowMax`), a sum of looked-up terms and a requantized
// lookup per element, with the reference's own scalar reciprocal. Plain
// C++: the same code serves arm_dsp/ and arm_mve/ (the x86 kernel,
// x86_avx2/softmax.cc, gathers the same table).
#ifndef MOTE_KERNELS_ARM_COMMON_SOFTMAX_S8_TABLE_H_
#define MOTE_KERNELS_ARM_COMMON_SOFTMAX_S8_TABLE_H_

#include <cstddef>
#include <cstdint>

#include "kernels/fixed_point.h"
#include "kernels/quant_math.h"
#include "kernels/ref/softmax.h"
#include "mote/types.h"

namespace mote {
namespace arm_common {

// One int32 exp term per difference -255 .. 0, at most; the kernel uses
// no more entries than the tensor has elements (SoftmaxS8TableEntries).
constexpr int32_t kSoftmaxTableEntries = 256;

inline int64_t SoftmaxS8TableEntries(const Shape& shape) {
  const int64_t total = shape.rank > 0 ? shape.FlatSize() : 1;
  return total < kSoftmaxTableEntries ? total : kSoftmaxTableEntries;
}

// One row from its exp terms, term(src, c) for element c: the reference's
// sum (Q12.19, wrapping like its fixed-point +), reciprocal and
// requantization.
template <typename Src, typename Term>
inline void SoftmaxS8Row(const Src* src, int32_t depth, int8_t* out,
                         Term term) {
  uint32_t sum = 0;
  for (int32_t c = 0; c < depth; ++c) {
    sum += static_cast<uint32_t>(
        fixed::Rescale<ref::kSoftmaxAccumulationIntegerBitsS8>(
            fixed::F0::FromRaw(term(src, c)))
            .raw);
  }
  const int32_t sum_of_exps = static_cast<int32_t>(sum);
  int num_bits_over_unit = 32;
  int32_t reciprocal = 0;
  if (sum_of_exps > 0) {
    reciprocal = fixed::GetReciprocal(
        sum_of_exps, ref::kSoftmaxAccumulationIntegerBitsS8,
        &num_bits_over_unit);
  }
  const int exponent = num_bits_over_unit + 31 - 8;
  if (exponent > 31) {
    for (int32_t c = 0; c < depth; ++c) out[c] = -128;
    return;
  }
  for (int32_t c = 0; c < depth; ++c) {
    const int32_t v = RoundingDivideByPOT(
        SaturatingRoundingDoublingHighMul(reciprocal, term(src, c)), exponent);
    const int32_t shifted = v - 128;
    out[c] = static_cast<int8_t>(
        shifted < -128 ? -128 : (shifted > 127 ? 127 : shifted));
  }
}

// `row_max(p, n)` is the largest of n int8 values (n >= 1); `scratch`
// holds SoftmaxS8TableEntries(shape) int32 entries.
template <typename RowMax>
void SoftmaxS8Table(const ref::SoftmaxParamsS8& params, const Shape& shape,
                    const int8_t* input, int8_t* output, void* scratch,
                    RowMax row_max) {
  const int last = shape.rank - 1;
  const int32_t depth = shape.rank > 0 ? shape.dims[last] : 1;
  const int64_t rows = shape.rank > 0 ? shape.FlatSize(0, last) : 1;
  const int64_t total = rows * depth;
  if (scratch == nullptr || total == 0 || depth == 0) {
    ref::SoftmaxS8(params, shape, input, output);
    return;
  }
  int32_t lo = 127, hi = -128;
  for (int64_t i = 0; i < total; ++i) {
    lo = input[i] < lo ? input[i] : lo;
    hi = input[i] > hi ? input[i] : hi;
  }
  // Every difference to a row maximum lies in [lo - hi, 0]. Tabulating
  // costs one exp per possible difference; when the tensor has fewer
  // elements than that (a short row with a wide range: a classifier's
  // output), each row caches its elements' terms instead (depth < 256
  // then), one exp per element where the reference computes two.
  const int32_t lowest = lo - hi;
  int32_t* table = static_cast<int32_t*>(scratch);
  if (1 - lowest > total) {
    for (int64_t row = 0; row < rows; ++row) {
      const int8_t* in = input + row * depth;
      const int32_t max_in_row = row_max(in, depth);
      for (int32_t c = 0; c < depth; ++c) {
        const int32_t diff = in[c] - max_in_row;
        table[c] = diff >= params.diff_min
                       ? ref::SoftmaxExpOfDiffS8(params, diff)
                       : 0;
      }
      SoftmaxS8Row(table, depth, output + row * depth, [](const int32_t* t,
                                                          int32_t c) {
        return t[c];
      });
    }
    return;
  }
  // Entry diff - lowest: 1 - lowest <= min(total, 256) entries.
  for (int32_t diff = lowest; diff <= 0; ++diff) {
    // Below diff_min the reference skips the term (exp 0, output -128),
    // which a 0 entry reproduces in both the sum and the output.
    table[diff - lowest] =
        diff >= params.diff_min ? ref::SoftmaxExpOfDiffS8(params, diff) : 0;
  }
  for (int64_t row = 0; row < rows; ++row) {
    const int8_t* in = input + row * depth;
    // t[x] is the entry of x - max; x >= max + lowest.
    const int32_t* t = table + (-lowest - row_max(in, depth));
    SoftmaxS8Row(in, depth, output + row * depth,
                 [t](const int8_t* x, int32_t c) { return t[x[c]]; });
  }
}

}  // namespace arm_common
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_COMMON_SOFTMAX_S8_TABLE_H_
