#include "ops/sigmoid_common.h"

#include "kernels/quant_math.h"

namespace mote {

Status PrepareSigmoidS16(PrepareContext& ctx, const TensorInfo& input,
                         const TensorInfo& output, int max_pot_shift,
                         ref::SigmoidTableInputS16* params) {
  // TFLite Micro: CheckedLog2(output scale) must give -15.
  int output_log2 = 0;
  const float output_scale = output.quant.scale(0);
  MOTE_ENSURE(ctx,
              CheckedLog2(output_scale, &output_log2) && output_log2 == -15,
              "output '%s': int16 needs scale 2^-15 (Q0.15), got %g",
              output.name, static_cast<double>(output_scale));
  MOTE_ENSURE_SUPPORTED(
      ctx,
      ref::PrepareSigmoidTableInputS16(input.quant.scale(0), max_pot_shift,
                                       params),
      "input '%s': scale %g is out of the int16 kernel's range (its "
      "rescale multiplier must have 1 to 15 bits)",
      input.name, static_cast<double>(input.quant.scale(0)));
  return Status::kOk;
}

Status EvalSigmoid(EvalContext& ctx, const SigmoidKernels& k) {
  const SigmoidOpData* data = ctx.user_data<SigmoidOpData>();
  const EvalTensor* input = ctx.input(0);
  EvalTensor* output = ctx.output(0);
  switch (input->type) {
    case DataType::kInt8:
      k.s8(data->s8, data->size, input->as<int8_t>(), output->as<int8_t>());
      break;
    case DataType::kInt16:
      k.s16(data->s16, data->size, input->as<int16_t>(),
            output->as<int16_t>());
      break;
    default:
      k.f32(data->size, input->as<float>(), output->as<float>());
      break;
  }
  return Status::kOk;
}

}  // namespace mote
