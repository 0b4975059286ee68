#include "kernels/x86_avx2/add.h"

#include <immintrin.h>

#include "kernels/x86_avx2/avx2_util.h"

namespace mote {
namespace x86 {
namespace {

// 8 int8 values widened to int32: from p, or p[0] repeated (`scalar`).
MOTE_TARGET_AVX2 inline __m256i Load8(const int8_t* p, bool scalar) {
  return scalar ? _mm256_set1_epi32(*p)
                : _mm256_cvtepi8_epi32(
                      _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p)));
}

}  // namespace

MOTE_TARGET_AVX2 bool AddS8_Avx2(const ref::AddSubParams& p,
                                 const Shape& input1_shape,
                                 const int8_t* input1,
                                 const Shape& input2_shape,
                                 const int8_t* input2, int8_t* output) {
  const int64_t n1 = input1_shape.FlatSize();
  const int64_t n2 = input2_shape.FlatSize();
  const bool scalar1 = n1 == 1 && n2 > 1;
  const bool scalar2 = n2 == 1 && n1 > 1;
  if (!(input1_shape == input2_shape) && !scalar1 && !scalar2) {
    return ref::AddS8(p, input1_shape, input1, input2_shape, input2, output);
  }
  const int64_t n = scalar1 ? n2 : n1;
  const __m256i zero = _mm256_setzero_si256();
  const QuantVec8 q1 = QuantFromVectors(zero, _mm256_set1_epi32(p.input1_multiplier),
                                        _mm256_set1_epi32(p.input1_shift));
  const QuantVec8 q2 = QuantFromVectors(zero, _mm256_set1_epi32(p.input2_multiplier),
                                        _mm256_set1_epi32(p.input2_shift));
  const QuantVec8 qo = QuantFromVectors(zero, _mm256_set1_epi32(p.output_multiplier),
                                        _mm256_set1_epi32(p.output_shift));
  const OutRange8 range = MakeOutRange8(p.output_offset, p.act_min, p.act_max);
  const __m256i offset1 = _mm256_set1_epi32(p.input1_offset);
  const __m256i offset2 = _mm256_set1_epi32(p.input2_offset);
  const __m128i left = _mm_cvtsi32_si128(p.left_shift);
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256i a = _mm256_sll_epi32(
        _mm256_add_epi32(Load8(input1 + (scalar1 ? 0 : i), scalar1), offset1),
        left);
    const __m256i b = _mm256_sll_epi32(
        _mm256_add_epi32(Load8(input2 + (scalar2 ? 0 : i), scalar2), offset2),
        left);
    const __m256i sum = _mm256_add_epi32(MulByQuantizedMultiplier8(a, q1),
                                         MulByQuantizedMultiplier8(b, q2));
    StoreS8x8(Requant8(sum, qo, range), output + i, 8);
  }
  for (; i < n; ++i) {
    output[i] = ref::AddSubQuantized<false>(p, input1[scalar1 ? 0 : i],
                                            input2[scalar2 ? 0 : i]);
  }
  return true;
}

}  // namespace x86
}  // namespace mote
