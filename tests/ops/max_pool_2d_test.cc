// MAX_POOL_2D through the interpreter: float32 and int8 (exact: the max of
// the in-image window elements, clamped), every padding, stride and filter
// size, fused activations, and Prepare's rejections.
#include <limits>
#include <string>
#include <vector>

#include "pool_test_util.h"

namespace mote::optest {
namespace {

using Act = tflite::ActivationFunctionType;

// The max over the in-image part of each window; padding never wins.
template <typename T>
std::vector<T> MaxRef(const PoolCase& c, const std::vector<T>& in) {
  std::vector<T> out;
  ForEachWindow(c, [&](const std::vector<int>& idx) {
    T m = std::numeric_limits<T>::lowest();
    for (int i : idx) m = std::max(m, in[i]);
    out.push_back(m);
  });
  return out;
}

void RunF32(const PoolCase& c, uint32_t seed) {
  host::Rng rng(seed);
  const std::vector<float> in = rng.Uniform(Count(c.input), -8.0f, 8.0f);
  OpTester t;
  const int32_t x = t.Input("x", kF32, c.input);
  const int32_t y = t.Output("y", kF32, c.output());
  t.Op(BuiltinOp::kMaxPool2D, {x}, {y}, c.options());
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  std::vector<float> want = MaxRef(c, in);
  for (float& v : want) v = static_cast<float>(ApplyActivation(v, c.act));
  EXPECT_EQ(t.Run<float>(in), want);
}

void RunS8(const PoolCase& c, uint32_t seed, float scale = 0.05f, int32_t zp = 7) {
  host::Rng rng(seed);
  const std::vector<int8_t> in = rng.UniformS8(Count(c.input));
  OpTester t;
  const int32_t x = t.Input("x", kS8, c.input, Q(scale, zp));
  const int32_t y = t.Output("y", kS8, c.output(), Q(scale, zp));
  t.Op(BuiltinOp::kMaxPool2D, {x}, {y}, c.options(), 2);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  std::vector<int8_t> want = MaxRef(c, in);
  const int lo = QuantizeOne(ApplyActivation(-1e9, c.act), scale, zp);
  const int hi = QuantizeOne(ApplyActivation(1e9, c.act), scale, zp);
  for (int8_t& v : want) v = static_cast<int8_t>(std::clamp(int{v}, lo, hi));
  EXPECT_EQ(t.Run<int8_t>(in), want);
}

TEST(MaxPool2DOp, GeometryMatrixF32AndS8) {
  ForEachPoolGeometry({1, 5, 7, 3}, {2, 4}, [](const PoolCase& c, uint32_t seed) {
    RunF32(c, seed);
    RunS8(c, seed + 1);
  });
}

TEST(MaxPool2DOp, FusedActivationsF32AndS8) {
  for (Act act : {tflite::ActivationFunctionType_NONE, tflite::ActivationFunctionType_RELU,
                  tflite::ActivationFunctionType_RELU_N1_TO_1, tflite::ActivationFunctionType_RELU6}) {
    PoolCase c;
    c.input = {2, 4, 6, 2};
    c.act = act;
    SCOPED_TRACE(testing::Message() << "activation " << act);
    RunF32(c, 40 + act);
    RunS8(c, 50 + act, 0.05f, 7);
    RunS8(c, 60 + act, 0.02f, -128);
  }
}

// SAME padding on an all-negative image: the padded border must not
// contribute a 0 (or the zero point) to the max.
TEST(MaxPool2DOp, PaddingNeverWins) {
  PoolCase c;
  c.input = {1, 3, 3, 1};
  c.fh = c.fw = 3;
  c.sh = c.sw = 1;
  OpTester t;
  const int32_t x = t.Input("x", kS8, c.input, Q(0.1f, 0));
  const int32_t y = t.Output("y", kS8, c.output(), Q(0.1f, 0));
  t.Op(BuiltinOp::kMaxPool2D, {x}, {y}, c.options());
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<int8_t>({-9, -8, -7, -6, -5, -4, -3, -2, -1}),
            (std::vector<int8_t>{-5, -4, -4, -2, -1, -1, -2, -1, -1}));
}

// --- rejections -------------------------------------------------------------

struct Model {
  OpTester t;
  int32_t x, y;
  explicit Model(tflite::TensorType type = kS8) {
    x = t.Input("x", type, {1, 4, 4, 2}, Q(0.1f, 3));
    y = t.Output("y", type, {1, 2, 2, 2}, Q(0.1f, 3));
  }
  void Op(host::OptionsBuilder options = host::Pool2DOptions(tflite::Padding_SAME, 2, 2, 2, 2)) {
    t.Op(BuiltinOp::kMaxPool2D, {x}, {y}, std::move(options));
  }
};

TEST(MaxPool2DOp, ValidBaseModelPrepares) {
  Model m;
  m.Op();
  ASSERT_EQ(m.t.Prepare(), Status::kOk) << m.t.message();
  EXPECT_EQ(m.t.Invoke(), Status::kOk);
}

TEST(MaxPool2DOp, Rejections) {
  {
    Model m(kS16);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': expected int8 or float32, got int16"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).type = kF32;
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': expected int8 like the input"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).quant = {};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': int8 needs per-tensor quantization"));
  }
  {
    Model m;
    m.t.writer().tensor(m.x).quant = Q(0.3f, 3);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': scale 0.1 differs from the input scale 0.3"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).shape = {1, 2, 2, 3};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': expected shape [1, 2, 2, 2]"));
  }
  {
    Model m;
    m.t.writer().tensor(m.x).shape = {1, 4, 4, 0};
    m.t.writer().tensor(m.y).shape = {1, 2, 2, 0};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': dimension 3 is 0"));
  }
  {
    Model m;
    m.Op({});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "filter size 0x0 must be at least 1x1"));
  }
  {
    Model m;
    m.Op(host::Pool2DOptions(tflite::Padding_SAME, 2, 2, 2, 2, tflite::ActivationFunctionType_SIGN_BIT));
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "fused activation 5"));
  }
  {
    Model m;
    m.t.Op(BuiltinOp::kMaxPool2D, {m.x}, {m.y}, host::Pool2DOptions(tflite::Padding_SAME, 2, 2, 2, 2), 4);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "MAX_POOL_2D version 4"));
  }
}

}  // namespace
}  // namespace mote::optest
