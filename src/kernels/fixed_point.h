// Fixed-point math of TFLite's integer softmax, logistic and tanh.
//
// TFLite computes these functions on int32 fixed-point numbers with the
// gemmlowp library's algorithms: a Taylor polynomial for exp on [-1/4, 0)
// extended by a "barrel shifter" of exact exp(-2^k) constants, and
// Newton-Raphson iterations for 1/(1+x) and (1-x)/(1+x). Models are checked
// byte for byte against TFLite, so every constant, rounding step and
// saturation below follows gemmlowp's scalar code exactly; only the spelling
// is ours. Additions wrap (as gemmlowp's do on real hardware) instead of
// being undefined behaviour.
//
// A FixedPoint<N> holds raw / 2^(31 - N): N integer bits, 31 - N fractional
// bits, range [-2^N, 2^N).
#ifndef MOTE_KERNELS_FIXED_POINT_H_
#define MOTE_KERNELS_FIXED_POINT_H_

#include <cstdint>
#include <limits>

#include "kernels/quant_math.h"

namespace mote {
namespace fixed {

inline int32_t WrappingAdd(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) +
                              static_cast<uint32_t>(b));
}
inline int32_t WrappingSub(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) -
                              static_cast<uint32_t>(b));
}
inline int32_t WrappingNeg(int32_t a) { return WrappingSub(0, a); }

// x * 2^Exponent. Left shifts saturate; note the asymmetric bound: gemmlowp
// saturates anything below -threshold, so -2^(31-E) goes to INT32_MIN even
// though it would fit. Right shifts round half away from zero.
template <int Exponent>
int32_t SaturatingRoundingMultiplyByPOT(int32_t x) {
  static_assert(Exponent > -32 && Exponent < 32, "shift out of range");
  if constexpr (Exponent == 0) {
    return x;
  } else if constexpr (Exponent > 0) {
    constexpr int32_t kThreshold = (int32_t{1} << (31 - Exponent)) - 1;
    if (x > kThreshold) return std::numeric_limits<int32_t>::max();
    if (x < -kThreshold) return std::numeric_limits<int32_t>::min();
    return ShiftLeftWrapping(x, Exponent);
  } else {
    return RoundingDivideByPOT(x, -Exponent);
  }
}

// (a + b) / 2 rounded half away from zero, without overflow.
inline int32_t RoundingHalfSum(int32_t a, int32_t b) {
  const int64_t sum = int64_t{a} + int64_t{b};
  const int64_t sign = sum >= 0 ? 1 : -1;
  return static_cast<int32_t>((sum + sign) / 2);
}

template <int IntegerBits>
struct FixedPoint {
  static_assert(IntegerBits >= 0 && IntegerBits < 32, "bad integer bits");
  static constexpr int kIntegerBits = IntegerBits;
  static constexpr int kFractionalBits = 31 - IntegerBits;

  int32_t raw;

  static constexpr FixedPoint FromRaw(int32_t r) { return FixedPoint{r}; }
  static constexpr FixedPoint Zero() { return FixedPoint{0}; }
  // With no integer bits 1.0 is not representable: the closest is INT32_MAX.
  static constexpr FixedPoint One() {
    return FixedPoint{IntegerBits == 0 ? std::numeric_limits<int32_t>::max()
                                       : int32_t{1} << kFractionalBits};
  }
  // 2^Exponent, exactly.
  template <int Exponent>
  static constexpr FixedPoint ConstantPOT() {
    static_assert(
        kFractionalBits + Exponent >= 0 && kFractionalBits + Exponent < 31,
        "constant not representable");
    return FixedPoint{int32_t{1} << (kFractionalBits + Exponent)};
  }
};

using F0 = FixedPoint<0>;

template <int N>
FixedPoint<N> operator+(FixedPoint<N> a, FixedPoint<N> b) {
  return FixedPoint<N>::FromRaw(WrappingAdd(a.raw, b.raw));
}
template <int N>
FixedPoint<N> operator-(FixedPoint<N> a, FixedPoint<N> b) {
  return FixedPoint<N>::FromRaw(WrappingSub(a.raw, b.raw));
}
template <int N>
FixedPoint<N> operator-(FixedPoint<N> a) {
  return FixedPoint<N>::FromRaw(WrappingNeg(a.raw));
}
// Integer bits add up under multiplication.
template <int A, int B>
FixedPoint<A + B> operator*(FixedPoint<A> a, FixedPoint<B> b) {
  return FixedPoint<A + B>::FromRaw(
      SaturatingRoundingDoublingHighMul(a.raw, b.raw));
}

