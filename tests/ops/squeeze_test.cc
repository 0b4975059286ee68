// SQUEEZE through the interpreter: all size-1 dims (empty squeeze_dims),
// listed dims with negative entries, every type copied as bytes, and
// Prepare's rejections.
#include <memory>
#include <vector>

#include "data_movement_test_util.h"

namespace mote::optest {
namespace {

TEST(SqueezeOp, EmptySqueezeDimsDropsEveryOne) {
  OpTester t;
  t.Input("x", kF32, {1, 3, 1, 2});
  t.Output("y", kF32, {3, 2});
  t.Op(BuiltinOp::kSqueeze, {0}, {1}, host::SqueezeOptions({}));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<float> in = {1.5f, -2, 3, 4, 5, 6};
  EXPECT_EQ(t.Run<float>(in), in);
}

TEST(SqueezeOp, ListedDimsWithNegativeEntries) {
  OpTester t;
  t.Input("x", kS8, {1, 3, 1, 2}, Q(0.5f, -3));
  t.Output("y", kS8, {1, 3, 2}, Q(0.5f, -3));
  t.Op(BuiltinOp::kSqueeze, {0}, {1}, host::SqueezeOptions({-2}));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<int8_t> in = {-128, 127, 0, 1, 2, 3};
  EXPECT_EQ(t.Run<int8_t>(in), in);
}

TEST(SqueezeOp, NoOptionsTableAndOtherTypes) {
  OpTester t;
  t.Input("x", kS64, {2, 1});
  t.Output("y", kS64, {2});
  t.Op(BuiltinOp::kSqueeze, {0}, {1});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<int64_t> in = {int64_t{1} << 40, -7};
  EXPECT_EQ(t.Run<int64_t>(in), in);
}

TEST(SqueezeOp, Rejections) {
  const auto model = [](std::vector<int32_t> in_shape,
                        std::vector<int32_t> out_shape,
                        std::vector<int32_t> dims, Quantization out_q = Q(0.1f)) {
    auto t = std::make_unique<OpTester>();
    t->Input("x", kS8, std::move(in_shape), Q(0.1f));
    t->Output("y", kS8, std::move(out_shape), std::move(out_q));
    t->Op(BuiltinOp::kSqueeze, {0}, {1}, host::SqueezeOptions(std::move(dims)));
    return t;
  };
  EXPECT_TRUE(PrepareFails(*model({1, 3}, {3}, {1}), Status::kInvalidModel,
                           "squeeze_dims entry 1: dim 1 of input 'x' is 3, not 1"));
  EXPECT_TRUE(PrepareFails(*model({1, 3}, {3}, {2}), Status::kInvalidModel,
                           "squeeze_dims entry 2 is out of range for rank 2"));
  EXPECT_TRUE(PrepareFails(*model({1, 3}, {3}, {-3}), Status::kInvalidModel,
                           "out of range"));
  EXPECT_TRUE(PrepareFails(*model({1, 3, 1}, {3, 1}, {}), Status::kInvalidModel,
                           "output 'y' has rank 2, expected 1 from squeeze_dims"));
  EXPECT_TRUE(PrepareFails(*model({1, 3}, {3}, {0}, Q(0.2f)), Status::kUnsupported,
                           "must have the quantization of input 'x'"));
  EXPECT_TRUE(PrepareFails(*model({1, 0}, {0}, {0}), Status::kUnsupported,
                           "input 'x' has no elements"));
}

}  // namespace
}  // namespace mote::optest
