// Builtin options tables: Model::Load checks only that each is a table
// inside the buffer (the opaque schema variant keeps the per-options
// verifiers out of firmware that does not register those ops); the op that
// reads its options verifies the fields through ctx.options<T>(). A corrupt
// table must still be rejected with the op's name, never read out of bounds
// (these tests run under ASan + UBSan in CI).
#include <algorithm>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "host/model_file.h"
#include "host/model_writer.h"
#include "mote/interpreter.h"
#include "ops/ops.h"

namespace mote {
namespace {

using host::BuiltinOp;
using host::ModelWriter;

// A copy of the bytes in a buffer of exactly their size (ASan sees any read
// past the end), 16-byte aligned.
host::AlignedBytes Copy(const std::vector<uint8_t>& bytes) {
  host::AlignedBytes copy(bytes.size());
  std::memcpy(copy.data(), bytes.data(), bytes.size());
  return copy;
}

// in float32 {1,4} -> RESHAPE (new_shape option {2,2}) -> out {2,2}.
std::vector<uint8_t> ReshapeModel() {
  ModelWriter w;
  const int32_t in = w.AddActivation("in", tflite::TensorType_FLOAT32, {1, 4});
  const int32_t out = w.AddActivation("out", tflite::TensorType_FLOAT32, {2, 2});
  w.AddOperator(BuiltinOp::kReshape, {in}, {out}, host::ReshapeOptions({2, 2}));
  w.SetInputs({in});
  w.SetOutputs({out});
  return w.Finish();
}

// in float32 {1,4} -> SOFTMAX (beta 1) -> out {1,4}.
std::vector<uint8_t> SoftmaxModel() {
  ModelWriter w;
  const int32_t in = w.AddActivation("in", tflite::TensorType_FLOAT32, {1, 4});
  const int32_t out = w.AddActivation("out", tflite::TensorType_FLOAT32, {1, 4});
  w.AddOperator(BuiltinOp::kSoftmax, {in}, {out}, host::SoftmaxOptions(1.0f));
  w.SetInputs({in});
  w.SetOutputs({out});
  return w.Finish();
}

// Byte position in `bytes` of field slot `vt` (a VT_ constant) of the table
// at `table`, read with the vtable; -1 when the field is absent.
long FieldPosition(const std::vector<uint8_t>& bytes, const void* table, uint16_t vt) {
  const auto* t = static_cast<const uint8_t*>(table);
  int32_t to_vtable;
  std::memcpy(&to_vtable, t, 4);
  const uint8_t* vtable = t - to_vtable;
  uint16_t vtable_size;
  std::memcpy(&vtable_size, vtable, 2);
  if (vt + 2 > vtable_size) return -1;
  uint16_t field;
  std::memcpy(&field, vtable + vt, 2);
  if (field == 0) return -1;
  return static_cast<long>((t + field) - bytes.data());
}

// The options table of op 0, loaded from `bytes` itself.
const void* OptionsTable(const std::vector<uint8_t>& bytes) {
  Model model;
  ErrorReporter errors;
  EXPECT_EQ(Model::Load(bytes.data(), bytes.size(), &model, &errors), Status::kOk)
      << errors.message();
  return model.loaded() ? model.op(0)->builtin_options() : nullptr;
}

struct Outcome {
  Status load = Status::kOk;
  Status prepare = Status::kOk;
  std::string message;
};

// Load, Prepare and (with `invoke`) one Invoke on zero inputs.
Outcome LoadAndPrepare(const std::vector<uint8_t>& bytes, bool invoke = true) {
  host::AlignedBytes copy = Copy(bytes);
  Outcome r;
  ErrorReporter errors;
  Model model;
  r.load = Model::Load(copy.data(), copy.size(), &model, &errors);
  if (r.load != Status::kOk) {
    r.message = errors.message();
    return r;
  }
  static MutableOpResolver<kNumBuiltinOps> resolver;
  if (resolver.size() == 0) RegisterAllOps(&resolver);
  host::AlignedBytes arena(1 << 16);
  Interpreter interp(model, resolver, arena.data(), arena.size());
  r.prepare = interp.Prepare();
  if (r.prepare == Status::kOk && invoke) {
    for (int i = 0; i < interp.inputs_size(); ++i) {
      std::memset(interp.input(i)->data, 0, interp.input_bytes(i));
    }
    r.prepare = interp.Invoke();
  }
  r.message = interp.errors().message();
  return r;
}

TEST(OptionsVerification, ValidOptionsAreRead) {
  const Outcome r = LoadAndPrepare(ReshapeModel());
  EXPECT_EQ(r.prepare, Status::kOk) << r.message;
  std::vector<uint8_t> bytes = ReshapeModel();
  Model model;
  ErrorReporter errors;
  ASSERT_EQ(Model::Load(bytes.data(), bytes.size(), &model, &errors), Status::kOk);
  const auto* options = model.options<tflite::ReshapeOptions>(0);
  ASSERT_NE(options, nullptr);
  ASSERT_NE(options->new_shape(), nullptr);
  EXPECT_EQ(options->new_shape()->size(), 2u);
  // Another type than the model's: absent, not an error.
  EXPECT_EQ(model.options<tflite::SoftmaxOptions>(0), nullptr);
}

// RESHAPE's new_shape vector pointing past the end of the model: Load
// accepts the (well-formed) table header, RESHAPE's Init rejects its field.
TEST(OptionsVerification, VectorOutOfBoundsIsRejectedByTheOp) {
  std::vector<uint8_t> bytes = ReshapeModel();
  const long at = FieldPosition(bytes, OptionsTable(bytes),
                                tflite::ReshapeOptions::VT_NEW_SHAPE);
  ASSERT_GT(at, 0);
  const uint32_t far = 0x7ffffff0u;
  std::memcpy(bytes.data() + at, &far, 4);

  host::AlignedBytes copy = Copy(bytes);
  Model model;
  ErrorReporter errors;
  ASSERT_EQ(Model::Load(copy.data(), copy.size(), &model, &errors), Status::kOk)
      << errors.message();
  EXPECT_EQ(model.options<tflite::ReshapeOptions>(0), nullptr);

  const Outcome r = LoadAndPrepare(bytes);
  EXPECT_EQ(r.prepare, Status::kInvalidModel);
  EXPECT_NE(r.message.find("RESHAPE (op 0): builtin options table is corrupt"),
            std::string::npos)
      << r.message;
}

// SOFTMAX's beta placed (by its vtable entry) 64 KB past its table, outside
// the model: a scalar out of bounds is caught too.
TEST(OptionsVerification, ScalarOutOfBoundsIsRejectedByTheOp) {
  std::vector<uint8_t> bytes = SoftmaxModel();
  ASSERT_LT(bytes.size(), 0xfff0u);
  const void* table = OptionsTable(bytes);
  ASSERT_NE(table, nullptr);
  ASSERT_GT(FieldPosition(bytes, table, tflite::SoftmaxOptions::VT_BETA), 0);
  const auto* t = static_cast<const uint8_t*>(table);
  int32_t to_vtable;
  std::memcpy(&to_vtable, t, 4);
  const long vtable = static_cast<long>((t - to_vtable) - bytes.data());
  const uint16_t far = 0xfff0;
  std::memcpy(bytes.data() + vtable + tflite::SoftmaxOptions::VT_BETA, &far, 2);

  const Outcome r = LoadAndPrepare(bytes);
  ASSERT_EQ(r.load, Status::kOk) << r.message;
  EXPECT_EQ(r.prepare, Status::kInvalidModel);
  EXPECT_NE(r.message.find("SOFTMAX (op 0): builtin options table is corrupt"),
            std::string::npos)
      << r.message;
}

// The options offset itself pointing outside the model: Load's opaque
// verification still rejects it before any op runs.
TEST(OptionsVerification, OptionsTableOutsideTheModelFailsLoad) {
  std::vector<uint8_t> bytes = SoftmaxModel();
  Model model;
  ErrorReporter errors;
  ASSERT_EQ(Model::Load(bytes.data(), bytes.size(), &model, &errors), Status::kOk);
  const long at = FieldPosition(bytes, model.op(0), tflite::Operator::VT_BUILTIN_OPTIONS);
  ASSERT_GT(at, 0);
  const uint32_t far = 0x7ffffff0u;
  std::memcpy(bytes.data() + at, &far, 4);
  const Outcome r = LoadAndPrepare(bytes);
  EXPECT_EQ(r.load, Status::kInvalidModel);
  EXPECT_NE(r.message.find("flatbuffer verification failed"), std::string::npos) << r.message;
}

// Random bit flips confined to the options tables (vtable to table end) of
// a real model: each variant prepares cleanly or is rejected with a message
// (ops read their options in Init and Prepare only).
TEST(OptionsVerification, BitFlipsInOptionsTablesOfKws) {
  host::AlignedBytes file;
  std::string error;
  ASSERT_TRUE(host::ReadFile(std::string(MOTE_SHARED_MODELS) + "/kws_ref_model.tflite", &file,
                             &error))
      << error;
  const std::vector<uint8_t> original(file.data(), file.data() + file.size());
  Model model;
  ErrorReporter errors;
  ASSERT_EQ(Model::Load(file.data(), file.size(), &model, &errors), Status::kOk);
  std::vector<std::pair<long, long>> ranges;  // [begin, end) byte positions
  for (int op = 0; op < model.num_operators(); ++op) {
    const auto* t = static_cast<const uint8_t*>(model.op(op)->builtin_options());
    if (t == nullptr) continue;
    int32_t to_vtable;
    std::memcpy(&to_vtable, t, 4);
    const uint8_t* vtable = t - to_vtable;
    uint16_t table_size;
    std::memcpy(&table_size, vtable + 2, 2);
    const long a = static_cast<long>(std::min(vtable, t) - file.data());
    const long b = static_cast<long>(std::max(vtable + 4, t + table_size) - file.data());
    ranges.emplace_back(a, b);
  }
  ASSERT_GE(ranges.size(), 5u);
  std::mt19937 rng(7);
  int rejected = 0;
  for (int v = 0; v < 120; ++v) {
    std::vector<uint8_t> bytes = original;
    const auto& range = ranges[rng() % ranges.size()];
    const int flips = 1 + static_cast<int>(rng() % 3);
    for (int f = 0; f < flips; ++f) {
      const long at = range.first + static_cast<long>(rng() % (range.second - range.first));
      bytes[at] ^= static_cast<uint8_t>(1u << (rng() % 8));
    }
    const Outcome r = LoadAndPrepare(bytes, /*invoke=*/false);
    if (r.load != Status::kOk || r.prepare != Status::kOk) {
      ++rejected;
      ASSERT_FALSE(r.message.empty()) << "variant " << v;
    }
  }
  EXPECT_GT(rejected, 0);
}

}  // namespace
}  // namespace mote
