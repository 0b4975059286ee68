// SOFTMAX through the interpreter: float32 and int8 (output scale 1/256,
// zero point -128) over the last axis of ranks 1 to 4, several betas, the
// classifier tail RESHAPE -> FULLY_CONNECTED -> SOFTMAX, and Prepare's
// rejections.
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

std::vector<double> SoftmaxRef(const std::vector<double>& x, int depth, double beta) {
  std::vector<double> out(x.size());
  for (size_t r = 0; r < x.size() / depth; ++r) {
    double max = x[r * depth];
    for (int i = 0; i < depth; ++i) max = std::max(max, x[r * depth + i]);
    double sum = 0;
    for (int i = 0; i < depth; ++i) sum += std::exp(beta * (x[r * depth + i] - max));
    for (int i = 0; i < depth; ++i) out[r * depth + i] = std::exp(beta * (x[r * depth + i] - max)) / sum;
  }
  return out;
}

const std::vector<std::vector<int32_t>> kShapes = {{10}, {1, 10}, {2, 3, 5}, {2, 1, 2, 4}, {4, 1}, {1, 128}};

TEST(SoftmaxOp, FloatShapesAndBetas) {
  uint32_t seed = 1;
  for (const auto& shape : kShapes) {
    for (float beta : {1.0f, 0.5f, 2.0f}) {
      host::Rng rng(seed++);
      const std::vector<float> in = rng.Uniform(Count(shape), -5.0f, 5.0f);
      OpTester t;
      t.Input("x", kF32, shape);
      t.Output("y", kF32, shape);
      t.Op(BuiltinOp::kSoftmax, {0}, {1}, host::SoftmaxOptions(beta));
      ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
      EXPECT_TRUE(NearAll(t.Run<float>(in), SoftmaxRef(ToDouble(in), shape.back(), beta), 1e-6))
          << "rank " << shape.size() << " beta " << beta;
    }
  }
}

TEST(SoftmaxOp, Int8ShapesBetasAndInputQuantizations) {
  const std::pair<float, int32_t> inputs[] = {{0.1f, 0}, {0.05f, -128}, {0.02f, 127}, {0.25f, 10}, {1.0f, -5}};
  uint32_t seed = 100;
  for (const auto& shape : kShapes) {
    for (float beta : {1.0f, 0.5f, 2.0f}) {
      for (const auto& [scale, zp] : inputs) {
        host::Rng rng(seed++);
        const std::vector<int8_t> in = rng.UniformS8(Count(shape));
        OpTester t;
        t.Input("x", kS8, shape, Q(scale, zp));
        t.Output("y", kS8, shape, Q(1.0f / 256, -128));
        t.Op(BuiltinOp::kSoftmax, {0}, {1}, host::SoftmaxOptions(beta));
        ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
        const std::vector<double> p = SoftmaxRef(DequantizeAll(in, scale, zp), shape.back(), beta);
        EXPECT_TRUE(WithinLsb(t.Run<int8_t>(in), QuantizeAll(p, 1.0 / 256, -128)))
            << "rank " << shape.size() << " beta " << beta << " scale " << scale << " zp " << zp;
      }
    }
  }
}

TEST(SoftmaxOp, HandComputedInt8) {
  OpTester t;
  t.Input("x", kS8, {2, 2}, Q(0.1f, 0));
  t.Output("y", kS8, {2, 2}, Q(1.0f / 256, -128));
  t.Op(BuiltinOp::kSoftmax, {0}, {1}, host::SoftmaxOptions(1.0f));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  // Equal inputs: 0.5 each -> 128 - 128 = 0. One dominant input: ~1 and ~0.
  EXPECT_EQ(t.Run<int8_t>({7, 7, 127, -128}), (std::vector<int8_t>{0, 0, 127, -128}));
}

// The classifier tail: a feature map flattened by RESHAPE, FC, SOFTMAX.
TEST(SoftmaxOp, ReshapeFullyConnectedSoftmaxF32) {
  host::Rng rng(7);
  const std::vector<float> in = rng.Uniform(1 * 2 * 2 * 3, -1.0f, 1.0f);
  const std::vector<float> w = rng.Uniform(4 * 12, -1.0f, 1.0f);
  const std::vector<float> b = rng.Uniform(4, -0.5f, 0.5f);
  OpTester t;
  const int32_t x = t.Input("x", kF32, {1, 2, 2, 3});
  const int32_t shape = t.Const<int32_t>("shape", {2}, {1, 12});
  const int32_t flat = t.Temp("flat", kF32, {1, 12});
  const int32_t wt = t.Const<float>("w", {4, 12}, w);
  const int32_t bt = t.Const<float>("b", {4}, b);
  const int32_t logits = t.Temp("logits", kF32, {1, 4});
  const int32_t y = t.Output("y", kF32, {1, 4});
  t.Op(BuiltinOp::kReshape, {x, shape}, {flat});
  t.Op(BuiltinOp::kFullyConnected, {flat, wt, bt}, {logits}, host::FullyConnectedOptions());
  t.Op(BuiltinOp::kSoftmax, {logits}, {y}, host::SoftmaxOptions(1.0f));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  std::vector<double> z(4);
  for (int u = 0; u < 4; ++u) {
    z[u] = b[u];
    for (int d = 0; d < 12; ++d) z[u] += double{in[d]} * w[u * 12 + d];
  }
  EXPECT_TRUE(NearAll(t.Run<float>(in), SoftmaxRef(z, 4, 1.0), 1e-5));
}

