// The window arithmetic the conv-like kernel testers share, on the host
// (tests/kernels/opt_test_util.h) and on the firmware
// (tests/firmware/kernels/tester.h): plain C++17, no allocation.
#ifndef MOTE_TESTS_COMMON_CONV_WINDOW_H_
#define MOTE_TESTS_COMMON_CONV_WINDOW_H_

#include "kernels/ref/conv_2d.h"
#include "mote/types.h"

namespace mote {
namespace test {

// Sets the strides, dilations and paddings of `p` (ConvParams or
// DepthwiseConvParams) as the op's Prepare does, and the output size;
// false when there is no output.
template <typename Params>
bool SetConvWindow(Padding padding, int in_h, int in_w, int filter_h,
                   int filter_w, int stride_h, int stride_w, int dilation_h,
                   int dilation_w, Params* p, int* out_h, int* out_w) {
  const ConvAxis rows =
      ComputeConvAxis(padding, in_h, filter_h, stride_h, dilation_h);
  const ConvAxis cols =
      ComputeConvAxis(padding, in_w, filter_w, stride_w, dilation_w);
  if (rows.out_size < 1 || cols.out_size < 1) return false;
  p->stride_height = stride_h;
  p->stride_width = stride_w;
  p->dilation_height = dilation_h;
  p->dilation_width = dilation_w;
  p->pad_height = rows.pad;
  p->pad_width = cols.pad;
  p->pad_height_offset = rows.pad_offset;
  p->pad_width_offset = cols.pad_offset;
  *out_h = rows.out_size;
  *out_w = cols.out_size;
  return true;
}

}  // namespace test
}  // namespace mote

#endif  // MOTE_TESTS_COMMON_CONV_WINDOW_H_
