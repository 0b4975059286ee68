#include "host/feature_config.h"

#include <cmath>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "dsp/presets.h"

namespace mote::host {
namespace {

using nlohmann::json;

// Typed access to one JSON object; remembers which keys were read so
// leftovers (typos) can be reported.
class Fields {
 public:
  Fields(const json& object, std::string where) : object_(object), where_(std::move(where)) {}

  bool Int(const char* key, int32_t* out) {
    const json* v = Find(key);
    if (v == nullptr) return ok_;
    if (!v->is_number_integer()) return Fail(key, "an integer");
    const int64_t i = v->get<int64_t>();
    if (i < INT32_MIN || i > INT32_MAX) return Fail(key, "a 32-bit integer");
    *out = static_cast<int32_t>(i);
    return ok_;
  }
  bool Float(const char* key, float* out) {
    const json* v = Find(key);
    if (v == nullptr) return ok_;
    if (!v->is_number()) return Fail(key, "a number");
    const double d = v->get<double>();
    // Beyond float's range the conversion is undefined, not infinity.
    if (!std::isfinite(d) || std::fabs(d) > std::numeric_limits<float>::max()) {
      return Fail(key, "a finite number in float range");
    }
    *out = static_cast<float>(d);
    return ok_;
  }
  bool Bool(const char* key, bool* out) {
    const json* v = Find(key);
    if (v == nullptr) return ok_;
    if (!v->is_boolean()) return Fail(key, "true or false");
    *out = v->get<bool>();
    return ok_;
  }
  // One of `choices`; *out is its index.
  bool Choice(const char* key, std::initializer_list<const char*> choices, int* out) {
    const json* v = Find(key);
    if (v == nullptr) return ok_;
    std::string list;
    int i = 0;
    for (const char* c : choices) {
      if (v->is_string() && v->get<std::string>() == c) {
        *out = i;
        return ok_;
      }
      list += (i ? ", " : "") + fmt::format("\"{}\"", c);
      ++i;
    }
    return Fail(key, "one of " + list);
  }
  bool String(const char* key, std::string* out) {
    const json* v = Find(key);
    if (v == nullptr) return ok_;
    if (!v->is_string()) return Fail(key, "a string");
    *out = v->get<std::string>();
    return ok_;
  }
  bool FloatList(const char* key, float* out, int max_count, int* count) {
    const json* v = Find(key);
    if (v == nullptr) return ok_;
    if (!v->is_array() || v->empty() || static_cast<int>(v->size()) > max_count) {
      return Fail(key, fmt::format("a list of 1 to {} numbers", max_count));
    }
    *count = static_cast<int>(v->size());
    for (int i = 0; i < *count; ++i) {
      const json& e = (*v)[static_cast<size_t>(i)];
      if (!e.is_number() || !std::isfinite(e.get<double>()) ||
          std::fabs(e.get<double>()) > std::numeric_limits<float>::max()) {
        return Fail(key, "finite numbers in float range");
      }
      out[i] = static_cast<float>(e.get<double>());
    }
    return ok_;
  }
  bool StringList(const char* key, std::vector<std::string>* out) {
    const json* v = Find(key);
    if (v == nullptr) return ok_;
    if (!v->is_array()) return Fail(key, "a list of strings");
    out->clear();
    for (const json& e : *v) {
      if (!e.is_string()) return Fail(key, "a list of strings");
      out->push_back(e.get<std::string>());
    }
    return ok_;
  }
  // A nested object (nullptr when absent or on error).
  const json* Object(const char* key) {
    const json* v = Find(key);
    if (v == nullptr) return nullptr;
    if (!v->is_object()) {
      Fail(key, "an object");
      return nullptr;
    }
    return v;
  }
  void Ignore(const char* key) { seen_.insert(key); }

  // Every key read? Otherwise names the first unknown one.
  bool Finish(std::string* error) {
    if (!ok_) {
      *error = error_;
      return false;
    }
    for (const auto& [key, value] : object_.items()) {
      if (!seen_.count(key)) {
        *error = fmt::format("{}: unknown key \"{}\"", where_, key);
        return false;
      }
    }
    return true;
  }
  bool ok() const { return ok_; }
  const std::string& error() const { return error_; }

 private:
  const json* Find(const char* key) {
    seen_.insert(key);
    if (!ok_) return nullptr;
    auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }
  bool Fail(const char* key, const std::string& expected) {
    if (ok_) error_ = fmt::format("{}: \"{}\" must be {}", where_, key, expected);
    ok_ = false;
    return false;
  }

