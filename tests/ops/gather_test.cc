// GATHER through the interpreter: axis 0 with 2-D positions, a negative
// axis, batch_dims, int8 and float32 against a reference gather, positions
// outside the axis failing Invoke with a message (they are runtime data),
// and Prepare's rejections.
#include <vector>

#include "data_movement_test_util.h"

namespace mote::optest {
namespace {

// Reference: output[b, o, c, i] = input[b, o, positions[b, c], i].
template <typename T>
std::vector<T> GatherRef(const std::vector<T>& in, int64_t batch, int64_t outer,
                         int64_t axis_size, int64_t inner,
                         const std::vector<int32_t>& pos, int64_t coords) {
  std::vector<T> out;
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t c = 0; c < coords; ++c)
        for (int64_t i = 0; i < inner; ++i)
          out.push_back(in[((b * outer + o) * axis_size + pos[b * coords + c]) *
                               inner + i]);
  return out;
}

TEST(GatherOp, Axis0With2DPositions) {
  OpTester t;
  t.Input("x", kF32, {4, 3});
  t.Input("pos", kS32, {2, 2});
  t.Output("y", kF32, {2, 2, 3});
  t.Op(BuiltinOp::kGather, {0, 1}, {2}, host::GatherOptions(0));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<float> in = Iota<float>(12);
  const std::vector<int32_t> pos = {3, 0, 1, 3};
  t.SetInput<float>(0, in);
  t.SetInput<int32_t>(1, pos);
  ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
  EXPECT_EQ(t.GetOutput<float>(0),
            (std::vector<float>{9, 10, 11, 0, 1, 2, 3, 4, 5, 9, 10, 11}));
}

TEST(GatherOp, NegativeAxisInt8MatchesReference) {
  host::Rng rng(7);
  OpTester t;
  t.Input("x", kS8, {2, 3, 5}, Q(0.5f, 3));
  t.Input("pos", kS32, {4});
  t.Output("y", kS8, {2, 3, 4}, Q(0.5f, 3));
  t.Op(BuiltinOp::kGather, {0, 1}, {2}, host::GatherOptions(-1), 2);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<int8_t> in = rng.UniformS8(30);
  const std::vector<int32_t> pos = {4, 0, 4, 2};
  t.SetInput<int8_t>(0, in);
  t.SetInput<int32_t>(1, pos);
  ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
  EXPECT_EQ(t.GetOutput<int8_t>(0), GatherRef(in, 1, 6, 5, 1, pos, 4));
}

TEST(GatherOp, BatchDims) {
  // input [2, 3, 2], positions [2, 2], axis 1, batch_dims 1 -> [2, 2, 2].
  OpTester t;
  t.Input("x", kF32, {2, 3, 2});
  t.Input("pos", kS32, {2, 2});
  t.Output("y", kF32, {2, 2, 2});
  t.Op(BuiltinOp::kGather, {0, 1}, {2}, host::GatherOptions(1, -1), 5);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<float> in = Iota<float>(12);
  const std::vector<int32_t> pos = {2, 0, 1, 1};
  t.SetInput<float>(0, in);
  t.SetInput<int32_t>(1, pos);
  ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
  EXPECT_EQ(t.GetOutput<float>(0), GatherRef(in, 2, 1, 3, 2, pos, 2));
}

TEST(GatherOp, OutOfRangePositionFailsInvoke) {
  for (const int32_t bad : {4, -1, INT32_MAX}) {
    OpTester t;
    t.Input("x", kF32, {4, 2});
    t.Input("pos", kS32, {3});
    t.Output("y", kF32, {3, 2});
    t.Op(BuiltinOp::kGather, {0, 1}, {2}, host::GatherOptions(0));
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    t.SetInput<float>(0, Iota<float>(8));
    t.SetInput<int32_t>(1, {1, bad, 0});
    EXPECT_TRUE(InvokeFails(t, Status::kInvalidArgument,
                            "GATHER (op 0): positions 'pos': entry 1 is " +
                                std::to_string(bad) + ", outside [0, 4)"));
    // Good positions afterwards run normally.
    t.SetInput<int32_t>(1, {3, 2, 1});
    ASSERT_EQ(t.Invoke(), Status::kOk);
    EXPECT_EQ(t.GetOutput<float>(0), (std::vector<float>{6, 7, 4, 5, 2, 3}));
  }
}

TEST(GatherOp, Rejections) {
  struct Model {
    OpTester t;
    int32_t x, p, y;
    Model(tflite::TensorType type = kF32, tflite::TensorType pos_type = kS32,
          std::vector<int32_t> out = {2, 3}) {
      x = t.Input("x", type, {4, 3}, type == kF32 ? Quantization{} : Q(0.1f));
      p = t.Input("pos", pos_type, {2});
      y = t.Output("y", type, std::move(out), type == kF32 ? Quantization{} : Q(0.1f));
    }
    void Op(int axis = 0, int batch_dims = 0) {
      t.Op(BuiltinOp::kGather, {x, p}, {y}, host::GatherOptions(axis, batch_dims));
    }
  };
  {
    Model m(kS16);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': expected int8 or float32, got int16"));
  }
  {
    Model m(kF32, kS64);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "positions 'pos': expected int32, got int64"));
  }
  {
    Model m;
    m.Op(2);
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "axis 2 is out of range for rank 2"));
  }
  {
    Model m;
    m.Op(0, 1);
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "batch_dims 1 must be in [0, 1] and not above axis 0"));
  }
  {
    Model m(kF32, kS32, {3, 2});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y' dim 0 is 3, expected 2"));
  }
  {
    OpTester t;
    t.Input("x", kF32, {4, 3});
    t.Input("pos", kS32, {0});
    t.Output("y", kF32, {0, 3});
    t.Op(BuiltinOp::kGather, {0, 1}, {2}, host::GatherOptions(0));
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "positions 'pos' has no elements"));
  }
}

}  // namespace
}  // namespace mote::optest
