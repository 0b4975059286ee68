// SUM and REDUCE_MAX (they share kernels/ref/reduce.h and ops/reduce_common.h)
// through the interpreter: float32, int8 (and int16 for SUM) over constant
// axes, negative and repeated axes, an empty axis list, keep_dims, empty
// inputs, and Prepare's rejections.
#include <set>
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

constexpr BuiltinOp kSum = BuiltinOp::kSum;
constexpr BuiltinOp kReduceMax = BuiltinOp::kReduceMax;

// Sums (or maxima) over `axes` (non-negative) in double, row-major output.
std::vector<double> ReduceRef(const std::vector<double>& in, const std::vector<int32_t>& shape,
                              const std::vector<int32_t>& axes, bool max) {
  const std::set<int32_t> reduced(axes.begin(), axes.end());
  std::vector<int32_t> kept;
  for (int d = 0; d < static_cast<int>(shape.size()); ++d) {
    if (!reduced.count(d)) kept.push_back(shape[d]);
  }
  std::vector<double> out(static_cast<size_t>(Count(kept)), max ? -1e300 : 0.0);
  const std::vector<int64_t> ks = Strides(kept);
  std::vector<int32_t> idx(shape.size(), 0);
  for (size_t i = 0; i < in.size(); ++i) {
    int64_t o = 0;
    for (int d = 0, k = 0; d < static_cast<int>(shape.size()); ++d) {
      if (!reduced.count(d)) o += idx[d] * ks[k++];
    }
    out[o] = max ? std::max(out[o], in[i]) : out[o] + in[i];
    for (int d = static_cast<int>(shape.size()) - 1; d >= 0; --d) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

std::vector<int32_t> OutShape(const std::vector<int32_t>& shape, const std::vector<int32_t>& axes, bool keep) {
  const std::set<int32_t> reduced(axes.begin(), axes.end());
  std::vector<int32_t> out;
  for (int d = 0; d < static_cast<int>(shape.size()); ++d) {
    if (!reduced.count(d)) {
      out.push_back(shape[d]);
    } else if (keep) {
      out.push_back(1);
    }
  }
  return out;
}

std::vector<int32_t> Normalize(const std::vector<int32_t>& axes, int rank) {
  std::vector<int32_t> r;
  for (int32_t a : axes) r.push_back(a < 0 ? a + rank : a);
  return r;
}

struct Case {
  std::vector<int32_t> shape;
  std::vector<int32_t> axes;
  bool keep = false;
};

std::vector<Case> Cases() {
  // (An empty axis list cannot be written as a constant: a tensor without
  // data loads as an activation. The kernel tests cover it.)
  return {{{2, 3, 4}, {1}},          {{2, 3, 4}, {0, 2}, true}, {{2, 3, 4}, {-1}},
          {{2, 3, 4}, {-3, 2, 2}},   {{5}, {0}, true},
          {{1, 2, 1, 3, 2}, {1, 3}}, {{2, 2, 2, 2, 2, 2}, {0, 5, -2}}};
}

TEST(SumOp, FloatAxesKeepDimsAndNegativeAxes) {
  uint32_t seed = 1;
  for (const Case& c : Cases()) {
    SCOPED_TRACE(testing::Message() << "rank " << c.shape.size() << " axes " << c.axes.size());
    const std::vector<int32_t> axes = Normalize(c.axes, static_cast<int>(c.shape.size()));
    const std::vector<int32_t> out_shape = OutShape(c.shape, axes, c.keep);
    host::Rng rng(seed++);
    const std::vector<float> in = rng.Uniform(Count(c.shape), -3.0f, 3.0f);
    OpTester t;
    const int32_t x = t.Input("x", kF32, c.shape);
    const int32_t ax = t.Const<int32_t>("axes", {static_cast<int32_t>(c.axes.size())}, c.axes);
    const int32_t y = t.Output("y", kF32, out_shape);
    t.Op(kSum, {x, ax}, {y}, host::ReducerOptions(c.keep));
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_TRUE(NearAll(t.Run<float>(in), ReduceRef(ToDouble(in), c.shape, axes, false), 1e-5));
  }
}

TEST(SumOp, Int8WithinOneLsbOfDouble) {
  uint32_t seed = 10;
  for (const Case& c : Cases()) {
    const std::vector<int32_t> axes = Normalize(c.axes, static_cast<int>(c.shape.size()));
    const float in_scale = 0.02f;
    const int32_t in_zp = -9;
    host::Rng rng(seed++);
    const std::vector<int8_t> in = rng.UniformS8(Count(c.shape));
    const std::vector<double> real = ReduceRef(DequantizeAll(in, in_scale, in_zp), c.shape, axes, false);
    const host::AffineParams out = RangeParams(real);
    OpTester t;
    const int32_t x = t.Input("x", kS8, c.shape, Q(in_scale, in_zp));
    const int32_t ax = t.Const<int32_t>("axes", {static_cast<int32_t>(c.axes.size())}, c.axes);
    const int32_t y = t.Output("y", kS8, OutShape(c.shape, axes, c.keep), Q(out.scale, out.zero_point));
    t.Op(kSum, {x, ax}, {y}, host::ReducerOptions(c.keep), 2);
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_TRUE(WithinLsb(t.Run<int8_t>(in), QuantizeAll(real, out.scale, out.zero_point)));
  }
}

// Same scales, zero point subtracted once per element: exact.
TEST(SumOp, Int8HandComputedAndInt16) {
  {
    OpTester t;
    const int32_t x = t.Input("x", kS8, {2, 3}, Q(0.5f, 1));
    const int32_t ax = t.Const<int32_t>("axes", {1}, {-1});
    const int32_t y = t.Output("y", kS8, {2, 1}, Q(0.5f, -1));
    t.Op(kSum, {x, ax}, {y}, host::ReducerOptions(true));
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    // (2+3+4 - 3) - 1 = 5; (1+1+1 - 3) - 1 = -1.
    EXPECT_EQ(t.Run<int8_t>({2, 3, 4, 1, 1, 1}), (std::vector<int8_t>{5, -1}));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kS16, {3, 2}, Q(1.0f, 0));
    const int32_t ax = t.Const<int32_t>("axes", {1}, {0});
    const int32_t y = t.Output("y", kS16, {2}, Q(2.0f, 0));
    t.Op(kSum, {x, ax}, {y}, host::ReducerOptions(false));
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    // (1000 + 2000 + 3001) / 2 = 3000.5 -> 3001; 32767 * 3 / 2 saturates.
    EXPECT_EQ(t.Run<int16_t>({1000, 32767, 2000, 32767, 3001, 32767}), (std::vector<int16_t>{3001, 32767}));
  }
}

TEST(ReduceMaxOp, FloatAndInt8) {
  uint32_t seed = 20;
  for (const Case& c : Cases()) {
    const std::vector<int32_t> axes = Normalize(c.axes, static_cast<int>(c.shape.size()));
    const std::vector<int32_t> out_shape = OutShape(c.shape, axes, c.keep);
    host::Rng rng(seed++);
    {
      const std::vector<float> in = rng.Uniform(Count(c.shape), -3.0f, 3.0f);
      OpTester t;
      const int32_t x = t.Input("x", kF32, c.shape);
      const int32_t ax = t.Const<int32_t>("axes", {static_cast<int32_t>(c.axes.size())}, c.axes);
      const int32_t y = t.Output("y", kF32, out_shape);
      t.Op(kReduceMax, {x, ax}, {y}, host::ReducerOptions(c.keep));
      ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
      EXPECT_TRUE(NearAll(t.Run<float>(in), ReduceRef(ToDouble(in), c.shape, axes, true), 0.0));
    }
    {
      const std::vector<int8_t> in = rng.UniformS8(Count(c.shape));
      OpTester t;
      const int32_t x = t.Input("x", kS8, c.shape, Q(0.1f, 3));
      const int32_t ax = t.Const<int64_t>("axes", {static_cast<int32_t>(c.axes.size())},
                                          std::vector<int64_t>(c.axes.begin(), c.axes.end()));
      const int32_t y = t.Output("y", kS8, out_shape, Q(0.1f, 3));
      t.Op(kReduceMax, {x, ax}, {y}, host::ReducerOptions(c.keep), 2);
      ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
      std::vector<double> raw(in.begin(), in.end());
      const std::vector<double> want = ReduceRef(raw, c.shape, axes, true);
      const std::vector<int8_t> got = t.Run<int8_t>(in);
      ASSERT_EQ(got.size(), want.size());
      for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], want[i]) << i;
    }
  }
}

