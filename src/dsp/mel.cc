#include "dsp/mel.h"

#include "dsp/dsp_math.h"

namespace mote::dsp {
namespace {

// Slaney's Auditory Toolbox scale: 200/3 Hz per mel below 1 kHz, then a
// log step of ln(6.4)/27 per mel.
constexpr double kSlaneyHzPerMel = 200.0 / 3.0;
constexpr double kSlaneyBreakHz = 1000.0;
constexpr double kSlaneyBreakMel = kSlaneyBreakHz / kSlaneyHzPerMel;  // 15

double SlaneyLogStep() { return DetLn(6.4) / 27.0; }

struct Geometry {
  double mel_lo;
  double mel_step;  // band edges: mel_lo + i * mel_step, i = 0..num_bins+1
  double bin_hz;    // sample_rate / fft_size
};

Geometry MakeGeometry(const MelSpec& spec) {
  Geometry g;
  g.mel_lo = HzToMel(spec.lower_hz, spec.scale);
  const double mel_hi = HzToMel(spec.upper_hz, spec.scale);
  g.mel_step = (mel_hi - g.mel_lo) / static_cast<double>(spec.num_bins + 1);
  g.bin_hz = static_cast<double>(spec.sample_rate) / static_cast<double>(spec.fft_size);
  return g;
}

// Weight of a bin at frequency hz (mel position `mel`) in channel c.
double TriangleWeight(const MelSpec& spec, const Geometry& g, int32_t c,
                      double hz, double mel) {
  const double e0 = g.mel_lo + static_cast<double>(c) * g.mel_step;
  const double e1 = g.mel_lo + static_cast<double>(c + 1) * g.mel_step;
  const double e2 = g.mel_lo + static_cast<double>(c + 2) * g.mel_step;
  double lo = e0, mid = e1, hi = e2, p = mel;
  if (spec.triangles_in_hz) {
    lo = MelToHz(e0, spec.scale);
    mid = MelToHz(e1, spec.scale);
    hi = MelToHz(e2, spec.scale);
    p = hz;
  }
  const double rising = (p - lo) / (mid - lo);
  const double falling = (hi - p) / (hi - mid);
  double w = rising < falling ? rising : falling;
  if (!(w > 0)) return 0.0;
  if (spec.slaney_norm) {
    w *= 2.0 / (MelToHz(e2, spec.scale) - MelToHz(e0, spec.scale));
  }
  return w;
}

// Channels whose triangle may contain a bin at mel position `mel`.
void CandidateChannels(const MelSpec& spec, const Geometry& g, double mel,
                       int32_t* first, int32_t* last) {
  const double t = (mel - g.mel_lo) / g.mel_step;
  int32_t i = t < -4.0 ? -4 : (t > spec.num_bins + 4.0 ? spec.num_bins + 4
                                                       : static_cast<int32_t>(t));
  if (t < 0 && static_cast<double>(i) != t) --i;  // floor
  *first = i - 2 < 0 ? 0 : i - 2;
  *last = i + 1 > spec.num_bins - 1 ? spec.num_bins - 1 : i + 1;
}

}  // namespace

double HzToMel(double hz, MelScale scale) {
  if (scale == MelScale::kHtk) return 1127.0 * DetLn(1.0 + hz / 700.0);
  if (hz < kSlaneyBreakHz) return hz / kSlaneyHzPerMel;
  return kSlaneyBreakMel + DetLn(hz / kSlaneyBreakHz) / SlaneyLogStep();
}

double MelToHz(double mel, MelScale scale) {
  if (scale == MelScale::kHtk) return 700.0 * (DetExp(mel / 1127.0) - 1.0);
  if (mel < kSlaneyBreakMel) return mel * kSlaneyHzPerMel;
  return kSlaneyBreakHz * DetExp(SlaneyLogStep() * (mel - kSlaneyBreakMel));
}

Status MelWeights::Check(const MelSpec& spec, ErrorReporter* errors) {
  if (spec.num_bins <= 0 || spec.num_bins > 256) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "mel: num_mel_bins %ld must be in [1, 256]", static_cast<long>(spec.num_bins));
  }
  if (spec.sample_rate <= 0) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument, "mel: sample_rate must be positive");
  }
  const double nyquist = static_cast<double>(spec.sample_rate) / 2.0;
  if (!(spec.lower_hz >= 0.0) || !(spec.upper_hz > spec.lower_hz) ||
      !(spec.upper_hz <= nyquist)) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "mel: need 0 <= lower_hz < upper_hz <= Nyquist (%ld Hz); got %ld..%ld Hz",
                  static_cast<long>(nyquist), static_cast<long>(spec.lower_hz),
                  static_cast<long>(spec.upper_hz));
  }
  return Status::kOk;
}

