// mote features audio|imu|image INPUT (--config FILE | --preset NAME) -o OUT
//                [--model MODEL] [--float] [--fixed] [--plot PNG] [--json]
//
// Turns a sensor recording into the tensor a model takes: WAV -> MFCC /
// log-mel, CSV -> motion features, PNG/JPEG -> a resized, normalised image.
// With --model (or the mlperf-kws preset) the features are quantized with
// the model's input scale and zero point, ready for `mote run --input OUT`.
// OUT ending in .npy gets a NumPy header; anything else is raw bytes.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli_common.h"
#include "dsp/audio_frontend.h"
#include "dsp/image.h"
#include "dsp/imu_features.h"
#include "dsp/presets.h"
#include "dsp/quantize.h"
#include "host/csv.h"
#include "host/feature_config.h"
#include "host/image_io.h"
#include "host/npy.h"
#include "host/png_plot.h"
#include "host/wav.h"

namespace mote::cli {
namespace {

struct FeaturesOptions {
  std::string input;
  std::string config;
  std::string preset;
  std::string output;
  std::string model;
  std::string plot;
  bool as_float = false;
  bool fixed = false;
  bool json = false;
};

// Where the features go: the model's input tensor, or plain float32.
struct Target {
  DataType type = DataType::kFloat32;
  float scale = 1.0f;
  int32_t zero_point = 0;
  std::vector<int64_t> shape;  // empty: the natural feature shape
  std::string from;            // "model", "preset" or ""
};

bool TargetFromModel(const std::string& path, Target* t, std::string* error) {
  LoadedModel loaded;
  if (!LoadModel(path, &loaded, error)) return false;
  if (loaded.model.num_inputs() < 1) {
    *error = fmt::format("{}: the model has no inputs", path);
    return false;
  }
  const TensorInfo info = loaded.model.tensor(loaded.model.input_tensor(0));
  t->shape.assign(info.shape.dims, info.shape.dims + info.shape.rank);
  t->from = "model";
  t->type = info.type;
  if (info.type == DataType::kInt8) {
    if (info.quant.count != 1) {
      *error = fmt::format("{}: input '{}' is int8 without a single per-tensor scale", path,
                           info.name);
      return false;
    }
    t->scale = info.quant.scale(0);
    t->zero_point = info.quant.zero_point(0);
    return true;
  }
  if (info.type == DataType::kFloat32 || info.type == DataType::kUInt8) return true;
  *error = fmt::format("{}: input '{}' is {}; features go into int8, uint8 or float32 inputs",
                       path, info.name, DataTypeName(info.type));
  return false;
}

int64_t Count(const std::vector<int64_t>& shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

std::string ShapeString(const std::vector<int64_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += fmt::format("{}{}", i ? "," : "", shape[i]);
  return s + "]";
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Writes `count` elements of `type` at `data` as .npy (by extension) or raw.
bool WriteTensor(const std::string& path, DataType type, const void* data, int64_t count,
                 const std::vector<int64_t>& shape, std::string* error) {
  const size_t bytes = static_cast<size_t>(count) * DataTypeSize(type);
  if (EndsWith(path, ".npy")) {
    host::NpyArray a;
    if (!host::DataTypeToNpyDType(type, &a.dtype)) {
      *error = "internal: no .npy dtype";
      return false;
    }
    a.shape = shape;
    a.data.assign(static_cast<const uint8_t*>(data), static_cast<const uint8_t*>(data) + bytes);
    return host::WriteNpyFile(path, a, error);
  }
  return host::WriteFileAtomic(path, data, bytes, error);
}

// Float features -> the target's type; fails on a size mismatch.
bool Emit(const FeaturesOptions& opt, const Target& target, const std::vector<float>& values,
          const std::vector<int64_t>& natural_shape, nlohmann::json* summary,
          std::string* error, const std::vector<int8_t>* already_s8 = nullptr) {
  std::vector<int64_t> shape = natural_shape;
  if (!target.shape.empty()) {
    if (Count(target.shape) != static_cast<int64_t>(values.size())) {
      *error = fmt::format("the features are {} = {} values; the model input {} takes {}",
                           ShapeString(natural_shape), values.size(),
                           ShapeString(target.shape), Count(target.shape));
      return false;
    }
    shape = target.shape;
  }
  const DataType type = opt.as_float ? DataType::kFloat32 : target.type;
  (*summary)["output"] = opt.output;
  (*summary)["shape"] = shape;
  (*summary)["dtype"] = DataTypeName(type);
  if (type == DataType::kInt8) {
    std::vector<int8_t> q(values.size());
    if (already_s8 != nullptr) {
      q = *already_s8;
    } else {
      dsp::QuantizeF32ToS8(values.data(), values.size(), target.scale, target.zero_point, q.data());
    }
    (*summary)["scale"] = target.scale;
    (*summary)["zero_point"] = target.zero_point;
    const auto [lo, hi] = std::minmax_element(q.begin(), q.end());
    (*summary)["min"] = *lo;
    (*summary)["max"] = *hi;
    (*summary)["saturated"] = std::count(q.begin(), q.end(), int8_t{-128}) +
                              std::count(q.begin(), q.end(), int8_t{127});
    return WriteTensor(opt.output, type, q.data(), static_cast<int64_t>(q.size()), shape, error);
  }
  if (type == DataType::kUInt8) {
    *error = "internal: uint8 output only for images";
    return false;
  }
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  (*summary)["min"] = *lo;
  (*summary)["max"] = *hi;
  return WriteTensor(opt.output, type, values.data(), static_cast<int64_t>(values.size()), shape,
                     error);
}

void Report(const FeaturesOptions& opt, const nlohmann::json& summary) {
  if (opt.json) {
    fmt::print("{}\n", summary.dump(2));
    return;
  }
  fmt::print("{} {} -> {} {} {}", summary["kind"].get<std::string>(), opt.input, opt.output,
             summary["dtype"].get<std::string>(), summary["shape"].dump());
  if (summary.contains("scale")) {
    fmt::print(" s={} zp={}", summary["scale"].get<float>(), summary["zero_point"].get<int>());
  }
  fmt::print("\n");
  if (summary.contains("saturated") && summary["saturated"].get<int64_t>() > 0) {
    fmt::print("  note: {} values saturated at the int8 range\n",
               summary["saturated"].get<int64_t>());
  }
  if (summary.contains("input_samples") &&
      summary["input_samples"].get<size_t>() != summary["samples"].get<size_t>()) {
    fmt::print("  note: {} input samples {} to {}\n", summary["input_samples"].get<size_t>(),
               summary["input_samples"].get<size_t>() < summary["samples"].get<size_t>()
                   ? "zero-padded"
                   : "cut",
               summary["samples"].get<size_t>());
  }
  if (!opt.plot.empty()) fmt::print("  plot: {}\n", opt.plot);
}

bool LoadTarget(const FeaturesOptions& opt, Target* target, std::string* error) {
  if (!opt.model.empty()) return TargetFromModel(opt.model, target, error);
  return true;
}

// --- audio ------------------------------------------------------------------

int RunAudio(const FeaturesOptions& opt) {
  std::string error;
  host::AudioJob job;
  Target target;
  if (opt.preset.empty() == opt.config.empty()) {
    return Fail("give either --config FILE.json or --preset NAME (mlperf-kws)");
  }
  if (!opt.preset.empty()) {
    if (!host::AudioPreset(opt.preset, &job)) {
      return Fail(fmt::format("unknown preset '{}' (known: mlperf-kws)", opt.preset));
    }
    const dsp::KwsPreset p = dsp::MlperfKwsPreset();
    target.type = DataType::kInt8;
    target.scale = p.input_scale;
    target.zero_point = p.input_zero_point;
    target.shape = {1, p.frames, p.config.num_mfcc, 1};
    target.from = "preset";
  } else {
    std::string text;
    if (!host::ReadTextFile(opt.config, &text, &error)) return Fail(error);
    if (!host::ParseAudioJob(text, &job, &error)) return Fail(opt.config + ": " + error);
  }
  if (opt.fixed) job.fixed_point = true;
  if (!LoadTarget(opt, &target, &error)) return Fail(error);
  const dsp::AudioConfig& c = job.config;

  host::Audio audio;
  if (!host::ReadAudioFile(opt.input, &audio, &error)) return Fail(error);
  if (!host::CheckAudioFormat(opt.input, audio, c.sample_rate, &error)) return Fail(error);
  std::vector<int16_t> samples = std::move(audio.samples);
  const size_t original = samples.size();
  if (job.clip_samples > 0) samples.resize(static_cast<size_t>(job.clip_samples), 0);
  if (samples.size() < static_cast<size_t>(c.frame_length)) {
    return Fail(fmt::format("{}: {} samples, shorter than one frame ({})", opt.input,
                            samples.size(), c.frame_length));
  }
  const int32_t peak = job.peak_normalize ? dsp::PeakOf(samples.data(), samples.size()) : 32768;
  const int32_t frames = dsp::AudioFrameCount(c, samples.size());
  const int32_t fs = dsp::AudioFeatureSize(c);
  std::vector<float> features(static_cast<size_t>(frames) * fs), log_mel;
  std::vector<int8_t> quantized;
  ErrorReporter errors;
  if (!job.fixed_point) {
    std::vector<uint64_t> memory(dsp::AudioFrontendF32::ScratchBytes(c) / 8 + 1);
    dsp::AudioFrontendF32 fe;
    if (fe.Init(c, memory.data(), memory.size() * 8, &errors) != Status::kOk) {
      return Fail(errors.message());
    }
    fe.set_peak(static_cast<float>(peak));
    for (int32_t f = 0; f < frames; ++f) {
      const size_t start = static_cast<size_t>(f) * c.frame_step;
      fe.ProcessFrame(samples.data() + start, start ? samples[start - 1] : int16_t{0},
                      features.data() + static_cast<size_t>(f) * fs);
      log_mel.insert(log_mel.end(), fe.log_mel(), fe.log_mel() + c.num_mel_bins);
    }
  } else {
    std::vector<uint64_t> memory(dsp::AudioFrontendQ::ScratchBytes(c) / 8 + 1);
    dsp::AudioFrontendQ fe;
    if (fe.Init(c, memory.data(), memory.size() * 8, &errors) != Status::kOk ||
        fe.set_peak(peak, &errors) != Status::kOk) {
      return Fail(errors.message());
    }
    std::vector<int32_t> q16(features.size());
    for (int32_t f = 0; f < frames; ++f) {
      const size_t start = static_cast<size_t>(f) * c.frame_step;
      fe.ProcessFrame(samples.data() + start, start ? samples[start - 1] : int16_t{0},
                      q16.data() + static_cast<size_t>(f) * fs);
      for (int32_t m = 0; m < c.num_mel_bins; ++m) log_mel.push_back(fe.log_mel()[m] / 65536.0f);
    }
    for (size_t i = 0; i < q16.size(); ++i) features[i] = q16[i] / 65536.0f;
    if (target.type == DataType::kInt8 && !opt.as_float) {
      dsp::Q16ToS8Params params;
      if (dsp::MakeQ16ToS8Params(target.scale, target.zero_point, &params, &errors) != Status::kOk) {
        return Fail(errors.message());
      }
      quantized.resize(q16.size());
      dsp::QuantizeQ16ToS8(q16.data(), q16.size(), params, quantized.data());
    }
  }
  if (target.type == DataType::kUInt8) return Fail("audio features cannot go into a uint8 input");

  nlohmann::json summary;
  summary["kind"] = "audio";
  summary["input"] = opt.input;
  summary["sample_rate"] = audio.sample_rate;
  summary["input_samples"] = original;
  summary["samples"] = samples.size();
  summary["peak"] = peak;
  summary["frames"] = frames;
  summary["features_per_frame"] = fs;
  summary["pipeline"] = job.fixed_point ? "fixed" : "float";
  if (!opt.preset.empty()) summary["preset"] = opt.preset;
  if (!Emit(opt, target, features, {frames, fs}, &summary, &error,
            quantized.empty() ? nullptr : &quantized)) {
    return Fail(error);
  }
  if (!opt.plot.empty()) {
    std::vector<host::HeatmapPanel> panels;
    panels.push_back({log_mel.data(), frames, c.num_mel_bins, false});
    if (c.num_mfcc > 0) panels.push_back({features.data(), frames, fs, true});
    if (!host::WriteHeatmapPng(opt.plot, panels, &error)) return Fail(error);
  }
  Report(opt, summary);
  return 0;
}

// --- imu --------------------------------------------------------------------

bool IsTimeColumn(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return name == "t" || name == "time" || name == "timestamp" || name == "ts" ||
         name == "time_ms" || name == "time_s";
}

int RunImu(const FeaturesOptions& opt) {
  std::string error, text;
  if (!opt.preset.empty()) return Fail("imu features have no presets; give --config FILE.json");
  if (opt.config.empty()) return Fail("give --config FILE.json");
  if (opt.fixed) return Fail("imu features are float-only (--fixed is for audio)");
  host::ImuJob job;
  if (!host::ReadTextFile(opt.config, &text, &error)) return Fail(error);
  if (!host::ParseImuJob(text, &job, &error)) return Fail(opt.config + ": " + error);
  Target target;
  if (!LoadTarget(opt, &target, &error)) return Fail(error);
  if (target.type == DataType::kUInt8) return Fail("imu features cannot go into a uint8 input");

  host::CsvTable table;
  if (!host::ReadCsvFile(opt.input, &table, &error)) return Fail(error);
  std::vector<int> axes;
  std::vector<std::string> names;
  if (!job.columns.empty()) {
    for (const std::string& name : job.columns) {
      const int i = table.Find(name);
      if (i < 0) return Fail(fmt::format("{}: no column '{}'", opt.input, name));
      axes.push_back(i);
      names.push_back(name);
    }
  } else {
    for (size_t i = 0; i < table.header.size(); ++i) {
      if (IsTimeColumn(table.header[i])) continue;
      axes.push_back(static_cast<int>(i));
      names.push_back(table.header[i]);
    }
  }
  if (axes.empty()) return Fail(fmt::format("{}: no data columns", opt.input));
  const int64_t rows = static_cast<int64_t>(table.rows());
  const int64_t window = job.window_samples > 0 ? job.window_samples : rows;
  const int64_t step = job.window_step > 0 ? job.window_step : window;
  if (rows < window || window < job.config.fft_size) {
    return Fail(fmt::format("{}: {} rows; a window needs {} (and at least fft_size = {})",
                            opt.input, rows, window, job.config.fft_size));
  }
  const int64_t windows = 1 + (rows - window) / step;
  const int32_t per_axis = dsp::ImuFeaturesPerAxis(job.config);
  const int64_t width = per_axis * static_cast<int64_t>(axes.size());
  std::vector<uint64_t> memory(
      dsp::ImuFeatures::ScratchBytes(job.config, static_cast<int32_t>(window)) / 8 + 1);
  dsp::ImuFeatures imu;
  ErrorReporter errors;
  if (imu.Init(job.config, static_cast<int32_t>(window), memory.data(), memory.size() * 8,
               &errors) != Status::kOk) {
    return Fail(errors.message());
  }
  std::vector<float> features(static_cast<size_t>(windows * width));
  for (int64_t w = 0; w < windows; ++w) {
    for (size_t a = 0; a < axes.size(); ++a) {
      const float* column = table.columns[axes[a]].data() + w * step;
      if (imu.ComputeAxis(column, static_cast<size_t>(window), 1,
                          features.data() + w * width + a * per_axis, &errors) != Status::kOk) {
        return Fail(fmt::format("{}: column '{}': {}", opt.input, names[a], errors.message()));
      }
    }
  }
  nlohmann::json summary;
  summary["kind"] = "imu";
  summary["input"] = opt.input;
  summary["axes"] = names;
  summary["rows"] = rows;
  summary["windows"] = windows;
  summary["features_per_axis"] = per_axis;
  if (!Emit(opt, target, features, {windows, width}, &summary, &error)) return Fail(error);
  if (!opt.plot.empty()) {
    std::vector<host::HeatmapPanel> panels = {
        {features.data(), static_cast<int>(windows), static_cast<int>(width), true}};
    if (!host::WriteHeatmapPng(opt.plot, panels, &error, 12)) return Fail(error);
  }
  Report(opt, summary);
  return 0;
}

// --- image ------------------------------------------------------------------

// Converts to 1 or 3 channels (grayscale, alpha dropped, grey replicated).
host::Image ToChannels(const host::Image& in, int channels) {
  if (in.channels == channels) return in;
  host::Image out;
  out.width = in.width;
  out.height = in.height;
  out.channels = channels;
  out.pixels.resize(static_cast<size_t>(in.width) * in.height * channels);
  if (channels == 1) {
    dsp::MutableImage m{out.pixels.data(), out.width, out.height, 1, out.width};
    dsp::GrayscaleImage(in.view(), m, nullptr);
    return out;
  }
  for (size_t p = 0; p < static_cast<size_t>(in.width) * in.height; ++p) {
    for (int c = 0; c < 3; ++c) {
      out.pixels[p * 3 + c] = in.pixels[p * in.channels + (in.channels == 1 ? 0 : c)];
    }
  }
  return out;
}

int RunImage(const FeaturesOptions& opt) {
  std::string error;
  if (!opt.preset.empty()) return Fail("image features have no presets; give --config FILE.json");
  if (opt.fixed) return Fail("--fixed is for audio (image preprocessing is integer already)");
  host::ImageJob job;
  if (!opt.config.empty()) {
    std::string text;
    if (!host::ReadTextFile(opt.config, &text, &error)) return Fail(error);
    if (!host::ParseImageJob(text, &job, &error)) return Fail(opt.config + ": " + error);
  } else if (opt.model.empty()) {
    return Fail("give --config FILE.json and/or --model MODEL (its input sets the size)");
  }
  Target target;
  if (!LoadTarget(opt, &target, &error)) return Fail(error);
  int width = job.width, height = job.height, channels = job.channels;
  if (!target.shape.empty()) {
    if (target.shape.size() != 4 || target.shape[0] != 1 ||
        (target.shape[3] != 1 && target.shape[3] != 3)) {
      return Fail(fmt::format("{}: input shape {} is not an image [1, H, W, 1 or 3]", opt.model,
                              ShapeString(target.shape)));
    }
    const int mh = static_cast<int>(target.shape[1]), mw = static_cast<int>(target.shape[2]);
    const int mc = static_cast<int>(target.shape[3]);
    if ((width && width != mw) || (height && height != mh) || (channels && channels != mc)) {
      return Fail(fmt::format("config asks for {}x{}x{}, the model input is {}x{}x{}", width,
                              height, channels, mw, mh, mc));
    }
    width = mw;
    height = mh;
    channels = mc;
  }
  host::Image image;
  if (!host::ReadImageFile(opt.input, &image, &error)) return Fail(error);
  if (width == 0) width = image.width;
  if (height == 0) height = image.height;
  if (channels == 0) channels = image.channels == 1 ? 1 : 3;
  const host::Image converted = ToChannels(image, channels);

  ErrorReporter errors;
  dsp::ImageView view = converted.view();
  if (job.crop == "center" &&
      dsp::CenterCropToAspect(view, width, height, &view, &errors) != Status::kOk) {
    return Fail(errors.message());
  }
  std::vector<uint8_t> resized(static_cast<size_t>(width) * height * channels);
  const dsp::MutableImage out{resized.data(), width, height, channels, width * channels};
  const Status s = job.resize == "area" ? dsp::ResizeArea(view, out, &errors)
                                        : dsp::ResizeBilinear(view, out, &errors);
  if (s != Status::kOk) return Fail(errors.message());

  nlohmann::json summary;
  summary["kind"] = "image";
  summary["input"] = opt.input;
  summary["input_size"] = {image.width, image.height, image.channels};
  summary["resize"] = job.resize;
  summary["crop"] = job.crop;
  const std::vector<int64_t> shape = {1, height, width, channels};
  const size_t count = resized.size();
  if (target.type == DataType::kUInt8 && !opt.as_float) {
    summary["output"] = opt.output;
    summary["shape"] = shape;
    summary["dtype"] = "uint8";
    if (!WriteTensor(opt.output, DataType::kUInt8, resized.data(), static_cast<int64_t>(count),
                     shape, &error)) {
      return Fail(error);
    }
  } else {
    std::vector<float> values(count);
    if (dsp::NormalizeToF32(out.view(), job.normalization, values.data(), &errors) != Status::kOk) {
      return Fail(errors.message());
    }
    std::vector<int8_t> q;
    if (target.type == DataType::kInt8 && !opt.as_float) {
      q.resize(count);
      if (dsp::NormalizeToS8(out.view(), job.normalization, target.scale, target.zero_point,
                             q.data(), &errors) != Status::kOk) {
        return Fail(errors.message());
      }
    }
    if (!Emit(opt, target, values, shape, &summary, &error, q.empty() ? nullptr : &q)) {
      return Fail(error);
    }
  }
  if (!opt.plot.empty() && !host::WritePng(opt.plot, resized.data(), width, height, channels, &error)) {
    return Fail(error);
  }
  Report(opt, summary);
  return 0;
}

void AddCommon(CLI::App* cmd, FeaturesOptions* opt, const char* input_help) {
  cmd->add_option("input", opt->input, input_help)->required();
  cmd->add_option("--config,-c", opt->config, "JSON config (see tests/dsp/data/*.json)");
  cmd->add_option("--output,-o", opt->output, "Output tensor (.npy or raw bytes)")->required();
  cmd->add_option("--model,-m", opt->model,
                  "Quantize/shape for this model's input 0 (int8 scale and zero point)");
  cmd->add_flag("--float", opt->as_float, "Write float32 features even with a model/preset");
  cmd->add_option("--plot", opt->plot, "Also write a PNG picture of the features");
  cmd->add_flag("--json", opt->json, "Print one JSON object");
}

}  // namespace

void AddFeaturesCommand(CLI::App& app, int* exit_code) {
  CLI::App* features = app.add_subcommand(
      "features", "Sensor data -> model input: audio MFCC/log-mel, IMU features, images");
  features->require_subcommand(1);

  auto audio = std::make_shared<FeaturesOptions>();
  CLI::App* a = features->add_subcommand("audio", "WAV -> MFCC / log-mel features");
  AddCommon(a, audio.get(), "Audio file (WAV, mono, at the config's sample rate)");
  a->add_option("--preset,-p", audio->preset, "Named config: mlperf-kws");
  a->add_flag("--fixed", audio->fixed, "Integer (fixed-point) pipeline, as on an FPU-less MCU");
  a->callback([audio, exit_code] { *exit_code = RunAudio(*audio); });

  auto imu = std::make_shared<FeaturesOptions>();
  CLI::App* i = features->add_subcommand("imu", "CSV (one column per axis) -> motion features");
  AddCommon(i, imu.get(), "CSV file: header row, one column per axis (time column ignored)");
  i->add_option("--preset,-p", imu->preset, "(none defined)");
  i->add_flag("--fixed", imu->fixed, "(audio only)");
  i->callback([imu, exit_code] { *exit_code = RunImu(*imu); });

  auto image = std::make_shared<FeaturesOptions>();
  CLI::App* g = features->add_subcommand("image", "PNG/JPEG -> resized, normalised tensor");
  AddCommon(g, image.get(), "Image file (PNG, JPEG, BMP, ...)");
  g->add_option("--preset,-p", image->preset, "(none defined)");
  g->add_flag("--fixed", image->fixed, "(audio only)");
  g->callback([image, exit_code] { *exit_code = RunImage(*image); });
}

}  // namespace mote::cli
