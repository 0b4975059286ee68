// Every shared model that mote supports runs, and its outputs equal the
// outputs of TFLite's reference kernels (../shared/models/golden-exact) bit
// for bit; float models within a relative tolerance, since the order of
// float additions may differ. The arena each model needs is at most what
// TFLM needs for the same model.
#include <cmath>
#include <cstring>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "host/model_file.h"
#include "mote/interpreter.h"
#include "ops/ops.h"

namespace mote {
namespace {

struct GoldenModel {
  const char* name;
  size_t tflm_arena_bytes;  // TFLM arena_used_bytes on x86-64 (DESIGN.md); 0: not measured
};

const GoldenModel kModels[] = {
    {"kws_ref_model", 24000},
    {"vww_96_int8", 103392},
    {"pretrainedResnet_quant", 55712},
    {"ad01_int8", 3424},
    {"str_ww_ref_model", 16352},
    {"person_detect", 85024},
    {"micro_speech_quantized", 7312},
    {"hello_world_int8", 0},
    {"hello_world_float", 0},
    {"simple_add_model", 0},
    {"pretrainedResnet", 0},
    {"trained_lstm_int8", 0},  // stateful: first invoke of a fresh interpreter
    {"dtln_noise_suppression", 0},
    {"keyword_scrambled", 0},       // SVDF with int16 state; int16 in, int32 out
    {"keyword_scrambled_8bit", 0},
};

std::string SharedPath(const std::string& rel) {
  return std::string(MOTE_SHARED_MODELS) + "/" + rel;
}

host::AlignedBytes ReadOrDie(const std::string& path) {
  host::AlignedBytes bytes;
  std::string error;
  EXPECT_TRUE(host::ReadFile(path, &bytes, &error)) << error;
  return bytes;
}

class GoldenTest : public ::testing::TestWithParam<GoldenModel> {};

TEST_P(GoldenTest, MatchesTfliteReferenceOnAllCases) {
  const GoldenModel& gm = GetParam();
  const std::string dir = SharedPath(std::string("golden-exact/") + gm.name);
  std::ifstream json_file(dir + "/golden.json");
  ASSERT_TRUE(json_file.good()) << "missing " << dir;
  const nlohmann::json golden = nlohmann::json::parse(json_file);

  host::AlignedBytes model_bytes = ReadOrDie(SharedPath(std::string(gm.name) + ".tflite"));
  ErrorReporter errors;
  Model model;
  ASSERT_EQ(Model::Load(model_bytes.data(), model_bytes.size(), &model, &errors), Status::kOk)
      << errors.message();

  MutableOpResolver<kNumBuiltinOps> resolver;
  ASSERT_EQ(RegisterAllOps(&resolver), Status::kOk);

  for (const auto& c : golden["cases"]) {
    SCOPED_TRACE("case " + std::to_string(c["k"].get<int>()));
    // A fresh interpreter per case, as the goldens were made.
    host::AlignedBytes arena(4 << 20);
    Interpreter interp(model, resolver, arena.data(), arena.size());
    ASSERT_EQ(interp.Prepare(), Status::kOk) << interp.errors().message();
    if (gm.tflm_arena_bytes > 0) {
      EXPECT_LE(interp.arena_used_bytes(), gm.tflm_arena_bytes);
    }
    ASSERT_EQ(static_cast<int>(c["inputs"].size()), interp.inputs_size());
    for (int i = 0; i < interp.inputs_size(); ++i) {
      host::AlignedBytes in = ReadOrDie(dir + "/" + c["inputs"][i].get<std::string>());
      ASSERT_EQ(in.size(), interp.input_bytes(i));
      std::memcpy(interp.input(i)->data, in.data(), in.size());
    }
    ASSERT_EQ(interp.Invoke(), Status::kOk) << interp.errors().message();
    ASSERT_EQ(static_cast<int>(c["outputs"].size()), interp.outputs_size());
    for (int o = 0; o < interp.outputs_size(); ++o) {
      host::AlignedBytes want = ReadOrDie(dir + "/" + c["outputs"][o].get<std::string>());
      ASSERT_EQ(want.size(), interp.output_bytes(o));
      const void* got = interp.output(o)->data;
      if (interp.output_info(o).type == DataType::kFloat32) {
        const float* g = static_cast<const float*>(got);
        const float* w = reinterpret_cast<const float*>(want.data());
        for (size_t k = 0; k < want.size() / 4; ++k) {
          EXPECT_NEAR(g[k], w[k], 1e-5 * std::fabs(w[k]) + 1e-6) << "output " << o << "[" << k << "]";
        }
      } else {
        const uint8_t* g = static_cast<const uint8_t*>(got);
        int mismatches = 0;
        for (size_t k = 0; k < want.size(); ++k) {
          if (g[k] != want.data()[k] && ++mismatches <= 5) {
            ADD_FAILURE() << "output " << o << " byte " << k << ": got "
                          << int(static_cast<int8_t>(g[k])) << ", TFLite "
                          << int(static_cast<int8_t>(want.data()[k]));
          }
        }
        EXPECT_EQ(mismatches, 0);
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(SharedModels, GoldenTest, ::testing::ValuesIn(kModels),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace mote
