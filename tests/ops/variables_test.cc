// Resource variables through the interpreter: VAR_HANDLE + READ_VARIABLE +
// ASSIGN_VARIABLE graphs that remember the previous input and accumulate a
// running sum, the default value (the int8 zero point, as TFLite Micro),
// ResetState, independent variables, and Prepare's rejections.
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

constexpr BuiltinOp kVarHandle = static_cast<BuiltinOp>(142);
constexpr BuiltinOp kReadVariable = static_cast<BuiltinOp>(143);
constexpr BuiltinOp kAssignVariable = static_cast<BuiltinOp>(144);
constexpr tflite::TensorType kResource = tflite::TensorType_RESOURCE;

host::OptionsBuilder VarHandleOptions(const std::string& name, const char* container = nullptr) {
  return host::MakeOptions([=](flatbuffers::FlatBufferBuilder& fbb) {
    return tflite::CreateVarHandleOptionsDirect(fbb, container, name.c_str());
  });
}

// y = the previous invoke's x; then the variable holds x.
struct DelayModel {
  OpTester t;
  int32_t x, y, handle;
  DelayModel(tflite::TensorType type, Quantization q, std::vector<int32_t> shape = {2, 3}) {
    x = t.Input("x", type, shape, q);
    y = t.Output("y", type, shape, q);
    handle = t.Temp("var", kResource, {});
  }
  void Ops(const std::string& name = "state") {
    t.Op(kVarHandle, {}, {handle}, VarHandleOptions(name));
    t.Op(kReadVariable, {handle}, {y});
    t.Op(kAssignVariable, {handle, x}, {});
  }
};

TEST(VariablesOp, ReadReturnsThePreviousAssignment) {
  DelayModel m(kF32, {});
  m.Ops();
  ASSERT_EQ(m.t.Prepare(), Status::kOk) << m.t.message();
  const std::vector<float> a = {1, 2, 3, 4, 5, 6}, b = {-1, -2, -3, -4, -5, -6};
  EXPECT_EQ(m.t.Run<float>(a), std::vector<float>(6, 0.0f));  // default: 0
  EXPECT_EQ(m.t.Run<float>(b), a);
  EXPECT_EQ(m.t.Run<float>(a), b);
  ASSERT_EQ(m.t.interp().ResetState(), Status::kOk);
  EXPECT_EQ(m.t.Run<float>(b), std::vector<float>(6, 0.0f));
  EXPECT_EQ(m.t.Run<float>(a), b);
}

TEST(VariablesOp, Int8VariableStartsAtTheZeroPoint) {
  DelayModel m(kS8, Q(0.5f, 5));
  m.Ops();
  ASSERT_EQ(m.t.Prepare(), Status::kOk) << m.t.message();
  const std::vector<int8_t> a = {1, 2, 3, 4, 5, 6};
  EXPECT_EQ(m.t.Run<int8_t>(a), std::vector<int8_t>(6, 5));
  EXPECT_EQ(m.t.Run<int8_t>(a), a);
  ASSERT_EQ(m.t.interp().ResetState(), Status::kOk);
  EXPECT_EQ(m.t.Run<int8_t>(a), std::vector<int8_t>(6, 5));
}

TEST(VariablesOp, RunningSumAcrossInvokes) {
  // sum = READ(var) + x; ASSIGN(var, sum); y = sum.
  OpTester t;
  const int32_t x = t.Input("x", kS32, {4});
  const int32_t y = t.Output("y", kS32, {4});
  const int32_t handle = t.Temp("acc", kResource, {});
  const int32_t prev = t.Temp("prev", kS32, {4});
  t.Op(kVarHandle, {}, {handle}, VarHandleOptions("acc"));
  t.Op(kReadVariable, {handle}, {prev});
  t.Op(BuiltinOp::kAdd, {prev, x}, {y}, host::AddOptions());
  t.Op(kAssignVariable, {handle, y}, {});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<int32_t> in = {1, 10, -5, 100};
  std::vector<int32_t> sum(4, 0);
  for (int k = 1; k <= 4; ++k) {
    for (int i = 0; i < 4; ++i) sum[i] += in[i];
    EXPECT_EQ(t.Run<int32_t>(in), sum) << "invoke " << k;
  }
  ASSERT_EQ(t.interp().ResetState(), Status::kOk);
  EXPECT_EQ(t.Run<int32_t>(in), in);
}

