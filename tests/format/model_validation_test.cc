// Model::Load rejects inconsistent models with a message that names the
// tensor or op and the reason.
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "host/model_writer.h"
#include "mote/model.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

using host::BuiltinOp;
using host::ModelWriter;

// in -> ADD(in, w) -> out; ADD's inputs are a graph input and a constant.
ModelWriter Valid() {
  ModelWriter w;
  const int32_t in = w.AddActivation("in", tflite::TensorType_INT8, {1, 4},
                                     host::Quantization::PerTensor(0.5f, 3));
  const int32_t c = w.AddConst<int8_t>("weights", {1, 4}, {1, 2, 3, 4},
                                       host::Quantization::PerTensor(0.25f, 0));
  const int32_t out = w.AddActivation("out", tflite::TensorType_INT8, {1, 4},
                                      host::Quantization::PerTensor(1.0f, 0));
  w.AddOperator(BuiltinOp::kAdd, {in, c}, {out});
  w.SetInputs({in});
  w.SetOutputs({out});
  return w;
}

// Loads and returns the message ("" when the model is accepted).
std::string LoadMessage(const ModelWriter& w, Status* status = nullptr) {
  const std::vector<uint8_t> bytes = w.Finish();
  ErrorReporter errors;
  Model model;
  const Status s = Model::Load(bytes.data(), bytes.size(), &model, &errors);
  if (status) *status = s;
  return s == Status::kOk ? "" : errors.message();
}

TEST(ModelValidation, ValidModelLoads) {
  ModelWriter w = Valid();
  const std::vector<uint8_t> bytes = w.Finish();
  ErrorReporter errors;
  Model model;
  ASSERT_EQ(Model::Load(bytes.data(), bytes.size(), &model, &errors), Status::kOk) << errors.message();
  EXPECT_EQ(model.num_tensors(), 3);
  EXPECT_EQ(model.num_operators(), 1);
  EXPECT_EQ(model.op_builtin_code(0), 0);
  EXPECT_STREQ(BuiltinOpName(model.op_builtin_code(0)), "ADD");
  const TensorInfo in = model.tensor(model.input_tensor(0));
  EXPECT_EQ(in.type, DataType::kInt8);
  EXPECT_EQ(in.shape, MakeShape({1, 4}));
  EXPECT_FLOAT_EQ(in.quant.scale(), 0.5f);
  EXPECT_EQ(in.quant.zero_point(), 3);
  EXPECT_FALSE(in.is_const());
  const TensorInfo c = model.tensor(1);
  ASSERT_TRUE(c.is_const());
  EXPECT_EQ(c.data<int8_t>()[3], 4);
  EXPECT_EQ(model.weight_bytes(), 4u);
}

TEST(ModelValidation, OpInputOutOfRange) {
  ModelWriter w = Valid();
  w.op(0).inputs[1] = 99;
  EXPECT_EQ(LoadMessage(w), "op 0: input 1 is tensor 99, out of range (3 tensors)");
}

TEST(ModelValidation, OpOutputMayNotBeAbsent) {
  ModelWriter w = Valid();
  w.op(0).outputs[0] = -1;
  EXPECT_NE(LoadMessage(w).find("op 0: output 0 is tensor -1"), std::string::npos);
}

TEST(ModelValidation, GraphIoOutOfRange) {
  ModelWriter w = Valid();
  w.SetOutputs({7});
  EXPECT_EQ(LoadMessage(w), "subgraph output 0: tensor index 7 out of range (3 tensors)");
}

TEST(ModelValidation, BufferSizeMustMatchShape) {
  ModelWriter w = Valid();
  w.tensor(1).shape = {1, 5};
  EXPECT_EQ(LoadMessage(w), "tensor 1 'weights': buffer 1 holds 4 bytes, shape and type need 5");
}

TEST(ModelValidation, BufferIndexOutOfRange) {
  ModelWriter w = Valid();
  w.tensor(1).buffer = 40;
  EXPECT_NE(LoadMessage(w).find("tensor 1 'weights': buffer index 40 out of range"), std::string::npos);
  // Found by the fuzzer: an index with the top bit set must not wrap negative.
  ModelWriter top_bit = Valid();
  top_bit.tensor(1).buffer = 0xFFFFFFFFu;
  EXPECT_NE(LoadMessage(top_bit).find("buffer index 4294967295 out of range"), std::string::npos);
}

