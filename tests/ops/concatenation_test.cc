// CONCATENATION through the interpreter: every axis (negative too), 1 to 4
// inputs, every supported element type, int8 with shared quantization, two
// conv branches joined (inception-style), and Prepare's rejections.
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

// Concatenates row-major tensors of `shapes` along `axis`.
template <typename T>
std::vector<T> ConcatRef(const std::vector<std::vector<T>>& ins, const std::vector<std::vector<int32_t>>& shapes,
                         int axis) {
  int64_t outer = 1;
  for (int d = 0; d < axis; ++d) outer *= shapes[0][d];
  std::vector<T> out;
  for (int64_t o = 0; o < outer; ++o) {
    for (size_t k = 0; k < ins.size(); ++k) {
      int64_t inner = 1;
      for (size_t d = axis; d < shapes[k].size(); ++d) inner *= shapes[k][d];
      out.insert(out.end(), ins[k].begin() + o * inner, ins[k].begin() + (o + 1) * inner);
    }
  }
  return out;
}

template <typename T>
void RunConcat(tflite::TensorType type, Quantization q, const std::vector<std::vector<int32_t>>& shapes, int axis,
               int option_axis, uint32_t seed) {
  host::Rng rng(seed);
  std::vector<std::vector<T>> ins;
  for (const auto& s : shapes) {
    std::vector<T> v;
    for (int32_t x : rng.UniformS32(Count(s), -100, 100)) v.push_back(static_cast<T>(x));
    ins.push_back(v);
  }
  std::vector<int32_t> out_shape = shapes[0];
  out_shape[axis] = 0;
  for (const auto& s : shapes) out_shape[axis] += s[axis];
  OpTester t;
  std::vector<int32_t> inputs;
  for (size_t k = 0; k < shapes.size(); ++k) inputs.push_back(t.Input("x" + std::to_string(k), type, shapes[k], q));
  const int32_t y = t.Output("y", type, out_shape, q);
  t.Op(BuiltinOp::kConcatenation, inputs, {y}, host::ConcatenationOptions(option_axis));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  for (size_t k = 0; k < ins.size(); ++k) t.SetInput<T>(static_cast<int>(k), ins[k]);
  ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
  EXPECT_EQ(t.GetOutput<T>(0), ConcatRef(ins, shapes, axis));
}

TEST(ConcatenationOp, EveryAxisPositiveAndNegative) {
  uint32_t seed = 1;
  const std::vector<int32_t> base = {2, 3, 2, 4};
  for (int axis = 0; axis < 4; ++axis) {
    for (int num : {1, 2, 3, 4}) {
      std::vector<std::vector<int32_t>> shapes;
      for (int k = 0; k < num; ++k) {
        std::vector<int32_t> s = base;
        s[axis] = k + 1;
        shapes.push_back(s);
      }
      SCOPED_TRACE(testing::Message() << "axis " << axis << " inputs " << num);
      RunConcat<float>(kF32, {}, shapes, axis, axis, seed++);
      RunConcat<int8_t>(kS8, Q(0.1f, -3), shapes, axis, axis - 4, seed++);
    }
  }
}

TEST(ConcatenationOp, OtherTypesAndRanks) {
  RunConcat<int16_t>(kS16, Q(0.1f, 0), {{3}, {5}}, 0, 0, 10);
  RunConcat<int32_t>(kS32, {}, {{2, 2}, {2, 1}}, 1, -1, 11);
  RunConcat<int64_t>(kS64, {}, {{1, 2}, {3, 2}}, 0, -2, 12);
  RunConcat<float>(kF32, {}, {{1, 1, 1, 1, 1, 2}, {1, 1, 1, 1, 1, 3}}, 5, 5, 13);
  RunConcat<int8_t>(kS8, Q(0.5f, 127), {{2, 1, 3, 1, 1}, {2, 2, 3, 1, 1}}, 1, 1, 14);
}

// Two branches from one input (1x1 and 3x3 convs) joined on channels.
TEST(ConcatenationOp, InceptionStyleBranchesF32) {
  host::Rng rng(20);
  const std::vector<float> in = rng.Uniform(1 * 3 * 3 * 2, -1.0f, 1.0f);
  OpTester t;
  const int32_t x = t.Input("x", kF32, {1, 3, 3, 2});
  const int32_t w1 = t.Const<float>("w1", {1, 1, 1, 2}, {1.0f, 0.0f});
  const int32_t w3 = t.Const<float>("w3", {1, 1, 1, 2}, {0.0f, -1.0f});
  const int32_t a = t.Temp("a", kF32, {1, 3, 3, 1});
  const int32_t b = t.Temp("b", kF32, {1, 3, 3, 1});
  const int32_t y = t.Output("y", kF32, {1, 3, 3, 2});
  t.Op(BuiltinOp::kConv2D, {x, w1}, {a}, host::Conv2DOptions(tflite::Padding_SAME, 1, 1));
  t.Op(BuiltinOp::kConv2D, {x, w3}, {b}, host::Conv2DOptions(tflite::Padding_SAME, 1, 1));
  t.Op(BuiltinOp::kConcatenation, {a, b}, {y}, host::ConcatenationOptions(3));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  std::vector<float> want = in;
  for (size_t i = 1; i < want.size(); i += 2) want[i] = -want[i];
  EXPECT_EQ(t.Run<float>(in), want);
}

