// avx512_util.h first: it must precede <immintrin.h> (see there).
#include "kernels/x86_avx512vnni/avx512_util.h"

#include "kernels/x86_avx512vnni/add.h"

namespace mote {
namespace x86 {
namespace {

// The first `count` (<= 16) int8 values widened to int32: from p, or p[0]
// repeated (`scalar`).
MOTE_TARGET_AVX512VNNI inline __m512i Load16(const int8_t* p, bool scalar,
                                             __mmask16 count) {
  return scalar ? _mm512_set1_epi32(*p)
                : _mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(count, p));
}

}  // namespace

MOTE_TARGET_AVX512VNNI bool AddS8_Avx512Vnni(const ref::AddSubParams& p,
                                             const Shape& input1_shape,
                                             const int8_t* input1,
                                             const Shape& input2_shape,
                                             const int8_t* input2,
                                             int8_t* output) {
  const int64_t n1 = input1_shape.FlatSize();
  const int64_t n2 = input2_shape.FlatSize();
  const bool scalar1 = n1 == 1 && n2 > 1;
  const bool scalar2 = n2 == 1 && n1 > 1;
  if (!(input1_shape == input2_shape) && !scalar1 && !scalar2) {
    return ref::AddS8(p, input1_shape, input1, input2_shape, input2, output);
  }
  const int64_t n = scalar1 ? n2 : n1;
  const __m512i zero = _mm512_setzero_si512();
  const QuantVec16 q1 = QuantFromVectors16(
      zero, _mm512_set1_epi32(p.input1_multiplier), _mm512_set1_epi32(p.input1_shift));
  const QuantVec16 q2 = QuantFromVectors16(
      zero, _mm512_set1_epi32(p.input2_multiplier), _mm512_set1_epi32(p.input2_shift));
  const QuantVec16 qo = QuantFromVectors16(
      zero, _mm512_set1_epi32(p.output_multiplier), _mm512_set1_epi32(p.output_shift));
  const OutRange16 range = MakeOutRange16(p.output_offset, p.act_min, p.act_max);
  const __m512i offset1 = _mm512_set1_epi32(p.input1_offset);
  const __m512i offset2 = _mm512_set1_epi32(p.input2_offset);
  const __m128i left = _mm_cvtsi32_si128(p.left_shift);
  for (int64_t i = 0; i < n; i += 16) {
    const int64_t rest = n - i;
    const __mmask16 count = rest >= 16 ? static_cast<__mmask16>(0xFFFF)
                                       : static_cast<__mmask16>((1u << rest) - 1u);
    const __m512i a = _mm512_sll_epi32(
        _mm512_add_epi32(Load16(input1 + (scalar1 ? 0 : i), scalar1, count),
                         offset1),
        left);
    const __m512i b = _mm512_sll_epi32(
        _mm512_add_epi32(Load16(input2 + (scalar2 ? 0 : i), scalar2, count),
                         offset2),
        left);
    const __m512i sum = _mm512_add_epi32(MulByQuantizedMultiplier16(a, q1),
                                         MulByQuantizedMultiplier16(b, q2));
    _mm512_mask_cvtsepi32_storeu_epi8(output + i, count,
                                      Requant16(sum, qo, range));
  }
  return true;
}

}  // namespace x86
}  // namespace mote
