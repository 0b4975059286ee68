// PACK through the interpreter: stacking along the first, a middle and a
// negative axis, int64 and int8, and the rejections.
#include <utility>
#include <vector>

#include "data_movement_test_util.h"

namespace mote::optest {
namespace {

TEST(PackOp, EveryAxis) {
  // Three [2, 2] inputs a = 0..3, b = 10..13, c = 20..23.
  const std::vector<std::pair<int, std::vector<int32_t>>> cases = {
      {0, {3, 2, 2}}, {1, {2, 3, 2}}, {2, {2, 2, 3}}, {-1, {2, 2, 3}}, {-3, {3, 2, 2}}};
  for (const auto& [axis, out_shape] : cases) {
    SCOPED_TRACE(testing::Message() << "axis " << axis);
    OpTester t;
    const int32_t a = t.Input("a", kF32, {2, 2});
    const int32_t b = t.Input("b", kF32, {2, 2});
    const int32_t c = t.Input("c", kF32, {2, 2});
    const int32_t y = t.Output("y", kF32, out_shape);
    t.Op(BuiltinOp::kPack, {a, b, c}, {y}, host::PackOptions(3, axis));
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    for (int i = 0; i < 3; ++i) t.SetInput<float>(i, Iota<float>(4, 10 * i));
    ASSERT_EQ(t.Invoke(), Status::kOk);
    // Reference: out[..., k, ...] = input k along the packed axis.
    const int norm = axis < 0 ? axis + 3 : axis;
    std::vector<float> want;
    for (int i0 = 0; i0 < out_shape[0]; ++i0)
      for (int i1 = 0; i1 < out_shape[1]; ++i1)
        for (int i2 = 0; i2 < out_shape[2]; ++i2) {
          const int idx[3] = {i0, i1, i2};
          int k = idx[norm];
          int rest[2];
          for (int d = 0, r = 0; d < 3; ++d) if (d != norm) rest[r++] = idx[d];
          want.push_back(static_cast<float>(10 * k + rest[0] * 2 + rest[1]));
        }
    EXPECT_EQ(t.GetOutput<float>(0), want);
  }
}

TEST(PackOp, Int64AndInt8) {
  {
    OpTester t;
    const int32_t a = t.Input("a", kS64, {2});
    const int32_t b = t.Input("b", kS64, {2});
    const int32_t y = t.Output("y", kS64, {2, 2});
    t.Op(BuiltinOp::kPack, {a, b}, {y}, host::PackOptions(2, 1));
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    t.SetInput<int64_t>(0, {int64_t{1} << 40, -1});
    t.SetInput<int64_t>(1, {7, 8});
    ASSERT_EQ(t.Invoke(), Status::kOk);
    EXPECT_EQ(t.GetOutput<int64_t>(0),
              (std::vector<int64_t>{int64_t{1} << 40, 7, -1, 8}));
  }
  {
    OpTester t;
    const int32_t a = t.Input("a", kS8, {3}, Q(0.2f, 4));
    const int32_t y = t.Output("y", kS8, {1, 3}, Q(0.2f, 4));
    t.Op(BuiltinOp::kPack, {a}, {y}, host::PackOptions(1, 0), 2);
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ(t.Run<int8_t>({-128, 0, 127}), (std::vector<int8_t>{-128, 0, 127}));
  }
}

TEST(PackOp, Rejections) {
  const auto run = [](std::vector<int32_t> b_shape, int values_count, int axis,
                      Quantization b_q, Status status, const char* message) {
    OpTester t;
    const int32_t a = t.Input("a", kS8, {2, 3}, Q(0.5f));
    const int32_t b = t.Input("b", kS8, std::move(b_shape), std::move(b_q));
    const int32_t y = t.Output("y", kS8, {2, 2, 3}, Q(0.5f));
    t.Op(BuiltinOp::kPack, {a, b}, {y}, host::PackOptions(values_count, axis));
    EXPECT_TRUE(PrepareFails(t, status, message));
  };
  run({3, 2}, 2, 0, Q(0.5f), Status::kInvalidModel, "input 'b' has a different shape from input 'a'");
  run({2, 3}, 3, 0, Q(0.5f), Status::kInvalidModel, "values_count is 3 but the op has 2 inputs");
  run({2, 3}, 2, 3, Q(0.5f), Status::kInvalidModel, "axis 3 is out of range for rank 3");
  run({2, 3}, 2, 2, Q(0.5f), Status::kInvalidModel, "output 'y' dim 1 is 2, expected 3");
  run({2, 3}, 2, 0, Q(0.25f), Status::kUnsupported, "must have the quantization of input 'b'");
}

}  // namespace
}  // namespace mote::optest
