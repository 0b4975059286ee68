// Per-type registrations (Register_CONV_2D_INT8() and the like,
// src/ops/per_type_registration.h): each accepts its own type, bit-exact
// with the general registration, and rejects the other type in Prepare with
// kUnsupported and a message naming the op and tensor. Also the firmware's
// choice of registrations for a model (host/firmware_ops.h).
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "host/firmware_ops.h"
#include "host/model_file.h"
#include "host/model_writer.h"
#include "mote/interpreter.h"
#include "mote/model.h"
#include "ops/ops.h"

namespace mote {
namespace {

using host::BuiltinOp;
using host::Quantization;
using Regs = std::vector<const OpRegistration*>;

// One model prepared with the given registrations (all ops when empty).
class Runner {
 public:
  Runner(const host::AlignedBytes& model_bytes, const Regs& regs) {
    load_ = Model::Load(model_bytes.data(), model_bytes.size(), &model_,
                        &load_errors_);
    if (load_ != Status::kOk) return;
    if (regs.empty()) {
      add_ = RegisterAllOps(&resolver_);
    } else {
      for (const OpRegistration* r : regs) {
        add_ = resolver_.Add(*r);
        if (add_ != Status::kOk) return;
      }
    }
    arena_ = host::AlignedBytes(kArena + 16);
    interp_ = std::make_unique<Interpreter>(model_, resolver_, arena_.data(),
                                            kArena);
    prepare_ = interp_->Prepare();
  }
  Status status() const {
    return load_ != Status::kOk ? load_ : add_ != Status::kOk ? add_ : prepare_;
  }
  std::string message() const {
    return interp_ ? interp_->errors().message() : load_errors_.message();
  }
  const Model& model() const { return model_; }
  // Fills every input with a seeded byte pattern, invokes, returns all
  // output bytes.
  std::vector<uint8_t> Run(uint32_t seed) {
    host::Rng rng(seed);
    for (int i = 0; i < interp_->inputs_size(); ++i) {
      const std::vector<int8_t> bytes = rng.UniformS8(interp_->input_bytes(i));
      std::memcpy(interp_->input(i)->data, bytes.data(), bytes.size());
    }
    const Status s = interp_->Invoke();
    EXPECT_EQ(s, Status::kOk) << message();
    std::vector<uint8_t> out;
    for (int o = 0; o < interp_->outputs_size(); ++o) {
      const auto* p = static_cast<const uint8_t*>(interp_->output(o)->data);
      out.insert(out.end(), p, p + interp_->output_bytes(o));
    }
    return out;
  }

