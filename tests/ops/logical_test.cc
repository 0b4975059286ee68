// LOGICAL_AND, LOGICAL_OR and LOGICAL_NOT through the interpreter, with
// broadcasting, bytes other than 0/1, and Prepare's rejections.
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

constexpr BuiltinOp kLogicalOr = static_cast<BuiltinOp>(84);
constexpr BuiltinOp kLogicalAnd = static_cast<BuiltinOp>(86);
constexpr BuiltinOp kLogicalNot = static_cast<BuiltinOp>(87);

TEST(LogicalOp, AndOrBroadcastAndNot) {
  for (BuiltinOp op : {kLogicalAnd, kLogicalOr}) {
    OpTester t;
    t.Input("a", kBool, {2, 2});
    t.Input("b", kBool, {2});
    t.Output("y", kBool, {2, 2});
    t.Op(op, {0, 1}, {2});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    t.SetInput<uint8_t>(0, {0, 1, 1, 2});  // 2 is true
    t.SetInput<uint8_t>(1, {1, 0});
    ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
    EXPECT_EQ(t.GetOutput<uint8_t>(0),
              (op == kLogicalAnd ? std::vector<uint8_t>{0, 0, 1, 0} : std::vector<uint8_t>{1, 1, 1, 1}));
  }
  OpTester t;
  t.Input("a", kBool, {3});
  t.Output("y", kBool, {3});
  t.Op(kLogicalNot, {0}, {1});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<uint8_t>({0, 1, 7}), (std::vector<uint8_t>{1, 0, 0}));
}

TEST(LogicalOp, Rejections) {
  {
    OpTester t;
    t.Input("a", kS8, {2}, Q(0.1f));
    t.Input("b", kS8, {2}, Q(0.1f));
    t.Output("y", kBool, {2});
    t.Op(kLogicalAnd, {0, 1}, {2});
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "input 'a': expected bool, got int8"));
  }
  {
    OpTester t;
    t.Input("a", kBool, {2});
    t.Input("b", kBool, {2});
    t.Output("y", kS32, {2});
    t.Op(kLogicalOr, {0, 1}, {2});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "output 'y': expected bool, got int32"));
  }
  {
    OpTester t;
    t.Input("a", kF32, {2});
    t.Output("y", kF32, {2});
    t.Op(kLogicalNot, {0}, {1});
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "input 'a': expected bool, got float32"));
  }
}

}  // namespace
}  // namespace mote::optest
