// The interpreter's life cycle, arena planning and error reporting, driven
// with small test-local ops so these tests do not depend on any kernel.
#include "mote/interpreter.h"

#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "host/model_file.h"
#include "host/model_writer.h"

namespace mote {
namespace {

using host::BuiltinOp;
using host::ModelWriter;

constexpr int32_t kTestAdd = 0;         // reuses ADD's code: out = in0 + in1
constexpr int32_t kTestAccumulate = 1;  // reuses AVERAGE_POOL_2D's code: var += in; out = var

std::vector<int> g_eval_order;

Status AddPrepare(PrepareContext& ctx) {
  MOTE_ENSURE(ctx, ctx.num_inputs() == 2, "expected 2 inputs");
  int handle = 0;
  // Asks for scratch so the planner has a scratch buffer to place.
  MOTE_RETURN_IF_ERROR(ctx.RequestScratch(ctx.output(0).bytes, &handle));
  int* stored = ctx.AllocatePersistent<int>();
  if (stored == nullptr) return Status::kArenaTooSmall;
  *stored = handle;
  ctx.set_user_data(stored);
  return Status::kOk;
}

Status AddEval(EvalContext& ctx) {
  g_eval_order.push_back(ctx.op_index());
  const int n = static_cast<int>(ctx.output(0)->shape().FlatSize());
  float* scratch = static_cast<float*>(ctx.scratch(*ctx.user_data<int>()));
  if (scratch == nullptr) return ctx.Fail(Status::kInternal, "no scratch");
  for (int i = 0; i < n; ++i) scratch[i] = ctx.input_data<float>(0)[i] + ctx.input_data<float>(1)[i];
  std::memcpy(ctx.output_data<float>(0), scratch, n * sizeof(float));
  return Status::kOk;
}

Status AccumulateEval(EvalContext& ctx) {
  const int n = static_cast<int>(ctx.output(0)->shape().FlatSize());
  float* var = ctx.input(1)->as<float>();
  for (int i = 0; i < n; ++i) {
    var[i] += ctx.input_data<float>(0)[i];
    ctx.output_data<float>(0)[i] = var[i];
  }
  return Status::kOk;
}

constexpr OpRegistration kAddRegistration = {kTestAdd, "TEST_ADD", nullptr, AddPrepare, AddEval, nullptr, 1, "float32"};
constexpr OpRegistration kAccumulateRegistration = {kTestAccumulate, "TEST_ACCUMULATE", nullptr, nullptr,
                                                    AccumulateEval, nullptr, 1, "float32"};

struct Built {
  std::vector<uint8_t> bytes;
  Model model;
  ErrorReporter errors;
  MutableOpResolver<2> resolver;

