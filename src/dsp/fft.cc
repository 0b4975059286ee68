#include "dsp/fft.h"

#include "dsp/dsp_math.h"
#include "dsp/scratch.h"

namespace mote::dsp {
namespace {

constexpr int kTableSize = kMaxFftSize / 2;  // W_1024^j for j in [0, 512)

struct TwiddleTables {
  float f32[kTableSize][2];     // (cos, -sin) of 2 pi j / 1024
  int32_t q30[kTableSize][2];   // the same in Q30
  int16_t q15[kTableSize][2];   // the same in Q15 (1.0 saturates to 32767)
};

constexpr TwiddleTables MakeTwiddles() {
  TwiddleTables t{};
  for (int j = 0; j < kTableSize; ++j) {
    const double angle = 2.0 * kPi * static_cast<double>(j) / kMaxFftSize;
    const double c = DetCos(angle);
    const double s = -DetSin(angle);
    t.f32[j][0] = static_cast<float>(c);
    t.f32[j][1] = static_cast<float>(s);
    t.q30[j][0] = static_cast<int32_t>(RoundToInt64(c * 1073741824.0));
    t.q30[j][1] = static_cast<int32_t>(RoundToInt64(s * 1073741824.0));
    const int64_t c15 = RoundToInt64(c * 32768.0);
    const int64_t s15 = RoundToInt64(s * 32768.0);
    t.q15[j][0] = static_cast<int16_t>(c15 > 32767 ? 32767 : c15);
    t.q15[j][1] = static_cast<int16_t>(s15 > 32767 ? 32767 : s15);
  }
  return t;
}
constexpr TwiddleTables kTwiddles = MakeTwiddles();

// In-place bit-reversal permutation of m complex values.
template <typename T>
void BitReverse(T* data, int32_t m) {
  for (int32_t i = 1, j = 0; i < m; ++i) {
    int32_t bit = m >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const T re = data[2 * i], im = data[2 * i + 1];
      data[2 * i] = data[2 * j];
      data[2 * i + 1] = data[2 * j + 1];
      data[2 * j] = re;
      data[2 * j + 1] = im;
    }
  }
}

inline int16_t SaturateS16(int32_t v) {
  return static_cast<int16_t>(v > 32767 ? 32767 : (v < -32768 ? -32768 : v));
}

}  // namespace

bool IsValidFftSize(int32_t n) {
  return n >= kMinFftSize && n <= kMaxFftSize && (n & (n - 1)) == 0;
}

int FftLog2(int32_t n) {
  int k = 0;
  while ((int32_t{1} << k) < n) ++k;
  return k;
}

Status CheckFftSize(int32_t n, const char* what, ErrorReporter* errors) {
  if (!IsValidFftSize(n)) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "%s: FFT size %ld must be a power of two in [%ld, %ld]", what,
                  static_cast<long>(n), static_cast<long>(kMinFftSize),
                  static_cast<long>(kMaxFftSize));
  }
  return Status::kOk;
}

