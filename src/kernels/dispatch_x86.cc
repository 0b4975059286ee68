// kernels/select.h on x86-64 hosts, and the one place where x86 picks its
// kernels: the instruction set from the CPU's features (or the variant a
// test or benchmark selected, kernels/kernel_variants.h), then, per kernel
// family, the checks every optimised variant relies on. Each variant picks
// its shape-specialised path itself, in its own file.
//
// Scratch sizes are the largest any instruction set of this CPU needs, so
// the size depends only on the shapes (as select.h promises) and a variant
// switch between Prepare and Eval stays safe.
#include <algorithm>

#include "kernels/kernel_variants.h"
#include "kernels/select.h"
#include "kernels/x86_avx2/add.h"
#include "kernels/x86_avx2/conv_2d.h"
#include "kernels/x86_avx2/conv_s16.h"
#include "kernels/x86_avx2/depthwise_conv_2d.h"
#include "kernels/x86_avx2/fully_connected.h"
#include "kernels/x86_avx2/pooling.h"
#include "kernels/x86_avx2/softmax.h"
#include "kernels/x86_avx512vnni/add.h"
#include "kernels/x86_avx512vnni/conv_2d.h"
#include "kernels/x86_avx512vnni/depthwise_conv_2d.h"
#include "kernels/x86_avx512vnni/fully_connected.h"

