// PAD through the interpreter: every supported type and rank 1 to 5, int8
// padding with the zero point, int16 with 0, an explicit constant_values
// input (constant or computed), int64 paddings, PAD -> CONV (explicit
// padding before a VALID conv), and Prepare's rejections.
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

// Pads `in` (shape `shape`) with `value`; paddings are {before, after} per dim.
template <typename T>
std::vector<T> PadRef(const std::vector<T>& in, const std::vector<int32_t>& shape,
                      const std::vector<std::pair<int, int>>& pads, T value, std::vector<int32_t>* out_shape) {
  out_shape->clear();
  for (size_t d = 0; d < shape.size(); ++d) out_shape->push_back(shape[d] + pads[d].first + pads[d].second);
  const std::vector<int64_t> in_strides = Strides(shape);
  std::vector<T> out;
  std::vector<int32_t> idx(shape.size(), 0);
  for (int64_t i = 0; i < Count(*out_shape); ++i) {
    bool inside = true;
    int64_t src = 0;
    for (size_t d = 0; d < shape.size(); ++d) {
      const int p = idx[d] - pads[d].first;
      if (p < 0 || p >= shape[d]) inside = false;
      else src += p * in_strides[d];
    }
    out.push_back(inside ? in[src] : value);
    for (int d = static_cast<int>(shape.size()) - 1; d >= 0; --d) {
      if (++idx[d] < (*out_shape)[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

std::vector<int32_t> Flatten(const std::vector<std::pair<int, int>>& pads) {
  std::vector<int32_t> v;
  for (const auto& [a, b] : pads) {
    v.push_back(a);
    v.push_back(b);
  }
  return v;
}

struct PadCase {
  std::vector<int32_t> shape;
  std::vector<std::pair<int, int>> pads;
};

const PadCase kCases[] = {
    {{3}, {{1, 2}}},
    {{2, 3}, {{0, 0}, {2, 1}}},
    {{2, 3}, {{1, 1}, {0, 0}}},
    {{1, 3, 3, 2}, {{0, 0}, {1, 1}, {1, 1}, {0, 0}}},
    {{1, 2, 3, 1}, {{0, 0}, {0, 2}, {3, 0}, {0, 1}}},
    {{2, 1, 2, 1, 2}, {{1, 0}, {0, 1}, {1, 1}, {2, 0}, {0, 0}}},
    {{2, 2}, {{0, 0}, {0, 0}}},
};

template <typename T>
void RunCase(const PadCase& c, tflite::TensorType type, Quantization q, T pad_value, uint32_t seed) {
  host::Rng rng(seed);
  std::vector<T> in;
  for (int32_t v : rng.UniformS32(Count(c.shape), -100, 100)) in.push_back(static_cast<T>(v));
  std::vector<int32_t> out_shape;
  const std::vector<T> want = PadRef(in, c.shape, c.pads, pad_value, &out_shape);
  OpTester t;
  const int32_t x = t.Input("x", type, c.shape, q);
  const int32_t p = t.Const<int32_t>("paddings", {static_cast<int32_t>(c.shape.size()), 2}, Flatten(c.pads));
  const int32_t y = t.Output("y", type, out_shape, q);
  t.Op(BuiltinOp::kPad, {x, p}, {y});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<T>(in), want);
}

TEST(PadOp, RanksAndTypes) {
  uint32_t seed = 1;
  for (const PadCase& c : kCases) {
    SCOPED_TRACE(testing::Message() << "rank " << c.shape.size() << " seed " << seed);
    RunCase<float>(c, kF32, {}, 0.0f, seed++);
    RunCase<int8_t>(c, kS8, Q(0.1f, -7), int8_t{-7}, seed++);  // the zero point is real 0
    RunCase<int8_t>(c, kS8, Q(0.1f, 127), int8_t{127}, seed++);
    RunCase<int16_t>(c, kS16, Q(0.1f, 0), int16_t{0}, seed++);
    RunCase<int32_t>(c, kS32, {}, 0, seed++);
  }
}

TEST(PadOp, ConstantValuesInput) {
  {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {2});
    const int32_t p = t.Const<int32_t>("paddings", {1, 2}, {1, 2});
    const int32_t v = t.Const<float>("value", {}, {-1.5f});
    const int32_t y = t.Output("y", kF32, {5});
    t.Op(BuiltinOp::kPad, {x, p, v}, {y});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ(t.Run<float>({3, 4}), (std::vector<float>{-1.5f, 3, 4, -1.5f, -1.5f}));
  }
  {
    // int8 with a value in the output's quantization.
    OpTester t;
    const int32_t x = t.Input("x", kS8, {1, 2}, Q(0.5f, 3));
    const int32_t p = t.Const<int64_t>("paddings", {2, 2}, {0, 0, 1, 1});
    const int32_t v = t.Const<int8_t>("value", {1}, {-100}, Q(0.5f, 3));
    const int32_t y = t.Output("y", kS8, {1, 4}, Q(0.5f, 3));
    t.Op(BuiltinOp::kPad, {x, p, v}, {y}, {}, 2);
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ(t.Run<int8_t>({5, 6}), (std::vector<int8_t>{-100, 5, 6, -100}));
  }
  {
    // The value computed at run time: a second graph input.
    OpTester t;
    const int32_t x = t.Input("x", kS32, {2});
    const int32_t v = t.Input("value", kS32, {});
    const int32_t p = t.Const<int32_t>("paddings", {1, 2}, {2, 0});
    const int32_t y = t.Output("y", kS32, {4});
    t.Op(BuiltinOp::kPad, {x, p, v}, {y});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    t.SetInput<int32_t>(0, {7, 8});
    t.SetInput<int32_t>(1, {-9});
    ASSERT_EQ(t.Invoke(), Status::kOk);
    EXPECT_EQ(t.GetOutput<int32_t>(0), (std::vector<int32_t>{-9, -9, 7, 8}));
  }
}

// Explicit PAD then a VALID conv equals a SAME conv (int8: the padding is
// the zero point, i.e. real 0).
TEST(PadOp, PadThenValidConvEqualsSameConvS8) {
  host::Rng rng(5);
  const std::vector<int8_t> in = rng.UniformS8(1 * 4 * 4 * 2);
  const std::vector<int8_t> wv = rng.UniformS8(3 * 3 * 3 * 2, -50, 50);
  auto run = [&](bool explicit_pad) {
    OpTester t;
    int32_t x = t.Input("x", kS8, {1, 4, 4, 2}, Q(0.1f, 9));
    if (explicit_pad) {
      const int32_t p = t.Const<int32_t>("paddings", {4, 2}, {0, 0, 1, 1, 1, 1, 0, 0});
      const int32_t xp = t.Temp("xp", kS8, {1, 6, 6, 2}, Q(0.1f, 9));
      t.Op(BuiltinOp::kPad, {x, p}, {xp});
      x = xp;
    }
    const int32_t w = t.Const<int8_t>("w", {3, 3, 3, 2}, wv, Q(0.01f));
    const int32_t y = t.Output("y", kS8, {1, 4, 4, 3}, Q(0.05f, -2));
    t.Op(BuiltinOp::kConv2D, {x, w}, {y},
         host::Conv2DOptions(explicit_pad ? tflite::Padding_VALID : tflite::Padding_SAME, 1, 1), 3);
    EXPECT_EQ(t.Prepare(), Status::kOk) << t.message();
    return t.Run<int8_t>(in);
  };
  const std::vector<int8_t> same = run(false);
  ASSERT_EQ(same.size(), 48u);
  EXPECT_EQ(run(true), same);
}

// --- rejections -------------------------------------------------------------

struct Model {
  OpTester t;
  int32_t x, p, y;
  explicit Model(tflite::TensorType type = kS8) {
    x = t.Input("x", type, {2, 3}, Q(0.1f, 0));
    p = t.Const<int32_t>("paddings", {2, 2}, {1, 0, 0, 2});
    y = t.Output("y", type, {3, 5}, Q(0.1f, 0));
  }
  void Op(std::vector<int32_t> extra = {}) {
    std::vector<int32_t> ins = {x, p};
    ins.insert(ins.end(), extra.begin(), extra.end());
    t.Op(BuiltinOp::kPad, ins, {y});
  }
};

TEST(PadOp, RejectsTypes) {
  {
    Model m(kU8);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': expected int8, int16, int32 or float32, got uint8"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).type = kS16;
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x' is int8 but output 'y' is int16"));
  }
  {
    Model m;
    m.p = m.t.Const<float>("fpad", {2, 2}, {1, 0, 0, 2});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "paddings tensor 'fpad': expected int32 or int64, got float32"));
  }
  {
    Model m;
    const int32_t v = m.t.Const<float>("value", {}, {1.0f});
    m.Op({v});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "constant_values tensor 'value' is float32, input 'x' is int8"));
  }
  {
    Model m;
    const int32_t v = m.t.Const<int8_t>("value", {}, {1}, Q(0.2f, 0));
    m.Op({v});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "constant_values tensor 'value' must have the quantization of output 'y'"));
  }
  {
    Model m;
    const int32_t v = m.t.Const<int8_t>("value", {2}, {1, 2}, Q(0.1f, 0));
    m.Op({v});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "constant_values tensor 'value' must hold one value"));
  }
}

