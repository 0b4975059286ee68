// Op tests through the whole stack, as a user runs a model: ModelWriter ->
// Model::Load -> Interpreter::Prepare (every builtin op registered) ->
// Invoke -> outputs.
//
//   OpTester t;
//   const int32_t x = t.Input("x", kF32, {1, 4});
//   const int32_t y = t.Output("y", kF32, {1, 4});
//   t.Op(BuiltinOp::kRelu, {x}, {y});
//   ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
//   t.SetInput<float>(0, {...});
//   ASSERT_EQ(t.Invoke(), Status::kOk);
//   std::vector<float> out = t.GetOutput<float>(0);
//
// Graph inputs and outputs are declared in the order Input()/Output() are
// called. Reference computations (quantize, dequantize, float math) live in
// the tests themselves, in double.
#ifndef MOTE_TESTS_OPS_OP_TEST_UTIL_H_
#define MOTE_TESTS_OPS_OP_TEST_UTIL_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "host/model_file.h"
#include "host/model_writer.h"
#include "mote/interpreter.h"
#include "mote/model.h"
#include "ops/ops.h"

namespace mote::optest {

using host::BuiltinOp;
using host::Quantization;

constexpr tflite::TensorType kF32 = tflite::TensorType_FLOAT32;
constexpr tflite::TensorType kS8 = tflite::TensorType_INT8;
constexpr tflite::TensorType kU8 = tflite::TensorType_UINT8;
constexpr tflite::TensorType kS16 = tflite::TensorType_INT16;
constexpr tflite::TensorType kS32 = tflite::TensorType_INT32;
constexpr tflite::TensorType kS64 = tflite::TensorType_INT64;
constexpr tflite::TensorType kBool = tflite::TensorType_BOOL;

inline Quantization Q(float scale, int64_t zero_point = 0) {
  return Quantization::PerTensor(scale, zero_point);
}

class OpTester {
 public:
  OpTester() = default;
  OpTester(const OpTester&) = delete;
  OpTester& operator=(const OpTester&) = delete;

  host::ModelWriter& writer() { return writer_; }

  // A graph input (an activation the caller fills).
  int32_t Input(std::string name, tflite::TensorType type,
                std::vector<int32_t> shape, Quantization q = {}) {
    const int32_t t = writer_.AddActivation(std::move(name), type,
                                            std::move(shape), std::move(q));
    inputs_.push_back(t);
    return t;
  }
  // A graph output.
  int32_t Output(std::string name, tflite::TensorType type,
                 std::vector<int32_t> shape, Quantization q = {}) {
    const int32_t t = writer_.AddActivation(std::move(name), type,
                                            std::move(shape), std::move(q));
    outputs_.push_back(t);
    return t;
  }
  // An intermediate activation between two ops.
  int32_t Temp(std::string name, tflite::TensorType type,
               std::vector<int32_t> shape, Quantization q = {}) {
    return writer_.AddActivation(std::move(name), type, std::move(shape),
                                 std::move(q));
  }
  template <typename T>
  int32_t Const(std::string name, std::vector<int32_t> shape,
                const std::vector<T>& values, Quantization q = {}) {
    return writer_.AddConst<T>(std::move(name), std::move(shape), values,
                               std::move(q));
  }
  int32_t Op(BuiltinOp op, std::vector<int32_t> ins, std::vector<int32_t> outs,
             host::OptionsBuilder options = {}, int32_t version = 1) {
    return writer_.AddOperator(op, std::move(ins), std::move(outs),
                               std::move(options), version);
  }
  // Overrides the declared graph inputs/outputs (e.g. an op output that is
  // also read by a later op).
  void SetGraphInputs(std::vector<int32_t> t) { inputs_ = std::move(t); }
  void SetGraphOutputs(std::vector<int32_t> t) { outputs_ = std::move(t); }

