// Helpers shared by the AVX-512 VNNI int8 kernels: requantization of 16
// int32 accumulators exactly as MultiplyByQuantizedMultiplier (the AVX2
// Requant8 with 512-bit registers and masks). Only files in src/kernels/x86_avx512vnni include this;
// every function carries its instruction set as a target attribute.
#ifndef MOTE_KERNELS_X86_AVX512VNNI_AVX512_UTIL_H_
#define MOTE_KERNELS_X86_AVX512VNNI_AVX512_UTIL_H_

// GCC 12 warns "(may be) used uninitialized" inside its own AVX-512
// intrinsics (their undefined pass-through operand, GCC bug 105593). The
// warning's location is in <immintrin.h>, so the intrinsics are included
// with it off: AVX-512 files include this header first, never
// <immintrin.h> itself; their own code keeps the warning.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#include <immintrin.h>
#pragma GCC diagnostic pop
#endif

#include <immintrin.h>

#include <cstdint>

#include "kernels/x86_avx2/avx2_util.h"

#define MOTE_TARGET_AVX512VNNI \
  __attribute__((target("avx2,avx512f,avx512bw,avx512vl,avx512vnni")))

namespace mote {
namespace x86 {

// The first n (0..64) bytes.
inline __mmask64 FirstBytes64(int n) {
  return n >= 64 ? ~__mmask64{0} : ((__mmask64{1} << n) - 1);
}

// QuantVec8 for 16 lanes.
struct QuantVec16 {
  __m512i bias;
  __m512i mult;
  __m512i mult_odd;
  __m512i left;
  __m512i right;
  __m512i mask;
  __m512i half;
};

struct OutRange16 {
  __m512i offset;
  __m512i min;
  __m512i max;
};

MOTE_TARGET_AVX512VNNI inline OutRange16 MakeOutRange16(int32_t offset,
                                                        int32_t act_min,
                                                        int32_t act_max) {
  return {_mm512_set1_epi32(offset), _mm512_set1_epi32(act_min),
          _mm512_set1_epi32(act_max)};
}

// The constants from lane-ordered bias, multiplier and shift vectors.
// Shifts must be in [-31, 31].
MOTE_TARGET_AVX512VNNI inline QuantVec16 QuantFromVectors16(__m512i bias,
                                                            __m512i mult,
                                                            __m512i shift) {
  const __m512i zero = _mm512_setzero_si512();
  const __m512i one = _mm512_set1_epi32(1);
  QuantVec16 q;
  q.bias = bias;
  q.mult = mult;
  q.mult_odd = _mm512_srli_epi64(mult, 32);
  q.left = _mm512_max_epi32(shift, zero);
  q.right = _mm512_max_epi32(_mm512_sub_epi32(zero, shift), zero);
  q.mask = _mm512_sub_epi32(_mm512_sllv_epi32(one, q.right), one);
  q.half = _mm512_srli_epi32(q.mask, 1);
  return q;
}

// MulByQuantizedMultiplier8 (avx2_util.h) for 16 lanes.
MOTE_TARGET_AVX512VNNI inline __m512i MulByQuantizedMultiplier16(
    __m512i x, const QuantVec16& q) {
  x = _mm512_sllv_epi32(x, q.left);
  const __m512i round = _mm512_set1_epi64(int64_t{1} << 30);
  __m512i even = _mm512_mul_epi32(x, q.mult);
  __m512i odd = _mm512_mul_epi32(_mm512_srli_epi64(x, 32), q.mult_odd);
  even = _mm512_srli_epi64(_mm512_add_epi64(even, round), 31);
  odd = _mm512_slli_epi64(_mm512_add_epi64(odd, round), 1);
  const __m512i high =
      _mm512_mask_blend_epi32(static_cast<__mmask16>(0xAAAA), even, odd);
  const __m512i remainder = _mm512_and_si512(high, q.mask);
  const __m512i threshold =
      _mm512_sub_epi32(q.half, _mm512_srai_epi32(high, 31));
  const __m512i v = _mm512_srav_epi32(high, q.right);
  return _mm512_mask_add_epi32(v, _mm512_cmpgt_epi32_mask(remainder, threshold),
                               v, _mm512_set1_epi32(1));
}

// Requant8 (avx2_util.h) for 16 lanes.
MOTE_TARGET_AVX512VNNI inline __m512i Requant16(__m512i acc,
                                                const QuantVec16& q,
                                                const OutRange16& r) {
  const __m512i v =
      MulByQuantizedMultiplier16(_mm512_add_epi32(acc, q.bias), q);
  return _mm512_min_epi32(
      _mm512_max_epi32(_mm512_add_epi32(v, r.offset), r.min), r.max);
}

}  // namespace x86
}  // namespace mote

#endif  // MOTE_KERNELS_X86_AVX512VNNI_AVX512_UTIL_H_
