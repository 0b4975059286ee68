// SELECT and SELECT_V2 through the interpreter: elementwise, SELECT's
// scalar and rank-one conditions, SELECT_V2's three-way broadcasting, the
// single-element mixed-shape case, every element size, and rejections.
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

constexpr BuiltinOp kSelect = static_cast<BuiltinOp>(64);
constexpr BuiltinOp kSelectV2 = static_cast<BuiltinOp>(123);

TEST(SelectOp, V1ElementwiseScalarAndRows) {
  struct Case {
    std::vector<int32_t> cond_shape;
    std::vector<uint8_t> cond;
    std::vector<float> want;
  };
  const std::vector<float> x = {1, 2, 3, 4, 5, 6}, y = {-1, -2, -3, -4, -5, -6};
  for (const Case& c : std::vector<Case>{{{3, 2}, {1, 0, 0, 1, 1, 0}, {1, -2, -3, 4, 5, -6}},
                                         {{}, {1}, {1, 2, 3, 4, 5, 6}},
                                         {{3}, {0, 1, 0}, {-1, -2, 3, 4, -5, -6}}}) {
    OpTester t;
    t.Input("c", kBool, c.cond_shape);
    t.Input("x", kF32, {3, 2});
    t.Input("y", kF32, {3, 2});
    t.Output("out", kF32, {3, 2});
    t.Op(kSelect, {0, 1, 2}, {3});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    t.SetInput<uint8_t>(0, c.cond);
    t.SetInput<float>(1, x);
    t.SetInput<float>(2, y);
    ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
    EXPECT_EQ(t.GetOutput<float>(0), c.want);
  }
}

TEST(SelectOp, V2BroadcastsEveryInput) {
  OpTester t;
  t.Input("c", kBool, {2, 1, 1});
  t.Input("x", kS8, {1, 3, 1}, Q(0.1f));
  t.Input("y", kS8, {1, 1, 2}, Q(0.1f));
  t.Output("out", kS8, {2, 3, 2}, Q(0.1f));
  t.Op(kSelectV2, {0, 1, 2}, {3});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<uint8_t>(0, {1, 0});
  t.SetInput<int8_t>(1, {10, 20, 30});
  t.SetInput<int8_t>(2, {-1, -2});
  ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
  EXPECT_EQ(t.GetOutput<int8_t>(0), (std::vector<int8_t>{10, 10, 20, 20, 30, 30, -1, -2, -1, -2, -1, -2}));
}

TEST(SelectOp, EveryElementTypeAndMixedScalars) {
  {
    OpTester t;
    t.Input("c", kBool, {2});
    t.Input("x", kS64, {2});
    t.Input("y", kS64, {});
    t.Output("out", kS64, {2});
    t.Op(kSelectV2, {0, 1, 2}, {3});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    t.SetInput<uint8_t>(0, {0, 1});
    t.SetInput<int64_t>(1, {int64_t{1} << 60, 5});
    t.SetInput<int64_t>(2, {-9});
    ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
    EXPECT_EQ(t.GetOutput<int64_t>(0), (std::vector<int64_t>{-9, 5}));
  }
  for (BuiltinOp op : {kSelect, kSelectV2}) {
    // One element each, with different shapes: TFLite keeps the output's.
    OpTester t;
    t.Input("c", kBool, {1});
    t.Input("x", kS16, {});
    t.Input("y", kS16, {1, 1});
    t.Output("out", kS16, {1, 1, 1});
    t.Op(op, {0, 1, 2}, {3});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    t.SetInput<uint8_t>(0, {0});
    t.SetInput<int16_t>(1, {111});
    t.SetInput<int16_t>(2, {-222});
    ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
    EXPECT_EQ(t.GetOutput<int16_t>(0), (std::vector<int16_t>{-222}));
  }
}

TEST(SelectOp, Rejections) {
  {
    OpTester t;
    t.Input("c", kS32, {2});
    t.Input("x", kF32, {2});
    t.Input("y", kF32, {2});
    t.Output("out", kF32, {2});
    t.Op(kSelectV2, {0, 1, 2}, {3});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "condition 'c': expected bool, got int32"));
  }
  {
    OpTester t;
    t.Input("c", kBool, {2});
    t.Input("x", kF32, {2});
    t.Input("y", kS32, {2});
    t.Output("out", kF32, {2});
    t.Op(kSelect, {0, 1, 2}, {3});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "must have one type"));
  }
  {
    OpTester t;
    t.Input("c", kBool, {2});
    t.Input("x", kF32, {2, 3});
    t.Input("y", kF32, {2, 3});
    t.Output("out", kF32, {2, 3});
    t.Op(kSelectV2, {0, 1, 2}, {3});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "have shapes that do not broadcast"));
  }
  {
    OpTester t;  // SELECT v1 does not broadcast x against y
    t.Input("c", kBool, {2, 3});
    t.Input("x", kF32, {2, 3});
    t.Input("y", kF32, {3});
    t.Output("out", kF32, {2, 3});
    t.Op(kSelect, {0, 1, 2}, {3});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "SELECT does not broadcast"));
  }
  {
    OpTester t;
    t.Input("c", kBool, {3});
    t.Input("x", kF32, {2, 3});
    t.Input("y", kF32, {2, 3});
    t.Output("out", kF32, {2, 3});
    t.Op(kSelect, {0, 1, 2}, {3});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "be a vector of its first dimension"));
  }
  {
    OpTester t;
    t.Input("c", kBool, {2});
    t.Input("x", kU8, {2});
    t.Input("y", kU8, {2});
    t.Output("out", kU8, {2});
    t.Op(kSelectV2, {0, 1, 2}, {3});
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "got uint8"));
  }
}

}  // namespace
}  // namespace mote::optest
