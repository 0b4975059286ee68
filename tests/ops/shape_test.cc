// SHAPE through the interpreter: the input's dims as int32, for any input
// type; int64 output and scalar input (empty output) are refused.
#include <vector>

#include "data_movement_test_util.h"

namespace mote::optest {
namespace {

TEST(ShapeOp, WritesTheDims) {
  OpTester t;
  t.Input("x", kS8, {2, 3, 5}, Q(0.1f));
  t.Output("shape", kS32, {3});
  t.Op(BuiltinOp::kShape, {0}, {1});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ((t.Run<int8_t, int32_t>(Iota<int8_t>(30))),
            (std::vector<int32_t>{2, 3, 5}));
}

TEST(ShapeOp, AnyInputType) {
  OpTester t;
  t.Input("x", kBool, {7});
  t.Output("shape", kS32, {1});
  t.Op(BuiltinOp::kShape, {0}, {1});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ((t.Run<uint8_t, int32_t>(std::vector<uint8_t>(7, 1))),
            (std::vector<int32_t>{7}));
}

TEST(ShapeOp, Rejections) {
  {
    OpTester t;
    t.Input("x", kF32, {2, 3});
    t.Output("shape", kS64, {2});
    t.Op(BuiltinOp::kShape, {0}, {1});
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "output 'shape': expected int32, got int64"));
  }
  {
    OpTester t;
    t.Input("x", kF32, {});
    t.Output("shape", kS32, {0});
    t.Op(BuiltinOp::kShape, {0}, {1});
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "output 'shape' has no elements"));
  }
  {
    OpTester t;
    t.Input("x", kF32, {2, 3});
    t.Output("shape", kS32, {3});
    t.Op(BuiltinOp::kShape, {0}, {1});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "output 'shape' dim 0 is 3, expected 2"));
  }
}

}  // namespace
}  // namespace mote::optest