TEST(ModelValidation, NegativeAndAbsurdShapes) {
  ModelWriter w = Valid();
  w.tensor(2).shape = {1, -4};
  Status s;
  EXPECT_NE(LoadMessage(w, &s).find("tensor 2 'out': dimension 1 is -4"), std::string::npos);
  EXPECT_EQ(s, Status::kUnsupported);
  ModelWriter huge = Valid();
  huge.tensor(2).shape = {65536, 65536, 4};
  EXPECT_NE(LoadMessage(huge).find("larger than 2 GB"), std::string::npos);
  ModelWriter deep = Valid();
  deep.tensor(2).shape = {1, 1, 1, 1, 1, 1, 1};
  EXPECT_NE(LoadMessage(deep).find("rank 7"), std::string::npos);
}

TEST(ModelValidation, QuantizationVectorsMustAgree) {
  ModelWriter w = Valid();
  w.tensor(0).quant.zero_points = {1, 2};
  EXPECT_EQ(LoadMessage(w), "tensor 0 'in': 1 scales but 2 zero points");
  ModelWriter per_channel = Valid();
  per_channel.tensor(1).quant = host::Quantization::PerChannel({0.1f, 0.2f, 0.3f}, 1);
  EXPECT_EQ(LoadMessage(per_channel), "tensor 1 'weights': 3 scales for dimension 1 of size 4");
  ModelWriter bad_axis = Valid();
  bad_axis.tensor(1).quant = host::Quantization::PerChannel({0.1f, 0.2f, 0.3f, 0.4f}, 5);
  EXPECT_NE(LoadMessage(bad_axis).find("quantized_dimension 5 out of range"), std::string::npos);
  ModelWriter nan_scale = Valid();
  nan_scale.tensor(0).quant.scales = {std::nanf("")};
  EXPECT_NE(LoadMessage(nan_scale).find("scale 0 is nan"), std::string::npos);
}

TEST(ModelValidation, RankOneTensorsIgnoreTheQuantizedDimension) {
  // person_detect.tflite's biases: rank 1, quantized_dimension 3.
  ModelWriter w = Valid();
  w.tensor(1).shape = {4};
  w.tensor(1).quant = host::Quantization::PerChannel({0.1f, 0.2f, 0.3f, 0.4f}, 3);
  EXPECT_EQ(LoadMessage(w), "");
}

TEST(ModelValidation, TensorReadBeforeWritten) {
  ModelWriter w = Valid();
  const int32_t orphan = w.AddActivation("orphan", tflite::TensorType_INT8, {1, 4});
  w.op(0).inputs[1] = orphan;
  EXPECT_EQ(LoadMessage(w), "op 0 reads tensor 3 'orphan' before any op writes it");
}

TEST(ModelValidation, TensorWrittenTwiceOrConstantWritten) {
  ModelWriter w = Valid();
  w.AddOperator(BuiltinOp::kAdd, {0, 1}, {2});
  EXPECT_EQ(LoadMessage(w), "tensor 2 'out' is written by op 0 and op 1");
  ModelWriter c = Valid();
  c.op(0).outputs[0] = 1;
  c.SetOutputs({1});
  EXPECT_EQ(LoadMessage(c), "op 0 writes constant tensor 1 'weights'");
}

TEST(ModelValidation, GraphOutputNeverWritten) {
  ModelWriter w = Valid();
  const int32_t lonely = w.AddActivation("lonely", tflite::TensorType_INT8, {1});
  w.SetOutputs({2, lonely});
  EXPECT_EQ(LoadMessage(w), "graph output 1 (tensor 3 'lonely') is never written");
}

// Found by the model fuzzer: the Verifier checks a vector's 4-byte length
// prefix only, so an int64 zero-point vector can sit at 4 mod 8. Moving the
// vector's offset 4 bytes on makes its data misaligned (its length is then
// the low half of tensor 0's zero point, 3, and stays inside the file).
TEST(ModelValidation, MisalignedZeroPointsAreRejected) {
  std::vector<uint8_t> bytes = Valid().Finish();
  const tflite::Model* m = tflite::GetModel(bytes.data());
  const tflite::QuantizationParameters* q = m->subgraphs()->Get(0)->tensors()->Get(0)->quantization();
  ASSERT_NE(q, nullptr);
  // Generated tables derive privately from flatbuffers::Table.
  const uint8_t* field = reinterpret_cast<const flatbuffers::Table*>(q)->GetAddressOf(
      tflite::QuantizationParameters::VT_ZERO_POINT);
  ASSERT_NE(field, nullptr);
  const size_t at = static_cast<size_t>(field - bytes.data());
  uint32_t offset;
  std::memcpy(&offset, bytes.data() + at, 4);
  offset += 4;
  std::memcpy(bytes.data() + at, &offset, 4);
  ErrorReporter errors;
  Model model;
  EXPECT_EQ(Model::Load(bytes.data(), bytes.size(), &model, &errors), Status::kInvalidModel);
  EXPECT_STREQ(errors.message(), "tensor 0 'in': zero points are not 8-byte aligned");
}

}  // namespace
}  // namespace mote
