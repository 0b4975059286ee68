#include "kernels/x86_avx2/softmax.h"

#include <immintrin.h>

#include <algorithm>

#include "kernels/fixed_point.h"
#include "kernels/x86_avx2/avx2_util.h"

namespace mote {
namespace x86 {
namespace {

constexpr int kTableSize = 256;  // differences -255..0, at index diff + 255
constexpr int kZero = kTableSize - 1;

// Smallest and largest element of n int8 values.
MOTE_TARGET_AVX2 void MinMax(const int8_t* p, int64_t n, int32_t* lo,
                             int32_t* hi) {
  __m256i vmin = _mm256_set1_epi8(127);
  __m256i vmax = _mm256_set1_epi8(-128);
  int64_t i = 0;
  for (; i + 32 <= n; i += 32) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    vmin = _mm256_min_epi8(vmin, v);
    vmax = _mm256_max_epi8(vmax, v);
  }
  alignas(32) int8_t mins[32];
  alignas(32) int8_t maxs[32];
  _mm256_store_si256(reinterpret_cast<__m256i*>(mins), vmin);
  _mm256_store_si256(reinterpret_cast<__m256i*>(maxs), vmax);
  int32_t a = 127, b = -128;
  for (int k = 0; k < 32; ++k) {
    a = std::min<int32_t>(a, mins[k]);
    b = std::max<int32_t>(b, maxs[k]);
  }
  for (; i < n; ++i) {
    a = std::min<int32_t>(a, p[i]);
    b = std::max<int32_t>(b, p[i]);
  }
  *lo = a;
  *hi = b;
}

// Eight int8 values minus the row maximum, as table indices.
MOTE_TARGET_AVX2 inline __m256i Indices8(const int8_t* p, __m256i base) {
  return _mm256_add_epi32(
      _mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p))),
      base);
}

MOTE_TARGET_AVX2 void SoftmaxRow(const int8_t* in, int8_t* out, int32_t depth,
                                 const int32_t* exp_table,
                                 const int32_t* sum_table) {
  int32_t lo = 0, max_in_row = 0;
  MinMax(in, depth, &lo, &max_in_row);
  const __m256i base = _mm256_set1_epi32(kZero - max_in_row);

  // The sum of exps wraps like the reference's (fixed-point +), so the
  // order of the additions does not matter.
  __m256i vsum = _mm256_setzero_si256();
  int32_t c = 0;
  for (; c + 8 <= depth; c += 8) {
    vsum = _mm256_add_epi32(
        vsum, _mm256_i32gather_epi32(sum_table, Indices8(in + c, base), 4));
  }
  alignas(32) int32_t lanes[8];
  _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), vsum);
  uint32_t sum = 0;
  for (int k = 0; k < 8; ++k) sum += static_cast<uint32_t>(lanes[k]);
  for (; c < depth; ++c) {
    sum += static_cast<uint32_t>(sum_table[in[c] - max_in_row + kZero]);
  }
  const int32_t sum_of_exps = static_cast<int32_t>(sum);

  // The reference's reciprocal and output exponent.
  int num_bits_over_unit = 32;
  int32_t reciprocal = 0;
  if (sum_of_exps > 0) {
    reciprocal = fixed::GetReciprocal(
        sum_of_exps, ref::kSoftmaxAccumulationIntegerBitsS8, &num_bits_over_unit);
  }
  const int exponent = num_bits_over_unit + 31 - 8;
  if (exponent > 31) {
    std::fill(out, out + depth, static_cast<int8_t>(-128));
    return;
  }
  // RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(reciprocal, exp),
  // exponent) is MultiplyByQuantizedMultiplier with shift -exponent; an
  // exp of 0 (a difference below diff_min) gives 0, i.e. -128, as the
  // reference's explicit case.
  const QuantVec8 q = QuantFromVectors(_mm256_setzero_si256(),
                                       _mm256_set1_epi32(reciprocal),
                                       _mm256_set1_epi32(-exponent));
  const OutRange8 range = MakeOutRange8(-128, -128, 127);
  c = 0;
  for (; c + 8 <= depth; c += 8) {
    const __m256i e =
        _mm256_i32gather_epi32(exp_table, Indices8(in + c, base), 4);
    StoreS8x8(Requant8(e, q, range), out + c, 8);
  }
  for (; c < depth; ++c) {
    const int32_t e = exp_table[in[c] - max_in_row + kZero];
    const int32_t v = RoundingDivideByPOT(
        SaturatingRoundingDoublingHighMul(reciprocal, e), exponent);
    out[c] = static_cast<int8_t>(std::min(std::max(v - 128, -128), 127));
  }
}

}  // namespace

size_t SoftmaxS8ScratchBytes_Avx2(const ref::SoftmaxParamsS8&, const Shape&) {
  return 2 * kTableSize * sizeof(int32_t);
}

void SoftmaxS8_Avx2(const ref::SoftmaxParamsS8& params, const Shape& shape,
                    const int8_t* input, int8_t* output, void* scratch) {
  const int last = shape.rank - 1;
  const int32_t depth = shape.rank > 0 ? shape.dims[last] : 1;
  const int64_t rows = shape.rank > 0 ? shape.FlatSize(0, last) : 1;
  const int64_t total = rows * depth;
  int32_t lo = 0, hi = 0;
  MinMax(input, total, &lo, &hi);
  // Every difference to a row maximum lies in [lo - hi, 0].
  const int32_t lowest = lo - hi;
  const int64_t entries = 1 - lowest;
  // The reference computes two exps per element.
  if (scratch == nullptr || total == 0 || entries > 2 * total) {
    ref::SoftmaxS8(params, shape, input, output);
    return;
  }
  int32_t* exp_table = static_cast<int32_t*>(scratch);
  int32_t* sum_table = exp_table + kTableSize;
  for (int32_t diff = lowest; diff <= 0; ++diff) {
    int32_t e = 0;
    if (diff >= params.diff_min) e = ref::SoftmaxExpOfDiffS8(params, diff);
    exp_table[diff + kZero] = e;
    sum_table[diff + kZero] =
        fixed::Rescale<ref::kSoftmaxAccumulationIntegerBitsS8>(
            fixed::F0::FromRaw(e))
            .raw;
  }
  for (int64_t row = 0; row < rows; ++row) {
    SoftmaxRow(input + row * depth, output + row * depth, depth, exp_table,
               sum_table);
  }
}

}  // namespace x86
}  // namespace mote