  const json& object_;
  std::string where_;
  std::set<std::string> seen_;
  bool ok_ = true;
  std::string error_;
};

bool ParseObject(const std::string& text, const char* kind, json* out, std::string* error) {
  try {
    *out = json::parse(text);
  } catch (const json::exception& e) {  // syntax, or a number out of range
    *error = fmt::format("{} config: not valid JSON ({})", kind, e.what());
    return false;
  }
  if (!out->is_object()) {
    *error = fmt::format("{} config: must be a JSON object", kind);
    return false;
  }
  auto type = out->find("type");
  if (type != out->end() && (!type->is_string() || type->get<std::string>() != kind)) {
    *error = fmt::format("{} config: \"type\" is {}, expected \"{}\"", kind, type->dump(), kind);
    return false;
  }
  return true;
}

std::string DspError(const ErrorReporter& errors) {
  return errors.message()[0] ? errors.message() : "invalid config";
}

}  // namespace

bool ReadTextFile(const std::string& path, std::string* text, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = fmt::format("{}: cannot open", path);
    return false;
  }
  std::ostringstream s;
  s << in.rdbuf();
  *text = s.str();
  return true;
}

bool AudioPreset(const std::string& name, AudioJob* job) {
  if (name != "mlperf-kws") return false;
  const dsp::KwsPreset p = dsp::MlperfKwsPreset();
  *job = AudioJob{};
  job->config = p.config;
  job->peak_normalize = p.peak_normalize;
  job->clip_samples = p.clip_samples;
  return true;
}

bool ParseAudioJob(const std::string& text, AudioJob* job, std::string* error) {
  json j;
  if (!ParseObject(text, "audio", &j, error)) return false;
  AudioPreset("mlperf-kws", job);  // defaults, but keep the input's length
  job->clip_samples = 0;
  dsp::AudioConfig& c = job->config;
  Fields f(j, "audio config");
  f.Ignore("type");
  int window = static_cast<int>(c.window), spectrum = static_cast<int>(c.spectrum);
  int scale = static_cast<int>(c.mel_scale), triangles = c.mel_triangles_in_hz ? 1 : 0;
  int norm = c.mel_slaney_norm ? 1 : 0, dct = static_cast<int>(c.dct_norm);
  int normalize = job->peak_normalize ? 1 : 0;
  f.Int("sample_rate", &c.sample_rate);
  f.Int("frame_length", &c.frame_length);
  f.Int("frame_step", &c.frame_step);
  f.Int("fft_size", &c.fft_size);
  f.Choice("window", {"rectangular", "hann", "hamming"}, &window);
  f.Bool("periodic_window", &c.periodic_window);
  f.Float("pre_emphasis", &c.pre_emphasis);
  f.Choice("spectrum", {"magnitude", "power"}, &spectrum);
  f.Int("num_mel_bins", &c.num_mel_bins);
  f.Float("lower_hz", &c.lower_hz);
  f.Float("upper_hz", &c.upper_hz);
  f.Choice("mel_scale", {"htk", "slaney"}, &scale);
  f.Choice("mel_triangles", {"mel", "hz"}, &triangles);
  f.Choice("mel_norm", {"none", "slaney"}, &norm);
  f.Float("log_offset", &c.log_offset);
  f.Int("num_mfcc", &c.num_mfcc);
  f.Choice("dct_norm", {"htk", "ortho"}, &dct);
  f.Float("lifter", &c.lifter);
  f.Choice("normalize", {"none", "peak"}, &normalize);
  f.Int("clip_samples", &job->clip_samples);
  f.Bool("fixed_point", &job->fixed_point);
  if (const json* nr = f.Object("noise_reduction")) {
    Fields g(*nr, "audio config: noise_reduction");
    g.Bool("enabled", &c.noise_reduction.enabled);
    g.Float("smoothing_even", &c.noise_reduction.smoothing_even);
    g.Float("smoothing_odd", &c.noise_reduction.smoothing_odd);
    g.Float("min_signal_remaining", &c.noise_reduction.min_signal_remaining);
    if (!g.Finish(error)) return false;
  }
  if (const json* p = f.Object("pcan")) {
    Fields g(*p, "audio config: pcan");
    g.Bool("enabled", &c.pcan.enabled);
    g.Float("strength", &c.pcan.strength);
    g.Float("offset", &c.pcan.offset);
    g.Float("root", &c.pcan.root);
    g.Float("epsilon", &c.pcan.epsilon);
    if (!g.Finish(error)) return false;
  }
  if (!f.Finish(error)) return false;
  c.window = static_cast<dsp::WindowType>(window);
  c.spectrum = static_cast<dsp::SpectrumType>(spectrum);
  c.mel_scale = static_cast<dsp::MelScale>(scale);
  c.mel_triangles_in_hz = triangles == 1;
  c.mel_slaney_norm = norm == 1;
  c.dct_norm = static_cast<dsp::DctNorm>(dct);
  job->peak_normalize = normalize == 1;
  if (job->clip_samples < 0) {
    *error = "audio config: \"clip_samples\" must be >= 0 (0 keeps the input length)";
    return false;
  }
  ErrorReporter errors;
  if (dsp::ValidateAudioConfig(c, &errors) != Status::kOk) {
    *error = DspError(errors);
    return false;
  }
  return true;
}

