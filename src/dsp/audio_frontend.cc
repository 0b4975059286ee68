#include "dsp/audio_frontend.h"

#include <math.h>

#include "dsp/fft.h"

namespace mote::dsp {
namespace {

// DCT-II basis value with the configured scaling and liftering folded in:
// tf.signal.dct(x)[k] = 2 sum x[n] cos(pi k (2n + 1) / 2N), and
// mfccs_from_log_mel_spectrograms divides by sqrt(2N): sqrt(2/N) overall.
double DctScale(const AudioConfig& c, int32_t k) {
  const double n = static_cast<double>(c.num_mel_bins);
  if (c.dct_norm == DctNorm::kOrtho && k == 0) return DetSqrt(1.0 / n);
  return DetSqrt(2.0 / n);
}
double DctBasis(const AudioConfig& c, int32_t k, int32_t i) {
  const double n = static_cast<double>(c.num_mel_bins);
  return DetCos(kPi * static_cast<double>(k) * (2.0 * i + 1.0) / (2.0 * n));
}
double Lifter(const AudioConfig& c, int32_t k) {
  if (c.lifter <= 0.0f) return 1.0;
  const double l = c.lifter;
  return 1.0 + 0.5 * l * DetSin(kPi * static_cast<double>(k) / l);
}

Status CheckScratch(const char* what, size_t need, void* memory, size_t bytes,
                    ErrorReporter* errors) {
  if (memory == nullptr || bytes < need) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "%s: scratch of %lu bytes is too small, needs %lu", what,
                  static_cast<unsigned long>(bytes), static_cast<unsigned long>(need));
  }
  return Status::kOk;
}

// m * 2^s, rounded, saturated to `limit`.
uint64_t ShiftSaturate(uint64_t m, int s, uint64_t limit) {
  if (m == 0) return 0;
  if (s >= 0) {
    if (s >= 63 || m > (limit >> s)) return limit;
    return m << s;
  }
  if (s <= -64) return 0;
  return (m >> -s) + ((m >> (-s - 1)) & 1u);
}

constexpr uint64_t kEpsLimit = uint64_t{1} << 62;

}  // namespace

int32_t PeakOf(const int16_t* samples, size_t num_samples) {
  int32_t peak = 0;
  for (size_t i = 0; i < num_samples; ++i) {
    if (samples[i] > peak) peak = samples[i];
  }
  return peak > 0 ? peak : 32768;
}

// --- float ---------------------------------------------------------------

void AudioFrontendF32::Layout(Scratch* s) {
  const AudioConfig& c = config_;
  const size_t nspec = static_cast<size_t>(c.fft_size / 2 + 1);
  const size_t nmel = static_cast<size_t>(c.num_mel_bins);
  window_ = s->Take<float>(static_cast<size_t>(c.frame_length));
  frame_ = s->Take<float>(static_cast<size_t>(c.fft_size));
  fft_ = s->Take<float>(static_cast<size_t>(c.fft_size) + 2);
  spectrum_ = s->Take<float>(nspec);
  mel_ = s->Take<float>(nmel);
  log_mel_ = s->Take<float>(nmel);
  noise_ = s->Take<float>(nmel);
  dct_ = s->Take<float>(static_cast<size_t>(c.num_mfcc) * nmel);
  mel_weights_.Layout(MelSpecOf(c), s, /*with_q15=*/false);
}

size_t AudioFrontendF32::ScratchBytes(const AudioConfig& config) {
  if (ValidateAudioConfig(config, nullptr) != Status::kOk) return 0;
  AudioFrontendF32 probe;
  probe.config_ = config;
  Scratch counter;
  probe.Layout(&counter);
  return counter.used();
}

Status AudioFrontendF32::Init(const AudioConfig& config, void* scratch, size_t bytes,
                              ErrorReporter* errors) {
  MOTE_RETURN_IF_ERROR(ValidateAudioConfig(config, errors));
  MOTE_RETURN_IF_ERROR(
      CheckScratch("audio frontend (float)", ScratchBytes(config), scratch, bytes, errors));
  config_ = config;
  Scratch s(scratch, bytes);
  Layout(&s);
  const AudioConfig& c = config_;
  for (int32_t i = 0; i < c.frame_length; ++i) {
    window_[i] = static_cast<float>(WindowValue(c.window, i, c.frame_length, c.periodic_window));
  }
  for (int32_t k = 0; k < c.num_mfcc; ++k) {
    const double scale = DctScale(c, k) * Lifter(c, k);
    for (int32_t i = 0; i < c.num_mel_bins; ++i) {
      dct_[k * c.num_mel_bins + i] = static_cast<float>(scale * DctBasis(c, k, i));
    }
  }
  Reset();
  return Status::kOk;
}

