#include "ops/block_ops_common.h"

#include <cstring>

#include "ops/const_tensor_util.h"
#include "ops/data_movement_common.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

constexpr uint32_t kBlockTypes = kTypesS8 | kTypesF32;
constexpr const char* kBlockTypesText = "int8 or float32";
constexpr int64_t kMaxDim = INT32_MAX;

// NHC -> NH1C, as TFLite's ExtendShapeSpaceToBatch.
Shape Extend4(const Shape& s) {
  if (s.rank == 4) return s;
  return MakeShape({s.dims[0], s.dims[1], 1, s.dims[2]});
}

Status CheckInputOutput(PrepareContext& ctx, TensorInfo* input,
                        TensorInfo* output) {
  *input = ctx.input(0);
  *output = ctx.output(0);
  MOTE_RETURN_IF_ERROR(
      CheckTypeIn(ctx, *input, "input", kBlockTypes, kBlockTypesText));
  MOTE_ENSURE(ctx, output->present(), "the output tensor is missing");
  MOTE_RETURN_IF_ERROR(CheckSameTypeAndQuant(ctx, *input, *output));
  MOTE_RETURN_IF_ERROR(CheckNotEmpty(ctx, *input, "input"));
  return CheckNotEmpty(ctx, *output, "output");
}

}  // namespace

Status PrepareSpaceBatch(PrepareContext& ctx, bool to_batch,
                         SpaceBatchPlan* plan) {
  MOTE_RETURN_IF_ERROR(CheckOperandCounts(ctx, 3, 1));
  TensorInfo input;
  TensorInfo output;
  MOTE_RETURN_IF_ERROR(CheckInputOutput(ctx, &input, &output));
  const int rank = input.shape.rank;
  MOTE_ENSURE_SUPPORTED(ctx, rank == 3 || rank == 4,
                        "input '%s' has rank %d; only 3 (NHC) and 4 (NHWC) "
                        "are supported",
                        input.name, rank);
  const int spatial = rank - 2;
  const char* pads_role = to_batch ? "paddings" : "crops";

  int32_t block[2] = {1, 1};
  int count = 0;
  const TensorInfo block_tensor = ctx.input(1);
  MOTE_RETURN_IF_ERROR(ReadConstInt32Vector(ctx, block_tensor, "block_shape",
                                            false, block, 2, &count));
  MOTE_ENSURE(ctx, count == spatial,
              "block_shape tensor '%s' has %d entries, input '%s' has %d "
              "spatial dims",
              block_tensor.name, count, input.name, spatial);
  const TensorInfo pads_tensor = ctx.input(2);
  int32_t pads[4] = {};
  MOTE_RETURN_IF_ERROR(
      ReadConstInt32Values(ctx, pads_tensor, pads_role, pads, 4, &count));
  MOTE_ENSURE(ctx,
              pads_tensor.shape.rank == 2 &&
                  pads_tensor.shape.dims[0] == spatial &&
                  pads_tensor.shape.dims[1] == 2,
              "%s tensor '%s': expected shape [%d, 2]", pads_role,
              pads_tensor.name, spatial);
  for (int i = 0; i < spatial; ++i) {
    MOTE_ENSURE(ctx, block[i] >= 1,
                "block_shape tensor '%s': entry %d is %d (must be >= 1)",
                block_tensor.name, i, static_cast<int>(block[i]));
  }
  for (int i = 0; i < 2 * spatial; ++i) {
    MOTE_ENSURE(ctx, pads[i] >= 0, "%s tensor '%s': entry %d is %d (must be "
                ">= 0)", pads_role, pads_tensor.name, i,
                static_cast<int>(pads[i]));
  }

  // The expected output, in int64 so no product overflows.
  const int64_t blocks = int64_t{block[0]} * block[1];
  int64_t dims[4] = {};
  dims[rank - 1] = input.shape.dims[rank - 1];
  if (to_batch) {
    dims[0] = input.shape.dims[0] * blocks;
    for (int i = 0; i < spatial; ++i) {
      const int64_t padded =
          int64_t{input.shape.dims[1 + i]} + pads[2 * i] + pads[2 * i + 1];
      MOTE_ENSURE(ctx, padded % block[i] == 0,
                  "input '%s': spatial dim %d padded to %lld is not a "
                  "multiple of block size %d",
                  input.name, i, static_cast<long long>(padded),
                  static_cast<int>(block[i]));
      dims[1 + i] = padded / block[i];
    }
  } else {
    MOTE_ENSURE(ctx, input.shape.dims[0] % blocks == 0,
                "input '%s': batch %d is not a multiple of the block count "
                "%lld",
                input.name, static_cast<int>(input.shape.dims[0]),
                static_cast<long long>(blocks));
    dims[0] = input.shape.dims[0] / blocks;
    for (int i = 0; i < spatial; ++i) {
      dims[1 + i] = int64_t{input.shape.dims[1 + i]} * block[i] -
                    pads[2 * i] - pads[2 * i + 1];
      MOTE_ENSURE(ctx, dims[1 + i] >= 1,
                  "crops tensor '%s' removes all of spatial dim %d",
                  pads_tensor.name, i);
    }
  }
  Shape expected;
  expected.rank = rank;
  for (int i = 0; i < rank; ++i) {
    MOTE_ENSURE_SUPPORTED(ctx, dims[i] <= kMaxDim,
                          "output dim %d would be %lld, too large", i,
                          static_cast<long long>(dims[i]));
    expected.dims[i] = static_cast<int32_t>(dims[i]);
  }
  MOTE_RETURN_IF_ERROR(
      CheckOutputShape(ctx, output, expected, "block_shape and the input"));

  plan->params.block_height = block[0];
  plan->params.block_width = spatial == 2 ? block[1] : 1;
  plan->params.before_height = pads[0];
  plan->params.before_width = spatial == 2 ? pads[2] : 0;
  plan->input4 = Extend4(input.shape);
  plan->output4 = Extend4(output.shape);
  plan->element_size = DataTypeSize(input.type);
  // TFLite pads with the output zero point (real 0). TFLite Micro means to
  // as well, but never sets the value in its SpaceToBatchParams.
  std::memset(plan->pad_value, 0, sizeof(plan->pad_value));
  if (input.type == DataType::kInt8 && output.is_quantized()) {
    const int8_t zero_point = static_cast<int8_t>(output.quant.zero_point());
    std::memcpy(plan->pad_value, &zero_point, 1);
  }
  return Status::kOk;
}

