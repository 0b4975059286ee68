// QUANTIZE and DEQUANTIZE with int16 tensors through the interpreter:
// float32 <-> int16, int8 <-> int16, int16 -> int16 / int32, int32 -> int16,
// and keyword_scrambled's int16 ops with its exact quantization.
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

// Requantizes every value of `in` from (sa, za) to (sb, zb) through one
// QUANTIZE op and checks each output within 1 LSB of the real rescale
// (TFLite's int32 rescale rounds twice), saturated to Out.
template <typename In, typename Out>
void RunRequantize(const std::vector<In>& in, float sa, int32_t za, float sb, int32_t zb) {
  OpTester t;
  t.Input("x", host::TensorTypeOf<In>(), {static_cast<int32_t>(in.size())}, Q(sa, za));
  t.Output("y", host::TensorTypeOf<Out>(), {static_cast<int32_t>(in.size())}, Q(sb, zb));
  t.Op(BuiltinOp::kQuantize, {0}, {1}, {}, 2);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<Out> out = t.Run<In, Out>(in);
  ASSERT_EQ(out.size(), in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const double real = (static_cast<double>(in[i]) - za) * sa / sb + zb;
    const double want = std::clamp<double>(real, std::numeric_limits<Out>::min(), std::numeric_limits<Out>::max());
    ASSERT_LE(std::fabs(out[i] - want), 1.0) << in[i];
  }
}

std::vector<int16_t> AllInt16Values() {
  std::vector<int16_t> v;
  for (int q = -32768; q <= 32767; ++q) v.push_back(static_cast<int16_t>(q));
  return v;
}

TEST(QuantizeInt16Op, RequantizePairs) {
  const std::vector<int16_t> all16 = AllInt16Values();
  const std::vector<int8_t> all8 = AllInt8Values();
  RunRequantize<int16_t, int8_t>(all16, 0.000625f, 0, 0.0592083f, -128);  // keyword_scrambled op 0
  RunRequantize<int8_t, int16_t>(all8, 0.05f, -3, 1.0f / 4096, 0);
  RunRequantize<int16_t, int16_t>(all16, 1.0f / 4096, 0, 0.001f, 0);
  RunRequantize<int16_t, int32_t>(all16, 1.0f / 65536, -32768, 1.0f / 32768, 0);  // keyword_scrambled op 14
  RunRequantize<int32_t, int16_t>({INT32_MIN + 1, -100000, -1, 0, 7, 100000, INT32_MAX}, 0.001f, 0, 0.25f, 0);
}

// float32 -> int16 -> float32 through QUANTIZE and DEQUANTIZE: every value
// comes back within half a step, and saturates outside the range.
TEST(QuantizeInt16Op, FloatRoundTrip) {
  const float scale = 1.0f / 1024;
  OpTester t;
  t.Input("x", kF32, {9});
  const int32_t q = t.Temp("q", kS16, {9}, Q(scale));
  t.Output("y", kF32, {9});
  t.Op(BuiltinOp::kQuantize, {0}, {q}, {}, 2);
  t.Op(BuiltinOp::kDequantize, {q}, {2}, {}, 3);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<float> in = {0.0f, 1.0f / 2048, -1.0f / 2048, 3.14159f, -3.14159f, 31.99f, -32.0f, 1000.0f, -1000.0f};
  const std::vector<float> out = t.Run<float>(in);
  // Round half away from zero: +-1/2048 -> +-1/1024.
  const std::vector<double> want = {0.0, 1.0 / 1024, -1.0 / 1024, std::round(3.14159 * 1024) / 1024,
                                    -std::round(3.14159 * 1024) / 1024, std::round(31.99 * 1024) / 1024, -32.0,
                                    32767.0 / 1024, -32.0};
  EXPECT_TRUE(NearAll(out, want, 1e-7));
}

// DEQUANTIZE of an int16 tensor with TFLite's int8 -> int16 SOFTMAX
// quantization (zero point -32768) is exact.
TEST(QuantizeInt16Op, DequantizeNonZeroZeroPoint) {
  OpTester t;
  t.Input("x", kS16, {4}, Q(1.0f / 65536, -32768));
  t.Output("y", kF32, {4});
  t.Op(BuiltinOp::kDequantize, {0}, {1}, {}, 3);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<float> out = t.Run<int16_t, float>({-32768, 0, 32767, -16384});
  EXPECT_EQ(out, (std::vector<float>{0.0f, 0.5f, 65535.0f / 65536, 0.25f}));
}

