// STRIDED_SLICE through the interpreter: positive/negative begin, end and
// strides, begin/end/shrink masks against a slicing reference written here,
// ellipsis, new-axis and offset by hand, every element type, and Prepare's
// rejections.
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

struct Spec {
  std::vector<int32_t> begin, end, strides;
  int begin_mask = 0;
  int end_mask = 0;
  int shrink_mask = 0;
};

// TensorFlow's rules per dimension (no ellipsis / new axis).
template <typename T>
std::vector<T> SliceRef(const std::vector<T>& in, const std::vector<int32_t>& shape, const Spec& s,
                        std::vector<int32_t>* out_shape) {
  const int rank = static_cast<int>(shape.size());
  std::vector<int> start(rank), count(rank), stride(rank);
  out_shape->clear();
  for (int d = 0; d < rank; ++d) {
    const int n = shape[d];
    int st = d < static_cast<int>(s.strides.size()) ? s.strides[d] : 1;
    int b, e;
    if (d >= static_cast<int>(s.begin.size())) {
      b = 0, e = n, st = 1;
    } else if (s.shrink_mask & (1 << d)) {
      b = s.begin[d] < 0 ? s.begin[d] + n : s.begin[d];
      e = b + 1;
      st = 1;
    } else {
      const int lo = st > 0 ? 0 : -1, hi = st > 0 ? n : n - 1;
      if (s.begin_mask & (1 << d)) {
        b = st > 0 ? 0 : n - 1;
      } else {
        b = s.begin[d] < 0 ? s.begin[d] + n : s.begin[d];
        b = std::clamp(b, lo, hi);
      }
      if (s.end_mask & (1 << d)) {
        e = st > 0 ? n : -1;
      } else {
        e = s.end[d] < 0 ? s.end[d] + n : s.end[d];
        e = std::clamp(e, lo, hi);
      }
    }
    const int c = st > 0 ? std::max(0, (e - b + st - 1) / st) : std::max(0, (b - e - st - 1) / -st);
    start[d] = b;
    count[d] = c;
    stride[d] = st;
    if (!(d < static_cast<int>(s.begin.size()) && (s.shrink_mask & (1 << d)))) out_shape->push_back(c);
  }
  const std::vector<int64_t> strides = Strides(shape);
  std::vector<T> out;
  std::vector<int> idx(rank, 0);
  int64_t total = 1;
  for (int c : count) total *= c;
  for (int64_t i = 0; i < total; ++i) {
    int64_t src = 0;
    for (int d = 0; d < rank; ++d) src += static_cast<int64_t>(start[d] + idx[d] * stride[d]) * strides[d];
    out.push_back(in[src]);
    for (int d = rank - 1; d >= 0; --d) {
      if (++idx[d] < count[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

template <typename T>
void RunSpec(tflite::TensorType type, Quantization q, const std::vector<int32_t>& shape, const Spec& s) {
  std::vector<T> in;
  for (int64_t i = 0; i < Count(shape); ++i) in.push_back(static_cast<T>(i % 200 - 100));
  std::vector<int32_t> out_shape;
  const std::vector<T> want = SliceRef(in, shape, s, &out_shape);
  const int32_t n = static_cast<int32_t>(s.begin.size());
  OpTester t;
  const int32_t x = t.Input("x", type, shape, q);
  const int32_t b = t.Const<int32_t>("begin", {n}, s.begin);
  const int32_t e = t.Const<int32_t>("end", {n}, s.end);
  const int32_t st = t.Const<int32_t>("strides", {n}, s.strides);
  const int32_t y = t.Output("y", type, out_shape, q);
  t.Op(BuiltinOp::kStridedSlice, {x, b, e, st}, {y},
       host::StridedSliceOptions(s.begin_mask, s.end_mask, 0, 0, s.shrink_mask), 4);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<T>(in), want);
}

TEST(StridedSliceOp, SpecsAgainstReference) {
  const std::vector<int32_t> shape = {3, 4, 5};
  const std::vector<Spec> specs = {
      {{0, 0, 0}, {3, 4, 5}, {1, 1, 1}},
      {{1, 1, 1}, {3, 3, 4}, {1, 1, 1}},
      {{0, 0, 0}, {3, 4, 5}, {2, 3, 2}},
      {{-1, -1, -1}, {-4, -5, -6}, {-1, -1, -1}},  // reversed everything
      {{2, 3, 4}, {0, 0, 0}, {-1, -2, -3}},
      {{-2, 1, -3}, {-1, 100, 100}, {1, 1, 1}},     // out-of-range ends clamp
      {{-100, -100, 0}, {100, 2, 5}, {1, 1, 2}},
      {{5, 0, 0}, {0, 4, 5}, {1, 1, 1}},            // empty along dim 0 -> rejected below? no: count 0
      {{1, 9, 9}, {2, 0, 0}, {1, 1, 1}, 0b110, 0b110},  // begin/end masks
      {{0, 0, 0}, {1, 1, 1}, {1, -1, -1}, 0b110, 0b110},
      {{1, 0, 2}, {2, 4, 3}, {1, 1, 1}, 0, 0, 0b101},  // shrink dims 0 and 2
      {{-1, 0, 0}, {0, 0, 0}, {1, 1, 1}, 0b110, 0b110, 0b001},
      {{1, 2}, {3, 4}, {1, 1}},  // fewer entries than dims: the rest is full
  };
  for (size_t i = 0; i < specs.size(); ++i) {
    std::vector<int32_t> out_shape;
    std::vector<float> dummy(Count(shape));
    SliceRef(dummy, shape, specs[i], &out_shape);
    if (Count(out_shape) == 0) continue;  // empty slices are covered separately
    SCOPED_TRACE(testing::Message() << "spec " << i);
    RunSpec<float>(kF32, {}, shape, specs[i]);
    RunSpec<int8_t>(kS8, Q(0.1f, 2), shape, specs[i]);
  }
}

TEST(StridedSliceOp, OtherTypesAndRanks) {
  RunSpec<int16_t>(kS16, Q(0.1f, 0), {6}, {{1}, {6}, {2}});
  RunSpec<int32_t>(kS32, {}, {2, 3}, {{1, 0}, {2, 3}, {1, 2}});
  RunSpec<uint8_t>(kBool, {}, {4}, {{3}, {0}, {-1}});
  RunSpec<float>(kF32, {}, {2, 1, 3, 1, 2}, {{0, 0, 1, 0, 1}, {2, 1, 3, 1, 2}, {1, 1, 1, 1, 1}});
  RunSpec<int8_t>(kS8, Q(1.0f, 0), {2, 2, 2, 2, 2, 3}, {{1, 0, 0, 0, 0, 0}, {2, 2, 2, 2, 2, 3}, {1, 1, 1, 1, 1, 2}});
}

TEST(StridedSliceOp, EllipsisNewAxisAndOffset) {
  std::vector<float> in(24);
  for (int i = 0; i < 24; ++i) in[i] = static_cast<float>(i);
  {
    // x[..., 1:3] on [2, 3, 4] -> [2, 3, 2].
    OpTester t;
    const int32_t x = t.Input("x", kF32, {2, 3, 4});
    const int32_t b = t.Const<int32_t>("begin", {2}, {0, 1});
    const int32_t e = t.Const<int32_t>("end", {2}, {0, 3});
    const int32_t s = t.Const<int32_t>("strides", {2}, {1, 1});
    const int32_t y = t.Output("y", kF32, {2, 3, 2});
    t.Op(BuiltinOp::kStridedSlice, {x, b, e, s}, {y}, host::StridedSliceOptions(0, 0, /*ellipsis=*/1));
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    std::vector<float> want;
    for (int r = 0; r < 6; ++r) want.insert(want.end(), {in[r * 4 + 1], in[r * 4 + 2]});
    EXPECT_EQ(t.Run<float>(in), want);
  }
  {
    // x[None, 1, :] on [2, 3, 4] -> [1, 3, 4].
    OpTester t;
    const int32_t x = t.Input("x", kF32, {2, 3, 4});
    const int32_t b = t.Const<int32_t>("begin", {3}, {0, 1, 0});
    const int32_t e = t.Const<int32_t>("end", {3}, {0, 2, 0});
    const int32_t s = t.Const<int32_t>("strides", {3}, {1, 1, 1});
    const int32_t y = t.Output("y", kF32, {1, 3, 4});
    t.Op(BuiltinOp::kStridedSlice, {x, b, e, s}, {y},
         host::StridedSliceOptions(0, 0b100, 0, /*new_axis=*/1, /*shrink=*/0b010));
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ(t.Run<float>(in), std::vector<float>(in.begin() + 12, in.end()));
  }
  {
    // offset: end is relative to begin, x[1:1+2].
    OpTester t;
    const int32_t x = t.Input("x", kF32, {5});
    const int32_t b = t.Const<int32_t>("begin", {1}, {1});
    const int32_t e = t.Const<int32_t>("end", {1}, {2});
    const int32_t s = t.Const<int32_t>("strides", {1}, {1});
    const int32_t y = t.Output("y", kF32, {2});
    t.Op(BuiltinOp::kStridedSlice, {x, b, e, s}, {y}, host::StridedSliceOptions(0, 0, 0, 0, 0, /*offset=*/true), 8);
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ(t.Run<float>({10, 11, 12, 13, 14}), (std::vector<float>{11, 12}));
  }
}

// An empty slice produces a zero-size output: no crash.
TEST(StridedSliceOp, EmptySlice) {
  OpTester t;
  const int32_t x = t.Input("x", kF32, {4});
  const int32_t b = t.Const<int32_t>("begin", {1}, {3});
  const int32_t e = t.Const<int32_t>("end", {1}, {1});
  const int32_t s = t.Const<int32_t>("strides", {1}, {1});
  const int32_t y = t.Output("y", kF32, {0});
  t.Op(BuiltinOp::kStridedSlice, {x, b, e, s}, {y}, host::StridedSliceOptions(0, 0));
  const Status st = t.Prepare();
  if (st == Status::kOk) {
    t.SetInput<float>(0, {1, 2, 3, 4});
    EXPECT_EQ(t.Invoke(), Status::kOk);
    EXPECT_TRUE(t.GetOutput<float>(0).empty());
  } else {
    EXPECT_FALSE(t.message().empty());
  }
}

// --- rejections -------------------------------------------------------------

struct Model {
  OpTester t;
  int32_t x, b, e, s, y;
  explicit Model(tflite::TensorType type = kF32) {
    x = t.Input("x", type, {4, 4});
    b = t.Const<int32_t>("begin", {2}, {0, 1});
    e = t.Const<int32_t>("end", {2}, {4, 3});
    s = t.Const<int32_t>("strides", {2}, {2, 1});
    y = t.Output("y", type, {2, 2});
  }
  void Op(host::OptionsBuilder options = host::StridedSliceOptions(0, 0)) {
    t.Op(BuiltinOp::kStridedSlice, {x, b, e, s}, {y}, std::move(options));
  }
};

TEST(StridedSliceOp, ValidBaseModelPrepares) {
  Model m;
  m.Op();
  ASSERT_EQ(m.t.Prepare(), Status::kOk) << m.t.message();
  EXPECT_EQ(m.t.Run<float>({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}), (std::vector<float>{1, 2, 9, 10}));
}

TEST(StridedSliceOp, RejectsTypesAndIndexTensors) {
  {
    Model m(kU8);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': expected int8, int16, int32, bool or float32, got uint8"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).type = kS32;
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x' is float32 but output 'y' is int32"));
  }
  {
    Model m;
    m.b = m.t.Input("runtime_begin", kS32, {2});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "begin tensor 'runtime_begin' must be constant"));
  }
  {
    Model m;
    m.e = m.t.Const<float>("fend", {2}, {4, 3});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "end tensor 'fend': expected int32 or int64, got float32"));
  }
  {
    Model m;
    m.s = m.t.Const<int32_t>("strides3", {3}, {1, 1, 1});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "begin, end and strides have 2, 2 and 3 entries"));
  }
}

