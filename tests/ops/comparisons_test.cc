// EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LESS, LESS_EQUAL through the
// interpreter: float32/int32/int64/int8/bool inputs with broadcasting into
// bool outputs, int8 inputs of different scales, and Prepare's rejections.
#include <functional>
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

struct Cmp {
  const char* name;
  int32_t code;
  std::function<bool(double, double)> fn;
};

const std::vector<Cmp>& AllComparisons() {
  static const std::vector<Cmp> all = {
      {"EQUAL", 71, [](double a, double b) { return a == b; }},
      {"NOT_EQUAL", 72, [](double a, double b) { return a != b; }},
      {"GREATER", 61, [](double a, double b) { return a > b; }},
      {"GREATER_EQUAL", 62, [](double a, double b) { return a >= b; }},
      {"LESS", 58, [](double a, double b) { return a < b; }},
      {"LESS_EQUAL", 63, [](double a, double b) { return a <= b; }},
  };
  return all;
}

BuiltinOp Code(const Cmp& c) { return static_cast<BuiltinOp>(c.code); }

TEST(ComparisonsOp, FloatInt32Int64WithBroadcast) {
  for (const Cmp& cmp : AllComparisons()) {
    SCOPED_TRACE(cmp.name);
    const std::vector<double> a = {1, -2, 3, 4, 5, 6}, b = {1, 5, 3};
    std::vector<uint8_t> want;
    for (int i = 0; i < 6; ++i) want.push_back(cmp.fn(a[i], b[i % 3]));
    for (tflite::TensorType type : {kF32, kS32, kS64}) {
      OpTester t;
      t.Input("a", type, {2, 3});
      t.Input("b", type, {3});
      t.Output("y", kBool, {2, 3});
      t.Op(Code(cmp), {0, 1}, {2});
      ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
      if (type == kF32) {
        t.SetInput<float>(0, {1, -2, 3, 4, 5, 6});
        t.SetInput<float>(1, {1, 5, 3});
      } else if (type == kS32) {
        t.SetInput<int32_t>(0, {1, -2, 3, 4, 5, 6});
        t.SetInput<int32_t>(1, {1, 5, 3});
      } else {
        t.SetInput<int64_t>(0, {1, -2, 3, 4, 5, 6});
        t.SetInput<int64_t>(1, {1, 5, 3});
      }
      ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
      EXPECT_EQ(t.GetOutput<uint8_t>(0), want);
    }
  }
}

// Different scales: compared through TFLite's scaled integers, which here
// order exactly like the reals (they differ by at least 0.005).
TEST(ComparisonsOp, Int8DifferentScales) {
  const float s1 = 0.05f, s2 = 0.02f;
  const int32_t z1 = -10, z2 = 30;
  for (const Cmp& cmp : AllComparisons()) {
    SCOPED_TRACE(cmp.name);
    OpTester t;
    t.Input("a", kS8, {256, 1}, Q(s1, z1));
    t.Input("b", kS8, {1, 7}, Q(s2, z2));
    t.Output("y", kBool, {256, 7});
    t.Op(Code(cmp), {0, 1}, {2}, {}, 2);
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    const std::vector<int8_t> a = AllInt8Values();
    const std::vector<int8_t> b = {-128, -20, 30, 55, 80, 100, 127};
    t.SetInput<int8_t>(0, a);
    t.SetInput<int8_t>(1, b);
    ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
    const std::vector<uint8_t> got = t.GetOutput<uint8_t>(0);
    for (size_t i = 0; i < a.size(); ++i) {
      for (size_t j = 0; j < b.size(); ++j) {
        const double ra = s1 * (a[i] - z1), rb = s2 * (b[j] - z2);
        // Equal reals land on equal scaled integers; 0.05 * 2 == 0.02 * 5.
        ASSERT_EQ(got[i * b.size() + j], cmp.fn(std::round(ra * 1000), std::round(rb * 1000)))
            << int{a[i]} << " vs " << int{b[j]};
      }
    }
  }
}

TEST(ComparisonsOp, BoolEquality) {
  for (int code : {71, 72}) {
    OpTester t;
    t.Input("a", kBool, {4});
    t.Input("b", kBool, {4});
    t.Output("y", kBool, {4});
    t.Op(static_cast<BuiltinOp>(code), {0, 1}, {2});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    t.SetInput<uint8_t>(0, {0, 0, 1, 1});
    t.SetInput<uint8_t>(1, {0, 1, 0, 1});
    ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
    EXPECT_EQ(t.GetOutput<uint8_t>(0),
              (code == 71 ? std::vector<uint8_t>{1, 0, 0, 1} : std::vector<uint8_t>{0, 1, 1, 0}));
  }
}

TEST(ComparisonsOp, Rejections) {
  {
    OpTester t;
    t.Input("a", kBool, {2});
    t.Input("b", kBool, {2});
    t.Output("y", kBool, {2});
    t.Op(static_cast<BuiltinOp>(61), {0, 1}, {2});
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "input 'a': expected float32, int32, int64 or int8, got bool"));
  }
  {
    OpTester t;
    t.Input("a", kF32, {2});
    t.Input("b", kF32, {2});
    t.Output("y", kF32, {2});
    t.Op(static_cast<BuiltinOp>(58), {0, 1}, {2});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "output 'y': expected bool, got float32"));
  }
  {
    OpTester t;
    t.Input("a", kS8, {2}, Q(0.1f));
    t.Input("b", kS32, {2});
    t.Output("y", kBool, {2});
    t.Op(static_cast<BuiltinOp>(71), {0, 1}, {2});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "input 'b': expected int8, got int32"));
  }
  {
    OpTester t;
    t.Input("a", kS8, {2}, Q(2.0f));
    t.Input("b", kS8, {2}, Q(0.1f));
    t.Output("y", kBool, {2});
    t.Op(static_cast<BuiltinOp>(62), {0, 1}, {2});
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "int8 comparison needs scales below 1"));
  }
  {
    OpTester t;
    t.Input("a", kS16, {2}, Q(0.1f));
    t.Input("b", kS16, {2}, Q(0.1f));
    t.Output("y", kBool, {2});
    t.Op(static_cast<BuiltinOp>(71), {0, 1}, {2});
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "got int16"));
  }
  {
    OpTester t;
    t.Input("a", kF32, {2});
    t.Input("b", kF32, {3});
    t.Output("y", kBool, {3});
    t.Op(static_cast<BuiltinOp>(63), {0, 1}, {2});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "do not broadcast"));
  }
}

}  // namespace
}  // namespace mote::optest
