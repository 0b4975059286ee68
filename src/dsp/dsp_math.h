// Math for mote's feature extraction that gives the same bits on every
// target.
//
// Tables (twiddles, windows, mel weights, DCT) are computed from the config
// at Init time. libm's sin/log/exp differ between glibc and picolibc in the
// last bits, so the fixed-point pipeline would not be bit-identical on the
// host and on a Cortex-M. The functions here use only IEEE double +, -, *
// and /, which are correctly rounded on x86-64 (SSE2) and in libgcc's soft
// double on Cortex-M, so they return identical bits everywhere (build with
// -ffp-contract=off, as mote does, so nothing is fused). They are constexpr
// so constant tables are folded at compile time with the same result.
// Accuracy is a few ulp, far below anything the features can see.
//
// The integer helpers (log2, square root) are what the fixed-point
// pipeline uses per frame.
#ifndef MOTE_DSP_DSP_MATH_H_
#define MOTE_DSP_DSP_MATH_H_

#include <cstddef>
#include <cstdint>

namespace mote::dsp {

constexpr double kPi = 3.14159265358979323846264338327950288;
// pi/2 and ln 2 split in a part with trailing zero bits and a remainder, so
// k * hi is exact in the argument reductions below.
constexpr double kPiOver2Hi = 1.57079632673412561417e+00;
constexpr double kPiOver2Lo = 6.07710050650619224932e-11;
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kLn2 = 0.693147180559945309417232121458176568;

// Round half away from zero (TFLite's and C's round()).
constexpr int64_t RoundToInt64(double x) {
  return x >= 0 ? static_cast<int64_t>(x + 0.5) : -static_cast<int64_t>(-x + 0.5);
}

// x * 2^e, exact (powers of two only change the exponent).
constexpr double ScaleByPow2(double x, int e) {
  while (e > 0) { x *= 2.0; --e; }
  while (e < 0) { x *= 0.5; ++e; }
  return x;
}

namespace internal {

// Series coefficients, folded at compile time: multiplications only (soft
// double division costs hundreds of instructions on a Cortex-M).
struct SeriesCoefficients {
  double sin[9];   // 1 / ((2k)(2k + 1))
  double cos[10];  // 1 / ((2k - 1)(2k))
  double odd[15];  // 1 / (2k + 1)
  double fact[21]; // 1 / n
};
constexpr SeriesCoefficients MakeSeriesCoefficients() {
  SeriesCoefficients c{};
  for (int k = 1; k < 9; ++k) c.sin[k] = 1.0 / static_cast<double>((2 * k) * (2 * k + 1));
  for (int k = 1; k < 10; ++k) c.cos[k] = 1.0 / static_cast<double>((2 * k - 1) * (2 * k));
  for (int k = 0; k < 15; ++k) c.odd[k] = 1.0 / static_cast<double>(2 * k + 1);
  for (int n = 1; n < 21; ++n) c.fact[n] = 1.0 / static_cast<double>(n);
  return c;
}
constexpr SeriesCoefficients kSeries = MakeSeriesCoefficients();

// sin(r) and cos(r) for |r| <= pi/4 + a little: Taylor series to r^17,
// truncation error < 1e-17.
constexpr double SinPoly(double r) {
  const double r2 = r * r;
  double term = r, sum = r;
  for (int k = 1; k <= 8; ++k) {
    term = -term * r2 * kSeries.sin[k];
    sum += term;
  }
  return sum;
}
constexpr double CosPoly(double r) {
  const double r2 = r * r;
  double term = 1.0, sum = 1.0;
  for (int k = 1; k <= 9; ++k) {
    term = -term * r2 * kSeries.cos[k];
    sum += term;
  }
  return sum;
}

// Quadrant k and remainder r of x = k pi/2 + r.
constexpr double ReduceQuadrant(double x, int64_t* k) {
  *k = RoundToInt64(x * 0.63661977236758134308);  // 2 / pi
  return (x - static_cast<double>(*k) * kPiOver2Hi) - static_cast<double>(*k) * kPiOver2Lo;
}

}  // namespace internal

// sin(x) for |x| up to ~1e6; quadrant reduction with a two-part pi/2.
constexpr double DetSin(double x) {
  int64_t k = 0;
  const double r = internal::ReduceQuadrant(x, &k);
  switch (static_cast<int>(((k % 4) + 4) % 4)) {
    case 0: return internal::SinPoly(r);
    case 1: return internal::CosPoly(r);
    case 2: return -internal::SinPoly(r);
    default: return -internal::CosPoly(r);
  }
}

constexpr double DetCos(double x) {
  int64_t k = 0;
  const double r = internal::ReduceQuadrant(x, &k);
  switch (static_cast<int>(((k % 4) + 4) % 4)) {
    case 0: return internal::CosPoly(r);
    case 1: return -internal::SinPoly(r);
    case 2: return -internal::CosPoly(r);
    default: return internal::SinPoly(r);
  }
}

// Natural log for x > 0 (returns a large negative number for x <= 0):
// x = m * 2^e with m in [sqrt(1/2), sqrt(2)), ln m = 2 atanh((m-1)/(m+1)).
constexpr double DetLn(double x) {
  if (!(x > 0)) return -1.0e300;
  int e = 0;
  double m = x;
  while (m >= 1.4142135623730951) { m *= 0.5; ++e; }
  while (m < 0.7071067811865476) { m *= 2.0; --e; }
  const double z = (m - 1.0) / (m + 1.0);
  const double z2 = z * z;
  double term = z, sum = z;
  for (int k = 1; k <= 14; ++k) {
    term *= z2;
    sum += term * internal::kSeries.odd[k];
  }
  return (static_cast<double>(e) * kLn2Hi + 2.0 * sum) +
         static_cast<double>(e) * kLn2Lo;
}

// e^x; x = k ln2 + r with |r| <= ln2/2, Taylor series to r^20.
constexpr double DetExp(double x) {
  if (x > 709.0) return 1.0e308;
  if (x < -745.0) return 0.0;
  const int64_t k = RoundToInt64(x * 1.44269504088896340736);  // 1 / ln 2
  const double r = (x - static_cast<double>(k) * kLn2Hi) -
                   static_cast<double>(k) * kLn2Lo;
  double term = 1.0, sum = 1.0;
  for (int n = 1; n <= 20; ++n) {
    term = term * r * internal::kSeries.fact[n];
    sum += term;
  }
  return ScaleByPow2(sum, static_cast<int>(k));
}

constexpr double DetLog10(double x) { return DetLn(x) * 0.43429448190325182765; }

// a^b for a > 0.
constexpr double DetPow(double a, double b) { return DetExp(b * DetLn(a)); }

// sqrt(x) by Newton's iteration from a power-of-two start.
constexpr double DetSqrt(double x) {
  if (!(x > 0)) return 0.0;
  double y = 1.0;
  double m = x;
  while (m >= 4.0) { m *= 0.25; y *= 2.0; }
  while (m < 1.0) { m *= 4.0; y *= 0.5; }
  // y = 2^(e/2) with x = m * y^2, m in [1, 4): start at y * 1.5.
  y *= 1.5;
  for (int i = 0; i < 6; ++i) y = 0.5 * (y + x / y);  // 50% -> 1e-19
  return y;
}

constexpr double DetTan(double x) { return DetSin(x) / DetCos(x); }

constexpr double Abs(double x) { return x < 0 ? -x : x; }

// --- integer helpers for the fixed-point pipeline --------------------------

// Number of significant bits (0 for 0).
inline int BitLength64(uint64_t v) {
  return v == 0 ? 0 : 64 - __builtin_clzll(v);
}

// Rounding arithmetic shift right by s > 0 (half away from zero is not
// needed here: half up is exact enough and cheaper).
inline int64_t RoundShiftRight64(int64_t v, int s) {
  return (v + (int64_t{1} << (s - 1))) >> s;
}

// Shift left (s >= 0) or rounding right (s < 0).
inline int64_t ShiftRound64(int64_t v, int s) {
  if (s >= 0) return static_cast<int64_t>(static_cast<uint64_t>(v) << s);
  if (s < -62) return 0;
  return RoundShiftRight64(v, -s);
}

// floor(sqrt(v)) for v < 2^32, bit by bit (no division, no FPU).
uint32_t Isqrt32(uint32_t v);

// sqrt(v) for v < 2^62 to about 16 significant bits (relative error
// < 3e-5): v's top 32 bits (an even shift), a table start, one Newton step
// with a 32-bit division (one instruction on Cortex-M3 and up), shifted
// back. Saturates at 2^32 - 1. Isqrt32 is exact but ~8x slower.
uint32_t Isqrt64(uint64_t v);

// log2(v) in Q24 for v >= 1 (v == 0 gives log2(1) = 0): the integer part
// from the bit length, the fraction from a 256-segment table of
// log2(1 + x) with linear interpolation (error < 3e-6).
int32_t Log2Q24(uint64_t v);

// ln(2) in Q30.
constexpr int64_t kLn2Q30 = 744261118;  // round(ln 2 * 2^30)

// ln(v) in Q24 computed from Log2Q24.
inline int64_t LnQ24(uint64_t v) {
  return (static_cast<int64_t>(Log2Q24(v)) * kLn2Q30 + (int64_t{1} << 29)) >> 30;
}

// A positive real as mantissa * 2^exponent, mantissa in [2^31, 2^32):
// how the fixed-point pipeline carries gains computed at Init time.
struct PosFloat {
  uint32_t mantissa = 0;
  int32_t exponent = 0;
};
// Exact for doubles (the mantissa keeps 32 of the 53 bits, rounded).
PosFloat ToPosFloat(double x);
// round(p * 2^shift), saturated to [0, limit].
uint64_t PosFloatToFixed(PosFloat p, int shift, uint64_t limit);

}  // namespace mote::dsp

#endif  // MOTE_DSP_DSP_MATH_H_
