// Helpers shared by the AVX2 int8 kernels (and reused, 8 lanes at a time,
// by the AVX-512 ones): requantization of eight int32 accumulators exactly
// as MultiplyByQuantizedMultiplier, narrowing stores, horizontal sums, and
// the bump allocator that lays out a kernel's scratch.
//
// Only files in src/kernels/x86_* include this. Every function carries its
// instruction set as a target attribute, so the rest of the program (and
// every inline function of other headers) is compiled for baseline x86-64.
#ifndef MOTE_KERNELS_X86_AVX2_AVX2_UTIL_H_
#define MOTE_KERNELS_X86_AVX2_AVX2_UTIL_H_

#include <immintrin.h>

#include <cstddef>
#include <cstdint>
#include <cstring>

#define MOTE_TARGET_AVX2 __attribute__((target("avx2")))

namespace mote {
namespace x86 {

inline size_t RoundUp(size_t value, size_t multiple) {
  return (value + multiple - 1) / multiple * multiple;
}

// Lays out a kernel's scratch buffer: each Take() returns the next block,
// 16-byte aligned (as the arena hands scratch out; the kernels use
// unaligned loads anyway). Built on a null base it only measures, so one
// function computes both a kernel's scratch size and its layout.
class ScratchCursor {
 public:
  explicit ScratchCursor(void* base) : base_(static_cast<uint8_t*>(base)) {}
  template <typename T>
  T* Take(size_t count) {
    offset_ = RoundUp(offset_, 16);
    T* p = base_ != nullptr ? reinterpret_cast<T*>(base_ + offset_) : nullptr;
    offset_ += count * sizeof(T);
    return p;
  }
  size_t bytes() const { return offset_; }

 private:
  uint8_t* base_ = nullptr;
  size_t offset_ = 0;
};

// The requantization constants of eight output channels, in lane order:
// what MultiplyByQuantizedMultiplier needs, split so that each step is one
// instruction. `mult_odd` holds the odd lanes' multipliers in the even
// (low) halves of the 64-bit lanes, for _mm256_mul_epi32.
struct QuantVec8 {
  __m256i bias;  // added to the accumulator first (wrapping)
  __m256i mult;
  __m256i mult_odd;
  __m256i left;   // max(shift, 0)
  __m256i right;  // max(-shift, 0)
  __m256i mask;   // (1 << right) - 1
  __m256i half;   // mask >> 1
};

// The output zero point and the activation clamp.
struct OutRange8 {
  __m256i offset;
  __m256i min;
  __m256i max;
};

MOTE_TARGET_AVX2 inline OutRange8 MakeOutRange8(int32_t offset, int32_t act_min,
                                                int32_t act_max) {
  return {_mm256_set1_epi32(offset), _mm256_set1_epi32(act_min),
          _mm256_set1_epi32(act_max)};
}

// The constants from lane-ordered bias, multiplier and shift vectors.
// Shifts must be in [-31, 31].
MOTE_TARGET_AVX2 inline QuantVec8 QuantFromVectors(__m256i bias, __m256i mult,
                                                   __m256i shift) {
  const __m256i zero = _mm256_setzero_si256();
  const __m256i one = _mm256_set1_epi32(1);
  QuantVec8 q;
  q.bias = bias;
  q.mult = mult;
  q.mult_odd = _mm256_srli_epi64(mult, 32);
  q.left = _mm256_max_epi32(shift, zero);
  q.right = _mm256_max_epi32(_mm256_sub_epi32(zero, shift), zero);
  q.mask = _mm256_sub_epi32(_mm256_sllv_epi32(one, q.right), one);
  q.half = _mm256_srli_epi32(q.mask, 1);
  return q;
}

// Channels [0, count) of `bias` (may be null: 0), `mult` and `shift`, read
// with `stride` 1 (per channel) or 0 (one value for all); lanes >= count
// are not read and get multiplier 0.
MOTE_TARGET_AVX2 inline QuantVec8 MakeQuant8(const int32_t* bias,
                                             const int32_t* mult,
                                             const int32_t* shift, int stride,
                                             int count) {
  const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  const __m256i valid = _mm256_cmpgt_epi32(_mm256_set1_epi32(count), lanes);
  __m256i m, s;
  if (stride == 0) {
    m = _mm256_and_si256(_mm256_set1_epi32(*mult), valid);
    s = _mm256_and_si256(_mm256_set1_epi32(*shift), valid);
  } else {
    m = _mm256_maskload_epi32(reinterpret_cast<const int*>(mult), valid);
    s = _mm256_maskload_epi32(reinterpret_cast<const int*>(shift), valid);
  }
  const __m256i b =
      bias != nullptr
          ? _mm256_maskload_epi32(reinterpret_cast<const int*>(bias), valid)
          : _mm256_setzero_si256();
  return QuantFromVectors(b, m, s);
}

// The lanes of `mask` from p (0 elsewhere, and everywhere for null p).
MOTE_TARGET_AVX2 inline __m128i MaskLoad4(const int32_t* p, __m128i mask) {
  return p != nullptr
             ? _mm_maskload_epi32(reinterpret_cast<const int*>(p), mask)
             : _mm_setzero_si128();
}

// Channels [0, count) (count <= 4) in lanes 0-3 and again in lanes 4-7: the
// layout of a tile of two rows by four channels.
MOTE_TARGET_AVX2 inline QuantVec8 MakeQuant4x2(const int32_t* bias,
                                               const int32_t* mult,
                                               const int32_t* shift,
                                               int count) {
  const __m128i valid = _mm_cmpgt_epi32(_mm_set1_epi32(count),
                                        _mm_setr_epi32(0, 1, 2, 3));
  return QuantFromVectors(
      _mm256_broadcastsi128_si256(MaskLoad4(bias, valid)),
      _mm256_broadcastsi128_si256(MaskLoad4(mult, valid)),
      _mm256_broadcastsi128_si256(MaskLoad4(shift, valid)));
}

// MultiplyByQuantizedMultiplier(x, mult, shift) per lane, exactly (bias
// not added). TFLite's SaturatingRoundingDoublingHighMul is
// floor((x * m + 2^30) / 2^31) for both signs of the product (its nudge and
// its truncating division cancel), so the 64-bit products are rounded by
// one add and one shift. The saturating case x = m = INT32_MIN cannot
// occur: multipliers are >= 0.
MOTE_TARGET_AVX2 inline __m256i MulByQuantizedMultiplier8(__m256i x,
                                                          const QuantVec8& q) {
  x = _mm256_sllv_epi32(x, q.left);
  const __m256i round = _mm256_set1_epi64x(int64_t{1} << 30);
  __m256i even = _mm256_mul_epi32(x, q.mult);
  __m256i odd = _mm256_mul_epi32(_mm256_srli_epi64(x, 32), q.mult_odd);
  even = _mm256_srli_epi64(_mm256_add_epi64(even, round), 31);
  odd = _mm256_slli_epi64(_mm256_add_epi64(odd, round), 1);
  const __m256i high = _mm256_blend_epi32(even, odd, 0xAA);
  // RoundingDivideByPOT: round half away from zero.
  const __m256i remainder = _mm256_and_si256(high, q.mask);
  const __m256i threshold =
      _mm256_sub_epi32(q.half, _mm256_srai_epi32(high, 31));
  return _mm256_sub_epi32(_mm256_srav_epi32(high, q.right),
                          _mm256_cmpgt_epi32(remainder, threshold));
}

// acc + bias (wrapping), MultiplyByQuantizedMultiplier, + offset, clamped:
// the end of every int8 kernel.
MOTE_TARGET_AVX2 inline __m256i Requant8(__m256i acc, const QuantVec8& q,
                                         const OutRange8& r) {
  const __m256i v =
      MulByQuantizedMultiplier8(_mm256_add_epi32(acc, q.bias), q);
  return _mm256_min_epi32(
      _mm256_max_epi32(_mm256_add_epi32(v, r.offset), r.min), r.max);
}

// Stores the first n (<= 16) bytes of `bytes`.
MOTE_TARGET_AVX2 inline void StorePartial(__m128i bytes, int8_t* dst, int n) {
  if (n >= 16) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst), bytes);
    return;
  }
  alignas(16) int8_t tmp[16];
  _mm_store_si128(reinterpret_cast<__m128i*>(tmp), bytes);
  memcpy(dst, tmp, static_cast<size_t>(n));
}