TEST(PadOp, RejectsPaddings) {
  {
    Model m;
    m.p = m.t.Input("runtime_pad", kS32, {2, 2});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "paddings tensor 'runtime_pad' must be constant"));
  }
  {
    Model m;
    m.p = m.t.Const<int32_t>("pad4", {4}, {1, 0, 0, 2});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "paddings tensor 'pad4': expected shape [2, 2]"));
  }
  {
    Model m;
    m.p = m.t.Const<int32_t>("negative", {2, 2}, {1, 0, -1, 3});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "paddings tensor 'negative': dim 1 has negative padding (-1, 3)"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).shape = {3, 6};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y' dim 1 is 6; input plus paddings gives 5"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).shape = {15};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y' has rank 1, input 'x' has rank 2"));
  }
}

TEST(PadOp, RejectsRankCountsAndZeroPoint) {
  {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {1, 1, 1, 1, 1, 2});
    const int32_t p = t.Const<int32_t>("paddings", {6, 2}, std::vector<int32_t>(12, 0));
    const int32_t y = t.Output("y", kF32, {1, 1, 1, 1, 1, 2});
    t.Op(BuiltinOp::kPad, {x, p}, {y});
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "input 'x' has rank 6; PAD supports up to 5"));
  }
  {
    Model m;
    m.t.Op(BuiltinOp::kPad, {m.x}, {m.y});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 2 or 3 inputs, got 1"));
  }
  {
    Model m;
    const int32_t y2 = m.t.Output("y2", kS8, {3, 5}, Q(0.1f));
    m.t.Op(BuiltinOp::kPad, {m.x, m.p}, {m.y, y2});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 1 output, got 2"));
  }
  {
    Model m;
    // Input and output agree (as copy ops require), but 300 is no int8 value.
    m.t.writer().tensor(m.x).quant = Q(0.1f, 300);
    m.t.writer().tensor(m.y).quant = Q(0.1f, 300);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': zero point 300 is not an int8 value"));
  }
  {
    // PADV2 is a different builtin that mote does not register.
    Model m;
    const int32_t v = m.t.Const<int8_t>("value", {}, {0}, Q(0.1f, 0));
    m.t.Op(BuiltinOp::kPadV2, {m.x, m.p, v}, {m.y});
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "PADV2"));
  }
}