void RfftF32(const float* in, int32_t n, float* out) {
  const int32_t m = n / 2;
  for (int32_t i = 0; i < n; ++i) out[i] = in[i];
  BitReverse(out, m);
  for (int32_t half = 1; half < m; half *= 2) {
    const int32_t step = kTableSize / half;  // W_{2 half}^k = W_1024^{k step}
    // k = 0: the twiddle is 1 (a quarter of all butterflies: no multiply).
    for (int32_t start = 0; start < m; start += 2 * half) {
      float* a = out + 2 * start;
      float* b = a + 2 * half;
      const float ar = a[0], ai = a[1], tr = b[0], ti = b[1];
      a[0] = ar + tr;
      a[1] = ai + ti;
      b[0] = ar - tr;
      b[1] = ai - ti;
    }
    for (int32_t k = 1; k < half; ++k) {
      const float wr = kTwiddles.f32[k * step][0];
      const float wi = kTwiddles.f32[k * step][1];
      for (int32_t start = k; start < m; start += 2 * half) {
        float* a = out + 2 * start;
        float* b = a + 2 * half;
        const float ar = a[0], ai = a[1], br = b[0], bi = b[1];
        const float tr = br * wr - bi * wi;
        const float ti = br * wi + bi * wr;
        a[0] = ar + tr;
        a[1] = ai + ti;
        b[0] = ar - tr;
        b[1] = ai - ti;
      }
    }
  }
  // Split: X[k] = Fe - j W_n^k Fo with Fe/Fo the even/odd parts of Z.
  const int32_t step = kMaxFftSize / n;
  const float z0r = out[0], z0i = out[1];
  for (int32_t k = 1; k <= m / 2; ++k) {
    const float ar = out[2 * k], ai = out[2 * k + 1];
    const float br = out[2 * (m - k)], bi = -out[2 * (m - k) + 1];
    const float fer = 0.5f * (ar + br), fei = 0.5f * (ai + bi);
    const float for_ = 0.5f * (ar - br), foi = 0.5f * (ai - bi);
    const float c = kTwiddles.f32[k * step][0];
    const float s = -kTwiddles.f32[k * step][1];
    const float p = s * for_ - c * foi;
    const float q = s * foi + c * for_;
    out[2 * k] = fer - p;
    out[2 * k + 1] = fei - q;
    out[2 * (m - k)] = fer + p;
    out[2 * (m - k) + 1] = -fei - q;
  }
  out[0] = z0r + z0i;
  out[1] = 0.0f;
  out[2 * m] = z0r - z0i;
  out[2 * m + 1] = 0.0f;
}

void RfftQ31(const int32_t* in, int32_t n, int32_t* out) {
  const int32_t m = n / 2;
  for (int32_t i = 0; i < n; ++i) out[i] = in[i];
  BitReverse(out, m);
  constexpr int64_t kHalf = int64_t{1} << 29;
  for (int32_t half = 1; half < m; half *= 2) {
    const int32_t step = kTableSize / half;
    // k = 0: twiddle 1, exact without the multiply (same bits).
    for (int32_t start = 0; start < m; start += 2 * half) {
      int32_t* a = out + 2 * start;
      int32_t* b = a + 2 * half;
      const int32_t ar = a[0], ai = a[1], tr = b[0], ti = b[1];
      a[0] = ar + tr;
      a[1] = ai + ti;
      b[0] = ar - tr;
      b[1] = ai - ti;
    }
    for (int32_t k = 1; k < half; ++k) {
      // Accumulations of 32x32 -> 64-bit products: one SMLAL each on
      // Cortex-M (the rounding constant starts the accumulator).
      const int64_t wr = kTwiddles.q30[k * step][0];
      const int64_t wi = kTwiddles.q30[k * step][1];
      const int64_t nwi = -wi;
      int32_t* a = out + 2 * k;
      int32_t* const end = out + 2 * m;
      const int32_t span = 2 * half;
      for (; a < end; a += 2 * span) {
        int32_t* b = a + span;
        const int32_t ar = a[0], ai = a[1], br = b[0], bi = b[1];
        int64_t accr = kHalf, acci = kHalf;
        accr += static_cast<int64_t>(br) * static_cast<int32_t>(wr);
        accr += static_cast<int64_t>(bi) * static_cast<int32_t>(nwi);
        acci += static_cast<int64_t>(br) * static_cast<int32_t>(wi);
        acci += static_cast<int64_t>(bi) * static_cast<int32_t>(wr);
        const int32_t tr = static_cast<int32_t>(accr >> 30);
        const int32_t ti = static_cast<int32_t>(acci >> 30);
        a[0] = ar + tr;
        a[1] = ai + ti;
        b[0] = ar - tr;
        b[1] = ai - ti;
      }
    }
  }
  // Split with Fe, Fo kept doubled; one rounding shift by 31 halves them and
  // removes the Q30 twiddle scale together.
  const int32_t step = kMaxFftSize / n;
  const int32_t z0r = out[0], z0i = out[1];
  constexpr int64_t kRound31 = int64_t{1} << 30;
  for (int32_t k = 1; k <= m / 2; ++k) {
    // |Z| < 2^29.5, so the sums and differences fit int32.
    const int32_t ar = out[2 * k], ai = out[2 * k + 1];
    const int32_t br = out[2 * (m - k)], bi = -out[2 * (m - k) + 1];
    const int32_t fer = ar + br, fei = ai + bi;
    const int64_t for_ = ar - br, foi = ai - bi;
    const int32_t c = kTwiddles.q30[k * step][0];
    const int32_t s = -kTwiddles.q30[k * step][1];
    const int64_t p = for_ * s - foi * c;  // Q30
    const int64_t q = foi * s + for_ * c;
    const int64_t fer30 = fer * (int64_t{1} << 30), fei30 = fei * (int64_t{1} << 30);
    out[2 * k] = static_cast<int32_t>((fer30 - p + kRound31) >> 31);
    out[2 * k + 1] = static_cast<int32_t>((fei30 - q + kRound31) >> 31);
    out[2 * (m - k)] = static_cast<int32_t>((fer30 + p + kRound31) >> 31);
    out[2 * (m - k) + 1] = static_cast<int32_t>((-fei30 - q + kRound31) >> 31);
  }
  out[0] = z0r + z0i;
  out[1] = 0;
  out[2 * m] = z0r - z0i;
  out[2 * m + 1] = 0;
}