bool ParseImuJob(const std::string& text, ImuJob* job, std::string* error) {
  json j;
  if (!ParseObject(text, "imu", &j, error)) return false;
  *job = ImuJob{};
  dsp::ImuConfig& c = job->config;
  Fields f(j, "imu config");
  f.Ignore("type");
  int filter = static_cast<int>(c.filter);
  f.Float("sample_rate", &c.sample_rate);
  f.Int("fft_size", &c.fft_size);
  f.Choice("filter", {"none", "lowpass", "highpass"}, &filter);
  f.Float("cutoff_hz", &c.cutoff_hz);
  f.Int("filter_order", &c.filter_order);
  f.Int("num_bands", &c.num_bands);
  f.Int("num_peaks", &c.num_peaks);
  f.StringList("columns", &job->columns);
  f.Int("window_samples", &job->window_samples);
  f.Int("window_step", &job->window_step);
  if (!f.Finish(error)) return false;
  c.filter = static_cast<dsp::FilterType>(filter);
  if (job->window_samples < 0 || job->window_step < 0) {
    *error = "imu config: \"window_samples\" and \"window_step\" must be >= 0";
    return false;
  }
  if (job->window_samples > 0 && job->window_samples < c.fft_size) {
    *error = fmt::format("imu config: \"window_samples\" {} is shorter than fft_size {}",
                         job->window_samples, c.fft_size);
    return false;
  }
  ErrorReporter errors;
  if (dsp::ValidateImuConfig(c, &errors) != Status::kOk) {
    *error = DspError(errors);
    return false;
  }
  return true;
}

bool ParseImageJob(const std::string& text, ImageJob* job, std::string* error) {
  json j;
  if (!ParseObject(text, "image", &j, error)) return false;
  *job = ImageJob{};
  Fields f(j, "image config");
  f.Ignore("type");
  int resize = 0, crop = 0;
  int mean_count = 0, std_count = 0;
  float mean[4] = {0, 0, 0, 0}, stdev[4] = {1, 1, 1, 1};
  f.Int("width", &job->width);
  f.Int("height", &job->height);
  f.Int("channels", &job->channels);
  f.Choice("resize", {"bilinear", "area"}, &resize);
  f.Choice("crop", {"none", "center"}, &crop);
  f.FloatList("mean", mean, 4, &mean_count);
  f.FloatList("std", stdev, 4, &std_count);
  if (!f.Finish(error)) return false;
  job->resize = resize == 0 ? "bilinear" : "area";
  job->crop = crop == 0 ? "none" : "center";
  if (job->width < 0 || job->height < 0 || job->width > 4096 || job->height > 4096) {
    *error = "image config: \"width\"/\"height\" must be in [1, 4096] (0: from the model)";
    return false;
  }
  if (job->channels != 0 && job->channels != 1 && job->channels != 3) {
    *error = "image config: \"channels\" must be 1 or 3";
    return false;
  }
  // One value applies to every channel.
  for (int c = 0; c < 4; ++c) {
    job->normalization.mean[c] = mean[mean_count == 1 ? 0 : c];
    job->normalization.std[c] = stdev[std_count == 1 ? 0 : c];
    if (!(job->normalization.std[c] > 0.0f)) {
      *error = "image config: \"std\" values must be positive";
      return false;
    }
  }
  return true;
}

}  // namespace mote::host
