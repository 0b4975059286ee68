// The FULLY_CONNECTED int8 layer walk the x86 kernels share: the reference
// kernel's geometry, then per batch row blocks of 8 units whose dot
// products the instruction set's own DotBlock forms (x86_avx2: widened
// madd; x86_avx512vnni: dpbusd), requantized and stored together with the
// AVX2 helpers of avx2_util.h. Only the dot product differs per
// instruction set, so only it is a template argument.
#ifndef MOTE_KERNELS_X86_AVX2_FULLY_CONNECTED_BLOCKS_H_
#define MOTE_KERNELS_X86_AVX2_FULLY_CONNECTED_BLOCKS_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "kernels/ref/fully_connected.h"
#include "kernels/x86_avx2/avx2_util.h"
#include "mote/types.h"

namespace mote {
namespace x86 {

// Weight rows per block: one ymm of sums.
constexpr int kFullyConnectedUnits = 8;

// Runs the layer block by block. `dot(a, depth, input_offset, w)` returns
// the 8 exact int32 sums of (a[k] + input_offset) * w[i][k] over the input
// row `a`, for the weight rows w[0..7]. `stride` 0: one multiplier for all
// units (per-tensor); 1: one per unit. Units from the output's last
// dimension, depth from the filter's, batches from the rest of the output,
// as the reference kernel.
//
// A dot product for a wider instruction set (AVX-512) cannot inline into
// this AVX2 function itself: its callers carry
// MOTE_FLATTEN_FULLY_CONNECTED, which inlines both into them.
template <typename DotBlock>
MOTE_TARGET_AVX2 inline void FullyConnectedBlocks(
    DotBlock dot, const FullyConnectedParams& params, const int32_t* mult,
    const int32_t* shift, int stride, const int8_t* input,
    const Shape& filter_shape, const int8_t* filter, const int32_t* bias,
    const Shape& output_shape, int8_t* output) {
  constexpr int kUnits = kFullyConnectedUnits;
  const int units = output_shape.dims[output_shape.rank - 1];
  const int depth = filter_shape.dims[filter_shape.rank - 1];
  const int batches =
      static_cast<int>(output_shape.FlatSize(0, output_shape.rank - 1));
  const OutRange8 range =
      MakeOutRange8(params.output_offset, params.act_min, params.act_max);
  for (int b = 0; b < batches; ++b) {
    const int8_t* in = input + static_cast<size_t>(b) * depth;
    int8_t* out = output + static_cast<size_t>(b) * units;
    for (int u0 = 0; u0 < units; u0 += kUnits) {
      const int count = std::min(kUnits, units - u0);
      const int8_t* w[kUnits];
      for (int i = 0; i < kUnits; ++i) {
        // Rows past the last unit repeat it; their sums are not stored.
        w[i] = filter + static_cast<size_t>(u0 + std::min(i, count - 1)) * depth;
      }
      const __m256i sums = dot(in, depth, params.input_offset, w);
      const QuantVec8 q =
          MakeQuant8(bias != nullptr ? bias + u0 : nullptr, mult + u0 * stride,
                     shift + u0 * stride, stride, count);
      StoreS8x8(Requant8(sums, q, range), out + u0, count);
    }
  }
}

// On the kernels' entry points: FullyConnectedBlocks and the dot product
// inline into them (with each entry point's constant stride).
#define MOTE_FLATTEN_FULLY_CONNECTED __attribute__((flatten))

}  // namespace x86
}  // namespace mote

#endif  // MOTE_KERNELS_X86_AVX2_FULLY_CONNECTED_BLOCKS_H_
