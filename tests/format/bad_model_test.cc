// Hostile and damaged model files: every one gets a clean error (or, when the
// damage happens to leave a valid model, a clean run), never a crash, a hang
// or undefined behaviour. Run under ASan + UBSan in CI.
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "host/model_file.h"
#include "mote/interpreter.h"
#include "ops/ops.h"

namespace mote {
namespace {

host::AlignedBytes ReadShared(const std::string& name) {
  host::AlignedBytes bytes;
  std::string error;
  EXPECT_TRUE(host::ReadFile(std::string(MOTE_SHARED_MODELS) + "/" + name, &bytes, &error))
      << error;
  return bytes;
}

// Loads, and if that succeeds prepares and runs on zero inputs. Returns the
// first failing status (kOk if everything ran).
Status LoadPrepareRun(const uint8_t* data, size_t size, std::string* message) {
  host::AlignedBytes copy(size);
  if (size > 0) std::memcpy(copy.data(), data, size);
  ErrorReporter errors;
  Model model;
  Status s = Model::Load(copy.data(), size, &model, &errors);
  if (s != Status::kOk) {
    *message = errors.message();
    return s;
  }
  static MutableOpResolver<kNumBuiltinOps> resolver;
  if (resolver.size() == 0) RegisterAllOps(&resolver);
  host::AlignedBytes arena(1 << 20);
  Interpreter interp(model, resolver, arena.data(), arena.size());
  s = interp.Prepare();
  if (s == Status::kOk) {
    for (int i = 0; i < interp.inputs_size(); ++i) {
      if (interp.input(i)->data) std::memset(interp.input(i)->data, 0, interp.input_bytes(i));
    }
    s = interp.Invoke();
  }
  *message = interp.errors().message();
  return s;
}

TEST(BadModel, EveryTruncationIsRejected) {
  host::AlignedBytes model = ReadShared("hello_world_int8.tflite");
  ASSERT_GT(model.size(), 0u);
  for (size_t len = 0; len < model.size(); ++len) {
    std::string message;
    const Status s = LoadPrepareRun(model.data(), len, &message);
    // A flatbuffer's root offset points into the data: a prefix of it can
    // never verify.
    ASSERT_NE(s, Status::kOk) << "prefix of " << len << " bytes was accepted";
    ASSERT_FALSE(message.empty()) << "no message for prefix " << len;
  }
}

TEST(BadModel, WrongIdentifierIsNamed) {
  host::AlignedBytes model = ReadShared("hello_world_int8.tflite");
  std::vector<uint8_t> bytes(model.data(), model.data() + model.size());
  std::memcpy(bytes.data() + 4, "XXXX", 4);
  std::string message;
  EXPECT_EQ(LoadPrepareRun(bytes.data(), bytes.size(), &message), Status::kInvalidModel);
  EXPECT_NE(message.find("TFL3"), std::string::npos) << message;
}

TEST(BadModel, EmptyAndTinyInputs) {
  std::string message;
  EXPECT_EQ(LoadPrepareRun(nullptr, 0, &message), Status::kInvalidModel);
  const uint8_t zeros[16] = {};
  EXPECT_EQ(LoadPrepareRun(zeros, sizeof(zeros), &message), Status::kInvalidModel);
}

TEST(BadModel, UnalignedBufferIsRefused) {
  host::AlignedBytes model = ReadShared("hello_world_int8.tflite");
  std::vector<uint8_t> shifted(model.size() + 1);
  std::memcpy(shifted.data() + 1, model.data(), model.size());
  ErrorReporter errors;
  Model m;
  EXPECT_EQ(Model::Load(shifted.data() + 1, model.size(), &m, &errors), Status::kInvalidArgument);
  EXPECT_NE(std::string(errors.message()).find("aligned"), std::string::npos);
}

// Flips random bits all over small real models; each variant must load and
// run cleanly or be rejected with a message.
void FlipBits(const char* name, int variants, uint32_t seed) {
  host::AlignedBytes model = ReadShared(name);
  std::mt19937 rng(seed);
  int rejected = 0;
  for (int v = 0; v < variants; ++v) {
    std::vector<uint8_t> bytes(model.data(), model.data() + model.size());
    const int flips = 1 + static_cast<int>(rng() % 8);
    for (int f = 0; f < flips; ++f) {
      bytes[rng() % bytes.size()] ^= static_cast<uint8_t>(1u << (rng() % 8));
    }
    std::string message;
    if (LoadPrepareRun(bytes.data(), bytes.size(), &message) != Status::kOk) {
      ++rejected;
      ASSERT_FALSE(message.empty());
    }
  }
  // Most flips land in weights and leave a valid model; some must not.
  EXPECT_GT(rejected, 0);
}

TEST(BadModel, RandomBitFlipsHelloWorld) { FlipBits("hello_world_int8.tflite", 1500, 1); }
TEST(BadModel, RandomBitFlipsMicroSpeech) { FlipBits("micro_speech_quantized.tflite", 300, 2); }
TEST(BadModel, RandomBitFlipsKws) { FlipBits("kws_ref_model.tflite", 150, 3); }

TEST(BadModel, UnsupportedModelsAreRefusedWithTheOpName) {
  struct Case {
    const char* model;
    const char* expect;
  };
  const Case cases[] = {
      {"audio_preprocessor_int8.tflite", "custom op"},
      {"kws_ref_model_float32.tflite", "CONV_2D"},
  };
  for (const Case& c : cases) {
    host::AlignedBytes model = ReadShared(c.model);
    std::string message;
    EXPECT_EQ(LoadPrepareRun(model.data(), model.size(), &message), Status::kUnsupported) << c.model;
    EXPECT_NE(message.find(c.expect), std::string::npos) << c.model << ": " << message;
  }
}

}  // namespace
}  // namespace mote