// keyword_scrambled's three int16 ops around its SVDF stack, with its
// quantization: int16 input -> int8, then (after the int8 layers) SOFTMAX
// int8 -> int16 and QUANTIZE int16 -> int32.
TEST(QuantizeInt16Op, KeywordScrambledEnds) {
  OpTester t;
  t.Input("audio", kS16, {1, 96}, Q(0.000625f));
  t.Output("audio8", kS8, {1, 96}, Q(0.0592083f, -128));
  t.Input("logits", kS8, {1, 2}, Q(0.0699627f, 2));
  const int32_t p = t.Temp("p", kS16, {1, 2}, Q(1.0f / 65536, -32768));
  t.Output("scores", kS32, {1, 2}, Q(3.05185e-05f));
  t.Op(BuiltinOp::kQuantize, {0}, {1}, {}, 2);
  t.Op(BuiltinOp::kSoftmax, {2}, {p}, host::SoftmaxOptions(1.0f), 3);
  t.Op(BuiltinOp::kQuantize, {p}, {4}, {}, 2);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  host::Rng rng(9);
  const std::vector<int16_t> audio = rng.UniformS16(96);
  t.SetInput<int16_t>(0, audio);
  t.SetInput<int8_t>(1, {20, -13});
  ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
  const std::vector<int8_t> a8 = t.GetOutput<int8_t>(0);
  for (size_t i = 0; i < audio.size(); ++i) {
    const double want = std::clamp(audio[i] * 0.000625 / 0.0592083 - 128, -128.0, 127.0);
    ASSERT_LE(std::fabs(a8[i] - want), 1.0) << i;
  }
  // Probabilities of logits (20 - 2) * 0.07 and (-13 - 2) * 0.07, in units
  // of 2^-15 after the int32 requantization.
  const double e = std::exp((-15.0 - 18.0) * 0.0699627);
  const std::vector<int32_t> scores = t.GetOutput<int32_t>(1);
  EXPECT_LE(std::fabs(scores[0] - 32768.0 / (1 + e)), 1.5);
  EXPECT_LE(std::fabs(scores[1] - 32768.0 * e / (1 + e)), 1.5);
}

TEST(QuantizeInt16Op, Rejections) {
  {
    OpTester t;
    t.Input("x", kF32, {3});
    t.Output("y", kS16, {3}, Q(0.1f, 40000));
    t.Op(BuiltinOp::kQuantize, {0}, {1}, {}, 2);
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "output 'y': zero point 40000 is outside the int16 range"));
  }
  {
    OpTester t;
    t.Input("x", kS16, {3}, Q(0.1f));
    t.Output("y", kU8, {3}, Q(0.1f));
    t.Op(BuiltinOp::kQuantize, {0}, {1}, {}, 2);
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "input 'x' (int16) to output 'y' (uint8) is not supported"));
  }
  {
    OpTester t;
    t.Input("x", kS16, {3}, Quantization::PerChannel({0.1f, 0.2f, 0.3f}, 0));
    t.Output("y", kF32, {3});
    t.Op(BuiltinOp::kDequantize, {0}, {1}, {}, 3);
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "input 'x': only per-tensor quantization (1 scale) is supported, got 3"));
  }
  {
    OpTester t;
    t.Input("x", kS16, {3}, Q(1e-6f));
    t.Output("y", kS8, {3}, Q(1e6f));
    t.Op(BuiltinOp::kQuantize, {0}, {1}, {}, 2);
    ASSERT_EQ(t.Prepare(), Status::kOk) << "a tiny rescale flushes to 0: " << t.message();
    const std::vector<int8_t> out = t.Run<int16_t, int8_t>({32767, -32768, 5});
    EXPECT_EQ(out, (std::vector<int8_t>{0, 0, 0}));
  }
  {
    OpTester t;
    t.Input("x", kS16, {3}, Q(1e6f));
    t.Output("y", kS16, {3}, Q(1e-6f));
    t.Op(BuiltinOp::kQuantize, {0}, {1}, {}, 2);
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "output 'y': rescale 2^"));
  }
}

}  // namespace
}  // namespace mote::optest