// Changes the format, rescaling the raw value (saturating, rounding).
template <int Dst, int Src>
FixedPoint<Dst> Rescale(FixedPoint<Src> x) {
  return FixedPoint<Dst>::FromRaw(
      SaturatingRoundingMultiplyByPOT<Src - Dst>(x.raw));
}

// Multiplies by 2^Exponent exactly by reinterpreting the format.
template <int Exponent, int N>
FixedPoint<N + Exponent> ExactMulByPOT(FixedPoint<N> x) {
  return FixedPoint<N + Exponent>::FromRaw(x.raw);
}

// Multiplies by 2^Exponent keeping the format (saturating, rounding).
template <int Exponent, int N>
FixedPoint<N> SaturatingRoundingMultiplyByPOT(FixedPoint<N> x) {
  return FixedPoint<N>::FromRaw(
      SaturatingRoundingMultiplyByPOT<Exponent>(x.raw));
}

template <int N>
FixedPoint<N> RoundingHalfSum(FixedPoint<N> a, FixedPoint<N> b) {
  return FixedPoint<N>::FromRaw(RoundingHalfSum(a.raw, b.raw));
}

// exp(a) for a in [-1/4, 0): fourth-order Taylor expansion around -1/8.
inline F0 ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(F0 a) {
  const F0 exp_minus_one_eighth = F0::FromRaw(1895147668);
  const F0 one_third = F0::FromRaw(715827883);
  const F0 x = a + F0::ConstantPOT<-3>();
  const F0 x2 = x * x;
  const F0 x3 = x2 * x;
  const F0 x4 = x2 * x2;
  const F0 x4_over_4 = SaturatingRoundingMultiplyByPOT<-2>(x4);
  const F0 x4_over_24_plus_x3_over_6_plus_x2_over_2 =
      SaturatingRoundingMultiplyByPOT<-1>((x4_over_4 + x3) * one_third + x2);
  return exp_minus_one_eighth +
         exp_minus_one_eighth * (x + x4_over_24_plus_x3_over_6_plus_x2_over_2);
}

namespace internal {

// One stage of the exp barrel shifter: when bit 2^Exponent of the (positive)
// remainder is set, multiply by exp(-2^Exponent). Formats whose range cannot
// reach 2^Exponent skip the stage.
template <int Exponent, int IntegerBits>
F0 ExpBarrelStage(F0 result, int32_t remainder, int32_t exp_of_minus_pot) {
  if constexpr (IntegerBits > Exponent) {
    constexpr int kBit = FixedPoint<IntegerBits>::kFractionalBits + Exponent;
    if ((remainder & (int32_t{1} << kBit)) != 0) {
      return result * F0::FromRaw(exp_of_minus_pot);
    }
  }
  return result;
}

}  // namespace internal

// exp(a) for a <= 0. The input is split into a remainder in [-1/4, 0) for
// the polynomial and a multiple of 1/4 handled bit by bit.
template <int N>
F0 ExpOnNegativeValues(FixedPoint<N> a) {
  using InputF = FixedPoint<N>;
  const InputF one_quarter = InputF::template ConstantPOT<-2>();
  const int32_t mask = one_quarter.raw - 1;
  const InputF a_mod_quarter_minus_one_quarter =
      InputF::FromRaw(a.raw & mask) - one_quarter;
  F0 result = ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(
      Rescale<0>(a_mod_quarter_minus_one_quarter));
  const int32_t remainder = (a_mod_quarter_minus_one_quarter - a).raw;

  // exp(-2^k) for k = -2..4, in Q0.31.
  result = internal::ExpBarrelStage<-2, N>(result, remainder, 1672461947);
  result = internal::ExpBarrelStage<-1, N>(result, remainder, 1302514674);
  result = internal::ExpBarrelStage<+0, N>(result, remainder, 790015084);
  result = internal::ExpBarrelStage<+1, N>(result, remainder, 290630308);
  result = internal::ExpBarrelStage<+2, N>(result, remainder, 39332535);
  result = internal::ExpBarrelStage<+3, N>(result, remainder, 720401);
  result = internal::ExpBarrelStage<+4, N>(result, remainder, 242);

  // Below -32 the result underflows Q0.31 anyway.
  if constexpr (N > 5) {
    const int32_t minus_32 = -(int32_t{1} << (36 - N));
    if (a.raw < minus_32) result = F0::Zero();
  }
  if (a.raw == 0) result = F0::One();
  return result;
}