void AudioFrontendF32::Reset() {
  for (int32_t i = 0; i < config_.num_mel_bins; ++i) noise_[i] = 0.0f;
}

void AudioFrontendF32::ProcessFrame(const int16_t* frame, int16_t previous,
                                    float* features) {
  const AudioConfig& c = config_;
  const float a = c.pre_emphasis;
  float prev = static_cast<float>(previous) * inv_peak_;
  for (int32_t i = 0; i < c.frame_length; ++i) {
    const float x = static_cast<float>(frame[i]) * inv_peak_;
    frame_[i] = (a != 0.0f ? x - a * prev : x) * window_[i];
    prev = x;
  }
  FromFrame(features);
}

void AudioFrontendF32::ProcessFrameReal(const float* frame, float previous,
                                        float* features) {
  const AudioConfig& c = config_;
  const float a = c.pre_emphasis;
  float prev = previous;
  for (int32_t i = 0; i < c.frame_length; ++i) {
    frame_[i] = (a != 0.0f ? frame[i] - a * prev : frame[i]) * window_[i];
    prev = frame[i];
  }
  FromFrame(features);
}

void AudioFrontendF32::FromFrame(float* features) {
  const AudioConfig& c = config_;
  for (int32_t i = c.frame_length; i < c.fft_size; ++i) frame_[i] = 0.0f;
  RfftF32(frame_, c.fft_size, fft_);
  const int32_t nspec = c.fft_size / 2 + 1;
  for (int32_t k = 0; k < nspec; ++k) {
    const float re = fft_[2 * k], im = fft_[2 * k + 1];
    const float power = re * re + im * im;
    spectrum_[k] = c.spectrum == SpectrumType::kPower ? power : sqrtf(power);
  }
  const NoiseReductionConfig& nr = c.noise_reduction;
  const PcanConfig& pcan = c.pcan;
  const float pcan_floor = pcan.enabled ? powf(pcan.offset, pcan.root) : 0.0f;
  for (int32_t ch = 0; ch < c.num_mel_bins; ++ch) {
    const float* w = mel_weights_.weights_f32(ch);
    const float* spec = spectrum_ + mel_weights_.start(ch);
    float e = 0.0f;
    for (int32_t i = 0; i < mel_weights_.count(ch); ++i) e += spec[i] * w[i];
    if (nr.enabled || pcan.enabled) {
      const float smoothing = (ch % 2 == 0) ? nr.smoothing_even : nr.smoothing_odd;
      noise_[ch] += smoothing * (e - noise_[ch]);
      if (nr.enabled) {
        const float floor = e * nr.min_signal_remaining;
        const float reduced = e - noise_[ch];
        e = reduced > floor ? reduced : floor;
      }
      if (pcan.enabled) {
        // (x + d)^r - d^r as d^r (exp(r log1p(x / d)) - 1): no cancellation
        // for the small x of quiet channels.
        const float gain = powf(noise_[ch] + pcan.epsilon, -pcan.strength);
        e = pcan_floor * expm1f(pcan.root * log1pf(e * gain / pcan.offset));
      }
    }
    mel_[ch] = e;
    log_mel_[ch] = logf(e + c.log_offset);
  }
  if (c.num_mfcc == 0) {
    for (int32_t ch = 0; ch < c.num_mel_bins; ++ch) features[ch] = log_mel_[ch];
    return;
  }
  for (int32_t k = 0; k < c.num_mfcc; ++k) {
    const float* basis = dct_ + k * c.num_mel_bins;
    float sum = 0.0f;
    for (int32_t i = 0; i < c.num_mel_bins; ++i) sum += basis[i] * log_mel_[i];
    features[k] = sum;
  }
}

// --- fixed point -----------------------------------------------------------

void AudioFrontendQ::Layout(Scratch* s) {
  const AudioConfig& c = config_;
  const size_t nspec = static_cast<size_t>(c.fft_size / 2 + 1);
  const size_t nmel = static_cast<size_t>(c.num_mel_bins);
  window_ = s->Take<int32_t>(static_cast<size_t>(c.frame_length));
  frame_ = s->Take<int32_t>(static_cast<size_t>(c.fft_size));
  fft_ = s->Take<int32_t>(static_cast<size_t>(c.fft_size) + 2);
  spectrum_ = s->Take<uint64_t>(nspec);
  log_mel_ = s->Take<int32_t>(nmel);
  dct_ = s->Take<int32_t>(static_cast<size_t>(c.num_mfcc) * nmel);
  lifter_ = s->Take<int32_t>(static_cast<size_t>(c.num_mfcc));
  ln_gain_ = s->Take<int64_t>(nmel);
  eps_mantissa_ = s->Take<uint64_t>(nmel);
  eps_exponent_ = s->Take<int32_t>(nmel);
  eps_over_max_ = s->Take<double>(nmel);
  mel_weights_.Layout(MelSpecOf(c), s, /*with_q15=*/true);
}