TEST(StridedSliceOp, RejectsPlans) {
  {
    Model m;
    m.s = m.t.Const<int32_t>("zero", {2}, {1, 0});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': stride is 0 (index entry 1)"));
  }
  {
    Model m;
    m.b = m.t.Const<int32_t>("b3", {3}, {0, 0, 0});
    m.e = m.t.Const<int32_t>("e3", {3}, {1, 1, 1});
    m.s = m.t.Const<int32_t>("s3", {3}, {1, 1, 1});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "more indices than input dimensions"));
  }
  {
    Model m;
    m.b = m.t.Const<int32_t>("b", {2}, {4, 0});
    m.Op(host::StridedSliceOptions(0, 0, 0, 0, /*shrink=*/1));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "shrunk index out of range"));
  }
  {
    Model m;
    m.Op(host::StridedSliceOptions(0, 0, /*ellipsis=*/3));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "more than one ellipsis"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).shape = {2, 3};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y' does not have the sliced shape of input 'x'"));
  }
  {
    Model m;
    m.t.Op(BuiltinOp::kStridedSlice, {m.x, m.b, m.e}, {m.y}, host::StridedSliceOptions(0, 0));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 4 inputs, got 3"));
  }
}

TEST(StridedSliceOp, RejectsInt8QuantizationChange) {
  OpTester t;
  const int32_t x = t.Input("x", kS8, {4}, Q(0.1f, 0));
  const int32_t b = t.Const<int32_t>("begin", {1}, {0});
  const int32_t e = t.Const<int32_t>("end", {1}, {2});
  const int32_t s = t.Const<int32_t>("strides", {1}, {1});
  const int32_t y = t.Output("y", kS8, {2}, Q(0.2f, 5));
  t.Op(BuiltinOp::kStridedSlice, {x, b, e, s}, {y}, host::StridedSliceOptions(0, 0));
  EXPECT_NE(t.Prepare(), Status::kOk);
  EXPECT_NE(t.message().find("'y'"), std::string::npos) << t.message();
}

}  // namespace
}  // namespace mote::optest
