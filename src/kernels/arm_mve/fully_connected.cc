#include "kernels/arm_mve/fully_connected.h"

#include "kernels/arm_mve/gemm.h"
#include "kernels/select.h"

namespace mote {
namespace arm_mve {
namespace {

// a[r] += dot(x, w_r) and s[r] += sum(w_r) over `depth` bytes for four
// weight rows (the sums carry the input offset: sum((x + o) * w) =
// dot(x, w) + o * sum(w)). The last partial chunk is read predicated.
MOTE_MVE_INLINE void MacRows4(const int8_t* x, const int8_t* w0,
                              const int8_t* w1, const int8_t* w2,
                              const int8_t* w3, int depth, int32_t* a,
                              int32_t* s) {
  int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  int32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  int n = depth >> 4;
  while (n-- > 0) {
    const int8x16_t vx = vldrbq_s8(x);
    const int8x16_t v0 = vldrbq_s8(w0);
    const int8x16_t v1 = vldrbq_s8(w1);
    const int8x16_t v2 = vldrbq_s8(w2);
    const int8x16_t v3 = vldrbq_s8(w3);
    a0 = vmladavaq_s8(a0, vx, v0);
    s0 = vaddvaq_s8(s0, v0);
    a1 = vmladavaq_s8(a1, vx, v1);
    s1 = vaddvaq_s8(s1, v1);
    a2 = vmladavaq_s8(a2, vx, v2);
    s2 = vaddvaq_s8(s2, v2);
    a3 = vmladavaq_s8(a3, vx, v3);
    s3 = vaddvaq_s8(s3, v3);
    x += 16;
    w0 += 16;
    w1 += 16;
    w2 += 16;
    w3 += 16;
  }
  const int tail = depth & 15;
  if (tail != 0) {
    const mve_pred16_t p = vctp8q(tail);
    const int8x16_t vx = vldrbq_z_s8(x, p);
    const int8x16_t v0 = vldrbq_z_s8(w0, p);
    const int8x16_t v1 = vldrbq_z_s8(w1, p);
    const int8x16_t v2 = vldrbq_z_s8(w2, p);
    const int8x16_t v3 = vldrbq_z_s8(w3, p);
    a0 = vmladavaq_s8(a0, vx, v0);
    s0 = vaddvaq_s8(s0, v0);
    a1 = vmladavaq_s8(a1, vx, v1);
    s1 = vaddvaq_s8(s1, v1);
    a2 = vmladavaq_s8(a2, vx, v2);
    s2 = vaddvaq_s8(s2, v2);
    a3 = vmladavaq_s8(a3, vx, v3);
    s3 = vaddvaq_s8(s3, v3);
  }
  a[0] = a0;
  a[1] = a1;
  a[2] = a2;
  a[3] = a3;
  s[0] = s0;
  s[1] = s1;
  s[2] = s2;
  s[3] = s3;
}

int32_t FcDepth(const Shape& filter_shape) {
  return filter_shape.dims[filter_shape.rank - 1];
}
int32_t FcChannels(const Shape& output_shape) {
  return output_shape.dims[output_shape.rank - 1];
}

}  // namespace

void FullyConnectedRowsS8_Mve(const FullyConnectedParams& params,
                              const int32_t* output_multiplier,
                              const int32_t* output_shift, const Shape&,
                              const int8_t* input, const Shape& filter_shape,
                              const int8_t* filter, const int32_t* bias,
                              const Shape& output_shape, int8_t* output,
                              void*) {
  const int depth = FcDepth(filter_shape);
  const int channels = FcChannels(output_shape);
  const int batches = FullyConnectedBatches(output_shape);
  const bool per_channel = output_multiplier != nullptr;
  const Requant4 tensor_q =
      BroadcastRequant4(params.output_multiplier, params.output_shift);
  const uint32_t offset = static_cast<uint32_t>(params.input_offset);
  const int32_t zp = params.output_offset;
  for (int b = 0; b < batches; ++b) {
    const int8_t* x = input + b * depth;
    int8_t* out = output + b * channels;
    for (int o = 0; o < channels; o += 4) {
      const int n = channels - o < 4 ? channels - o : 4;
      const int8_t* w0 = filter + o * depth;
      // Missing rows repeat the first: computed, never stored.
      const int8_t* w1 = n > 1 ? w0 + depth : w0;
      const int8_t* w2 = n > 2 ? w0 + 2 * depth : w0;
      const int8_t* w3 = n > 3 ? w0 + 3 * depth : w0;
      int32_t a[4], s[4];
      MacRows4(x, w0, w1, w2, w3, depth, a, s);
      int32_t acc[4];
      for (int r = 0; r < 4; ++r) {
        const uint32_t bb =
            bias != nullptr && r < n ? static_cast<uint32_t>(bias[o + r]) : 0u;
        acc[r] = static_cast<int32_t>(static_cast<uint32_t>(a[r]) + bb +
                                      static_cast<uint32_t>(s[r]) * offset);
      }
      const mve_pred16_t p = vctp32q(n);
      const Requant4 q =
          per_channel
              ? Requant4{vldrwq_z_s32(output_multiplier + o, p),
                         vmaxq_s32(vldrwq_z_s32(output_shift + o, p),
                                   vdupq_n_s32(0)),
                         vminq_s32(vldrwq_z_s32(output_shift + o, p),
                                   vdupq_n_s32(0))}
              : tensor_q;
      const int32x4_t v =
          Requantize4(Vector4(acc[0], acc[1], acc[2], acc[3]), q, zp,
                      params.act_min, params.act_max);
      vstrbq_p_s32(out + o, v, p);
    }
  }
}

void FullyConnectedBatchS8_Mve(const FullyConnectedParams& params,
                               const int32_t* output_multiplier,
                               const int32_t* output_shift, const Shape&,
                               const int8_t* input, const Shape& filter_shape,
                               const int8_t* filter, const int32_t* bias,
                               const Shape& output_shape, int8_t* output,
                               void* scratch) {
  auto* sums = static_cast<int32_t*>(scratch);
  GemmParams g;
  g.num_pixels = FullyConnectedBatches(output_shape);
  g.depth = FcDepth(filter_shape);
  g.channels = FcChannels(output_shape);
  g.weights = filter;
  g.sums = sums;
  const bool per_channel = output_multiplier != nullptr;
  g.multiplier = per_channel ? output_multiplier : &params.output_multiplier;
  g.shift = per_channel ? output_shift : &params.output_shift;
  g.requant_stride = per_channel ? 1 : 0;
  g.output_offset = params.output_offset;
  g.act_min = params.act_min;
  g.act_max = params.act_max;
  g.out = output;
  g.out_pixel_stride = g.channels;
  KernelSums(filter, g.depth, g.channels, bias, params.input_offset, sums);
  GemmRows4x1(g, input, g.depth);
}

}  // namespace arm_mve

namespace opt {

size_t FullyConnectedS8_ScratchBytes(const FullyConnectedParams& params,
                                     const Shape& input_shape,
                                     const Shape& filter_shape,
                                     const Shape& output_shape) {
  return arm_mve::FullyConnectedScratchBytes(params, input_shape, filter_shape,
                                             output_shape);
}

size_t FullyConnectedPerChannelS8_ScratchBytes(
    const FullyConnectedParams& params, const Shape& input_shape,
    const Shape& filter_shape, const Shape& output_shape) {
  return arm_mve::FullyConnectedPerChannelScratchBytes(
      params, input_shape, filter_shape, output_shape);
}

namespace {

void RunFullyConnected(bool per_channel, const FullyConnectedParams& params,
                       const int32_t* output_multiplier,
                       const int32_t* output_shift, const Shape& input_shape,
                       const int8_t* input, const Shape& filter_shape,
                       const int8_t* filter, const int32_t* bias,
                       const Shape& output_shape, int8_t* output,
                       void* scratch) {
  switch (arm_mve::SelectFullyConnected(params, per_channel, input_shape,
                                        filter_shape, output_shape)) {
    case arm_mve::FullyConnectedKernel::kRows:
      arm_mve::FullyConnectedRowsS8_Mve(params, output_multiplier,
                                        output_shift, input_shape, input,
                                        filter_shape, filter, bias,
                                        output_shape, output, scratch);
      return;
    case arm_mve::FullyConnectedKernel::kBatch:
      arm_mve::FullyConnectedBatchS8_Mve(params, output_multiplier,
                                         output_shift, input_shape, input,
                                         filter_shape, filter, bias,
                                         output_shape, output, scratch);
      return;
    case arm_mve::FullyConnectedKernel::kReference:
      break;
  }
  if (per_channel) {
    ref::FullyConnectedPerChannelS8(params, output_multiplier, output_shift,
                                    input_shape, input, filter_shape, filter,
                                    bias, output_shape, output);
  } else {
    ref::FullyConnectedS8(params, input_shape, input, filter_shape, filter,
                          bias, output_shape, output);
  }
}

}  // namespace

void FullyConnectedS8(const FullyConnectedParams& params,
                      const Shape& input_shape, const int8_t* input,
                      const Shape& filter_shape, const int8_t* filter,
                      const int32_t* bias, const Shape& output_shape,
                      int8_t* output, void* scratch) {
  RunFullyConnected(false, params, nullptr, nullptr, input_shape, input,
                    filter_shape, filter, bias, output_shape, output, scratch);
}

void FullyConnectedPerChannelS8(const FullyConnectedParams& params,
                                const int32_t* output_multiplier,
                                const int32_t* output_shift,
                                const Shape& input_shape, const int8_t* input,
                                const Shape& filter_shape, const int8_t* filter,
                                const int32_t* bias, const Shape& output_shape,
                                int8_t* output, void* scratch) {
  RunFullyConnected(true, params, output_multiplier, output_shift, input_shape,
                    input, filter_shape, filter, bias, output_shape, output,
                    scratch);
}

}  // namespace opt
}  // namespace mote