// Eight clamped int32 lanes to int8; stores the first n (<= 8).
MOTE_TARGET_AVX2 inline void StoreS8x8(__m256i v, int8_t* dst, int n) {
  __m128i p = _mm_packs_epi32(_mm256_castsi256_si128(v),
                              _mm256_extracti128_si256(v, 1));
  p = _mm_packs_epi16(p, p);
  if (n >= 8) {
    _mm_storel_epi64(reinterpret_cast<__m128i*>(dst), p);
    return;
  }
  StorePartial(p, dst, n);
}

// Sixteen clamped int32 lanes to int8, stores the first n (<= 16): lo holds
// channels 0-3 and 8-11, hi 4-7 and 12-15 (the order _mm256_unpack*_epi16
// leaves), which packs_epi32 undoes by itself.
MOTE_TARGET_AVX2 inline void StoreS8x16Interleaved(__m256i lo, __m256i hi,
                                                   int8_t* dst, int n) {
  const __m256i p = _mm256_packs_epi32(lo, hi);
  const __m128i b = _mm_packs_epi16(_mm256_castsi256_si128(p),
                                    _mm256_extracti128_si256(p, 1));
  StorePartial(b, dst, n);
}

// Lane u of the result is the sum of the eight lanes of acc[u].
MOTE_TARGET_AVX2 inline __m256i HorizontalSums8(const __m256i acc[8]) {
  const __m256i h01 = _mm256_hadd_epi32(acc[0], acc[1]);
  const __m256i h23 = _mm256_hadd_epi32(acc[2], acc[3]);
  const __m256i h45 = _mm256_hadd_epi32(acc[4], acc[5]);
  const __m256i h67 = _mm256_hadd_epi32(acc[6], acc[7]);
  const __m256i g0 = _mm256_hadd_epi32(h01, h23);  // [0 1 2 3 | 0 1 2 3]
  const __m256i g1 = _mm256_hadd_epi32(h45, h67);  // [4 5 6 7 | 4 5 6 7]
  return _mm256_add_epi32(_mm256_permute2x128_si256(g0, g1, 0x20),
                          _mm256_permute2x128_si256(g0, g1, 0x31));
}

}  // namespace x86
}  // namespace mote

#endif  // MOTE_KERNELS_X86_AVX2_AVX2_UTIL_H_
