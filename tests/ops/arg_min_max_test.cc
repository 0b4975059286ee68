// ARG_MAX and ARG_MIN through the interpreter: every axis (negative too) of
// float32 and int8 inputs against a naive search, int32 and int64 outputs,
// ties, and Prepare's rejections (empty axis, bad axis, output type).
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

constexpr BuiltinOp kArgMin = static_cast<BuiltinOp>(79);

host::OptionsBuilder ArgOptions(bool max, tflite::TensorType type) {
  if (max) return host::MakeOptions([type](auto& fbb) { return tflite::CreateArgMaxOptions(fbb, type); });
  return host::MakeOptions([type](auto& fbb) { return tflite::CreateArgMinOptions(fbb, type); });
}

template <typename T>
std::vector<int64_t> ArgRef(const std::vector<T>& in, const std::vector<int32_t>& shape, int axis, bool max) {
  int64_t outer = 1, inner = 1;
  for (int d = 0; d < axis; ++d) outer *= shape[d];
  for (size_t d = axis + 1; d < shape.size(); ++d) inner *= shape[d];
  std::vector<int64_t> out;
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      int64_t best = 0;
      for (int64_t k = 1; k < shape[axis]; ++k) {
        const T v = in[(o * shape[axis] + k) * inner + i];
        const T b = in[(o * shape[axis] + best) * inner + i];
        if (max ? v > b : v < b) best = k;
      }
      out.push_back(best);
    }
  }
  return out;
}

TEST(ArgMinMaxOp, EveryAxisFloatAndInt8) {
  const std::vector<int32_t> shape = {2, 3, 4};
  host::Rng rng(4);
  const std::vector<float> f = rng.Uniform(24, -1.0f, 1.0f);
  const std::vector<int8_t> q = rng.UniformS8(24, -3, 3);  // many ties
  for (bool max : {true, false}) {
    for (int32_t axis : {0, 1, 2, -1, -3}) {
      const int a = axis < 0 ? axis + 3 : axis;
      std::vector<int32_t> out_shape;
      for (int d = 0; d < 3; ++d) {
        if (d != a) out_shape.push_back(shape[d]);
      }
      for (tflite::TensorType type : {kF32, kS8}) {
        for (tflite::TensorType out_type : {kS32, kS64}) {
          OpTester t;
          const int32_t x = t.Input("x", type, shape, type == kS8 ? Q(0.1f) : Quantization{});
          const int32_t ax = t.Const<int32_t>("axis", {1}, {axis});
          const int32_t y = t.Output("y", out_type, out_shape);
          t.Op(max ? BuiltinOp::kArgMax : kArgMin, {x, ax}, {y}, ArgOptions(max, out_type), type == kS8 ? 2 : 1);
          ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
          const std::vector<int64_t> want = type == kF32 ? ArgRef(f, shape, a, max) : ArgRef(q, shape, a, max);
          std::vector<int64_t> got;
          if (type == kF32) {
            t.SetInput<float>(0, f);
          } else {
            t.SetInput<int8_t>(0, q);
          }
          ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
          if (out_type == kS32) {
            for (int32_t v : t.GetOutput<int32_t>(0)) got.push_back(v);
          } else {
            got = t.GetOutput<int64_t>(0);
          }
          EXPECT_EQ(got, want) << "max " << max << " axis " << axis;
        }
      }
    }
  }
}

TEST(ArgMinMaxOp, ScalarAxisAndEmptyOuterDims) {
  OpTester t;
  const int32_t x = t.Input("x", kF32, {0, 3});
  const int32_t ax = t.Const<int64_t>("axis", {}, {1});
  const int32_t y = t.Output("y", kS32, {0});
  t.Op(BuiltinOp::kArgMax, {x, ax}, {y}, ArgOptions(true, kS32));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Invoke(), Status::kOk) << t.message();
}

TEST(ArgMinMaxOp, Rejections) {
  {
    OpTester t;  // an empty axis has no index to return
    const int32_t x = t.Input("x", kF32, {2, 0});
    const int32_t ax = t.Const<int32_t>("axis", {1}, {1});
    const int32_t y = t.Output("y", kS32, {2});
    t.Op(BuiltinOp::kArgMax, {x, ax}, {y}, ArgOptions(true, kS32));
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "input 'x': axis 1 is empty"));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {2, 3});
    const int32_t ax = t.Const<int32_t>("axis", {1}, {2});
    const int32_t y = t.Output("y", kS32, {2});
    t.Op(kArgMin, {x, ax}, {y}, ArgOptions(false, kS32));
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "axis 2 is out of range for input 'x' of rank 2"));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {2, 3});
    const int32_t ax = t.Const<int32_t>("axis", {2}, {0, 1});
    const int32_t y = t.Output("y", kS32, {2});
    t.Op(kArgMin, {x, ax}, {y}, ArgOptions(false, kS32));
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "at most 1 are allowed"));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {2, 3});
    const int32_t ax = t.Const<int32_t>("axis", {1}, {1});
    const int32_t y = t.Output("y", kS32, {2});
    t.Op(BuiltinOp::kArgMax, {x, ax}, {y}, ArgOptions(true, kS64));
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "output 'y' is int32 but the options ask for type 4"));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {2, 3});
    const int32_t ax = t.Const<int32_t>("axis", {1}, {1});
    const int32_t y = t.Output("y", kS32, {3});
    t.Op(BuiltinOp::kArgMax, {x, ax}, {y}, ArgOptions(true, kS32));
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "output 'y': shape must be the input's without axis 1"));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kS16, {2, 3}, Q(0.1f));
    const int32_t ax = t.Const<int32_t>("axis", {1}, {1});
    const int32_t y = t.Output("y", kS32, {2});
    t.Op(BuiltinOp::kArgMax, {x, ax}, {y}, ArgOptions(true, kS32));
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "input 'x': expected float32 or int8, got int16"));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {2, 3});
    const int32_t ax = t.Const<int32_t>("axis", {1}, {1});
    const int32_t y = t.Output("y", kF32, {2});
    t.Op(BuiltinOp::kArgMax, {x, ax}, {y});
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "output 'y': expected int32 or int64, got float32"));
  }
}

}  // namespace
}  // namespace mote::optest