  // Serializes, loads and prepares. Returns the first failing status; the
  // message is in message(). `arena_bytes` 0 means a generous arena.
  Status Prepare(size_t arena_bytes = 0) {
    writer_.SetInputs(inputs_);
    writer_.SetOutputs(outputs_);
    const std::vector<uint8_t> bytes = writer_.Finish();
    model_bytes_ = host::AlignedBytes(bytes.size());
    std::memcpy(model_bytes_.data(), bytes.data(), bytes.size());
    load_status_ = Model::Load(model_bytes_.data(), model_bytes_.size(),
                               &model_, &load_errors_);
    if (load_status_ != Status::kOk) return load_status_;
    if (resolver_.size() == 0) {
      const Status s = RegisterAllOps(&resolver_);
      if (s != Status::kOk) return s;
    }
    const size_t size = arena_bytes == 0 ? kDefaultArena : arena_bytes;
    arena_ = host::AlignedBytes(size + 16);
    interp_ = std::make_unique<Interpreter>(model_, resolver_, arena_.data(),
                                            size);
    return interp_->Prepare();
  }

  bool loaded() const { return load_status_ == Status::kOk; }
  Status load_status() const { return load_status_; }
  // The message of whichever stage failed (load, then prepare/invoke).
  std::string message() const {
    if (load_status_ != Status::kOk) return load_errors_.message();
    return interp_ ? interp_->errors().message() : std::string();
  }
  Interpreter& interp() { return *interp_; }

  template <typename T>
  void SetInput(int i, const std::vector<T>& values) {
    ASSERT_NE(interp_, nullptr);
    EvalTensor* t = interp_->input(i);
    ASSERT_NE(t, nullptr) << "no input " << i;
    ASSERT_EQ(values.size() * sizeof(T), interp_->input_bytes(i))
        << "input " << i << " size";
    if (!values.empty()) std::memcpy(t->data, values.data(), values.size() * sizeof(T));
  }

  Status Invoke() { return interp_->Invoke(); }

  template <typename T>
  std::vector<T> GetOutput(int i) {
    EvalTensor* t = interp_->output(i);
    const size_t bytes = interp_->output_bytes(i);
    std::vector<T> out(bytes / sizeof(T));
    if (t != nullptr && bytes > 0) std::memcpy(out.data(), t->data, bytes);
    return out;
  }

  // Sets input 0, invokes and returns output 0: the common single-op case.
  template <typename TIn, typename TOut = TIn>
  std::vector<TOut> Run(const std::vector<TIn>& input) {
    SetInput<TIn>(0, input);
    const Status s = Invoke();
    EXPECT_EQ(s, Status::kOk) << message();
    if (s != Status::kOk) return {};
    return GetOutput<TOut>(0);
  }

 private:
  static constexpr size_t kDefaultArena = 1 << 20;

  host::ModelWriter writer_;
  std::vector<int32_t> inputs_;
  std::vector<int32_t> outputs_;
  host::AlignedBytes model_bytes_;
  Model model_;
  ErrorReporter load_errors_;
  Status load_status_ = Status::kInvalidArgument;
  MutableOpResolver<kNumBuiltinOps> resolver_;
  host::AlignedBytes arena_;
  std::unique_ptr<Interpreter> interp_;
};

// The model loads, Prepare fails with `status` and the message contains
// `substring`; a later Invoke is refused (never runs a half-prepared op).
inline testing::AssertionResult PrepareFails(OpTester& t, Status status,
                                             const std::string& substring) {
  const Status got = t.Prepare();
  if (!t.loaded()) {
    return testing::AssertionFailure()
           << "the model did not load: " << StatusName(t.load_status()) << ": "
           << t.message();
  }
  if (got != status) {
    return testing::AssertionFailure()
           << "Prepare returned " << StatusName(got) << ", expected "
           << StatusName(status) << " (message: '" << t.message() << "')";
  }
  if (t.message().find(substring) == std::string::npos) {
    return testing::AssertionFailure()
           << "message '" << t.message() << "' does not contain '"
           << substring << "'";
  }
  if (t.interp().Invoke() == Status::kOk) {
    return testing::AssertionFailure() << "Invoke succeeded after a failed Prepare";
  }
  return testing::AssertionSuccess();
}

// A valid model of one weighted op: input x, constant weights w, bias b ->
// output y (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED). Each rejection
// test breaks one thing of it; the op's test adds the tensors in its
// constructor.
class WeightedOpModel {
 public:
  OpTester t;
  int32_t x = -1, w = -1, b = -1, y = -1;