size_t AudioFrontendQ::ScratchBytes(const AudioConfig& config) {
  if (ValidateAudioConfig(config, nullptr) != Status::kOk) return 0;
  AudioFrontendQ probe;
  probe.config_ = config;
  Scratch counter;
  probe.Layout(&counter);
  return counter.used();
}

Status AudioFrontendQ::Init(const AudioConfig& config, void* scratch, size_t bytes,
                            ErrorReporter* errors) {
  MOTE_RETURN_IF_ERROR(ValidateAudioConfig(config, errors));
  if (config.noise_reduction.enabled || config.pcan.enabled) {
    MOTE_DSP_FAIL(errors, Status::kUnsupported,
                  "audio frontend (fixed point): noise reduction and PCAN are "
                  "float-only; use the float frontend");
  }
  MOTE_RETURN_IF_ERROR(
      CheckScratch("audio frontend (fixed)", ScratchBytes(config), scratch, bytes, errors));
  config_ = config;
  Scratch s(scratch, bytes);
  Layout(&s);
  const AudioConfig& c = config_;
  for (int32_t i = 0; i < c.frame_length; ++i) {
    const double w = WindowValue(c.window, i, c.frame_length, c.periodic_window);
    window_[i] = static_cast<int32_t>(RoundToInt64(w * 1073741824.0));
  }
  pre_emphasis_q15_ = static_cast<int32_t>(RoundToInt64(static_cast<double>(c.pre_emphasis) * 32768.0));
  for (int32_t k = 0; k < c.num_mfcc; ++k) {
    const double scale = DctScale(c, k);
    for (int32_t i = 0; i < c.num_mel_bins; ++i) {
      dct_[k * c.num_mel_bins + i] =
          static_cast<int32_t>(RoundToInt64(scale * DctBasis(c, k, i) * 1073741824.0));
    }
    lifter_[k] = static_cast<int32_t>(RoundToInt64(Lifter(c, k) * 16777216.0));
  }
  const double eps = c.log_offset;
  ln_eps_q24_ = RoundToInt64(DetLn(eps) * 16777216.0);
  for (int32_t ch = 0; ch < c.num_mel_bins; ++ch) {
    eps_over_max_[ch] = eps / mel_weights_.channel_max(ch);
  }
  return set_peak(32768, errors);
}

Status AudioFrontendQ::set_peak(int32_t peak, ErrorReporter* errors) {
  if (peak < 1 || peak > 32768) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "audio frontend (fixed): peak %ld must be in [1, 32768]",
                  static_cast<long>(peak));
  }
  peak_ = peak;
  // real mel = acc * 2^-(exponent + 15) * K, K = channel max * peak^-k
  // (k = 1 for magnitude, 2 for power). Precompute ln K and eps / K.
  const double k = config_.spectrum == SpectrumType::kPower ? 2.0 : 1.0;
  const double ln_peak = DetLn(static_cast<double>(peak));
  double peak_k = static_cast<double>(peak);
  if (k == 2.0) peak_k *= static_cast<double>(peak);
  for (int32_t ch = 0; ch < config_.num_mel_bins; ++ch) {
    const double ln_k = DetLn(mel_weights_.channel_max(ch)) - k * ln_peak;
    ln_gain_[ch] = RoundToInt64(ln_k * 16777216.0);
    const PosFloat e = ToPosFloat(eps_over_max_[ch] * peak_k);
    eps_mantissa_[ch] = e.mantissa;
    eps_exponent_[ch] = e.exponent;
  }
  return Status::kOk;
}

