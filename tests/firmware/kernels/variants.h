// The optimised kernel variants of the instruction set a firmware is built
// for, as tables the testers walk: each variant runs on every random case
// it applies to, and must equal the reference kernel byte for byte. One
// definition per instruction set (arm_dsp_variants.cc, arm_mve_variants.cc);
// the firmware build compiles the one of its CPU. The selecting entry
// points of kernels/select.h are tested as one more variant each.
#ifndef MOTE_TESTS_FIRMWARE_KERNELS_VARIANTS_H_
#define MOTE_TESTS_FIRMWARE_KERNELS_VARIANTS_H_

#include <cstddef>
#include <cstdint>

#include "kernels/ref/add.h"
#include "kernels/ref/conv_2d.h"
#include "kernels/ref/depthwise_conv_2d.h"
#include "kernels/ref/fully_connected.h"
#include "kernels/ref/pooling.h"
#include "mote/types.h"

namespace mote {
namespace kernel_test {

struct ConvVariant {
  const char* name;
  bool (*applies)(const ConvParams&, const Shape& input, const Shape& filter,
                  const Shape& output);
  size_t (*scratch_bytes)(const ConvParams&, const Shape&, const Shape&,
                          const Shape&);
  void (*run)(const ConvParams&, const int32_t*, const int32_t*, const Shape&,
              const int8_t*, const Shape&, const int8_t*, const int32_t*,
              const Shape&, int8_t*, void*);
};

struct DepthwiseVariant {
  const char* name;
  bool (*applies)(const DepthwiseConvParams&, const Shape& input,
                  const Shape& filter, const Shape& output);
  size_t (*scratch_bytes)(const DepthwiseConvParams&, const Shape&,
                          const Shape&, const Shape&);
  void (*run)(const DepthwiseConvParams&, const int32_t*, const int32_t*,
              const Shape&, const int8_t*, const Shape&, const int8_t*,
              const int32_t*, const Shape&, int8_t*, void*);
};

// Per-tensor and per-channel fully connected share one table: `multiplier`
// and `shift` are null for per-tensor (the params carry them).
struct FullyConnectedVariant {
  const char* name;
  bool per_channel;
  bool (*applies)(const FullyConnectedParams&, const Shape& input,
                  const Shape& filter, const Shape& output);
  size_t (*scratch_bytes)(const FullyConnectedParams&, const Shape&,
                          const Shape&, const Shape&);
  void (*run)(const FullyConnectedParams&, const int32_t* multiplier,
              const int32_t* shift, const Shape&, const int8_t*, const Shape&,
              const int8_t*, const int32_t*, const Shape&, int8_t*, void*);
};

// ADD int8: `run` returns false where the reference does (shapes that do
// not broadcast).
struct AddVariant {
  const char* name;
  bool (*applies)(const ref::AddSubParams&, const Shape& input1,
                  const Shape& input2);
  bool (*run)(const ref::AddSubParams&, const Shape&, const int8_t*,
              const Shape&, const int8_t*, int8_t*);
};

// AVERAGE_POOL_2D and MAX_POOL_2D int8: `run` returns false where the
// reference does (max pooling never).
struct PoolVariant {
  const char* name;
  bool (*applies)(const ref::PoolParams&, const Shape& input,
                  const Shape& output);
  bool (*run)(const ref::PoolParams&, const Shape&, const int8_t*,
              const Shape&, int8_t*);
};

// Null-terminated (name == nullptr) tables of this build's variants.
extern const ConvVariant kConvVariants[];
extern const DepthwiseVariant kDepthwiseVariants[];
extern const FullyConnectedVariant kFullyConnectedVariants[];
extern const AddVariant kAddVariants[];
extern const PoolVariant kAveragePoolVariants[];
extern const PoolVariant kMaxPoolVariants[];

// The instruction set the tables are for ("arm_dsp", "arm_mve").
extern const char kVariantsIsa[];

}  // namespace kernel_test
}  // namespace mote

#endif  // MOTE_TESTS_FIRMWARE_KERNELS_VARIANTS_H_