void RfftQ15(const int16_t* in, int32_t n, int16_t* out) {
  const int32_t m = n / 2;
  for (int32_t i = 0; i < n; ++i) out[i] = in[i];
  BitReverse(out, m);
  for (int32_t half = 1; half < m; half *= 2) {
    const int32_t step = kTableSize / half;
    for (int32_t start = 0; start < m; start += 2 * half) {
      for (int32_t k = 0; k < half; ++k) {
        const int32_t wr = kTwiddles.q15[k * step][0];
        const int32_t wi = kTwiddles.q15[k * step][1];
        int16_t* a = out + 2 * (start + k);
        int16_t* b = a + 2 * half;
        const int32_t tr = (b[0] * wr - b[1] * wi + (1 << 14)) >> 15;
        const int32_t ti = (b[0] * wi + b[1] * wr + (1 << 14)) >> 15;
        const int32_t ar = a[0], ai = a[1];
        a[0] = SaturateS16((ar + tr + 1) >> 1);
        a[1] = SaturateS16((ai + ti + 1) >> 1);
        b[0] = SaturateS16((ar - tr + 1) >> 1);
        b[1] = SaturateS16((ai - ti + 1) >> 1);
      }
    }
  }
  // Split: X/n = (Fe - j W Fo) / 2 with Z already divided by m.
  const int32_t step = kMaxFftSize / n;
  const int32_t z0r = out[0], z0i = out[1];
  for (int32_t k = 1; k <= m / 2; ++k) {
    const int32_t ar = out[2 * k], ai = out[2 * k + 1];
    const int32_t br = out[2 * (m - k)], bi = -out[2 * (m - k) + 1];
    const int32_t fer = ar + br, fei = ai + bi;  // doubled
    const int32_t for_ = ar - br, foi = ai - bi;
    const int32_t c = kTwiddles.q30[k * step][0] >> 15;
    const int32_t s = -kTwiddles.q30[k * step][1] >> 15;
    // Q15 products of doubled values; dividing by 4 (>> 17) halves twice:
    // once for Fe/Fo and once for the split's 1/2.
    const int64_t p = static_cast<int64_t>(s) * for_ - static_cast<int64_t>(c) * foi;
    const int64_t q = static_cast<int64_t>(s) * foi + static_cast<int64_t>(c) * for_;
    const int64_t fer15 = static_cast<int64_t>(fer) * 32768, fei15 = static_cast<int64_t>(fei) * 32768;
    constexpr int64_t kRound = int64_t{1} << 16;
    out[2 * k] = SaturateS16(static_cast<int32_t>((fer15 - p + kRound) >> 17));
    out[2 * k + 1] = SaturateS16(static_cast<int32_t>((fei15 - q + kRound) >> 17));
    out[2 * (m - k)] = SaturateS16(static_cast<int32_t>((fer15 + p + kRound) >> 17));
    out[2 * (m - k) + 1] = SaturateS16(static_cast<int32_t>((-fei15 - q + kRound) >> 17));
  }
  out[0] = SaturateS16((z0r + z0i + 1) >> 1);
  out[1] = 0;
  out[2 * m] = SaturateS16((z0r - z0i + 1) >> 1);
  out[2 * m + 1] = 0;
}

}  // namespace mote::dsp