namespace mote {
namespace opt {
namespace {

enum class Isa : int { kRef = 0, kAvx2 = 1, kAvx512Vnni = 2 };

Isa BestIsa() {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
      __builtin_cpu_supports("avx512vl") &&
      __builtin_cpu_supports("avx512vnni")) {
    return Isa::kAvx512Vnni;
  }
  if (__builtin_cpu_supports("avx2")) return Isa::kAvx2;
  return Isa::kRef;
}

int g_variant = -1;  // SetKernelVariant's choice; -1: the best

Isa ActiveIsa() {
  const Isa best = BestIsa();
  if (g_variant < 0 || g_variant > static_cast<int>(best)) return best;
  return static_cast<Isa>(g_variant);
}

// The largest of size(isa) over the optimised instruction sets this CPU runs.
template <typename Size>
size_t LargestScratch(Size size) {
  size_t most = 0;
  for (int i = 1; i <= static_cast<int>(BestIsa()); ++i) {
    most = std::max(most, size(static_cast<Isa>(i)));
  }
  return most;
}

// What every int8 variant assumes about the requantization: TFLite's
// multipliers (non-negative Q31 values, shifts in [-31, 31], as
// QuantizeMultiplier produces them), an input offset that is minus an int8
// zero point, and an activation range inside int8. The op wrappers
// guarantee all of it; anything else runs the reference kernel.
bool QuantizationFits(const int32_t* multiplier, const int32_t* shift,
                      int count, int stride, int32_t input_offset,
                      int32_t act_min, int32_t act_max) {
  if (input_offset < -127 || input_offset > 128) return false;
  if (act_min < -128 || act_max > 127 || act_min > act_max) return false;
  for (int i = 0; i < count; ++i) {
    const int32_t m = multiplier[i * stride];
    const int32_t s = shift[i * stride];
    if (m < 0 || s < -31 || s > 31) return false;
  }
  return true;
}

// The variant of an optimised instruction set (isa is not kRef): the
// AVX-512 one only where ActiveIsa chose AVX-512, so AVX2 paths never reach
// code compiled for AVX-512. One choice per call, outside the kernels' loops.
template <typename Fn>
Fn ForIsa(Isa isa, Fn avx512vnni, Fn avx2) {
  return isa == Isa::kAvx512Vnni ? avx512vnni : avx2;
}

// A variant runs when it has the scratch it needs: none, or a buffer (the
// op requested the largest any variant needs).
bool HasScratch(size_t need, const void* scratch) {
  return need == 0 || scratch != nullptr;
}

// Every size the kernels index with int fits.
bool FitsInt(int64_t n) { return n >= 0 && n < (int64_t{1} << 31); }

bool ConvShapesFit(const Shape& input, const Shape& filter,
                   const Shape& output) {
  if (input.rank != 4 || filter.rank != 4 || output.rank != 4) return false;
  const int64_t rows = output.FlatSize(0, 3);
  return FitsInt(input.FlatSize()) && FitsInt(filter.FlatSize()) &&
         FitsInt(output.FlatSize()) &&
         FitsInt(rows * filter.FlatSize(1, 4));
}

}  // namespace

// --- variants ----------------------------------------------------------------

int KernelVariantCount() { return static_cast<int>(BestIsa()) + 1; }

const char* KernelVariantName(int variant) {
  switch (variant) {
    case static_cast<int>(Isa::kAvx2):
      return "avx2";
    case static_cast<int>(Isa::kAvx512Vnni):
      return "avx512vnni";
    default:
      break;
  }
  return "ref";
}

int ActiveKernelVariant() { return static_cast<int>(ActiveIsa()); }

void SetKernelVariant(int variant) {
  g_variant = std::max(0, std::min(variant, KernelVariantCount() - 1));
}

const char* KernelIsaName() { return KernelVariantName(ActiveKernelVariant()); }

// --- CONV_2D -------------------------------------------------------------------

namespace {
// isa is an optimised one (as in every *Scratch below).
size_t ConvScratch(Isa isa, const ConvParams& params, const Shape& input,
                   const Shape& filter, const Shape& output) {
  return ForIsa(isa, x86::ConvPerChannelS8ScratchBytes_Avx512Vnni,
                x86::ConvPerChannelS8ScratchBytes_Avx2)(params, input, filter,
                                                        output);
}
}  // namespace

size_t ConvPerChannelS8_ScratchBytes(const ConvParams& params,
                                     const Shape& input_shape,
                                     const Shape& filter_shape,
                                     const Shape& output_shape) {
  if (!ConvShapesFit(input_shape, filter_shape, output_shape)) return 0;
  return LargestScratch([&](Isa isa) {
    return ConvScratch(isa, params, input_shape, filter_shape, output_shape);
  });
}

void ConvPerChannelS8(const ConvParams& params,
                      const int32_t* output_multiplier,
                      const int32_t* output_shift, const Shape& input_shape,
                      const int8_t* input, const Shape& filter_shape,
                      const int8_t* filter, const int32_t* bias,
                      const Shape& output_shape, int8_t* output,
                      void* scratch) {
  const Isa isa = ActiveIsa();
  if (isa != Isa::kRef &&
      ConvShapesFit(input_shape, filter_shape, output_shape) &&
      HasScratch(ConvScratch(isa, params, input_shape, filter_shape,
                             output_shape),
                 scratch) &&
      QuantizationFits(output_multiplier, output_shift, output_shape.dims[3],
                       1, params.input_offset, params.act_min,
                       params.act_max)) {
    ForIsa(isa, x86::ConvPerChannelS8_Avx512Vnni, x86::ConvPerChannelS8_Avx2)(
        params, output_multiplier, output_shift, input_shape, input,
        filter_shape, filter, bias, output_shape, output, scratch);
    return;
  }
  ref::ConvPerChannelS8(params, output_multiplier, output_shift, input_shape,
                        input, filter_shape, filter, bias, output_shape,
                        output);
}

// --- DEPTHWISE_CONV_2D ---------------------------------------------------------

namespace {
bool DepthwiseShapesFit(const DepthwiseConvParams& params, const Shape& input,
                        const Shape& filter, const Shape& output) {
  return input.rank == 4 && filter.rank == 4 && output.rank == 4 &&
         FitsInt(input.FlatSize() * params.depth_multiplier) &&
         FitsInt(filter.FlatSize()) && FitsInt(output.FlatSize()) &&
         params.depth_multiplier >= 1 &&
         input.dims[3] * static_cast<int64_t>(params.depth_multiplier) ==
             output.dims[3] &&
         filter.dims[3] == output.dims[3];
}

size_t DepthwiseScratch(Isa isa, const DepthwiseConvParams& params,
                        const Shape& input, const Shape& filter,
                        const Shape& output) {
  return ForIsa(isa, x86::DepthwiseConvPerChannelS8ScratchBytes_Avx512Vnni,
                x86::DepthwiseConvPerChannelS8ScratchBytes_Avx2)(
      params, input, filter, output);
}
}  // namespace

size_t DepthwiseConvPerChannelS8_ScratchBytes(const DepthwiseConvParams& params,
                                              const Shape& input_shape,
                                              const Shape& filter_shape,
                                              const Shape& output_shape) {
  if (!DepthwiseShapesFit(params, input_shape, filter_shape, output_shape)) {
    return 0;
  }
  return LargestScratch([&](Isa isa) {
    return DepthwiseScratch(isa, params, input_shape, filter_shape,
                            output_shape);
  });
}

void DepthwiseConvPerChannelS8(const DepthwiseConvParams& params,
                               const int32_t* output_multiplier,
                               const int32_t* output_shift,
                               const Shape& input_shape, const int8_t* input,
                               const Shape& filter_shape, const int8_t* filter,
                               const int32_t* bias, const Shape& output_shape,
                               int8_t* output, void* scratch) {
  const Isa isa = ActiveIsa();
  if (isa != Isa::kRef &&
      DepthwiseShapesFit(params, input_shape, filter_shape, output_shape) &&
      HasScratch(DepthwiseScratch(isa, params, input_shape, filter_shape,
                                  output_shape),
                 scratch) &&
      QuantizationFits(output_multiplier, output_shift, output_shape.dims[3],
                       1, params.input_offset, params.act_min,
                       params.act_max)) {
    ForIsa(isa, x86::DepthwiseConvPerChannelS8_Avx512Vnni,
           x86::DepthwiseConvPerChannelS8_Avx2)(
        params, output_multiplier, output_shift, input_shape, input,
        filter_shape, filter, bias, output_shape, output, scratch);
    return;
  }
  ref::DepthwiseConvPerChannelS8(params, output_multiplier, output_shift,
                                 input_shape, input, filter_shape, filter,
                                 bias, output_shape, output);
}

// --- FULLY_CONNECTED -----------------------------------------------------------

namespace {
// The reference kernel reads units from the output's last dimension, depth
// from the filter's last, and units * depth filter values.
bool FullyConnectedShapesFit(const Shape& filter, const Shape& output) {
  if (filter.rank < 1 || output.rank < 1) return false;
  const int64_t units = output.dims[output.rank - 1];
  const int64_t depth = filter.dims[filter.rank - 1];
  return depth >= 1 && FitsInt(filter.FlatSize()) &&
         FitsInt(output.FlatSize()) && units * depth <= filter.FlatSize() &&
         FitsInt(output.FlatSize(0, output.rank - 1) * depth);
}

// Both FULLY_CONNECTED variants of an instruction set need the same.
size_t FullyConnectedScratch(Isa isa, const FullyConnectedParams& params,
                             const Shape& input, const Shape& filter,
                             const Shape& output) {
  return ForIsa(isa, x86::FullyConnectedS8ScratchBytes_Avx512Vnni,
                x86::FullyConnectedS8ScratchBytes_Avx2)(params, input, filter,
                                                        output);
}

size_t LargestFullyConnectedScratch(const FullyConnectedParams& params,
                                    const Shape& input, const Shape& filter,
                                    const Shape& output) {
  if (!FullyConnectedShapesFit(filter, output)) return 0;
  return LargestScratch([&](Isa isa) {
    return FullyConnectedScratch(isa, params, input, filter, output);
  });
}
}  // namespace

size_t FullyConnectedS8_ScratchBytes(const FullyConnectedParams& params,
                                     const Shape& input_shape,
                                     const Shape& filter_shape,
                                     const Shape& output_shape) {
  return LargestFullyConnectedScratch(params, input_shape, filter_shape,
                                      output_shape);
}

void FullyConnectedS8(const FullyConnectedParams& params,
                      const Shape& input_shape, const int8_t* input,
                      const Shape& filter_shape, const int8_t* filter,
                      const int32_t* bias, const Shape& output_shape,
                      int8_t* output, void* scratch) {
  const Isa isa = ActiveIsa();
  if (isa != Isa::kRef && params.filter_offset == 0 &&
      FullyConnectedShapesFit(filter_shape, output_shape) &&
      HasScratch(FullyConnectedScratch(isa, params, input_shape, filter_shape,
                                       output_shape),
                 scratch) &&
      QuantizationFits(&params.output_multiplier, &params.output_shift, 1, 0,
                       params.input_offset, params.act_min, params.act_max)) {
    ForIsa(isa, x86::FullyConnectedS8_Avx512Vnni, x86::FullyConnectedS8_Avx2)(
        params, input_shape, input, filter_shape, filter, bias, output_shape,
        output, scratch);
    return;
  }
  ref::FullyConnectedS8(params, input_shape, input, filter_shape, filter, bias,
                        output_shape, output);
}

size_t FullyConnectedPerChannelS8_ScratchBytes(
    const FullyConnectedParams& params, const Shape& input_shape,
    const Shape& filter_shape, const Shape& output_shape) {
  return LargestFullyConnectedScratch(params, input_shape, filter_shape,
                                      output_shape);
}

void FullyConnectedPerChannelS8(const FullyConnectedParams& params,
                                const int32_t* output_multiplier,
                                const int32_t* output_shift,
                                const Shape& input_shape, const int8_t* input,
                                const Shape& filter_shape, const int8_t* filter,
                                const int32_t* bias, const Shape& output_shape,
                                int8_t* output, void* scratch) {
  const Isa isa = ActiveIsa();
  if (isa != Isa::kRef &&
      FullyConnectedShapesFit(filter_shape, output_shape) &&
      HasScratch(FullyConnectedScratch(isa, params, input_shape, filter_shape,
                                       output_shape),
                 scratch) &&
      QuantizationFits(output_multiplier, output_shift,
                       output_shape.dims[output_shape.rank - 1], 1,
                       params.input_offset, params.act_min, params.act_max)) {
    ForIsa(isa, x86::FullyConnectedPerChannelS8_Avx512Vnni,
           x86::FullyConnectedPerChannelS8_Avx2)(
        params, output_multiplier, output_shift, input_shape, input,
        filter_shape, filter, bias, output_shape, output, scratch);
    return;
  }
  ref::FullyConnectedPerChannelS8(params, output_multiplier, output_shift,
                                  input_shape, input, filter_shape, filter,
                                  bias, output_shape, output);
}

// --- ADD -----------------------------------------------------------------------

namespace {
// TFLite's int8 ADD parameters: a left shift that fits, and three
// multipliers QuantizeMultiplier made.
bool AddParamsFit(const ref::AddSubParams& p) {
  const int32_t mult[3] = {p.input1_multiplier, p.input2_multiplier,
                           p.output_multiplier};
  const int32_t shift[3] = {p.input1_shift, p.input2_shift, p.output_shift};
  return p.left_shift >= 0 && p.left_shift <= 31 &&
         QuantizationFits(mult, shift, 3, 1, 0, p.act_min, p.act_max);
}
}  // namespace

bool AddS8(const ref::AddSubParams& params, const Shape& input1_shape,
           const int8_t* input1, const Shape& input2_shape,
           const int8_t* input2, int8_t* output) {
  const Isa isa = ActiveIsa();
  if (isa != Isa::kRef && AddParamsFit(params) &&
      FitsInt(input1_shape.FlatSize()) && FitsInt(input2_shape.FlatSize())) {
    return ForIsa(isa, x86::AddS8_Avx512Vnni, x86::AddS8_Avx2)(
        params, input1_shape, input1, input2_shape, input2, output);
  }
  return ref::AddS8(params, input1_shape, input1, input2_shape, input2,
                    output);
}

// --- AVERAGE_POOL_2D, MAX_POOL_2D ----------------------------------------------
// Pooling, softmax and the int16x8 kernels have AVX2 variants only: they
// are memory- or gather-bound, and AVX-512 CPUs run the AVX2 code.

namespace {
bool PoolFits(const ref::PoolParams& p, const Shape& input,
              const Shape& output) {
  return input.rank == 4 && output.rank == 4 && p.act_min >= -128 &&
         p.act_max <= 127 && p.act_min <= p.act_max &&
         input.dims[0] == output.dims[0] && input.dims[3] == output.dims[3] &&
         FitsInt(input.FlatSize()) && FitsInt(output.FlatSize());
}
}  // namespace

size_t AveragePoolS8_ScratchBytes(const ref::PoolParams&, const Shape&,
                                  const Shape&) {
  return 0;
}

bool AveragePoolS8(const ref::PoolParams& params, const Shape& input_shape,
                   const int8_t* input, const Shape& output_shape,
                   int8_t* output, void*) {
  if (ActiveIsa() != Isa::kRef && PoolFits(params, input_shape, output_shape)) {
    return x86::AveragePoolS8_Avx2(params, input_shape, input, output_shape,
                                   output);
  }
  return ref::AveragePoolS8(params, input_shape, input, output_shape, output);
}

void MaxPoolS8(const ref::PoolParams& params, const Shape& input_shape,
               const int8_t* input, const Shape& output_shape,
               int8_t* output) {
  if (ActiveIsa() != Isa::kRef && PoolFits(params, input_shape, output_shape)) {
    x86::MaxPoolS8_Avx2(params, input_shape, input, output_shape, output);
    return;
  }
  ref::MaxPoolS8(params, input_shape, input, output_shape, output);
}

// --- SOFTMAX -------------------------------------------------------------------

size_t SoftmaxS8_ScratchBytes(const ref::SoftmaxParamsS8& params,
                              const Shape& shape) {
  return BestIsa() != Isa::kRef ? x86::SoftmaxS8ScratchBytes_Avx2(params, shape)
                                : 0;
}

void SoftmaxS8(const ref::SoftmaxParamsS8& params, const Shape& shape,
               const int8_t* input, int8_t* output, void* scratch) {
  if (ActiveIsa() != Isa::kRef && scratch != nullptr &&
      FitsInt(shape.FlatSize())) {
    x86::SoftmaxS8_Avx2(params, shape, input, output, scratch);
    return;
  }
  ref::SoftmaxS8(params, shape, input, output);
}

// --- int16x8 CONV_2D, FULLY_CONNECTED -----------------------------------------

namespace {
bool ConvS16Fits(const Shape& input, const Shape& filter,
                 const Shape& output) {
  return ActiveIsa() != Isa::kRef && ConvShapesFit(input, filter, output) &&
         filter.dims[3] == input.dims[3] && filter.dims[0] == output.dims[3] &&
         input.dims[0] == output.dims[0];
}

// Both bias widths (int64, and int32 as TFLite allows) of int16x8 CONV_2D.
template <typename Bias>
void ConvS16(const ConvParams& params, const int32_t* output_multiplier,
             const int32_t* output_shift, const Shape& input_shape,
             const int16_t* input, const Shape& filter_shape,
             const int8_t* filter, const Bias* bias, const Shape& output_shape,
             int16_t* output) {
  if (ConvS16Fits(input_shape, filter_shape, output_shape)) {
    x86::ConvPerChannelS16_Avx2(params, output_multiplier, output_shift,
                                input_shape, input, filter_shape, filter, bias,
                                output_shape, output);
    return;
  }
  ref::ConvPerChannelS16(params, output_multiplier, output_shift, input_shape,
                         input, filter_shape, filter, bias, output_shape,
                         output);
}
}  // namespace

size_t ConvPerChannelS16_ScratchBytes(const ConvParams&, const Shape&,
                                      const Shape&, const Shape&) {
  return 0;
}

void ConvPerChannelS16(const ConvParams& params,
                       const int32_t* output_multiplier,
                       const int32_t* output_shift, const Shape& input_shape,
                       const int16_t* input, const Shape& filter_shape,
                       const int8_t* filter, const int64_t* bias,
                       const Shape& output_shape, int16_t* output, void*) {
  ConvS16(params, output_multiplier, output_shift, input_shape, input,
          filter_shape, filter, bias, output_shape, output);
}

void ConvPerChannelS16(const ConvParams& params,
                       const int32_t* output_multiplier,
                       const int32_t* output_shift, const Shape& input_shape,
                       const int16_t* input, const Shape& filter_shape,
                       const int8_t* filter, const int32_t* bias,
                       const Shape& output_shape, int16_t* output, void*) {
  ConvS16(params, output_multiplier, output_shift, input_shape, input,
          filter_shape, filter, bias, output_shape, output);
}

size_t FullyConnectedS16_ScratchBytes(const FullyConnectedParams&,
                                      const Shape&, const Shape&,
                                      const Shape&) {
  return 0;
}

void FullyConnectedS16(const FullyConnectedParams& params,
                       const Shape& input_shape, const int16_t* input,
                       const Shape& filter_shape, const int8_t* filter,
                       const int64_t* bias, const Shape& output_shape,
                       int16_t* output, void*) {
  if (ActiveIsa() != Isa::kRef && params.filter_offset == 0 &&
      FullyConnectedShapesFit(filter_shape, output_shape)) {
    x86::FullyConnectedS16_Avx2(params, input_shape, input, filter_shape,
                                filter, bias, output_shape, output);
    return;
  }
  ref::FullyConnectedS16(params, input_shape, input, filter_shape, filter,
                         bias, output_shape, output);
}

}  // namespace opt
}  // namespace mote