// Empty inputs: SUM writes zeros, REDUCE_MAX the lowest value, as TFLite.
TEST(SumOp, ZeroSizeInputs) {
  for (BuiltinOp op : {kSum, kReduceMax}) {
    for (tflite::TensorType type : {kS8, kF32}) {
      OpTester t;
      const Quantization q = type == kS8 ? Q(0.1f, 4) : Quantization{};
      const int32_t x = t.Input("x", type, {2, 0, 3}, q);
      const int32_t ax = t.Const<int32_t>("axes", {1}, {1});
      const int32_t y = t.Output("y", type, {2, 3}, q);
      t.Op(op, {x, ax}, {y}, host::ReducerOptions(false));
      ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
      ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
      if (type == kS8) {
        EXPECT_EQ(t.GetOutput<int8_t>(0), std::vector<int8_t>(6, op == kSum ? 0 : -128));
      } else {
        EXPECT_EQ(t.GetOutput<float>(0),
                  std::vector<float>(6, op == kSum ? 0.0f : std::numeric_limits<float>::lowest()));
      }
    }
  }
}

// --- rejections -------------------------------------------------------------

struct Model {
  OpTester t;
  int32_t x, ax, y;
  explicit Model(tflite::TensorType type = kS8, Quantization out_q = Q(0.1f, 0)) {
    x = t.Input("x", type, {2, 3, 4}, Q(0.1f, 0));
    ax = t.Const<int32_t>("axes", {1}, {1});
    y = t.Output("y", type, {2, 4}, std::move(out_q));
  }
  void Op(BuiltinOp op) { t.Op(op, {x, ax}, {y}, host::ReducerOptions(false)); }
};