void AudioFrontendQ::ProcessFrame(const int16_t* frame, int16_t previous,
                                  int32_t* features) {
  const AudioConfig& c = config_;
  // Samples in Q15 of int16 units (room for pre-emphasis), times the Q30
  // window: products are sample * w * 2^45 in int64.
  const int32_t a = pre_emphasis_q15_;
  uint64_t max_abs = 0;
  int32_t prev = previous;
  for (int32_t i = 0; i < c.frame_length; ++i) {
    const int32_t y = static_cast<int32_t>(frame[i]) * 32768 - a * prev;
    prev = frame[i];
    const int64_t p = static_cast<int64_t>(y) * window_[i];
    const uint64_t m = p < 0 ? static_cast<uint64_t>(-p) : static_cast<uint64_t>(p);
    if (m > max_abs) max_abs = m;
  }
  if (max_abs == 0) {  // digital silence: every channel is log(log_offset)
    for (int32_t ch = 0; ch < c.num_mel_bins; ++ch) {
      log_mel_[ch] = static_cast<int32_t>((ln_eps_q24_ + 128) >> 8);
    }
  } else {
    // Block exponent: the frame's peak just below 2^(30 - log2 n), so the
    // FFT (gain <= n) cannot overflow and keeps ~21 significant bits.
    const int shift = BitLength64(max_abs) - RfftQ31InputBits(c.fft_size);
    prev = previous;
    for (int32_t i = 0; i < c.frame_length; ++i) {
      const int32_t y = static_cast<int32_t>(frame[i]) * 32768 - a * prev;
      prev = frame[i];
      frame_[i] = static_cast<int32_t>(ShiftRound64(static_cast<int64_t>(y) * window_[i], -shift));
    }
    for (int32_t i = c.frame_length; i < c.fft_size; ++i) frame_[i] = 0;
    RfftQ31(frame_, c.fft_size, fft_);

    // spectrum value = v * 2^-exponent in int16 units (magnitude) or their
    // square (power).
    const bool power = c.spectrum == SpectrumType::kPower;
    int exponent = power ? 2 * (45 - shift) : 45 - shift;
    const int32_t nspec = c.fft_size / 2 + 1;
    uint64_t max_v = 0;
    for (int32_t k = 0; k < nspec; ++k) {
      const int32_t re = fft_[2 * k], im = fft_[2 * k + 1];
      const uint64_t p = static_cast<uint64_t>(static_cast<int64_t>(re) * re) +
                         static_cast<uint64_t>(static_cast<int64_t>(im) * im);
      const uint64_t v = power ? p : Isqrt64(p);
      spectrum_[k] = v;
      if (v > max_v) max_v = v;
    }
    // Power values can reach 2^61: keep them below 2^37 so the mel sums
    // (Q15 weights, up to 513 bins) stay below 2^62.
    const int down = BitLength64(max_v) - 37;
    if (down > 0) {
      for (int32_t k = 0; k < nspec; ++k) spectrum_[k] = ShiftSaturate(spectrum_[k], -down, ~uint64_t{0});
      exponent -= down;
    }
    const int total_exp = exponent + 15;  // Q15 weights
    const int64_t ln_scale_q24 = (static_cast<int64_t>(total_exp) * kLn2Q30 + 32) >> 6;
    for (int32_t ch = 0; ch < c.num_mel_bins; ++ch) {
      const uint16_t* w = mel_weights_.weights_q15(ch);
      const uint64_t* spec = spectrum_ + mel_weights_.start(ch);
      const int32_t count = mel_weights_.count(ch);
      uint64_t acc = 0;
      if (power) {
        for (int32_t i = 0; i < count; ++i) acc += spec[i] * w[i];
      } else {  // magnitudes fit 32 bits: one multiply-accumulate each
        for (int32_t i = 0; i < count; ++i) {
          acc += static_cast<uint64_t>(static_cast<uint32_t>(spec[i])) * w[i];
        }
      }
      int64_t ln_q24;
      if (acc == 0) {
        ln_q24 = ln_eps_q24_;
      } else {
        // ln(acc 2^-e K + eps) = ln K - e ln 2 + ln(acc + eps 2^e / K).
        const uint64_t eps = ShiftSaturate(eps_mantissa_[ch], eps_exponent_[ch] + total_exp,
                                           kEpsLimit);
        ln_q24 = ln_gain_[ch] - ln_scale_q24 + LnQ24(acc + eps);
      }
      log_mel_[ch] = static_cast<int32_t>((ln_q24 + 128) >> 8);
    }
  }
  if (c.num_mfcc == 0) {
    for (int32_t ch = 0; ch < c.num_mel_bins; ++ch) features[ch] = log_mel_[ch];
    return;
  }
  for (int32_t k = 0; k < c.num_mfcc; ++k) {
    const int32_t* basis = dct_ + k * c.num_mel_bins;
    int64_t acc = 0;
    for (int32_t i = 0; i < c.num_mel_bins; ++i) {
      acc += static_cast<int64_t>(log_mel_[i]) * basis[i];
    }
    int64_t v = (acc + (int64_t{1} << 29)) >> 30;
    if (c.lifter > 0.0f) v = (v * lifter_[k] + (int64_t{1} << 23)) >> 24;
    features[k] = static_cast<int32_t>(v);
  }
}

}  // namespace mote::dsp
