// The stateful shared models (SVDF and LSTM) against TFLite Micro's goldens:
// every case bit for bit on the first invoke after ResetState (the goldens
// were made on fresh interpreters), the whole case sequence identical after
// a reset and on a fresh interpreter, and state that carries from one
// invoke to the next.
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "host/model_file.h"
#include "mote/interpreter.h"
#include "ops/ops.h"

namespace mote {
namespace {

struct StatefulModel {
  const char* name;
  bool lstm;  // LSTM outputs change with the state; the SVDF goldens saturate
};

const StatefulModel kModels[] = {
    {"trained_lstm_int8", true},
    {"dtln_noise_suppression", true},
    {"keyword_scrambled", false},
    {"keyword_scrambled_8bit", false},
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

using Bytes = std::vector<uint8_t>;

class StatefulTest : public ::testing::TestWithParam<StatefulModel> {
 protected:
  void SetUp() override {
    const std::string name = GetParam().name;
    dir_ = SharedPath("golden-exact/" + name);
    std::ifstream json_file(dir_ + "/golden.json");
    ASSERT_TRUE(json_file.good()) << "missing " << dir_;
    const nlohmann::json golden = nlohmann::json::parse(json_file);
    for (const auto& c : golden["cases"]) {
      ASSERT_EQ(c["inputs"].size(), 1u);
      ASSERT_EQ(c["outputs"].size(), 1u);
      const host::AlignedBytes in = ReadOrDie(dir_ + "/" + c["inputs"][0].get<std::string>());
      const host::AlignedBytes out = ReadOrDie(dir_ + "/" + c["outputs"][0].get<std::string>());
      inputs_.emplace_back(in.data(), in.data() + in.size());
      goldens_.emplace_back(out.data(), out.data() + out.size());
    }
    ASSERT_EQ(inputs_.size(), 8u);
    model_bytes_ = ReadOrDie(SharedPath(name + ".tflite"));
    ASSERT_EQ(Model::Load(model_bytes_.data(), model_bytes_.size(), &model_, &errors_), Status::kOk)
        << errors_.message();
    ASSERT_EQ(RegisterAllOps(&resolver_), Status::kOk);
  }

  // A prepared interpreter on a fresh arena.
  std::unique_ptr<Interpreter> NewInterpreter(host::AlignedBytes* arena) {
    *arena = host::AlignedBytes(1 << 20);
    auto interp = std::make_unique<Interpreter>(model_, resolver_, arena->data(), arena->size());
    const Status s = interp->Prepare();
    EXPECT_EQ(s, Status::kOk) << interp->errors().message();
    return s == Status::kOk ? std::move(interp) : nullptr;
  }

  Bytes Run(Interpreter& interp, const Bytes& input) {
    EXPECT_EQ(input.size(), interp.input_bytes(0));
    std::memcpy(interp.input(0)->data, input.data(), input.size());
    EXPECT_EQ(interp.Invoke(), Status::kOk) << interp.errors().message();
    const uint8_t* out = static_cast<const uint8_t*>(interp.output(0)->data);
    return Bytes(out, out + interp.output_bytes(0));
  }

  std::string dir_;
  std::vector<Bytes> inputs_, goldens_;
  host::AlignedBytes model_bytes_;
  Model model_;
  ErrorReporter errors_;
  MutableOpResolver<kNumBuiltinOps> resolver_;
};

TEST_P(StatefulTest, FirstInvokeAfterResetMatchesTfliteMicro) {
  host::AlignedBytes arena;
  std::unique_ptr<Interpreter> interp = NewInterpreter(&arena);
  ASSERT_NE(interp, nullptr);
  // One interpreter for all cases, reset before each: every case must look
  // like the fresh interpreter the golden was made on. Run each case after
  // a "dirty" invoke of another case, so a missed reset shows.
  for (size_t k = 0; k < inputs_.size(); ++k) {
    SCOPED_TRACE("case " + std::to_string(k));
    Run(*interp, inputs_[(k + 3) % inputs_.size()]);
    ASSERT_EQ(interp->ResetState(), Status::kOk);
    const Bytes got = Run(*interp, inputs_[k]);
    int mismatches = 0;
    for (size_t i = 0; i < got.size(); ++i) {
      if (got[i] != goldens_[k][i] && ++mismatches <= 5) {
        ADD_FAILURE() << "byte " << i << ": got " << int(got[i]) << ", TFLite Micro "
                      << int(goldens_[k][i]);
      }
    }
    EXPECT_EQ(mismatches, 0);
  }
}

TEST_P(StatefulTest, SequenceRepeatsAfterResetAndOnAFreshInterpreter) {
  host::AlignedBytes arena;
  std::unique_ptr<Interpreter> interp = NewInterpreter(&arena);
  ASSERT_NE(interp, nullptr);
  std::vector<Bytes> first;
  for (const Bytes& in : inputs_) first.push_back(Run(*interp, in));
  // Its first output is the golden (a fresh interpreter, case 0).
  EXPECT_EQ(first[0], goldens_[0]);

  ASSERT_EQ(interp->ResetState(), Status::kOk);
  for (size_t k = 0; k < inputs_.size(); ++k) {
    EXPECT_EQ(Run(*interp, inputs_[k]), first[k]) << "after ResetState, invoke " << k;
  }
  host::AlignedBytes arena2;
  std::unique_ptr<Interpreter> fresh = NewInterpreter(&arena2);
  ASSERT_NE(fresh, nullptr);
  for (size_t k = 0; k < inputs_.size(); ++k) {
    EXPECT_EQ(Run(*fresh, inputs_[k]), first[k]) << "fresh interpreter, invoke " << k;
  }
}

TEST_P(StatefulTest, StateCarriesBetweenInvokes) {
  host::AlignedBytes arena;
  std::unique_ptr<Interpreter> interp = NewInterpreter(&arena);
  ASSERT_NE(interp, nullptr);
  // The same input twice: the second invoke starts from the first's state.
  const Bytes once = Run(*interp, inputs_[4]);
  const Bytes twice = Run(*interp, inputs_[4]);
  EXPECT_EQ(once, goldens_[4]);
  if (GetParam().lstm) {
    EXPECT_NE(twice, once) << "the LSTM state did not carry over";
  }
  // Every variable tensor is persistent: never in the planned head.
  for (int t = 0; t < model_.num_tensors(); ++t) {
    if (model_.tensor(t).is_variable) {
      EXPECT_EQ(interp->planned_offset(t), -1) << "variable tensor " << t;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(SharedModels, StatefulTest, ::testing::ValuesIn(kModels),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace mote