TEST(SoftmaxOp, ReshapeFullyConnectedSoftmaxS8) {
  host::Rng rng(8);
  const std::vector<int8_t> in = rng.UniformS8(1 * 2 * 2 * 3);
  const host::QuantizedWeights wq = host::QuantizePerChannelS8(rng.Uniform(5 * 12, -1.0f, 1.0f), {5, 12}, 0);
  const float xs = 0.03f, ls = 0.05f;
  OpTester t;
  const int32_t x = t.Input("x", kS8, {1, 2, 2, 3}, Q(xs, -10));
  const int32_t shape = t.Const<int32_t>("shape", {2}, {1, 12});
  const int32_t flat = t.Temp("flat", kS8, {1, 12}, Q(xs, -10));
  const int32_t wt = t.Const<int8_t>("w", {5, 12}, wq.values, wq.quant());
  const int32_t logits = t.Output("logits", kS8, {1, 5}, Q(ls, 4));
  const int32_t y = t.Output("y", kS8, {1, 5}, Q(1.0f / 256, -128));
  t.Op(BuiltinOp::kReshape, {x, shape}, {flat});
  t.Op(BuiltinOp::kFullyConnected, {flat, wt}, {logits}, host::FullyConnectedOptions(), 6);
  t.Op(BuiltinOp::kSoftmax, {logits}, {y}, host::SoftmaxOptions(1.0f));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<int8_t>(0, in);
  ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
  const std::vector<int8_t> lq = t.GetOutput<int8_t>(0);
  std::vector<double> z(5);
  const std::vector<double> xr = DequantizeAll(in, xs, -10);
  for (int u = 0; u < 5; ++u) {
    z[u] = 0;
    for (int d = 0; d < 12; ++d) z[u] += xr[d] * double{wq.scales[u]} * wq.values[u * 12 + d];
  }
  EXPECT_TRUE(WithinLsb(lq, QuantizeAll(z, ls, 4)));
  EXPECT_TRUE(WithinLsb(t.GetOutput<int8_t>(1), QuantizeAll(SoftmaxRef(DequantizeAll(lq, ls, 4), 5, 1.0), 1.0 / 256, -128)));
}

TEST(SoftmaxOp, ZeroSizeTensorsRun) { ExpectZeroSizeRuns(BuiltinOp::kSoftmax, host::SoftmaxOptions(1.0f), Q(1.0f / 256, -128)); }

TEST(SoftmaxOp, Rejections) {
  // The shared rejections (but for int16, which this op now runs) are in
  // activation_int16_test.cc, CommonUnaryRejectionsBesidesInt16.
  {
    UnaryModel m(kS8, Q(0.1f, 0), Q(1.0f / 256, 0));
    m.Op(BuiltinOp::kSoftmax, host::SoftmaxOptions(1.0f));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': int8 softmax needs scale 1/256 and zero point -128, got 0.00390625 and 0"));
  }
  {
    UnaryModel m(kS8, Q(0.1f, 0), Q(1.0f / 128, -128));
    m.Op(BuiltinOp::kSoftmax, host::SoftmaxOptions(1.0f));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': int8 softmax needs scale 1/256"));
  }
  {
    // No SoftmaxOptions: beta is the schema default 0, useless for int8.
    UnaryModel m(kS8, Q(0.1f, 0), Q(1.0f / 256, -128));
    m.Op(BuiltinOp::kSoftmax);
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': beta 0 times input scale 0.1 is too small"));
  }
  {
    UnaryModel m(kF32, {}, {}, {});
    m.Op(BuiltinOp::kSoftmax, host::SoftmaxOptions(1.0f));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': needs rank >= 1"));
  }
  {
    UnaryModel m(kF32, {}, {});
    m.t.Op(BuiltinOp::kSoftmax, {m.x}, {m.y}, host::SoftmaxOptions(1.0f), 4);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "SOFTMAX version 4"));
  }
}

}  // namespace
}  // namespace mote::optest