  explicit Built(const ModelWriter& w) : bytes(w.Finish()) {
    EXPECT_EQ(Model::Load(bytes.data(), bytes.size(), &model, &errors), Status::kOk)
        << errors.message();
    resolver.Add(kAddRegistration);
    resolver.Add(kAccumulateRegistration);
  }
};

// x -> (+c) -> a -> (+c) -> b -> (+c) -> y, each 1000 floats.
ModelWriter ChainModel(int length = 3, int n = 1000) {
  ModelWriter w;
  const int32_t x = w.AddActivation("x", tflite::TensorType_FLOAT32, {n});
  const int32_t c = w.AddConst<float>("c", {n}, std::vector<float>(n, 1.0f));
  int32_t prev = x;
  for (int i = 0; i < length; ++i) {
    const int32_t next = w.AddActivation("t" + std::to_string(i), tflite::TensorType_FLOAT32, {n});
    w.AddOperator(BuiltinOp::kAdd, {prev, c}, {next});
    prev = next;
  }
  w.SetInputs({x});
  w.SetOutputs({prev});
  return w;
}

TEST(Interpreter, RunsAChainAndReusesMemory) {
  Built b(ChainModel());
  host::AlignedBytes arena(1 << 20);
  Interpreter interp(b.model, b.resolver, arena.data(), arena.size());
  ASSERT_EQ(interp.Prepare(), Status::kOk) << interp.errors().message();
  float* x = interp.input(0)->as<float>();
  for (int i = 0; i < 1000; ++i) x[i] = static_cast<float>(i);
  g_eval_order.clear();
  ASSERT_EQ(interp.Invoke(), Status::kOk);
  EXPECT_EQ(g_eval_order, (std::vector<int>{0, 1, 2}));
  const float* y = interp.output(0)->as<float>();
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(y[i], i + 3.0f);
  // Each op has input, output and scratch alive (3 x 4000 bytes); tensors
  // two steps apart share memory.
  EXPECT_LE(interp.arena_usage().planned_bytes, 3u * 4000u + 32u);
}

TEST(Interpreter, ExactArenaSizeIsEnoughAndOneLessIsNot) {
  Built b(ChainModel());
  size_t need = 0;
  {
    host::AlignedBytes arena(1 << 20);
    Interpreter interp(b.model, b.resolver, arena.data(), arena.size());
    ASSERT_EQ(interp.Prepare(), Status::kOk);
    need = interp.arena_used_bytes();
  }
  {
    host::AlignedBytes arena(need);
    Interpreter interp(b.model, b.resolver, arena.data(), need);
    ASSERT_EQ(interp.Prepare(), Status::kOk) << interp.errors().message();
    EXPECT_EQ(interp.arena_used_bytes(), need);
    ASSERT_EQ(interp.Invoke(), Status::kOk);
  }
  {
    host::AlignedBytes arena(need);
    Interpreter interp(b.model, b.resolver, arena.data(), need - 1);
    EXPECT_EQ(interp.Prepare(), Status::kArenaTooSmall);
    EXPECT_NE(std::string(interp.errors().message()).find(std::to_string(need)), std::string::npos)
        << interp.errors().message();
    EXPECT_NE(interp.Invoke(), Status::kOk);
  }
}

TEST(Interpreter, TinyArenaFailsCleanly) {
  Built b(ChainModel());
  for (size_t size : {0, 1, 16, 64, 256, 1024}) {
    host::AlignedBytes arena(size + 16);
    Interpreter interp(b.model, b.resolver, arena.data(), size);
    EXPECT_EQ(interp.Prepare(), Status::kArenaTooSmall) << size;
    EXPECT_TRUE(interp.errors().has_error());
  }
}

TEST(Interpreter, InvokeBeforePrepareIsAnError) {
  Built b(ChainModel());
  host::AlignedBytes arena(1 << 16);
  Interpreter interp(b.model, b.resolver, arena.data(), arena.size());
  EXPECT_EQ(interp.Invoke(), Status::kInvalidArgument);
  EXPECT_EQ(interp.input(0), nullptr);
}

TEST(Interpreter, UnregisteredOpIsNamed) {
  ModelWriter w;
  const int32_t x = w.AddActivation("x", tflite::TensorType_FLOAT32, {1, 2, 2, 4});
  const int32_t y = w.AddActivation("y", tflite::TensorType_FLOAT32, {1, 4, 4, 1});
  w.AddOperator(BuiltinOp::kDepthToSpace, {x}, {y});
  w.SetInputs({x});
  w.SetOutputs({y});
  Built b(w);
  host::AlignedBytes arena(1 << 16);
  Interpreter interp(b.model, b.resolver, arena.data(), arena.size());
  EXPECT_EQ(interp.Prepare(), Status::kUnsupported);
  EXPECT_NE(std::string(interp.errors().message()).find("DEPTH_TO_SPACE"), std::string::npos);
}

TEST(Interpreter, CustomOpIsNamed) {
  ModelWriter w;
  const int32_t x = w.AddActivation("x", tflite::TensorType_FLOAT32, {4});
  const int32_t y = w.AddActivation("y", tflite::TensorType_FLOAT32, {4});
  w.AddCustomOperator("SignalWindow", {x}, {y});
  w.SetInputs({x});
  w.SetOutputs({y});
  Built b(w);
  host::AlignedBytes arena(1 << 16);
  Interpreter interp(b.model, b.resolver, arena.data(), arena.size());
  EXPECT_EQ(interp.Prepare(), Status::kUnsupported);
  EXPECT_NE(std::string(interp.errors().message()).find("custom op 'SignalWindow'"), std::string::npos)
      << interp.errors().message();
}

TEST(Interpreter, TooNewOpVersionIsRefused) {
  ModelWriter w = ChainModel(1);
  w.op(0).version = 7;
  Built b(w);
  host::AlignedBytes arena(1 << 16);
  Interpreter interp(b.model, b.resolver, arena.data(), arena.size());
  EXPECT_EQ(interp.Prepare(), Status::kUnsupported);
  EXPECT_NE(std::string(interp.errors().message()).find("version 7"), std::string::npos);
}

TEST(Interpreter, PrepareErrorsNameTheOp) {
  ModelWriter w;
  const int32_t x = w.AddActivation("x", tflite::TensorType_FLOAT32, {4});
  const int32_t y = w.AddActivation("y", tflite::TensorType_FLOAT32, {4});
  w.AddOperator(BuiltinOp::kAdd, {x}, {y});  // one input: AddPrepare refuses
  w.SetInputs({x});
  w.SetOutputs({y});
  Built b(w);
  host::AlignedBytes arena(1 << 16);
  Interpreter interp(b.model, b.resolver, arena.data(), arena.size());
  EXPECT_EQ(interp.Prepare(), Status::kInvalidModel);
  EXPECT_STREQ(interp.errors().message(), "TEST_ADD (op 0): expected 2 inputs");
}

Status FailingEval(EvalContext& ctx) {
  static int calls = 0;
  return ctx.Fail(Status::kInvalidArgument, MOTE_MSG("failure number %d", ++calls));
}

TEST(Interpreter, EachInvokeReportsItsOwnError) {
  static constexpr OpRegistration kFailing = {kTestAdd, "FAILING", nullptr, nullptr, FailingEval,
                                              nullptr, 1, "float32"};
  ModelWriter w = ChainModel(1);
  const std::vector<uint8_t> bytes = w.Finish();
  ErrorReporter errors;
  Model model;
  ASSERT_EQ(Model::Load(bytes.data(), bytes.size(), &model, &errors), Status::kOk);
  MutableOpResolver<1> resolver;
  resolver.Add(kFailing);
  host::AlignedBytes arena(1 << 16);
  Interpreter interp(model, resolver, arena.data(), arena.size());
  ASSERT_EQ(interp.Prepare(), Status::kOk);
  ASSERT_EQ(interp.Invoke(), Status::kInvalidArgument);
  const std::string first = interp.errors().message();
  ASSERT_EQ(interp.Invoke(), Status::kInvalidArgument);
  EXPECT_NE(first, interp.errors().message());
  EXPECT_NE(std::string(interp.errors().message()).find("FAILING (op 0)"), std::string::npos);
}

class CountingProfiler final : public Profiler {
 public:
  void OpBegin(int op) override { events.push_back(op); }
  void OpEnd(int op) override { events.push_back(100 + op); }
  std::vector<int> events;
};

TEST(Interpreter, ProfilerSeesEveryOp) {
  Built b(ChainModel());
  host::AlignedBytes arena(1 << 20);
  Interpreter interp(b.model, b.resolver, arena.data(), arena.size());
  ASSERT_EQ(interp.Prepare(), Status::kOk);
  CountingProfiler profiler;
  interp.set_profiler(&profiler);
  ASSERT_EQ(interp.Invoke(), Status::kOk);
  EXPECT_EQ(profiler.events, (std::vector<int>{0, 100, 1, 101, 2, 102}));
}

TEST(Interpreter, MultipleInputsAndOutputs) {
  ModelWriter w;
  const int32_t a = w.AddActivation("a", tflite::TensorType_FLOAT32, {3});
  const int32_t b_in = w.AddActivation("b", tflite::TensorType_FLOAT32, {3});
  const int32_t s = w.AddActivation("sum", tflite::TensorType_FLOAT32, {3});
  const int32_t d = w.AddActivation("double", tflite::TensorType_FLOAT32, {3});
  w.AddOperator(BuiltinOp::kAdd, {a, b_in}, {s});
  w.AddOperator(BuiltinOp::kAdd, {s, s}, {d});
  w.SetInputs({a, b_in});
  w.SetOutputs({s, d});
  Built b(w);
  host::AlignedBytes arena(1 << 16);
  Interpreter interp(b.model, b.resolver, arena.data(), arena.size());
  ASSERT_EQ(interp.Prepare(), Status::kOk);
  ASSERT_EQ(interp.inputs_size(), 2);
  ASSERT_EQ(interp.outputs_size(), 2);
  const float av[3] = {1, 2, 3}, bv[3] = {10, 20, 30};
  std::memcpy(interp.input(0)->data, av, sizeof(av));
  std::memcpy(interp.input(1)->data, bv, sizeof(bv));
  ASSERT_EQ(interp.Invoke(), Status::kOk);
  EXPECT_EQ(interp.output(0)->as<float>()[2], 33.0f);
  EXPECT_EQ(interp.output(1)->as<float>()[2], 66.0f);
  EXPECT_STREQ(interp.output_info(1).name, "double");
  EXPECT_EQ(interp.input(2), nullptr);
}

TEST(Interpreter, VariablesPersistAcrossInvokesUntilReset) {
  ModelWriter w;
  const int32_t x = w.AddActivation("x", tflite::TensorType_FLOAT32, {2});
  host::TensorSpec var_spec;
  var_spec.name = "state";
  var_spec.type = tflite::TensorType_FLOAT32;
  var_spec.shape = {2};
  var_spec.is_variable = true;
  const int32_t var = w.AddTensor(var_spec);
  const int32_t y = w.AddActivation("y", tflite::TensorType_FLOAT32, {2});
  w.AddOperator(BuiltinOp::kAveragePool2D, {x, var}, {y});
  w.SetInputs({x});
  w.SetOutputs({y});
  Built b(w);
  host::AlignedBytes arena(1 << 16);
  Interpreter interp(b.model, b.resolver, arena.data(), arena.size());
  ASSERT_EQ(interp.Prepare(), Status::kOk) << interp.errors().message();
  interp.input(0)->as<float>()[0] = 2.5f;
  ASSERT_EQ(interp.Invoke(), Status::kOk);
  ASSERT_EQ(interp.Invoke(), Status::kOk);
  EXPECT_EQ(interp.output(0)->as<float>()[0], 5.0f);
  ASSERT_EQ(interp.ResetState(), Status::kOk);
  ASSERT_EQ(interp.Invoke(), Status::kOk);
  EXPECT_EQ(interp.output(0)->as<float>()[0], 2.5f);
  // The variable is persistent: never placed in the planned head.
  EXPECT_EQ(interp.planned_offset(var), -1);
}

}  // namespace
}  // namespace mote
