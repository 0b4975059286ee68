// Real FFT of power-of-two sizes 8..1024: float32, Q31 (int32) and Q15
// (int16).
//
// An n-point real FFT runs as an n/2-point complex radix-2 FFT on the
// even/odd samples packed as complex numbers, then one split pass (the
// standard "two real FFTs for one" identity). Output: bins 0..n/2 as
// interleaved (re, im), n + 2 values; bin 0 and bin n/2 have im = 0.
// Forward transform only, no scaling except where stated; sign convention
// X[k] = sum x[m] e^{-2 pi i k m / n}, as numpy.fft.rfft.
//
// Twiddles come from constant tables of e^{-2 pi i j / 1024} folded at compile
// time (flash, no RAM, identical on every target): no scratch needed.
#ifndef MOTE_DSP_FFT_H_
#define MOTE_DSP_FFT_H_

#include <cstddef>
#include <cstdint>

#include "mote/status.h"

namespace mote::dsp {

constexpr int32_t kMinFftSize = 8;
constexpr int32_t kMaxFftSize = 1024;

// True for powers of two in [kMinFftSize, kMaxFftSize].
bool IsValidFftSize(int32_t n);
// log2(n) for a valid size.
int FftLog2(int32_t n);

// Fails with a message naming `what` when n is not a valid size.
Status CheckFftSize(int32_t n, const char* what, ErrorReporter* errors);

// Float: out[n + 2] = X. `out` must not alias `in`.
void RfftF32(const float* in, int32_t n, float* out);

// Q31: out[n + 2] = X exactly scaled (no 1/n), rounded at every multiply.
// The caller keeps |in| < 2^(30 - log2 n) so nothing overflows (the
// transform grows by at most n); RfftQ31Headroom gives that bound.
void RfftQ31(const int32_t* in, int32_t n, int32_t* out);
inline int RfftQ31InputBits(int32_t n) { return 30 - FftLog2(n); }

// Q15: out[n + 2] = X / n, halving at every stage (CMSIS-style). Values
// saturate at int16 if the input's even/odd pairs both sit near full scale.
void RfftQ15(const int16_t* in, int32_t n, int16_t* out);

}  // namespace mote::dsp

#endif  // MOTE_DSP_FFT_H_