double MelWeights::Weight(const MelSpec& spec, int32_t channel, int32_t bin) {
  // tf.signal drops the DC bin before building the triangles (HTK does).
  if (bin == 0 && !spec.triangles_in_hz) return 0.0;
  const Geometry g = MakeGeometry(spec);
  const double hz = static_cast<double>(bin) * g.bin_hz;
  return TriangleWeight(spec, g, channel, hz, HzToMel(hz, spec.scale));
}

void MelWeights::Layout(const MelSpec& spec, Scratch* scratch, bool with_q15) {
  const int32_t num_spec = spec.fft_size / 2 + 1;
  const int32_t max_weights = 2 * num_spec;
  num_channels_ = spec.num_bins;
  start_ = scratch->Take<int16_t>(static_cast<size_t>(spec.num_bins));
  count_ = scratch->Take<int16_t>(static_cast<size_t>(spec.num_bins));
  offset_ = scratch->Take<int32_t>(static_cast<size_t>(spec.num_bins));
  channel_max_ = scratch->Take<double>(static_cast<size_t>(spec.num_bins));
  weights_f32_ = scratch->Take<float>(static_cast<size_t>(max_weights));
  weights_q15_ = with_q15 ? scratch->Take<uint16_t>(static_cast<size_t>(max_weights)) : nullptr;
  if (scratch->counting() || !scratch->ok()) return;

  const Geometry g = MakeGeometry(spec);
  for (int32_t c = 0; c < spec.num_bins; ++c) {
    start_[c] = 0;
    count_[c] = 0;
    channel_max_[c] = 0.0;
  }
  // Pass 1: each channel's run of non-zero bins and its largest weight.
  const int32_t first_bin = spec.triangles_in_hz ? 0 : 1;
  for (int32_t k = first_bin; k < num_spec; ++k) {
    const double hz = static_cast<double>(k) * g.bin_hz;
    const double mel = HzToMel(hz, spec.scale);
    int32_t c0 = 0, c1 = -1;
    CandidateChannels(spec, g, mel, &c0, &c1);
    for (int32_t c = c0; c <= c1; ++c) {
      const double w = TriangleWeight(spec, g, c, hz, mel);
      if (w <= 0.0) continue;
      if (count_[c] == 0) start_[c] = static_cast<int16_t>(k);
      count_[c] = static_cast<int16_t>(k - start_[c] + 1);
      if (w > channel_max_[c]) channel_max_[c] = w;
    }
  }
  int32_t offset = 0;
  for (int32_t c = 0; c < spec.num_bins; ++c) {
    offset_[c] = offset;
    offset += count_[c];
    if (channel_max_[c] <= 0.0) channel_max_[c] = 1.0;  // empty channel
  }
  // Pass 2: the weights (runs are contiguous: triangles are convex). The
  // bound of two channels per bin keeps offset within max_weights.
  for (int32_t c = 0; c < spec.num_bins; ++c) {
    for (int32_t i = 0; i < count_[c]; ++i) {
      const int32_t k = start_[c] + i;
      const double hz = static_cast<double>(k) * g.bin_hz;
      double w = TriangleWeight(spec, g, c, hz, HzToMel(hz, spec.scale));
      if (w < 0.0) w = 0.0;
      weights_f32_[offset_[c] + i] = static_cast<float>(w);
      if (with_q15) {
        weights_q15_[offset_[c] + i] =
            static_cast<uint16_t>(RoundToInt64(w / channel_max_[c] * 32768.0));
      }
    }
  }
}

}  // namespace mote::dsp