// A constant input joined with a computed one.
TEST(ConcatenationOp, ConstantAndActivationInputs) {
  OpTester t;
  const int32_t c = t.Const<int8_t>("c", {1, 2}, {-128, 127}, Q(0.1f, 0));
  const int32_t x = t.Input("x", kS8, {1, 1}, Q(0.1f, 0));
  const int32_t y = t.Output("y", kS8, {1, 3}, Q(0.1f, 0));
  t.Op(BuiltinOp::kConcatenation, {x, c}, {y}, host::ConcatenationOptions(1));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<int8_t>({5}), (std::vector<int8_t>{5, -128, 127}));
}

// --- rejections -------------------------------------------------------------

struct Model {
  OpTester t;
  int32_t a, b, y;
  explicit Model(tflite::TensorType type = kS8) {
    a = t.Input("a", type, {2, 3}, Q(0.1f, 0));
    b = t.Input("b", type, {2, 2}, Q(0.1f, 0));
    y = t.Output("y", type, {2, 5}, Q(0.1f, 0));
  }
  void Op(host::OptionsBuilder options = host::ConcatenationOptions(1)) {
    t.Op(BuiltinOp::kConcatenation, {a, b}, {y}, std::move(options));
  }
};

TEST(ConcatenationOp, ValidBaseModelPrepares) {
  Model m;
  m.Op();
  ASSERT_EQ(m.t.Prepare(), Status::kOk) << m.t.message();
  EXPECT_EQ(m.t.Invoke(), Status::kOk);
}

TEST(ConcatenationOp, RejectsTypesAndQuantization) {
  {
    Model m(kU8);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "output 'y': expected int8, int16, int32, int64 or float32, got uint8"));
  }
  {
    Model m;
    m.t.writer().tensor(m.b).type = kS16;
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'b' is int16 but output 'y' is int8"));
  }
  {
    Model m;
    m.t.writer().tensor(m.b).quant = Q(0.2f, 0);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'b' (scale 0.2, zero point 0) must have the quantization of output 'y'"));
  }
  {
    Model m;
    m.t.writer().tensor(m.a).quant = Q(0.1f, 4);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'a' (scale 0.1, zero point 4)"));
  }
  {
    Model m;
    m.t.writer().tensor(m.a).quant = {};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'a' (scale 0, zero point 0) must have the quantization"));
  }
}

TEST(ConcatenationOp, RejectsAxesAndShapes) {
  for (int axis : {2, -3, 7}) {
    Model m;
    m.Op(host::ConcatenationOptions(axis));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "axis " + std::to_string(axis) + " is out of range for rank 2"));
  }
  {
    Model m;
    m.t.writer().tensor(m.b).shape = {3, 2};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'b' dim 0 is 3, output 'y' has 2"));
  }
  {
    Model m;
    m.t.writer().tensor(m.b).shape = {2, 2, 1};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'b' has rank 3, output 'y' has rank 2"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).shape = {2, 6};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "inputs add up to 5 along axis 1, output 'y' has 6"));
  }
  {
    OpTester t;
    const int32_t a = t.Input("a", kF32, {});
    const int32_t y = t.Output("y", kF32, {});
    t.Op(BuiltinOp::kConcatenation, {a}, {y}, host::ConcatenationOptions(0));
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "output 'y' is a scalar"));
  }
}

TEST(ConcatenationOp, RejectsActivationAndCounts) {
  {
    Model m;
    m.Op(host::ConcatenationOptions(1, tflite::ActivationFunctionType_RELU));
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "fused activation 1 is not supported"));
  }
  {
    Model m;
    m.t.Op(BuiltinOp::kConcatenation, {}, {m.y}, host::ConcatenationOptions(1));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected at least 1 input, got 0"));
  }
  {
    Model m;
    const int32_t y2 = m.t.Output("y2", kS8, {2, 5}, Q(0.1f, 0));
    m.t.Op(BuiltinOp::kConcatenation, {m.a, m.b}, {m.y, y2}, host::ConcatenationOptions(1));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 1 output, got 2"));
  }
  {
    Model m;
    m.t.Op(BuiltinOp::kConcatenation, {m.a, -1}, {m.y}, host::ConcatenationOptions(1));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 1 is missing"));
  }
}

// An empty input contributes nothing.
TEST(ConcatenationOp, ZeroSizeInput) {
  OpTester t;
  t.Input("a", kF32, {2, 0});
  t.Input("b", kF32, {2, 2});
  t.Output("y", kF32, {2, 2});
  t.Op(BuiltinOp::kConcatenation, {0, 1}, {2}, host::ConcatenationOptions(1));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<float>(1, {1, 2, 3, 4});
  ASSERT_EQ(t.Invoke(), Status::kOk);
  EXPECT_EQ(t.GetOutput<float>(0), (std::vector<float>{1, 2, 3, 4}));
}

}  // namespace
}  // namespace mote::optest
