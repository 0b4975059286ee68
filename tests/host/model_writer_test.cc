// ModelWriter output is a valid TFLite flatbuffer whose fields read back as
// written; the quantization helpers follow TFLite's conventions; the demo
// model is well formed and reproducible.
#include "host/model_writer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "host/demo_model.h"
#include "mote/model.h"

namespace mote::host {
namespace {

// The model bytes copied into 16-byte aligned storage, verified.
class Loaded {
 public:
  explicit Loaded(const std::vector<uint8_t>& bytes) : storage_(bytes.size() / 16 + 1) {
    std::memcpy(storage_.data(), bytes.data(), bytes.size());
    size_ = bytes.size();
    flatbuffers::Verifier verifier(data(), size_);
    verified_ = tflite::VerifyModelBuffer(verifier);
  }
  const uint8_t* data() const { return reinterpret_cast<const uint8_t*>(storage_.data()); }
  size_t size() const { return size_; }
  bool verified() const { return verified_; }
  const tflite::Model* model() const { return tflite::GetModel(data()); }
  const tflite::SubGraph* subgraph() const { return model()->subgraphs()->Get(0); }
  const tflite::Tensor* tensor(int i) const { return subgraph()->tensors()->Get(i); }
  const tflite::Operator* op(int i) const { return subgraph()->operators()->Get(i); }
  const tflite::OperatorCode* code_of(int op_index) const {
    return model()->operator_codes()->Get(op(op_index)->opcode_index());
  }
  const flatbuffers::Vector<uint8_t>* buffer_of(int tensor_index) const {
    return model()->buffers()->Get(tensor(tensor_index)->buffer())->data();
  }