TEST(SumOp, Rejections) {
  for (BuiltinOp op : {kSum, kReduceMax}) {
    SCOPED_TRACE(op == kSum ? "SUM" : "REDUCE_MAX");
    {
      Model m(kS32);
      m.Op(op);
      EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': expected int8"));
    }
    {
      Model m;
      m.t.writer().tensor(m.y).type = kF32;
      m.Op(op);
      EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x' is int8 but output 'y' is float32"));
    }
    {
      Model m;
      m.ax = m.t.Const<int32_t>("bad_axes", {1}, {3});
      m.Op(op);
      EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel,
                               "axis tensor 'bad_axes': axis 3 is out of range for input 'x' of rank 3"));
    }
    {
      Model m;
      m.ax = m.t.Input("runtime_axes", kS32, {1});
      m.Op(op);
      EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "axis tensor 'runtime_axes' must be constant"));
    }
    {
      Model m;
      m.t.writer().tensor(m.y).shape = {2, 3};
      m.Op(op);
      EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y' has 6 elements; reducing input 'x' gives 8"));
    }
    {
      Model m;
      m.t.writer().tensor(m.x).quant = Quantization::PerChannel({0.1f, 0.2f, 0.3f, 0.4f}, 2);
      m.Op(op);
      EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': int8 needs per-tensor quantization"));
    }
    {
      Model m(kS8, Q(0.1f, 200));
      m.Op(op);
      EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': int8 zero point 200 is outside"));
    }
    {
      Model m;
      m.t.Op(op, {m.x}, {m.y}, host::ReducerOptions(false));
      EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 2 inputs, got 1"));
    }
  }
  {
    Model m(kS8, Q(1e-12f, 0));
    m.Op(kSum);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "rescale factor"));
  }
  {
    Model m(kS8, Q(0.2f, 0));
    m.Op(kReduceMax);
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "must share their quantization"));
  }
  {
    Model m(kS16, Q(0.1f, 0));
    m.Op(kReduceMax);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "expected int8 or float32, got int16"));
  }
}

}  // namespace
}  // namespace mote::optest
