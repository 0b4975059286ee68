// How the AVX2 and AVX-512 int8 CONV_2D kernels read their rows, and the
// scratch that takes: the choice is the same for both instruction sets;
// only the tile height and the packed variant's largest K differ. Plain C++
// (no instruction set). AVX-512 files include it after avx512_util.h.
#ifndef MOTE_KERNELS_X86_AVX2_CONV_PLAN_H_
#define MOTE_KERNELS_X86_AVX2_CONV_PLAN_H_

#include <cstddef>
#include <cstdint>

#include "kernels/x86_avx2/avx2_util.h"
#include "kernels/x86_avx2/conv_rows.h"

namespace mote {
namespace x86 {

constexpr int kConvMaxTaps = 64;  // tap pointers live on the stack

// Rows below which packing a panel of the filter does not pay: the dot
// products read the filter in place.
constexpr int kConvPackedMinRows = 8;

enum class ConvSource {
  kPacked,   // conv_2d_packed.h: channels in lanes, no scratch
  kInPlace,  // 1x1 filter: a row is one input pixel
  kTaps,     // in_ch % 16 == 0: a row is its taps' pixels
  kIm2col,   // otherwise: rows copied to scratch
};

struct ConvPlan {
  ConvRows rows;
  ConvSource source = ConvSource::kInPlace;
  int8_t* zero_row = nullptr;  // kTaps: in_ch copies of the zero point
  int8_t* im2col = nullptr;    // kIm2col: tile_rows rows of K values
  size_t bytes = 0;

  // packed_max_k: the packed variant's largest K; tile_rows: the rows one
  // tile of the kernel computes. A null scratch only measures.
  static ConvPlan Make(const ConvParams& params, const Shape& input,
                       const Shape& filter, const Shape& output, void* scratch,
                       int packed_max_k, int tile_rows) {
    ConvPlan p;
    p.rows = ConvRows::Make(params, input, filter, output);
    ScratchCursor cursor(scratch);
    if (p.rows.K <= packed_max_k && p.rows.M >= kConvPackedMinRows) {
      p.source = ConvSource::kPacked;
    } else if (p.rows.pointwise) {
      p.source = ConvSource::kInPlace;
    } else if (p.rows.in_ch % 16 == 0 && p.rows.taps() <= kConvMaxTaps) {
      p.source = ConvSource::kTaps;
      p.zero_row = cursor.Take<int8_t>(static_cast<size_t>(p.rows.in_ch));
    } else {
      p.source = ConvSource::kIm2col;
      p.im2col = cursor.Take<int8_t>(static_cast<size_t>(tile_rows) * p.rows.K);
    }
    p.bytes = cursor.bytes();
    return p;
  }
};

}  // namespace x86
}  // namespace mote

#endif  // MOTE_KERNELS_X86_AVX2_CONV_PLAN_H_