TEST(VariablesOp, DistinctNamesAreDistinctVariables) {
  OpTester t;
  const int32_t x = t.Input("x", kF32, {2});
  const int32_t y1 = t.Output("y1", kF32, {2});
  const int32_t y2 = t.Output("y2", kF32, {2});
  const int32_t h1 = t.Temp("h1", kResource, {});
  const int32_t h2 = t.Temp("h2", kResource, {});
  const int32_t doubled = t.Temp("doubled", kF32, {2});
  t.Op(kVarHandle, {}, {h1}, VarHandleOptions("a"));
  t.Op(kVarHandle, {}, {h2}, VarHandleOptions("b"));
  t.Op(kReadVariable, {h1}, {y1});
  t.Op(kReadVariable, {h2}, {y2});
  t.Op(BuiltinOp::kAdd, {x, x}, {doubled}, host::AddOptions());
  t.Op(kAssignVariable, {h1, x}, {});
  t.Op(kAssignVariable, {h2, doubled}, {});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<float>(0, {1.0f, 2.0f});
  ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
  t.SetInput<float>(0, {3.0f, 4.0f});
  ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
  EXPECT_EQ(t.GetOutput<float>(0), (std::vector<float>{1.0f, 2.0f}));
  EXPECT_EQ(t.GetOutput<float>(1), (std::vector<float>{2.0f, 4.0f}));
}

TEST(VariablesOp, StorageIsPersistentNotPlanned) {
  DelayModel m(kF32, {}, {64});
  m.Ops();
  ASSERT_EQ(m.t.Prepare(), Status::kOk) << m.t.message();
  // The 256-byte variable lives in the persistent tail, beside the op data.
  EXPECT_GE(m.t.interp().arena_usage().persistent_bytes, 256u);
  EXPECT_EQ(m.t.interp().planned_offset(m.handle), -1);
}

// --- rejections -------------------------------------------------------------

TEST(VariablesOp, Rejections) {
  {
    // Read but never assigned: TFLite Micro would read unallocated memory.
    OpTester t;
    const int32_t y = t.Output("y", kF32, {2});
    const int32_t h = t.Temp("h", kResource, {});
    t.Op(kVarHandle, {}, {h}, VarHandleOptions("v"));
    t.Op(kReadVariable, {h}, {y});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "variable 'v' (VAR_HANDLE op 0) is never assigned"));
  }
  {
    DelayModel m(kF32, {});
    m.t.writer().tensor(m.y).shape = {2, 4};
    m.Ops();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y' has 32 bytes, the variable holds 24"));
  }
  {
    DelayModel m(kF32, {});
    m.Ops();
    const int32_t x2 = m.t.Input("x2", kF32, {2});
    m.t.Op(kAssignVariable, {m.handle, x2}, {});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "value 'x2' has 8 bytes, the variable holds 24"));
  }
  {
    DelayModel m(kF32, {});
    m.Ops("shared");
    const int32_t h2 = m.t.Temp("h2", kResource, {});
    m.t.Op(kVarHandle, {}, {h2}, VarHandleOptions("shared"));
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "variable 'shared' already has a handle (op 0)"));
  }
  {
    // A resource that comes in as a graph input, not from a VAR_HANDLE.
    OpTester t;
    const int32_t h = t.Input("h", kResource, {});
    const int32_t y = t.Output("y", kF32, {2});
    t.Op(kReadVariable, {h}, {y});
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "resource 'h' is not made by a VAR_HANDLE"));
  }
  {
    DelayModel m(kF32, {});
    m.t.Op(kVarHandle, {m.x}, {m.handle}, VarHandleOptions("v"));
    m.t.Op(kReadVariable, {m.handle}, {m.y});
    m.t.Op(kAssignVariable, {m.handle, m.x}, {});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected no inputs, got 1"));
  }
}

}  // namespace
}  // namespace mote::optest
