// The kernels the op wrappers call for the hot int8 ops, one entry point per
// op family with the reference kernel's signature plus a scratch buffer.
//
// Each entry point picks, by shape, the fastest variant of the instruction
// set this library was built for. The instruction set is chosen at build
// time by the folder CMake compiles (MOTE_KERNEL_ISA, src/CMakeLists.txt):
//   portable/  the reference kernels (host builds, and any CPU without a
//              folder of its own)
//   arm_dsp/   Cortex-M with the DSP extension (M4, M33, M7): SMLAD, SXTB16
//   arm_mve/   Cortex-M55 Helium (MVE): VMLADAVA and friends
//   arm_common/ headers only: the instruction-set-independent loops both
//              Arm folders share (each passes its own inner operations)
// Every folder defines every function declared here (forwarding to ref::
// where it has nothing faster), so a folder never needs an #ifdef and the
// op wrappers never name an instruction set. Every variant is bit-exact with
// the reference kernel of the same name (tests/firmware/kernels).
//
// Scratch: the op wrapper asks for `..._ScratchBytes()` in Prepare
// (ctx.RequestScratch, when non-zero) and passes that buffer, 16-byte
// aligned, to the kernel in Eval; null when the size was 0. The size depends
// only on the parameters and shapes, so Prepare and Eval pick the same
// variant. Kernels never allocate.
#ifndef MOTE_KERNELS_SELECT_H_
#define MOTE_KERNELS_SELECT_H_

#include <cstddef>
#include <cstdint>

#include "kernels/ref/add.h"
#include "kernels/ref/conv_2d.h"
#include "kernels/ref/depthwise_conv_2d.h"
#include "kernels/ref/fully_connected.h"
#include "kernels/ref/pooling.h"
#include "kernels/ref/softmax.h"
#include "mote/types.h"

namespace mote {
namespace opt {

// The instruction set of this build ("portable", "arm_dsp", "arm_mve").
const char* KernelIsaName();

// CONV_2D int8 (ref::ConvPerChannelS8).
size_t ConvPerChannelS8_ScratchBytes(const ConvParams& params,
                                     const Shape& input_shape,
                                     const Shape& filter_shape,
                                     const Shape& output_shape);
void ConvPerChannelS8(const ConvParams& params,
                      const int32_t* output_multiplier,
                      const int32_t* output_shift, const Shape& input_shape,
                      const int8_t* input, const Shape& filter_shape,
                      const int8_t* filter, const int32_t* bias,
                      const Shape& output_shape, int8_t* output, void* scratch);

// DEPTHWISE_CONV_2D int8 (ref::DepthwiseConvPerChannelS8).
size_t DepthwiseConvPerChannelS8_ScratchBytes(const DepthwiseConvParams& params,
                                              const Shape& input_shape,
                                              const Shape& filter_shape,
                                              const Shape& output_shape);
void DepthwiseConvPerChannelS8(const DepthwiseConvParams& params,
                               const int32_t* output_multiplier,
                               const int32_t* output_shift,
                               const Shape& input_shape, const int8_t* input,
                               const Shape& filter_shape, const int8_t* filter,
                               const int32_t* bias, const Shape& output_shape,
                               int8_t* output, void* scratch);

// FULLY_CONNECTED int8, per-tensor weights (ref::FullyConnectedS8).
size_t FullyConnectedS8_ScratchBytes(const FullyConnectedParams& params,
                                     const Shape& input_shape,
                                     const Shape& filter_shape,
                                     const Shape& output_shape);
void FullyConnectedS8(const FullyConnectedParams& params,
                      const Shape& input_shape, const int8_t* input,
                      const Shape& filter_shape, const int8_t* filter,
                      const int32_t* bias, const Shape& output_shape,
                      int8_t* output, void* scratch);

// FULLY_CONNECTED int8, per-channel weights (ref::FullyConnectedPerChannelS8).
size_t FullyConnectedPerChannelS8_ScratchBytes(
    const FullyConnectedParams& params, const Shape& input_shape,
    const Shape& filter_shape, const Shape& output_shape);
void FullyConnectedPerChannelS8(const FullyConnectedParams& params,
                                const int32_t* output_multiplier,
                                const int32_t* output_shift,
                                const Shape& input_shape, const int8_t* input,
                                const Shape& filter_shape, const int8_t* filter,
                                const int32_t* bias, const Shape& output_shape,
                                int8_t* output, void* scratch);

// ADD int8 (ref::AddS8), no scratch; false, as the reference, when the
// shapes do not broadcast. portable/ forwards to the reference.
bool AddS8(const ref::AddSubParams& params, const Shape& input1_shape,
           const int8_t* input1, const Shape& input2_shape,
           const int8_t* input2, int8_t* output);

// --- Pooling, softmax and int16x8 conv/FC (portable/ forwards to the
// reference). -----------------------------------------------------------------

// AVERAGE_POOL_2D int8 (ref::AveragePoolS8): false, as the reference, when
// a window lies entirely in the padding.
size_t AveragePoolS8_ScratchBytes(const ref::PoolParams& params,
                                  const Shape& input_shape,
                                  const Shape& output_shape);
bool AveragePoolS8(const ref::PoolParams& params, const Shape& input_shape,
                   const int8_t* input, const Shape& output_shape,
                   int8_t* output, void* scratch);

// MAX_POOL_2D int8 (ref::MaxPoolS8), no scratch.
void MaxPoolS8(const ref::PoolParams& params, const Shape& input_shape,
               const int8_t* input, const Shape& output_shape, int8_t* output);

// SOFTMAX int8 -> int8 (ref::SoftmaxS8).
size_t SoftmaxS8_ScratchBytes(const ref::SoftmaxParamsS8& params,
                              const Shape& shape);
void SoftmaxS8(const ref::SoftmaxParamsS8& params, const Shape& shape,
               const int8_t* input, int8_t* output, void* scratch);

// CONV_2D int16x8 (ref::ConvPerChannelS16), int64 or int32 bias; one
// scratch size for both.
size_t ConvPerChannelS16_ScratchBytes(const ConvParams& params,
                                      const Shape& input_shape,
                                      const Shape& filter_shape,
                                      const Shape& output_shape);
void ConvPerChannelS16(const ConvParams& params,
                       const int32_t* output_multiplier,
                       const int32_t* output_shift, const Shape& input_shape,
                       const int16_t* input, const Shape& filter_shape,
                       const int8_t* filter, const int64_t* bias,
                       const Shape& output_shape, int16_t* output,
                       void* scratch);
void ConvPerChannelS16(const ConvParams& params,
                       const int32_t* output_multiplier,
                       const int32_t* output_shift, const Shape& input_shape,
                       const int16_t* input, const Shape& filter_shape,
                       const int8_t* filter, const int32_t* bias,
                       const Shape& output_shape, int16_t* output,
                       void* scratch);

// FULLY_CONNECTED int16x8, per-tensor, int64 bias (ref::FullyConnectedS16).
size_t FullyConnectedS16_ScratchBytes(const FullyConnectedParams& params,
                                      const Shape& input_shape,
                                      const Shape& filter_shape,
                                      const Shape& output_shape);
void FullyConnectedS16(const FullyConnectedParams& params,
                       const Shape& input_shape, const int16_t* input,
                       const Shape& filter_shape, const int8_t* filter,
                       const int64_t* bias, const Shape& output_shape,
                       int16_t* output, void* scratch);

}  // namespace opt
}  // namespace mote

#endif  // MOTE_KERNELS_SELECT_H_