 private:
  struct alignas(16) Block {
    uint8_t bytes[16];
  };
  std::vector<Block> storage_;
  size_t size_ = 0;
  bool verified_ = false;
};

template <typename T>
std::vector<T> ToStd(const flatbuffers::Vector<T>* v) {
  return v ? std::vector<T>(v->begin(), v->end()) : std::vector<T>{};
}

// in [1,5,5,2] -> CONV_2D(3 filters 3x3, per-channel) -> out [1,3,3,3]
ModelWriter ConvModel() {
  ModelWriter w;
  const int32_t in = w.AddActivation("in", tflite::TensorType_INT8, {1, 5, 5, 2},
                                     Quantization::PerTensor(0.5f, -3));
  Rng rng(7);
  const std::vector<float> wf = rng.Uniform(3 * 3 * 3 * 2, -1.0f, 1.0f);
  const QuantizedWeights wq = QuantizePerChannelS8(wf, {3, 3, 3, 2}, 0);
  const QuantizedBias bq = QuantizeBiasS32({0.5f, -0.25f, 1.0f}, 0.5f, wq.scales);
  const int32_t filter = w.AddConst("filter", {3, 3, 3, 2}, wq.values, wq.quant());
  const int32_t bias = w.AddConst("bias", {3}, bq.values, bq.quant());
  const int32_t out = w.AddActivation("out", tflite::TensorType_INT8, {1, 3, 3, 3},
                                      Quantization::PerTensor(0.25f, 10));
  w.AddOperator(BuiltinOp::kConv2D, {in, filter, bias}, {out},
                Conv2DOptions(tflite::Padding_VALID, 2, 1, tflite::ActivationFunctionType_RELU6,
                              1, 2),
                /*version=*/3);
  w.SetInputs({in});
  w.SetOutputs({out});
  return w;
}

TEST(ModelWriter, WritesAVerifiableSingleOpModel) {
  const ModelWriter w = ConvModel();
  const std::vector<uint8_t> bytes = w.Finish();
  Loaded m(bytes);
  ASSERT_TRUE(m.verified());
  EXPECT_TRUE(tflite::ModelBufferHasIdentifier(m.data()));
  EXPECT_EQ(std::memcmp(m.data() + 4, "TFL3", 4), 0);
  EXPECT_EQ(m.model()->version(), 3u);
  EXPECT_EQ(m.model()->description()->str(), "mote ModelWriter");
  ASSERT_EQ(m.model()->subgraphs()->size(), 1u);
  EXPECT_EQ(m.subgraph()->name()->str(), "main");

  // Buffer 0 is the empty sentinel; activations point at it.
  ASSERT_EQ(m.model()->buffers()->size(), 3u);
  EXPECT_EQ(m.model()->buffers()->Get(0)->data(), nullptr);
  EXPECT_EQ(m.tensor(0)->buffer(), 0u);
  EXPECT_EQ(m.tensor(1)->buffer(), 1u);
  EXPECT_EQ(m.tensor(2)->buffer(), 2u);
  EXPECT_EQ(m.tensor(3)->buffer(), 0u);

  ASSERT_EQ(m.subgraph()->tensors()->size(), 4u);
  EXPECT_EQ(m.tensor(0)->name()->str(), "in");
  EXPECT_EQ(m.tensor(1)->name()->str(), "filter");
  EXPECT_EQ(ToStd(m.tensor(0)->shape()), (std::vector<int32_t>{1, 5, 5, 2}));
  EXPECT_EQ(ToStd(m.tensor(1)->shape()), (std::vector<int32_t>{3, 3, 3, 2}));
  EXPECT_EQ(m.tensor(0)->type(), tflite::TensorType_INT8);
  EXPECT_EQ(m.tensor(2)->type(), tflite::TensorType_INT32);
  EXPECT_TRUE(m.tensor(0)->has_rank());
  EXPECT_FALSE(m.tensor(0)->is_variable());

  EXPECT_EQ(ToStd(m.subgraph()->inputs()), (std::vector<int32_t>{0}));
  EXPECT_EQ(ToStd(m.subgraph()->outputs()), (std::vector<int32_t>{3}));
  ASSERT_EQ(m.subgraph()->operators()->size(), 1u);
  EXPECT_EQ(ToStd(m.op(0)->inputs()), (std::vector<int32_t>{0, 1, 2}));
  EXPECT_EQ(ToStd(m.op(0)->outputs()), (std::vector<int32_t>{3}));
  ASSERT_EQ(m.model()->operator_codes()->size(), 1u);
  EXPECT_EQ(m.code_of(0)->builtin_code(), 3);
  EXPECT_EQ(m.code_of(0)->deprecated_builtin_code(), 3);
  EXPECT_EQ(m.code_of(0)->version(), 3);
  EXPECT_EQ(m.code_of(0)->custom_code(), nullptr);

  const tflite::Conv2DOptions* opt = m.op(0)->builtin_options_as_Conv2DOptions();
  ASSERT_NE(opt, nullptr);
  EXPECT_EQ(opt->padding(), tflite::Padding_VALID);
  EXPECT_EQ(opt->stride_w(), 2);
  EXPECT_EQ(opt->stride_h(), 1);
  EXPECT_EQ(opt->fused_activation_function(), tflite::ActivationFunctionType_RELU6);
  EXPECT_EQ(opt->dilation_w_factor(), 1);
  EXPECT_EQ(opt->dilation_h_factor(), 2);
}

TEST(ModelWriter, QuantizationAndDataReadBack) {
  const ModelWriter w = ConvModel();
  Loaded m(w.Finish());
  ASSERT_TRUE(m.verified());

  const tflite::QuantizationParameters* in_q = m.tensor(0)->quantization();
  ASSERT_NE(in_q, nullptr);
  EXPECT_EQ(ToStd(in_q->scale()), (std::vector<float>{0.5f}));
  EXPECT_EQ(ToStd(in_q->zero_point()), (std::vector<int64_t>{-3}));
  EXPECT_EQ(in_q->min(), nullptr);

  // The written per-channel parameters equal what the helper computed.
  Rng rng(7);
  const QuantizedWeights wq =
      QuantizePerChannelS8(rng.Uniform(3 * 3 * 3 * 2, -1.0f, 1.0f), {3, 3, 3, 2}, 0);
  const tflite::QuantizationParameters* f_q = m.tensor(1)->quantization();
  ASSERT_NE(f_q, nullptr);
  EXPECT_EQ(ToStd(f_q->scale()), wq.scales);
  EXPECT_EQ(ToStd(f_q->zero_point()), (std::vector<int64_t>{0, 0, 0}));
  EXPECT_EQ(f_q->quantized_dimension(), 0);
  const auto* f_data = m.buffer_of(1);
  ASSERT_NE(f_data, nullptr);
  ASSERT_EQ(f_data->size(), wq.values.size());
  EXPECT_EQ(std::memcmp(f_data->data(), wq.values.data(), wq.values.size()), 0);

  const tflite::QuantizationParameters* b_q = m.tensor(2)->quantization();
  ASSERT_EQ(b_q->scale()->size(), 3u);
  for (int c = 0; c < 3; ++c) EXPECT_EQ(b_q->scale()->Get(c), 0.5f * wq.scales[c]);
  const auto* b_data = m.buffer_of(2);
  ASSERT_EQ(b_data->size(), 12u);
  int32_t b0 = 0;
  std::memcpy(&b0, b_data->data(), 4);
  EXPECT_EQ(b0, static_cast<int32_t>(std::round(0.5f / (0.5f * wq.scales[0]))));
}

TEST(ModelWriter, ConstantDataIsSixteenByteAligned) {
  ModelWriter w;
  // Odd sizes so that unaligned placement would show.
  const int32_t a = w.AddConst<int8_t>("a", {3}, {1, 2, 3});
  const int32_t b = w.AddConst<int16_t>("b", {1}, {-2});
  const int32_t c = w.AddConst<float>("c", {5}, {1, 2, 3, 4, 5});
  const int32_t d = w.AddConst<int64_t>("d", {1}, {INT64_MIN});
  const int32_t out = w.AddActivation("out", tflite::TensorType_INT8, {3});
  w.AddOperator(BuiltinOp::kAdd, {a, b, c, d}, {out});
  w.SetOutputs({out});
  const std::vector<uint8_t> bytes = w.Finish();
  EXPECT_EQ(bytes.size() % 16, 0u);
  Loaded m(bytes);
  ASSERT_TRUE(m.verified());
  ASSERT_TRUE(IsAligned16(m.data()));
  for (int t : {a, b, c, d}) {
    ASSERT_NE(m.buffer_of(t), nullptr);
    EXPECT_TRUE(IsAligned16(m.buffer_of(t)->data())) << "tensor " << t;
  }
  // A model without any constant is padded to 16 too.
  ModelWriter empty;
  empty.AddActivation("x", tflite::TensorType_INT8, {1});
  EXPECT_EQ(empty.Finish().size() % 16, 0u);
}

TEST(ModelWriter, EveryDtypeRoundTrips) {
  ModelWriter w;
  w.AddConst<int8_t>("i8", {2}, {-128, 127});
  w.AddConst<uint8_t>("u8", {2}, {0, 255});
  w.AddConst<int16_t>("i16", {2}, {-32768, 32767});
  w.AddConst<int32_t>("i32", {2}, {INT32_MIN, INT32_MAX});
  w.AddConst<int64_t>("i64", {2}, {INT64_MIN, INT64_MAX});
  w.AddConst<float>("f32", {1, 2}, {-0.5f, 3.0e38f});
  w.AddConst("bool", {3}, std::vector<bool>{true, false, true});
  w.AddConst<float>("scalar", {}, {7.0f});
  Loaded m(w.Finish());
  ASSERT_TRUE(m.verified());
  const tflite::TensorType types[] = {tflite::TensorType_INT8,  tflite::TensorType_UINT8,
                                      tflite::TensorType_INT16, tflite::TensorType_INT32,
                                      tflite::TensorType_INT64, tflite::TensorType_FLOAT32,
                                      tflite::TensorType_BOOL,  tflite::TensorType_FLOAT32};
  const size_t sizes[] = {2, 2, 4, 8, 16, 8, 3, 4};
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(m.tensor(i)->type(), types[i]) << i;
    ASSERT_NE(m.buffer_of(i), nullptr);
    EXPECT_EQ(m.buffer_of(i)->size(), sizes[i]) << i;
    EXPECT_EQ(m.tensor(i)->quantization(), nullptr);
  }
  int64_t i64[2];
  std::memcpy(i64, m.buffer_of(4)->data(), 16);
  EXPECT_EQ(i64[0], INT64_MIN);
  EXPECT_EQ(i64[1], INT64_MAX);
  float f32[2];
  std::memcpy(f32, m.buffer_of(5)->data(), 8);
  EXPECT_EQ(f32[1], 3.0e38f);
  EXPECT_EQ(ToStd(m.buffer_of(6)), (std::vector<uint8_t>{1, 0, 1}));
  EXPECT_EQ(m.tensor(7)->shape()->size(), 0u);
  EXPECT_EQ(m.tensor(7)->name()->str(), "scalar");
}

TEST(ModelWriter, OperatorCodesAreDeduplicatedAndLargeCodesClamped) {
  ModelWriter w;
  const int32_t x = w.AddActivation("x", tflite::TensorType_FLOAT32, {4});
  int32_t t[6];
  for (int i = 0; i < 6; ++i) {
    t[i] = w.AddActivation("t" + std::to_string(i), tflite::TensorType_FLOAT32, {4});
  }
  w.AddOperator(BuiltinOp::kAdd, {x, x}, {t[0]});
  w.AddOperator(BuiltinOp::kCumsum, {t[0]}, {t[1]});
  w.AddOperator(BuiltinOp::kAdd, {t[1], t[1]}, {t[2]});          // same code as op 0
  w.AddOperator(BuiltinOp::kAdd, {t[2], t[2]}, {t[3]}, {}, 2);   // new version: new code
  w.AddOperator(200, {t[3]}, {t[4]});                              // any int code
  w.AddCustomOperator("MyOp", {t[4], -1}, {t[5]}, {1, 2, 3});
  Loaded m(w.Finish());
  ASSERT_TRUE(m.verified());
  const auto* codes = m.model()->operator_codes();
  ASSERT_EQ(codes->size(), 5u);
  const std::vector<uint32_t> expected_index = {0, 1, 0, 2, 3, 4};
  for (int i = 0; i < 6; ++i) EXPECT_EQ(m.op(i)->opcode_index(), expected_index[i]) << i;
  EXPECT_EQ(codes->Get(0)->builtin_code(), 0);
  EXPECT_EQ(codes->Get(0)->version(), 1);
  // Codes above 127 keep the placeholder in the deprecated byte, as TFLite.
  EXPECT_EQ(codes->Get(1)->builtin_code(), 128);
  EXPECT_EQ(codes->Get(1)->deprecated_builtin_code(), 127);
  EXPECT_EQ(codes->Get(2)->version(), 2);
  EXPECT_EQ(codes->Get(3)->builtin_code(), 200);
  EXPECT_EQ(codes->Get(3)->deprecated_builtin_code(), 127);
  EXPECT_EQ(codes->Get(4)->builtin_code(), 32);
  EXPECT_EQ(codes->Get(4)->deprecated_builtin_code(), 32);
  ASSERT_NE(codes->Get(4)->custom_code(), nullptr);
  EXPECT_EQ(codes->Get(4)->custom_code()->str(), "MyOp");
  EXPECT_EQ(ToStd(m.op(5)->custom_options()), (std::vector<uint8_t>{1, 2, 3}));
  EXPECT_EQ(ToStd(m.op(5)->inputs()), (std::vector<int32_t>{5, -1}));
  EXPECT_EQ(m.op(0)->builtin_options_type(), tflite::BuiltinOptions_NONE);
}

TEST(ModelWriter, TypedOptionHelpersWriteTheirTables) {
  ModelWriter w;
  const int32_t x = w.AddActivation("x", tflite::TensorType_FLOAT32, {1, 4, 4, 2});
  auto add = [&](BuiltinOp op, OptionsBuilder options) {
    const int32_t y = w.AddActivation("y", tflite::TensorType_FLOAT32, {1});
    w.AddOperator(op, {x}, {y}, std::move(options));
  };
  using tflite::ActivationFunctionType_RELU;
  using tflite::ActivationFunctionType_TANH;
  add(BuiltinOp::kDepthwiseConv2D,
      DepthwiseConv2DOptions(tflite::Padding_SAME, 1, 2, 3, ActivationFunctionType_RELU, 4, 5));
  add(BuiltinOp::kFullyConnected, FullyConnectedOptions(ActivationFunctionType_TANH, true));
  add(BuiltinOp::kMaxPool2D, Pool2DOptions(tflite::Padding_VALID, 2, 3, 4, 5));
  add(BuiltinOp::kAdd, AddOptions(ActivationFunctionType_RELU));
  add(BuiltinOp::kSub, SubOptions(ActivationFunctionType_TANH));
  add(BuiltinOp::kMul, MulOptions(ActivationFunctionType_RELU));
  add(BuiltinOp::kSoftmax, SoftmaxOptions(0.5f));
  add(BuiltinOp::kConcatenation, ConcatenationOptions(-1));
  add(BuiltinOp::kReshape, ReshapeOptions({2, -1}));
  add(BuiltinOp::kStridedSlice, StridedSliceOptions(1, 2, 0, 0, 8, true));
  add(BuiltinOp::kLeakyRelu, LeakyReluOptions(0.125f));
  add(BuiltinOp::kMean, ReducerOptions(true));
  add(BuiltinOp::kSqueeze, SqueezeOptions({0, 2}));
  add(BuiltinOp::kGather, GatherOptions(1, 0));
  add(BuiltinOp::kPack, PackOptions(3, 1));
  add(BuiltinOp::kTransposeConv, TransposeConvOptions(tflite::Padding_SAME, 2, 2));
  add(BuiltinOp::kPad, MakeOptions([](flatbuffers::FlatBufferBuilder& fbb) {
        return tflite::CreatePadOptions(fbb);
      }));
  // The raw form: any lambda returning the tag and the table.
  add(BuiltinOp::kArgMax, [](flatbuffers::FlatBufferBuilder& fbb) {
    return std::make_pair(tflite::BuiltinOptions_ArgMaxOptions,
                          tflite::CreateArgMaxOptions(fbb, tflite::TensorType_INT64).Union());
  });
  Loaded m(w.Finish());
  ASSERT_TRUE(m.verified());
  int i = 0;
  const auto* dw = m.op(i++)->builtin_options_as_DepthwiseConv2DOptions();
  ASSERT_NE(dw, nullptr);
  EXPECT_EQ(dw->padding(), tflite::Padding_SAME);
  EXPECT_EQ(dw->stride_w(), 1);
  EXPECT_EQ(dw->stride_h(), 2);
  EXPECT_EQ(dw->depth_multiplier(), 3);
  EXPECT_EQ(dw->fused_activation_function(), ActivationFunctionType_RELU);
  EXPECT_EQ(dw->dilation_w_factor(), 4);
  EXPECT_EQ(dw->dilation_h_factor(), 5);
  const auto* fc = m.op(i++)->builtin_options_as_FullyConnectedOptions();
  ASSERT_NE(fc, nullptr);
  EXPECT_EQ(fc->fused_activation_function(), ActivationFunctionType_TANH);
  EXPECT_TRUE(fc->keep_num_dims());
  EXPECT_EQ(fc->weights_format(), tflite::FullyConnectedOptionsWeightsFormat_DEFAULT);
  const auto* pool = m.op(i++)->builtin_options_as_Pool2DOptions();
  ASSERT_NE(pool, nullptr);
  EXPECT_EQ(pool->padding(), tflite::Padding_VALID);
  EXPECT_EQ(pool->stride_w(), 2);
  EXPECT_EQ(pool->stride_h(), 3);
  EXPECT_EQ(pool->filter_width(), 4);
  EXPECT_EQ(pool->filter_height(), 5);
  EXPECT_EQ(m.op(i++)->builtin_options_as_AddOptions()->fused_activation_function(),
            ActivationFunctionType_RELU);
  EXPECT_EQ(m.op(i++)->builtin_options_as_SubOptions()->fused_activation_function(),
            ActivationFunctionType_TANH);
  EXPECT_EQ(m.op(i++)->builtin_options_as_MulOptions()->fused_activation_function(),
            ActivationFunctionType_RELU);
  EXPECT_EQ(m.op(i++)->builtin_options_as_SoftmaxOptions()->beta(), 0.5f);
  EXPECT_EQ(m.op(i++)->builtin_options_as_ConcatenationOptions()->axis(), -1);
  EXPECT_EQ(ToStd(m.op(i++)->builtin_options_as_ReshapeOptions()->new_shape()),
            (std::vector<int32_t>{2, -1}));
  const auto* ss = m.op(i++)->builtin_options_as_StridedSliceOptions();
  ASSERT_NE(ss, nullptr);
  EXPECT_EQ(ss->begin_mask(), 1);
  EXPECT_EQ(ss->end_mask(), 2);
  EXPECT_EQ(ss->shrink_axis_mask(), 8);
  EXPECT_TRUE(ss->offset());
  EXPECT_EQ(m.op(i++)->builtin_options_as_LeakyReluOptions()->alpha(), 0.125f);
  EXPECT_TRUE(m.op(i++)->builtin_options_as_ReducerOptions()->keep_dims());
  EXPECT_EQ(ToStd(m.op(i++)->builtin_options_as_SqueezeOptions()->squeeze_dims()),
            (std::vector<int32_t>{0, 2}));
  EXPECT_EQ(m.op(i++)->builtin_options_as_GatherOptions()->axis(), 1);
  EXPECT_EQ(m.op(i++)->builtin_options_as_PackOptions()->values_count(), 3);
  EXPECT_EQ(m.op(i++)->builtin_options_as_TransposeConvOptions()->stride_h(), 2);
  EXPECT_NE(m.op(i++)->builtin_options_as_PadOptions(), nullptr);
  EXPECT_EQ(m.op(i++)->builtin_options_as_ArgMaxOptions()->output_type(),
            tflite::TensorType_INT64);
}

TEST(ModelWriter, OptionalFieldsAndEdits) {
  ModelWriter w;
  TensorSpec var;
  var.name = "state";
  var.type = tflite::TensorType_INT16;
  var.shape = {1, 8};
  var.is_variable = true;
  var.shape_signature = {-1, 8};
  var.quant.scales = {0.1f};
  var.quant.zero_points = {0};
  var.quant.min = {-3.0f};
  var.quant.max = {3.0f};
  const int32_t s = w.AddTensor(var);
  const int32_t y = w.AddActivation("y", tflite::TensorType_INT16, {1, 8});
  w.AddOperator(BuiltinOp::kAdd, {s, s}, {y});
  w.SetInputs({});
  w.SetOutputs({y});
  w.SetDescription("desc");
  w.SetSubgraphName("sg");
  w.AddMetadata("min_runtime_version", {'1', '.', '0', 0});
  // Edits after the fact, e.g. to build a broken model for the reader.
  w.tensor(y).shape = {2, 8};
  w.op(0).inputs = {s};
  EXPECT_EQ(w.num_tensors(), 2);
  EXPECT_EQ(w.num_operators(), 1);
  EXPECT_EQ(w.num_buffers(), 2);
  EXPECT_THROW(w.tensor(5), std::out_of_range);

  Loaded m(w.Finish());
  ASSERT_TRUE(m.verified());
  EXPECT_TRUE(m.tensor(0)->is_variable());
  EXPECT_EQ(ToStd(m.tensor(0)->shape_signature()), (std::vector<int32_t>{-1, 8}));
  EXPECT_EQ(ToStd(m.tensor(0)->quantization()->min()), (std::vector<float>{-3.0f}));
  EXPECT_EQ(ToStd(m.tensor(0)->quantization()->max()), (std::vector<float>{3.0f}));
  EXPECT_EQ(m.tensor(1)->shape_signature(), nullptr);
  EXPECT_EQ(ToStd(m.tensor(1)->shape()), (std::vector<int32_t>{2, 8}));
  EXPECT_EQ(ToStd(m.op(0)->inputs()), (std::vector<int32_t>{0}));
  EXPECT_EQ(m.model()->description()->str(), "desc");
  EXPECT_EQ(m.subgraph()->name()->str(), "sg");
  ASSERT_NE(m.model()->metadata(), nullptr);
  ASSERT_EQ(m.model()->metadata()->size(), 1u);
  const tflite::Metadata* md = m.model()->metadata()->Get(0);
  EXPECT_EQ(md->name()->str(), "min_runtime_version");
  EXPECT_EQ(ToStd(m.model()->buffers()->Get(md->buffer())->data()),
            (std::vector<uint8_t>{'1', '.', '0', 0}));
  // Finish() does not consume the writer.
  EXPECT_EQ(w.Finish(), w.Finish());
}

TEST(ModelWriter, MisuseThrows) {
  ModelWriter w;
  EXPECT_THROW(w.AddConst<int8_t>("x", {2, 2}, {1, 2, 3}), std::invalid_argument);
  EXPECT_THROW(w.AddConst("b", {2}, std::vector<bool>{true}), std::invalid_argument);
  EXPECT_THROW(NumElements({2, -1}), std::invalid_argument);
  EXPECT_THROW(QuantizePerChannelS8({1, 2}, {2}, 1), std::invalid_argument);
  EXPECT_THROW(QuantizePerChannelS8({1, 2}, {3}, 0), std::invalid_argument);
  EXPECT_THROW(QuantizeBiasS32({1, 2, 3}, 1.0f, {1.0f, 2.0f}), std::invalid_argument);
  EXPECT_THROW(QuantizeBiasS32({1}, 0.0f, {1.0f}), std::invalid_argument);
  EXPECT_THROW(QuantizeS8({1}, 0.0f, 0), std::invalid_argument);
  EXPECT_THROW(ChooseQuantParams(1.0, -1.0), std::invalid_argument);
  EXPECT_EQ(w.num_tensors(), 0);
}

// --- quantization helpers --------------------------------------------------

TEST(QuantHelpers, PerChannelSymmetricInt8) {
  // Shape [2, 1, 1, 3]: channel 0 = {1, -0.5, 0.25}, channel 1 = {0, 0, 0}
  // along axis 0; along axis 3 the channels are the columns.
  const std::vector<float> w = {1.0f, -0.5f, 0.25f, 0.0f, 0.0f, 0.0f};
  const QuantizedWeights q0 = QuantizePerChannelS8(w, {2, 1, 1, 3}, 0);
  ASSERT_EQ(q0.scales.size(), 2u);
  EXPECT_FLOAT_EQ(q0.scales[0], 1.0f / 127.0f);
  EXPECT_EQ(q0.scales[1], 1.0f);  // all-zero channel: a harmless scale, not 0
  // -0.5 * 127 = -63.5 rounds away from zero; 0.25 * 127 = 31.75.
  EXPECT_EQ(q0.values, (std::vector<int8_t>{127, -64, 32, 0, 0, 0}));
  const Quantization quant = q0.quant();
  EXPECT_EQ(quant.quantized_dimension, 0);
  EXPECT_EQ(quant.zero_points, (std::vector<int64_t>{0, 0}));

  const QuantizedWeights q3 = QuantizePerChannelS8(w, {2, 1, 1, 3}, 3);
  ASSERT_EQ(q3.scales.size(), 3u);
  EXPECT_FLOAT_EQ(q3.scales[0], 1.0f / 127.0f);
  EXPECT_FLOAT_EQ(q3.scales[1], 0.5f / 127.0f);
  EXPECT_FLOAT_EQ(q3.scales[2], 0.25f / 127.0f);
  EXPECT_EQ(q3.values, (std::vector<int8_t>{127, -127, 127, 0, 0, 0}));
  EXPECT_EQ(q3.quant().quantized_dimension, 3);

  const QuantizedWeights pt = QuantizePerTensorS8({2.0f, -1.0f, 0.01f});
  ASSERT_EQ(pt.scales.size(), 1u);
  EXPECT_FLOAT_EQ(pt.scales[0], 2.0f / 127.0f);
  EXPECT_EQ(pt.values, (std::vector<int8_t>{127, -64, 1}));
}

TEST(QuantHelpers, BiasInt32) {
  const QuantizedBias b = QuantizeBiasS32({1.0f, -2.0f, 1e12f}, 0.5f, {0.01f, 0.02f, 0.01f});
  ASSERT_EQ(b.scales.size(), 3u);
  EXPECT_EQ(b.scales[0], 0.5f * 0.01f);
  EXPECT_EQ(b.values[0], 200);
  EXPECT_EQ(b.values[1], -200);
  EXPECT_EQ(b.values[2], std::numeric_limits<int32_t>::max());  // saturates
  EXPECT_EQ(b.quant().quantized_dimension, 0);
  EXPECT_EQ(b.quant().zero_points, (std::vector<int64_t>{0, 0, 0}));
  const QuantizedBias pt = QuantizeBiasS32({-1e12f, 0.3f}, 0.1f, {0.1f});
  ASSERT_EQ(pt.scales.size(), 1u);
  EXPECT_EQ(pt.values[0], -std::numeric_limits<int32_t>::max());
  EXPECT_EQ(pt.values[1], 30);
}

TEST(QuantHelpers, ChooseQuantParamsLikeTflite) {
  AffineParams p = ChooseQuantParams(0.0, 2.55);  // ReLU output
  EXPECT_FLOAT_EQ(p.scale, 0.01f);
  EXPECT_EQ(p.zero_point, -128);
  p = ChooseQuantParams(-1.0, 1.0);
  EXPECT_FLOAT_EQ(p.scale, 2.0f / 255.0f);
  EXPECT_EQ(p.zero_point, -1);  // -0.5 rounds away from zero
  p = ChooseQuantParams(-5.0, -1.0);  // widened to include 0
  EXPECT_FLOAT_EQ(p.scale, 5.0f / 255.0f);
  EXPECT_EQ(p.zero_point, 127);
  p = ChooseQuantParams(1.0, 3.0);
  EXPECT_FLOAT_EQ(p.scale, 3.0f / 255.0f);
  EXPECT_EQ(p.zero_point, -128);
  p = ChooseQuantParams(0.0, 0.0);
  EXPECT_EQ(p.scale, 0.0f);
  EXPECT_EQ(p.zero_point, 0);
  p = ChooseQuantParams(-1.0, 1.0, -32767, 32767);  // int16, symmetric range
  EXPECT_FLOAT_EQ(p.scale, 2.0f / 65534.0f);
  EXPECT_EQ(p.zero_point, 0);
}

TEST(QuantHelpers, QuantizeRoundsHalfAwayAndClamps) {
  EXPECT_EQ(QuantizeS8({0.25f, -0.25f, 0.75f, 100.0f, -100.0f, 0.0f}, 0.5f, 1),
            (std::vector<int8_t>{2, 0, 3, 127, -128, 1}));
  EXPECT_EQ(QuantizeS8({std::nanf("")}, 1.0f, 5), (std::vector<int8_t>{5}));
  EXPECT_EQ(QuantizeS16({1.0f, -1e9f}, 1.0f / 1024, 0), (std::vector<int16_t>{1024, -32768}));
  EXPECT_EQ(Dequantize({-128, 0, 127}, 0.5f, -128), (std::vector<float>{0.0f, 64.0f, 127.5f}));
}

TEST(QuantHelpers, RngIsReproducibleAndInRange) {
  // std::mt19937's first output for seed 5489 is 3499211612 (fixed by the
  // standard); Uniform uses its top 24 bits.
  Rng first(5489);
  EXPECT_EQ(first.Uniform(0.0f, 1.0f), static_cast<float>(3499211612u >> 8) / 16777216.0f);
  Rng a(42), b(42), c(43);
  const std::vector<float> va = a.Uniform(100, -2.0f, 3.0f);
  EXPECT_EQ(va, b.Uniform(100, -2.0f, 3.0f));
  EXPECT_NE(va, c.Uniform(100, -2.0f, 3.0f));
  for (float v : va) {
    EXPECT_GE(v, -2.0f);
    EXPECT_LT(v, 3.0f);
  }
  std::set<int> seen;
  for (int8_t v : a.UniformS8(2000, -3, 3)) seen.insert(v);
  EXPECT_EQ(seen, (std::set<int>{-3, -2, -1, 0, 1, 2, 3}));
  const std::vector<int32_t> full = a.UniformS32(100, INT32_MIN, INT32_MAX);
  EXPECT_NE(*std::min_element(full.begin(), full.end()),
            *std::max_element(full.begin(), full.end()));
  EXPECT_EQ(a.UniformInt(5, 5), 5);
  const std::vector<int16_t> s16 = a.UniformS16(50);
  EXPECT_EQ(s16.size(), 50u);
  const std::vector<float> n = a.Normal(4000, 1.0f, 2.0f);
  double mean = 0, var = 0;
  for (float v : n) mean += v;
  mean /= n.size();
  for (float v : n) var += (v - mean) * (v - mean);
  var /= n.size();
  EXPECT_NEAR(mean, 1.0, 0.15);
  EXPECT_NEAR(std::sqrt(var), 2.0, 0.15);
}

// --- the demo model --------------------------------------------------------

TEST(DemoModel, IsValidAndHasTheDocumentedGraph) {
  const std::vector<uint8_t> bytes = BuildDemoModel(1);
  Loaded m(bytes);
  ASSERT_TRUE(m.verified());
  const int32_t expected_codes[] = {3, 4, 3, 1, 22, 9, 25};
  ASSERT_EQ(m.subgraph()->operators()->size(), 7u);
  for (int i = 0; i < 7; ++i) EXPECT_EQ(m.code_of(i)->builtin_code(), expected_codes[i]) << i;
  // The two CONV_2D share one operator code.
  EXPECT_EQ(m.model()->operator_codes()->size(), 6u);

  const tflite::Tensor* in = m.tensor(m.subgraph()->inputs()->Get(0));
  EXPECT_EQ(ToStd(in->shape()), (std::vector<int32_t>{1, 49, 10, 1}));
  EXPECT_EQ(in->type(), tflite::TensorType_INT8);
  const tflite::Tensor* out = m.tensor(m.subgraph()->outputs()->Get(0));
  EXPECT_EQ(ToStd(out->shape()), (std::vector<int32_t>{1, 12}));
  EXPECT_EQ(out->quantization()->scale()->Get(0), 1.0f / 256.0f);
  EXPECT_EQ(out->quantization()->zero_point()->Get(0), -128);

  const auto* conv = m.op(0)->builtin_options_as_Conv2DOptions();
  ASSERT_NE(conv, nullptr);
  EXPECT_EQ(conv->stride_w(), 2);
  EXPECT_EQ(conv->padding(), tflite::Padding_SAME);
  EXPECT_EQ(conv->fused_activation_function(), tflite::ActivationFunctionType_RELU);
  EXPECT_EQ(ToStd(m.tensor(m.op(0)->outputs()->Get(0))->shape()),
            (std::vector<int32_t>{1, 25, 5, 8}));
  EXPECT_NE(m.op(1)->builtin_options_as_DepthwiseConv2DOptions(), nullptr);
  EXPECT_EQ(m.op(3)->builtin_options_as_Pool2DOptions()->filter_height(), 25);
  EXPECT_EQ(m.op(5)->builtin_options_as_FullyConnectedOptions()->fused_activation_function(),
            tflite::ActivationFunctionType_NONE);
}

TEST(DemoModel, QuantizationIsConsistent) {
  Loaded m(BuildDemoModel(3));
  ASSERT_TRUE(m.verified());
  for (int op = 0; op < 7; ++op) {
    const tflite::Operator* o = m.op(op);
    for (int32_t t : *o->inputs()) {
      const tflite::QuantizationParameters* q = m.tensor(t)->quantization();
      if (m.tensor(t)->type() == tflite::TensorType_INT32 && q == nullptr) continue;  // shape
      ASSERT_NE(q, nullptr) << m.tensor(t)->name()->str();
      for (float s : *q->scale()) {
        EXPECT_TRUE(std::isfinite(s) && s > 0.0f) << m.tensor(t)->name()->str();
      }
    }
  }
  // Convolutions: per-channel filters, bias scale = input scale * filter scale.
  for (int op : {0, 1, 2}) {
    const tflite::Operator* o = m.op(op);
    const float in_scale = m.tensor(o->inputs()->Get(0))->quantization()->scale()->Get(0);
    const tflite::Tensor* filter = m.tensor(o->inputs()->Get(1));
    const tflite::Tensor* bias = m.tensor(o->inputs()->Get(2));
    const int channels = filter->shape()->Get(op == 1 ? 3 : 0);
    ASSERT_EQ(filter->quantization()->scale()->size(), static_cast<uint32_t>(channels));
    EXPECT_EQ(filter->quantization()->quantized_dimension(), op == 1 ? 3 : 0);
    ASSERT_EQ(bias->quantization()->scale()->size(), static_cast<uint32_t>(channels));
    for (int c = 0; c < channels; ++c) {
      EXPECT_EQ(bias->quantization()->scale()->Get(c),
                in_scale * filter->quantization()->scale()->Get(c));
    }
    // Weights use the symmetric range; the largest magnitude in each
    // channel is 127 by construction.
    const auto* data = m.buffer_of(o->inputs()->Get(1));
    const int8_t* w = reinterpret_cast<const int8_t*>(data->data());
    int max_abs = 0;
    for (uint32_t i = 0; i < data->size(); ++i) {
      EXPECT_GE(w[i], -127);
      max_abs = std::max(max_abs, std::abs(static_cast<int>(w[i])));
    }
    EXPECT_EQ(max_abs, 127);
    // ReLU outputs: zero point at the bottom, calibrated range recorded.
    const tflite::QuantizationParameters* out_q =
        m.tensor(o->outputs()->Get(0))->quantization();
    EXPECT_EQ(out_q->zero_point()->Get(0), -128);
    ASSERT_NE(out_q->max(), nullptr);
    EXPECT_GT(out_q->max()->Get(0), 0.0f);
    EXPECT_NEAR(out_q->scale()->Get(0), out_q->max()->Get(0) / 255.0f, 1e-6f);
  }
  // Pooling and reshape keep their input's quantization.
  const tflite::Tensor* pw_out = m.tensor(m.op(2)->outputs()->Get(0));
  const tflite::Tensor* flat = m.tensor(m.op(4)->outputs()->Get(0));
  EXPECT_EQ(flat->quantization()->scale()->Get(0), pw_out->quantization()->scale()->Get(0));
  EXPECT_EQ(flat->quantization()->zero_point()->Get(0),
            pw_out->quantization()->zero_point()->Get(0));
  // Logits: a two-sided range around zero.
  const tflite::QuantizationParameters* logits_q =
      m.tensor(m.op(5)->outputs()->Get(0))->quantization();
  EXPECT_LT(logits_q->min()->Get(0), 0.0f);
  EXPECT_GT(logits_q->max()->Get(0), 0.0f);
}

TEST(DemoModel, IsReproducibleFromItsSeed) {
  const std::vector<uint8_t> a = BuildDemoModel(1);
  EXPECT_EQ(a, BuildDemoModel(1));
  EXPECT_NE(a, BuildDemoModel(2));
  EXPECT_EQ(a.size() % 16, 0u);
  EXPECT_LT(a.size(), 16u * 1024u);
}

TEST(DemoModel, LoadsWithMotesModelReader) {
  const std::vector<uint8_t> bytes = BuildDemoModel(1);
  Loaded aligned(bytes);
  ErrorReporter errors;
  Model model;
  ASSERT_EQ(Model::Load(aligned.data(), aligned.size(), &model, &errors), Status::kOk)
      << errors.message();
  EXPECT_EQ(model.num_operators(), 7);
  EXPECT_EQ(model.num_inputs(), 1);
  EXPECT_EQ(model.num_outputs(), 1);
  EXPECT_STREQ(BuiltinOpName(model.op_builtin_code(5)), "FULLY_CONNECTED");
}

}  // namespace
}  // namespace mote::host