 private:
  static constexpr size_t kArena = 1 << 20;
  Model model_;
  ErrorReporter load_errors_;
  MutableOpResolver<kNumBuiltinOps> resolver_;
  host::AlignedBytes arena_;
  std::unique_ptr<Interpreter> interp_;
  Status load_ = Status::kOk;
  Status add_ = Status::kOk;
  Status prepare_ = Status::kInvalidArgument;
};

host::AlignedBytes Aligned(const std::vector<uint8_t>& bytes) {
  host::AlignedBytes a(bytes.size());
  std::memcpy(a.data(), bytes.data(), bytes.size());
  return a;
}

// A 16x8 network: x [1,2,2,2] -> CONV_2D (1x1) -> DEPTHWISE_CONV_2D (1x1)
// -> FULLY_CONNECTED (4 units) -> SOFTMAX, int16 activations.
host::AlignedBytes Int16Model() {
  host::ModelWriter w;
  host::Rng rng(7);
  const auto s16 = tflite::TensorType_INT16;
  const auto q = [](float scale) { return Quantization::PerTensor(scale, 0); };
  const int32_t x = w.AddActivation("x", s16, {1, 2, 2, 2}, q(1.0f / 1024));
  const int32_t c = w.AddActivation("c", s16, {1, 2, 2, 2}, q(1.0f / 512));
  const int32_t d = w.AddActivation("d", s16, {1, 2, 2, 2}, q(1.0f / 256));
  const int32_t f = w.AddActivation("f", s16, {1, 4}, q(1.0f / 256));
  const int32_t y = w.AddActivation("y", s16, {1, 4}, q(1.0f / 32768));
  const int32_t cf = w.AddConst<int8_t>("conv_filter", {2, 1, 1, 2},
                                        rng.UniformS8(4), q(0.01f));
  const int32_t cb = w.AddConst<int64_t>("conv_bias", {2}, {100, -200},
                                         q(0.01f / 1024));
  const int32_t df = w.AddConst<int8_t>("dw_filter", {1, 1, 1, 2},
                                        rng.UniformS8(2), q(0.02f));
  const int32_t db = w.AddConst<int64_t>("dw_bias", {2}, {50, -50},
                                         q(0.02f / 512));
  const int32_t fw = w.AddConst<int8_t>("fc_weights", {4, 8},
                                        rng.UniformS8(32), q(0.01f));
  const int32_t fb = w.AddConst<int64_t>("fc_bias", {4}, {1, 2, 3, 4},
                                         q(0.01f / 256));
  w.AddOperator(BuiltinOp::kConv2D, {x, cf, cb}, {c},
                host::Conv2DOptions(tflite::Padding_VALID, 1, 1), 4);
  w.AddOperator(BuiltinOp::kDepthwiseConv2D, {c, df, db}, {d},
                host::DepthwiseConv2DOptions(tflite::Padding_VALID, 1, 1, 1),
                5);
  w.AddOperator(BuiltinOp::kFullyConnected, {d, fw, fb}, {f},
                host::FullyConnectedOptions(), 7);
  w.AddOperator(BuiltinOp::kSoftmax, {f}, {y}, host::SoftmaxOptions(), 3);
  w.SetInputs({x});
  w.SetOutputs({y});
  return Aligned(w.Finish());
}

host::AlignedBytes KwsModel() {
  host::AlignedBytes bytes;
  std::string error;
  EXPECT_TRUE(host::ReadFile(
      std::string(MOTE_SHARED_MODELS) + "/kws_ref_model.tflite", &bytes,
      &error))
      << error;
  return bytes;
}

const Regs kInt8 = {&Register_CONV_2D_INT8(),
                    &Register_DEPTHWISE_CONV_2D_INT8(),
                    &Register_FULLY_CONNECTED_INT8(),
                    &Register_SOFTMAX_INT8()};
const Regs kInt16 = {&Register_CONV_2D_INT16(),
                     &Register_DEPTHWISE_CONV_2D_INT16(),
                     &Register_FULLY_CONNECTED_INT16(),
                     &Register_SOFTMAX_INT16()};
const Regs kGeneral = {&Register_CONV_2D(), &Register_DEPTHWISE_CONV_2D(),
                       &Register_FULLY_CONNECTED(), &Register_SOFTMAX()};
const char* const kNames[] = {"CONV_2D", "DEPTHWISE_CONV_2D",
                              "FULLY_CONNECTED", "SOFTMAX"};

Regs With(Regs regs, const Regs& more) {
  regs.insert(regs.end(), more.begin(), more.end());
  return regs;
}

TEST(PerTypeRegistration, Int8OnesRunKwsBitExactWithTheGeneralOnes) {
  const host::AlignedBytes kws = KwsModel();
  const Regs rest = {&Register_AVERAGE_POOL_2D(), &Register_RESHAPE()};
  Runner general(kws, {});
  Runner narrow(kws, With(kInt8, rest));
  ASSERT_EQ(general.status(), Status::kOk) << general.message();
  ASSERT_EQ(narrow.status(), Status::kOk) << narrow.message();
  for (uint32_t seed = 1; seed <= 3; ++seed) {
    EXPECT_EQ(narrow.Run(seed), general.Run(seed)) << "seed " << seed;
  }
  EXPECT_EQ(host::FirmwareOpRegistrations(general.model()),
            (std::vector<std::string>{"AVERAGE_POOL_2D", "CONV_2D_INT8",
                                      "DEPTHWISE_CONV_2D_INT8",
                                      "FULLY_CONNECTED_INT8", "RESHAPE",
                                      "SOFTMAX_INT8"}));
}

TEST(PerTypeRegistration, Int16OnesRunA16x8ModelBitExactWithTheGeneralOnes) {
  const host::AlignedBytes m = Int16Model();
  Runner general(m, kGeneral);
  Runner narrow(m, kInt16);
  ASSERT_EQ(general.status(), Status::kOk) << general.message();
  ASSERT_EQ(narrow.status(), Status::kOk) << narrow.message();
  for (uint32_t seed = 1; seed <= 3; ++seed) {
    EXPECT_EQ(narrow.Run(seed), general.Run(seed)) << "seed " << seed;
  }
  EXPECT_EQ(host::FirmwareOpRegistrations(general.model()),
            (std::vector<std::string>{"CONV_2D_INT16", "DEPTHWISE_CONV_2D_INT16",
                                      "FULLY_CONNECTED_INT16",
                                      "SOFTMAX_INT16"}));
}

// Op k of Int16Model() with its int8-only registration, the others general.
TEST(PerTypeRegistration, Int8OnesRejectInt16Tensors) {
  const host::AlignedBytes m = Int16Model();
  const char* const inputs[] = {"x", "c", "d", "f"};
  for (size_t k = 0; k < kInt8.size(); ++k) {
    Regs regs = kGeneral;
    regs[k] = kInt8[k];
    Runner r(m, regs);
    EXPECT_EQ(r.status(), Status::kUnsupported) << kNames[k];
    EXPECT_NE(r.message().find(std::string(kNames[k]) + " (op " +
                               std::to_string(k) +
                               "): this build registers the int8 kernel "
                               "only; input '" + inputs[k] + "' is int16"),
              std::string::npos)
        << r.message();
  }
}

// KWS's int8 CONV_2D (op 0), DEPTHWISE_CONV_2D (op 1), FULLY_CONNECTED and
// SOFTMAX with int16-only registrations. (KWS's long tensor names fill the
// message buffer before "is int8".)
TEST(PerTypeRegistration, Int16OnesRejectInt8Tensors) {
  const host::AlignedBytes kws = KwsModel();
  const Regs rest = {&Register_AVERAGE_POOL_2D(), &Register_RESHAPE()};
  for (size_t k = 0; k < kInt16.size(); ++k) {
    Regs regs = With(kInt8, rest);
    regs[k] = kInt16[k];
    Runner r(kws, regs);
    EXPECT_EQ(r.status(), Status::kUnsupported) << kNames[k];
    EXPECT_NE(r.message().find(std::string(kNames[k]) + " (op "),
              std::string::npos)
        << r.message();
    EXPECT_NE(r.message().find("this build registers the int16 kernel only; "
                               "input '"),
              std::string::npos)
        << r.message();
  }
}

// SOFTMAX_INT8 runs int8 -> int8 only: the int8 -> int16 kernel needs the
// general registration, and the firmware's choice keeps it.
TEST(PerTypeRegistration, SoftmaxInt8RejectsAnInt16Output) {
  host::ModelWriter w;
  const int32_t x = w.AddActivation("x", tflite::TensorType_INT8, {1, 4},
                                    Quantization::PerTensor(0.1f, 0));
  const int32_t y =
      w.AddActivation("y", tflite::TensorType_INT16, {1, 4},
                      Quantization::PerTensor(1.0f / 65536, -32768));
  w.AddOperator(BuiltinOp::kSoftmax, {x}, {y}, host::SoftmaxOptions(), 2);
  w.SetInputs({x});
  w.SetOutputs({y});
  const host::AlignedBytes m = Aligned(w.Finish());
  Runner general(m, {&Register_SOFTMAX()});
  ASSERT_EQ(general.status(), Status::kOk) << general.message();
  Runner narrow(m, {&Register_SOFTMAX_INT8()});
  EXPECT_EQ(narrow.status(), Status::kUnsupported);
  EXPECT_NE(narrow.message().find("int8 kernel only; output 'y' is int16"),
            std::string::npos)
      << narrow.message();
  EXPECT_EQ(host::FirmwareOpRegistrations(general.model()),
            std::vector<std::string>{"SOFTMAX"});
}

}  // namespace
}  // namespace mote