  // Adds the op on `ins` -> y, with the model's options unless given others.
  void Op(std::vector<int32_t> ins) { Op(std::move(ins), options_); }
  void Op(std::vector<int32_t> ins, host::OptionsBuilder options) {
    t.Op(op_, std::move(ins), {y}, std::move(options), version_);
  }

 protected:
  WeightedOpModel(BuiltinOp op, host::OptionsBuilder options, int32_t version)
      : op_(op), options_(std::move(options)), version_(version) {}

 private:
  BuiltinOp op_;
  host::OptionsBuilder options_;
  int32_t version_;
};

// The unbroken model (x, w, b) prepares and invokes.
inline testing::AssertionResult PreparesAndInvokes(WeightedOpModel& m) {
  m.Op({m.x, m.w, m.b});
  Status s = m.t.Prepare();
  if (s != Status::kOk) {
    return testing::AssertionFailure()
           << "Prepare returned " << StatusName(s) << ": " << m.t.message();
  }
  s = m.t.Invoke();
  if (s != Status::kOk) {
    return testing::AssertionFailure()
           << "Invoke returned " << StatusName(s) << ": " << m.t.message();
  }
  return testing::AssertionSuccess();
}

// --- reference arithmetic (the test's own, in double) ----------------------

// TFLite's rounding: half away from zero.
inline int32_t QuantizeOne(double real, double scale, int32_t zero_point,
                           int32_t qmin = -128, int32_t qmax = 127) {
  const double q = std::round(real / scale) + zero_point;
  return static_cast<int32_t>(std::clamp(q, static_cast<double>(qmin), static_cast<double>(qmax)));
}

inline std::vector<int8_t> QuantizeAll(const std::vector<double>& real,
                                       double scale, int32_t zero_point) {
  std::vector<int8_t> q(real.size());
  for (size_t i = 0; i < real.size(); ++i) {
    q[i] = static_cast<int8_t>(QuantizeOne(real[i], scale, zero_point));
  }
  return q;
}

inline std::vector<double> DequantizeAll(const std::vector<int8_t>& q,
                                         double scale, int32_t zero_point) {
  std::vector<double> r(q.size());
  for (size_t i = 0; i < q.size(); ++i) r[i] = scale * (q[i] - zero_point);
  return r;
}

inline std::vector<double> ToDouble(const std::vector<float>& v) {
  return std::vector<double>(v.begin(), v.end());
}

// Every element within `lsb` of the expectation; names the first mismatch.
inline testing::AssertionResult WithinLsb(const std::vector<int8_t>& got,
                                          const std::vector<int8_t>& want,
                                          int lsb = 1) {
  if (got.size() != want.size()) {
    return testing::AssertionFailure()
           << "size " << got.size() << " != " << want.size();
  }
  for (size_t i = 0; i < got.size(); ++i) {
    if (std::abs(int{got[i]} - int{want[i]}) > lsb) {
      return testing::AssertionFailure()
             << "element " << i << ": got " << int{got[i]} << ", want "
             << int{want[i]} << " (+-" << lsb << ")";
    }
  }
  return testing::AssertionSuccess();
}

// Floats equal to within a relative/absolute tolerance.
inline testing::AssertionResult NearAll(const std::vector<float>& got,
                                        const std::vector<double>& want,
                                        double tolerance = 1e-5) {
  if (got.size() != want.size()) {
    return testing::AssertionFailure()
           << "size " << got.size() << " != " << want.size();
  }
  for (size_t i = 0; i < got.size(); ++i) {
    if (double{got[i]} == want[i] || (std::isnan(got[i]) && std::isnan(want[i]))) continue;
    const double tol = tolerance * std::max(1.0, std::fabs(want[i]));
    if (!(std::fabs(double{got[i]} - want[i]) <= tol)) {
      return testing::AssertionFailure()
             << "element " << i << ": got " << got[i] << ", want " << want[i];
    }
  }
  return testing::AssertionSuccess();
}

// Clamp of a fused activation in real numbers.
inline double ApplyActivation(double x, tflite::ActivationFunctionType a) {
  switch (a) {
    case tflite::ActivationFunctionType_RELU:
      return std::max(0.0, x);
    case tflite::ActivationFunctionType_RELU_N1_TO_1:
      return std::clamp(x, -1.0, 1.0);
    case tflite::ActivationFunctionType_RELU6:
      return std::clamp(x, 0.0, 6.0);
    default:
      return x;
  }
}

// Row-major strides of a shape.
inline std::vector<int64_t> Strides(const std::vector<int32_t>& shape) {
  std::vector<int64_t> s(shape.size(), 1);
  for (int i = static_cast<int>(shape.size()) - 2; i >= 0; --i) {
    s[i] = s[i + 1] * shape[i + 1];
  }
  return s;
}

inline int64_t Count(const std::vector<int32_t>& shape) {
  int64_t n = 1;
  for (int32_t d : shape) n *= d;
  return n;
}

// Output size and leading padding of one spatial axis, TFLite's formulas
// (ComputeOutSize, ComputePaddingHeightWidth), recomputed here.
struct AxisRef {
  int32_t out = 0;
  int32_t pad = 0;
};
inline AxisRef ConvAxisRef(tflite::Padding padding, int32_t in, int32_t filter,
                           int32_t stride, int32_t dilation = 1) {
  const int32_t effective = (filter - 1) * dilation + 1;
  AxisRef a;
  a.out = padding == tflite::Padding_SAME ? (in + stride - 1) / stride
                                          : (in - effective + stride) / stride;
  a.pad = std::max(((a.out - 1) * stride + effective - in) / 2, 0);
  return a;
}

// Per-tensor int8 parameters covering the real values (with 0 included).
inline host::AffineParams RangeParams(const std::vector<double>& real) {
  double lo = 0.0;
  double hi = 0.0;
  for (double v : real) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  if (lo == hi) hi = 1.0;
  return host::ChooseQuantParams(lo, hi);
}

// NumPy broadcasting of shapes `a` and `b`: the output shape, and for each
// output element (row-major) the flat index read from each input.
struct Broadcast {
  std::vector<int32_t> shape;
  std::vector<int64_t> index_a;
  std::vector<int64_t> index_b;
};
inline Broadcast BroadcastRef(const std::vector<int32_t>& a, const std::vector<int32_t>& b) {
  const size_t rank = std::max(a.size(), b.size());
  std::vector<int32_t> pa(rank - a.size(), 1), pb(rank - b.size(), 1);
  pa.insert(pa.end(), a.begin(), a.end());
  pb.insert(pb.end(), b.begin(), b.end());
  Broadcast r;
  for (size_t d = 0; d < rank; ++d) r.shape.push_back(std::max(pa[d], pb[d]));
  const std::vector<int64_t> sa = Strides(pa), sb = Strides(pb);
  const int64_t n = Count(r.shape);
  std::vector<int64_t> idx(rank, 0);
  for (int64_t i = 0; i < n; ++i) {
    int64_t ia = 0, ib = 0;
    for (size_t d = 0; d < rank; ++d) {
      if (pa[d] != 1) ia += idx[d] * sa[d];
      if (pb[d] != 1) ib += idx[d] * sb[d];
    }
    r.index_a.push_back(ia);
    r.index_b.push_back(ib);
    for (int d = static_cast<int>(rank) - 1; d >= 0; --d) {
      if (++idx[d] < r.shape[d]) break;
      idx[d] = 0;
    }
  }
  return r;
}

// --- ADD / SUB / MUL: one binary op with broadcasting ----------------------

struct BinaryCase {
  BuiltinOp op = BuiltinOp::kAdd;
  int32_t version = 1;
  host::OptionsBuilder options;
  std::vector<int32_t> a;
  std::vector<int32_t> b;
  tflite::ActivationFunctionType act = tflite::ActivationFunctionType_NONE;
};

// Float32: `fn` in double on the float inputs, then the activation.
template <typename Fn>
void RunBinaryF32(const BinaryCase& c, Fn fn, uint32_t seed) {
  host::Rng rng(seed);
  const std::vector<float> a = rng.Uniform(Count(c.a), -4.0f, 4.0f);
  const std::vector<float> b = rng.Uniform(Count(c.b), -4.0f, 4.0f);
  const Broadcast bc = BroadcastRef(c.a, c.b);
  OpTester t;
  t.Input("a", kF32, c.a);
  t.Input("b", kF32, c.b);
  t.Output("y", kF32, bc.shape);
  t.Op(c.op, {0, 1}, {2}, c.options, c.version);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<float>(0, a);
  t.SetInput<float>(1, b);
  ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
  std::vector<double> want;
  for (size_t i = 0; i < bc.index_a.size(); ++i) {
    want.push_back(ApplyActivation(fn(double{a[bc.index_a[i]]}, double{b[bc.index_b[i]]}), c.act));
  }
  EXPECT_TRUE(NearAll(t.GetOutput<float>(0), want));
}

// int8 with the given input quantizations; the output quantization covers
// the real results. Within 1 LSB of quantize(activation(fn(real inputs))).
template <typename Fn>
void RunBinaryS8(const BinaryCase& c, Fn fn, uint32_t seed, float sa, int32_t za, float sb,
                 int32_t zb) {
  host::Rng rng(seed);
  const std::vector<int8_t> a = rng.UniformS8(Count(c.a));
  const std::vector<int8_t> b = rng.UniformS8(Count(c.b));
  const Broadcast bc = BroadcastRef(c.a, c.b);
  const std::vector<double> ra = DequantizeAll(a, sa, za), rb = DequantizeAll(b, sb, zb);
  std::vector<double> real;
  for (size_t i = 0; i < bc.index_a.size(); ++i) real.push_back(fn(ra[bc.index_a[i]], rb[bc.index_b[i]]));
  const host::AffineParams out = RangeParams(real);
  OpTester t;
  t.Input("a", kS8, c.a, Q(sa, za));
  t.Input("b", kS8, c.b, Q(sb, zb));
  t.Output("y", kS8, bc.shape, Q(out.scale, out.zero_point));
  t.Op(c.op, {0, 1}, {2}, c.options, c.version);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<int8_t>(0, a);
  t.SetInput<int8_t>(1, b);
  ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
  std::vector<int8_t> want;
  for (double v : real) want.push_back(static_cast<int8_t>(QuantizeOne(ApplyActivation(v, c.act), out.scale, out.zero_point)));
  EXPECT_TRUE(WithinLsb(t.GetOutput<int8_t>(0), want));
}

// int32: exact integer results (fn and the clamp in int64).
template <typename Fn>
void RunBinaryS32(const BinaryCase& c, Fn fn, uint32_t seed, int64_t lo = INT32_MIN, int64_t hi = INT32_MAX) {
  host::Rng rng(seed);
  const std::vector<int32_t> a = rng.UniformS32(Count(c.a), -40000, 40000);
  const std::vector<int32_t> b = rng.UniformS32(Count(c.b), -40000, 40000);
  const Broadcast bc = BroadcastRef(c.a, c.b);
  OpTester t;
  t.Input("a", kS32, c.a);
  t.Input("b", kS32, c.b);
  t.Output("y", kS32, bc.shape);
  t.Op(c.op, {0, 1}, {2}, c.options, c.version);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<int32_t>(0, a);
  t.SetInput<int32_t>(1, b);
  ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
  std::vector<int32_t> want;
  for (size_t i = 0; i < bc.index_a.size(); ++i) {
    const int64_t v = fn(int64_t{a[bc.index_a[i]]}, int64_t{b[bc.index_b[i]]});
    want.push_back(static_cast<int32_t>(std::clamp(v, lo, hi)));
  }
  EXPECT_EQ(t.GetOutput<int32_t>(0), want);
}

// Shapes that broadcast, from equal to rank 6 with ones on either side.
inline std::vector<std::pair<std::vector<int32_t>, std::vector<int32_t>>> BroadcastShapePairs() {
  return {
      {{2, 3}, {2, 3}},
      {{2, 3, 4}, {4}},
      {{4}, {2, 3, 4}},
      {{2, 1, 4}, {1, 3, 1}},
      {{}, {2, 3}},
      {{2, 3}, {}},
      {{1}, {5}},
      {{3, 1}, {1, 1, 4}},
      {{1, 2, 3, 4}, {1, 2, 1, 4}},
      {{2, 1, 2, 1, 3}, {1, 2, 1, 2, 1}},
      {{2, 1, 2, 1, 2, 1}, {1, 2, 1, 2, 1, 2}},
  };
}

// --- elementwise activations: one input, one output -----------------------

inline std::vector<int8_t> AllInt8Values() {
  std::vector<int8_t> v;
  for (int q = -128; q <= 127; ++q) v.push_back(static_cast<int8_t>(q));
  return v;
}

// Runs every int8 value through `op` (shape [2, 128]) and compares with
// quantize(fn(dequantize(x))) within `lsb`.
template <typename Fn>
void RunUnaryS8(BuiltinOp op, host::OptionsBuilder options, float in_scale, int32_t in_zp, float out_scale,
                int32_t out_zp, Fn fn, int lsb = 1) {
  OpTester t;
  t.Input("x", kS8, {2, 128}, Q(in_scale, in_zp));
  t.Output("y", kS8, {2, 128}, Q(out_scale, out_zp));
  t.Op(op, {0}, {1}, std::move(options));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<int8_t> in = AllInt8Values();
  std::vector<double> real;
  for (double x : DequantizeAll(in, in_scale, in_zp)) real.push_back(fn(x));
  EXPECT_TRUE(WithinLsb(t.Run<int8_t>(in), QuantizeAll(real, out_scale, out_zp), lsb))
      << "scales " << in_scale << " (zp " << in_zp << ") -> " << out_scale << " (zp " << out_zp << ")";
}

// `shape` empty: [1, in.size()].
template <typename Fn>
void RunUnaryF32(BuiltinOp op, host::OptionsBuilder options, std::vector<int32_t> shape,
                 const std::vector<float>& in, Fn fn, double tolerance = 1e-6) {
  if (shape.empty()) shape = {1, static_cast<int32_t>(in.size())};
  OpTester t;
  t.Input("x", kF32, shape);
  t.Output("y", kF32, shape);
  t.Op(op, {0}, {1}, std::move(options));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  std::vector<double> want;
  for (float x : in) want.push_back(fn(double{x}));
  EXPECT_TRUE(NearAll(t.Run<float>(in), want, tolerance));
}

// A float sweep including 0, both signs, large magnitudes and infinities
// (where the function has a limit).
inline std::vector<float> FloatSweep(bool with_infinities = true) {
  std::vector<float> v;
  for (int i = -40; i <= 40; ++i) v.push_back(i * 0.25f);
  v.insert(v.end(), {-1000.0f, 1000.0f, -1e-7f, 1e-7f, 0.0f});
  if (with_infinities) {
    v.push_back(std::numeric_limits<float>::infinity());
    v.push_back(-std::numeric_limits<float>::infinity());
  }
  return v;
}

// A single-activation model for rejection tests: x -> op -> y.
struct UnaryModel {
  OpTester t;
  int32_t x, y;
  UnaryModel(tflite::TensorType type, Quantization in_q, Quantization out_q, std::vector<int32_t> shape = {2, 3}) {
    x = t.Input("x", type, shape, std::move(in_q));
    y = t.Output("y", type, std::move(shape), std::move(out_q));
  }
  void Op(BuiltinOp op, host::OptionsBuilder options = {}) { t.Op(op, {x}, {y}, std::move(options)); }
};

// The rejections every activation shares: int16, type mismatch, shape
// mismatch, missing quantization, two inputs, two outputs. `good_out` is a
// valid int8 output quantization for the op.
inline void ExpectCommonUnaryRejections(BuiltinOp op, host::OptionsBuilder options, Quantization good_out) {
  {
    UnaryModel m(kS16, Q(0.1f, 0), Q(0.1f, 0));
    m.Op(op, options);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': expected int8 or float32, got int16"));
  }
  {
    UnaryModel m(kS8, Q(0.1f, 0), good_out);
    m.t.writer().tensor(m.y).type = kF32;
    m.t.writer().tensor(m.y).quant = {};
    m.Op(op, options);
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': expected int8 like the input, got float32"));
  }
  {
    UnaryModel m(kS8, Q(0.1f, 0), good_out);
    m.t.writer().tensor(m.y).type = kS16;
    m.Op(op, options);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "output 'y': int16 is not supported"));
  }
  {
    UnaryModel m(kU8, Q(0.1f, 0), good_out);
    m.Op(op, options);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "got uint8"));
  }
  {
    UnaryModel m(kF32, {}, {});
    m.t.writer().tensor(m.y).shape = {3, 2};
    m.Op(op, options);
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': shape differs from input 'x'"));
  }
  {
    UnaryModel m(kS8, {}, good_out);
    m.Op(op, options);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': int8 needs per-tensor quantization (1 scale), got 0"));
  }
  {
    UnaryModel m(kS8, Q(0.1f, 0), {});
    m.Op(op, options);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "output 'y': int8 needs per-tensor quantization (1 scale), got 0"));
  }
  {
    UnaryModel m(kS8, Quantization::PerChannel({0.1f, 0.2f}, 0), good_out);
    m.Op(op, options);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': int8 needs per-tensor quantization (1 scale), got 2"));
  }
  {
    UnaryModel m(kS8, Q(0.1f, -129), good_out);
    m.Op(op, options);
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': int8 zero point -129 is outside [-128, 127]"));
  }
  {
    UnaryModel m(kS8, Q(0.0f, 0), good_out);
    m.Op(op, options);
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': scale must be positive and finite, got 0"));
  }
  {
    UnaryModel m(kF32, {}, {});
    const int32_t x2 = m.t.Input("x2", kF32, {2, 3});
    m.t.Op(op, {m.x, x2}, {m.y}, options);
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 1 input, got 2"));
  }
  {
    UnaryModel m(kF32, {}, {});
    const int32_t y2 = m.t.Output("y2", kF32, {2, 3});
    m.t.Op(op, {m.x}, {m.y, y2}, options);
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 1 output, got 2"));
  }
}

// Activations on empty tensors ([2, 0] and [0, 3]): no elements, so Prepare
// and Invoke succeed and nothing is read or written (ASan/UBSan watch).
inline void ExpectZeroSizeRuns(BuiltinOp op, host::OptionsBuilder options, Quantization out_q) {
  for (const std::vector<int32_t>& shape : {std::vector<int32_t>{2, 0}, std::vector<int32_t>{0, 3}}) {
    for (tflite::TensorType type : {kS8, kF32}) {
      OpTester t;
      t.Input("x", type, shape, type == kS8 ? Q(0.1f, 0) : Quantization{});
      t.Output("y", type, shape, type == kS8 ? out_q : Quantization{});
      t.Op(op, {0}, {1}, options);
      ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
      EXPECT_EQ(t.Invoke(), Status::kOk) << t.message();
      EXPECT_EQ(t.interp().output_bytes(0), 0u);
    }
  }
}

}  // namespace mote::optest

#endif  // MOTE_TESTS_OPS_OP_TEST_UTIL_H_