TEST(PadOp, RejectsInt8QuantizationChange) {
  OpTester t;
  const int32_t x = t.Input("x", kS8, {2, 3}, Q(0.1f, 0));
  const int32_t p = t.Const<int32_t>("paddings", {2, 2}, {0, 0, 1, 1});
  const int32_t y = t.Output("y", kS8, {2, 5}, Q(0.2f, 5));
  t.Op(BuiltinOp::kPad, {x, p}, {y});
  EXPECT_NE(t.Prepare(), Status::kOk);
  EXPECT_NE(t.message().find("'y'"), std::string::npos) << t.message();
}

// An empty input padded to a non-empty output is all padding.
TEST(PadOp, ZeroSizeInputIsAllPadding) {
  OpTester t;
  const int32_t x = t.Input("x", kS8, {0, 2}, Q(0.1f, 9));
  const int32_t p = t.Const<int32_t>("paddings", {2, 2}, {1, 1, 0, 0});
  const int32_t y = t.Output("y", kS8, {2, 2}, Q(0.1f, 9));
  t.Op(BuiltinOp::kPad, {x, p}, {y});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  ASSERT_EQ(t.Invoke(), Status::kOk);
  EXPECT_EQ(t.GetOutput<int8_t>(0), std::vector<int8_t>(4, 9));
}

}  // namespace
}  // namespace mote::optest