namespace internal {

// Newton-Raphson for 1 / half_denominator, with half_denominator in
// [1/2, 1): three iterations from the 48/17 - 32/17 * d starting point.
inline FixedPoint<2> NewtonReciprocal(F0 half_denominator) {
  using F2 = FixedPoint<2>;
  const F2 constant_48_over_17 = F2::FromRaw(1515870810);
  const F2 constant_neg_32_over_17 = F2::FromRaw(-1010580540);
  F2 x = constant_48_over_17 + half_denominator * constant_neg_32_over_17;
  for (int i = 0; i < 3; ++i) {
    const F2 half_denominator_times_x = half_denominator * x;
    const F2 one_minus_half_denominator_times_x =
        F2::One() - half_denominator_times_x;
    x = x + Rescale<2>(x * one_minus_half_denominator_times_x);
  }
  return x;
}

}  // namespace internal

// 1 / (1 + a) for a in [0, 1).
inline F0 OneOverOnePlusXForXIn01(F0 a) {
  const FixedPoint<2> x =
      internal::NewtonReciprocal(RoundingHalfSum(a, F0::One()));
  return Rescale<0>(ExactMulByPOT<-1>(x));
}

// (1 - a) / (1 + a) for a in [0, 1).
inline F0 OneMinusXOverOnePlusXForXIn01(F0 a) {
  const FixedPoint<2> x =
      internal::NewtonReciprocal(RoundingHalfSum(a, F0::One()));
  return Rescale<0>(x - FixedPoint<2>::One());
}

// 1 / (1 + exp(-a)), computed on |a| and mirrored for negative inputs.
template <int N>
F0 Logistic(FixedPoint<N> a) {
  if (a.raw == 0) return F0::FromRaw(int32_t{1} << 30);  // exactly 1/2
  const bool positive = a.raw > 0;
  const FixedPoint<N> abs_a = positive ? a : -a;
  const F0 result_if_positive =
      OneOverOnePlusXForXIn01(ExpOnNegativeValues(-abs_a));
  return positive ? result_if_positive : F0::One() - result_if_positive;
}

// tanh(a) = (1 - exp(-2|a|)) / (1 + exp(-2|a|)), with a's sign.
template <int N>
F0 Tanh(FixedPoint<N> a) {
  if (a.raw == 0) return F0::Zero();
  const bool negative = a.raw < 0;
  const FixedPoint<N> minus_abs_a = negative ? a : -a;
  const F0 tanh_of_abs = OneMinusXOverOnePlusXForXIn01(
      ExpOnNegativeValues(ExactMulByPOT<1>(minus_abs_a)));
  return negative ? -tanh_of_abs : tanh_of_abs;
}

inline int CountLeadingZeros32(uint32_t x) {
  if (x == 0) return 32;
#if defined(__GNUC__)
  return __builtin_clz(x);
#else
  int n = 0;
  while ((x & 0x80000000u) == 0) {
    x <<= 1;
    ++n;
  }
  return n;
#endif
}

// 1/x for a positive x with `x_integer_bits` integer bits, as TFLite's
// GetReciprocal: x is normalised to [1, 2) and the result is a Q0.31 value
// in (1/2, 1] to be shifted right by `*num_bits_over_unit` more bits.
inline int32_t GetReciprocal(int32_t x, int x_integer_bits,
                             int* num_bits_over_unit) {
  const int headroom_plus_one = CountLeadingZeros32(static_cast<uint32_t>(x));
  *num_bits_over_unit = x_integer_bits - headroom_plus_one;
  // x scaled to [1, 2), minus one: the fraction in Q0.31. A shift of 32
  // (x == 0) cannot happen for the positive x the callers pass.
  const int32_t shifted_minus_one = static_cast<int32_t>(
      (static_cast<uint32_t>(x) << (headroom_plus_one & 31)) - (1u << 31));
  return OneOverOnePlusXForXIn01(F0::FromRaw(shifted_minus_one)).raw;
}

}  // namespace fixed
}  // namespace mote

#endif  // MOTE_KERNELS_FIXED_POINT_H_