Status PrepareDepthSpace(PrepareContext& ctx, bool to_depth,
                         int32_t* block_size) {
  MOTE_RETURN_IF_ERROR(CheckOperandCounts(ctx, 1, 1));
  TensorInfo input;
  TensorInfo output;
  MOTE_RETURN_IF_ERROR(CheckInputOutput(ctx, &input, &output));
  MOTE_ENSURE(ctx, input.shape.rank == 4,
              "input '%s' has rank %d, expected 4 (NHWC)", input.name,
              static_cast<int>(input.shape.rank));
  int32_t bs = 0;
  if (to_depth) {
    if (const auto* o = ctx.options<tflite::SpaceToDepthOptions>()) {
      bs = o->block_size();
    }
  } else if (const auto* o =
                 ctx.options<tflite::DepthToSpaceOptions>()) {
    bs = o->block_size();
  }
  // Bounded so bs * bs and the scaled dims below stay small.
  MOTE_ENSURE(ctx, bs >= 1 && bs <= 4096,
              "block_size %d is out of range (1 to 4096)", static_cast<int>(bs));
  const int64_t area = int64_t{bs} * bs;
  const int32_t* in = input.shape.dims;
  int64_t dims[4] = {in[0], 0, 0, 0};
  if (to_depth) {
    MOTE_ENSURE(ctx, in[1] % bs == 0 && in[2] % bs == 0,
                "input '%s': height %d and width %d must be multiples of "
                "block_size %d",
                input.name, static_cast<int>(in[1]), static_cast<int>(in[2]),
                static_cast<int>(bs));
    dims[1] = in[1] / bs;
    dims[2] = in[2] / bs;
    dims[3] = in[3] * area;
  } else {
    MOTE_ENSURE(ctx, in[3] % area == 0,
                "input '%s': depth %d is not a multiple of block_size^2 = "
                "%lld",
                input.name, static_cast<int>(in[3]),
                static_cast<long long>(area));
    dims[1] = int64_t{in[1]} * bs;
    dims[2] = int64_t{in[2]} * bs;
    dims[3] = in[3] / area;
  }
  Shape expected;
  expected.rank = 4;
  for (int i = 0; i < 4; ++i) {
    MOTE_ENSURE_SUPPORTED(ctx, dims[i] <= kMaxDim,
                          "output dim %d would be %lld, too large", i,
                          static_cast<long long>(dims[i]));
    expected.dims[i] = static_cast<int32_t>(dims[i]);
  }
  MOTE_RETURN_IF_ERROR(
      CheckOutputShape(ctx, output, expected, "block_size and the input"));
  *block_size = bs;
  return Status::kOk;
}

}  // namespace mote
