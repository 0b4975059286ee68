// TRANSPOSE through the interpreter: every permutation of ranks 1 to 4,
// rank 5 and 6, every element type, int32/int64 perm tensors, NHWC -> NCHW
// -> NHWC round trip, and Prepare's rejections.
#include <algorithm>
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

template <typename T>
std::vector<T> TransposeRef(const std::vector<T>& in, const std::vector<int32_t>& shape,
                            const std::vector<int32_t>& perm, std::vector<int32_t>* out_shape) {
  out_shape->clear();
  for (int32_t p : perm) out_shape->push_back(shape[p]);
  const std::vector<int64_t> in_strides = Strides(shape);
  std::vector<T> out;
  std::vector<int32_t> idx(perm.size(), 0);
  for (int64_t i = 0; i < Count(*out_shape); ++i) {
    int64_t src = 0;
    for (size_t d = 0; d < perm.size(); ++d) src += idx[d] * in_strides[perm[d]];
    out.push_back(in[src]);
    for (int d = static_cast<int>(perm.size()) - 1; d >= 0; --d) {
      if (++idx[d] < (*out_shape)[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

template <typename T>
void RunPerm(tflite::TensorType type, Quantization q, const std::vector<int32_t>& shape,
             const std::vector<int32_t>& perm) {
  std::vector<T> in;
  for (int64_t i = 0; i < Count(shape); ++i) in.push_back(static_cast<T>(i % 250 - 120));
  std::vector<int32_t> out_shape;
  const std::vector<T> want = TransposeRef(in, shape, perm, &out_shape);
  OpTester t;
  const int32_t x = t.Input("x", type, shape, q);
  const int32_t p = t.Const<int32_t>("perm", {static_cast<int32_t>(perm.size())}, perm);
  const int32_t y = t.Output("y", type, out_shape, q);
  t.Op(BuiltinOp::kTranspose, {x, p}, {y});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<T>(in), want);
}

TEST(TransposeOp, EveryPermutationUpToRank4) {
  const std::vector<int32_t> dims = {2, 3, 4, 5};
  for (int rank = 1; rank <= 4; ++rank) {
    const std::vector<int32_t> shape(dims.begin(), dims.begin() + rank);
    std::vector<int32_t> perm(rank);
    for (int i = 0; i < rank; ++i) perm[i] = i;
    do {
      SCOPED_TRACE(testing::Message() << "rank " << rank << " perm " << testing::PrintToString(perm));
      RunPerm<float>(kF32, {}, shape, perm);
      RunPerm<int8_t>(kS8, Q(0.1f, -4), shape, perm);
    } while (std::next_permutation(perm.begin(), perm.end()));
  }
}

TEST(TransposeOp, HighRankAndOtherTypes) {
  RunPerm<int16_t>(kS16, Q(0.1f, 0), {2, 3}, {1, 0});
  RunPerm<int32_t>(kS32, {}, {2, 3, 2}, {2, 0, 1});
  RunPerm<float>(kF32, {}, {2, 1, 3, 2, 2}, {4, 2, 0, 3, 1});
  RunPerm<int8_t>(kS8, Q(1.0f, 0), {2, 2, 1, 3, 2, 2}, {5, 4, 3, 2, 1, 0});
}

TEST(TransposeOp, Int64PermAndRoundTrip) {
  std::vector<float> in(1 * 2 * 3 * 4);
  for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<float>(i);
  OpTester t;
  const int32_t x = t.Input("x", kF32, {1, 2, 3, 4});
  const int32_t to_nchw = t.Const<int64_t>("to_nchw", {4}, {0, 3, 1, 2});
  const int32_t nchw = t.Output("nchw", kF32, {1, 4, 2, 3});
  const int32_t to_nhwc = t.Const<int32_t>("to_nhwc", {4}, {0, 2, 3, 1});
  const int32_t y = t.Output("y", kF32, {1, 2, 3, 4});
  t.Op(BuiltinOp::kTranspose, {x, to_nchw}, {nchw});
  t.Op(BuiltinOp::kTranspose, {nchw, to_nhwc}, {y});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<float>(0, in);
  ASSERT_EQ(t.Invoke(), Status::kOk);
  std::vector<int32_t> s;
  EXPECT_EQ(t.GetOutput<float>(0), TransposeRef(in, {1, 2, 3, 4}, {0, 3, 1, 2}, &s));
  EXPECT_EQ(t.GetOutput<float>(1), in);
}

// --- rejections -------------------------------------------------------------

struct Model {
  OpTester t;
  int32_t x, p, y;
  explicit Model(tflite::TensorType type = kF32) {
    x = t.Input("x", type, {2, 3, 4});
    p = t.Const<int32_t>("perm", {3}, {2, 0, 1});
    y = t.Output("y", type, {4, 2, 3});
  }
  void Op() { t.Op(BuiltinOp::kTranspose, {x, p}, {y}); }
};

TEST(TransposeOp, ValidBaseModelPrepares) {
  Model m;
  m.Op();
  ASSERT_EQ(m.t.Prepare(), Status::kOk) << m.t.message();
  EXPECT_EQ(m.t.Invoke(), Status::kOk);
}

TEST(TransposeOp, Rejections) {
  {
    Model m(kU8);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': expected int8, int16, int32 or float32, got uint8"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).type = kS8;
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x' is float32 but output 'y' is int8"));
  }
  for (const std::vector<int32_t>& bad : {std::vector<int32_t>{0, 0, 1}, std::vector<int32_t>{0, 1, 3},
                                          std::vector<int32_t>{-1, 0, 1}}) {
    Model m;
    m.p = m.t.Const<int32_t>("bad_perm", {3}, bad);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "perm tensor 'bad_perm' is not a permutation of 0..2"));
  }
  {
    Model m;
    m.p = m.t.Const<int32_t>("short_perm", {2}, {1, 0});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "perm tensor 'short_perm' has 2 entries, input 'x' has rank 3"));
  }
  {
    Model m;
    m.p = m.t.Input("runtime_perm", kS32, {3});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "perm tensor 'runtime_perm' must be constant"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).shape = {4, 3, 2};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y' does not have the permuted shape of input 'x'"));
  }
  {
    Model m;
    m.t.Op(BuiltinOp::kTranspose, {m.x}, {m.y});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 2 inputs, got 1"));
  }
  {
    Model m;
    m.t.Op(BuiltinOp::kTranspose, {m.x, m.p}, {m.y}, {}, 8);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "TRANSPOSE version 8"));
  }
}

TEST(TransposeOp, RejectsInt8QuantizationChange) {
  OpTester t;
  const int32_t x = t.Input("x", kS8, {2, 3}, Q(0.1f, 0));
  const int32_t p = t.Const<int32_t>("perm", {2}, {1, 0});
  const int32_t y = t.Output("y", kS8, {3, 2}, Q(0.2f, 5));
  t.Op(BuiltinOp::kTranspose, {x, p}, {y});
  EXPECT_NE(t.Prepare(), Status::kOk);
  EXPECT_NE(t.message().find("'y'"), std::string::npos) << t.message();
}

TEST(TransposeOp, ZeroSizeTensorsRun) {
  OpTester t;
  const int32_t x = t.Input("x", kS8, {0, 2}, Q(0.1f));
  const int32_t p = t.Const<int32_t>("perm", {2}, {1, 0});
  const int32_t y = t.Output("y", kS8, {2, 0}, Q(0.1f));
  t.Op(BuiltinOp::kTranspose, {x, p}, {y});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Invoke(), Status::kOk);
}

}  // namespace
}  // namespace mote::optest
