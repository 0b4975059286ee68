// Shared by the AVERAGE_POOL_2D and MAX_POOL_2D op tests: one pooling case
// (shape, window, stride, padding, activation), the in-image elements of each
// window, and the geometry matrix both ops are run over.
#ifndef MOTE_TESTS_OPS_POOL_TEST_UTIL_H_
#define MOTE_TESTS_OPS_POOL_TEST_UTIL_H_

#include <initializer_list>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {

struct PoolCase {
  std::vector<int32_t> input = {1, 5, 6, 2};
  int fh = 2;
  int fw = 2;
  int sh = 2;
  int sw = 2;
  tflite::Padding padding = tflite::Padding_SAME;
  tflite::ActivationFunctionType act = tflite::ActivationFunctionType_NONE;
  std::vector<int32_t> output() const {
    return {input[0], ConvAxisRef(padding, input[1], fh, sh).out,
            ConvAxisRef(padding, input[2], fw, sw).out, input[3]};
  }
  host::OptionsBuilder options() const { return host::Pool2DOptions(padding, sw, sh, fw, fh, act); }
};

// For each output element in NHWC order: the indices of the in-image window
// elements (padding is never part of a window).
template <typename Fn>
void ForEachWindow(const PoolCase& c, Fn fn) {
  const AxisRef rows = ConvAxisRef(c.padding, c.input[1], c.fh, c.sh);
  const AxisRef cols = ConvAxisRef(c.padding, c.input[2], c.fw, c.sw);
  const int h = c.input[1], w = c.input[2], ch = c.input[3];
  for (int b = 0; b < c.input[0]; ++b)
    for (int oy = 0; oy < rows.out; ++oy)
      for (int ox = 0; ox < cols.out; ++ox)
        for (int k = 0; k < ch; ++k) {
          std::vector<int> idx;
          for (int ky = 0; ky < c.fh; ++ky)
            for (int kx = 0; kx < c.fw; ++kx) {
              const int iy = oy * c.sh - rows.pad + ky, ix = ox * c.sw - cols.pad + kx;
              if (iy >= 0 && iy < h && ix >= 0 && ix < w) idx.push_back(((b * h + iy) * w + ix) * ch + k);
            }
          fn(idx);
        }
}

// Both paddings, filter heights 1-3, the given filter widths, strides 1-2 x
// 1-3 on `input`: fn(case, seed) with a fresh seed per case.
template <typename Fn>
void ForEachPoolGeometry(const std::vector<int32_t>& input, std::initializer_list<int> filter_widths, Fn fn) {
  uint32_t seed = 1;
  for (tflite::Padding padding : {tflite::Padding_SAME, tflite::Padding_VALID})
    for (int fh : {1, 2, 3})
      for (int fw : filter_widths)
        for (int sh : {1, 2})
          for (int sw : {1, 3}) {
            PoolCase c;
            c.input = input;
            c.padding = padding;
            c.fh = fh;
            c.fw = fw;
            c.sh = sh;
            c.sw = sw;
            SCOPED_TRACE(testing::Message() << "padding " << padding << " filter " << fh << "x" << fw
                                            << " stride " << sh << "x" << sw);
            fn(c, seed);
            seed += 2;
          }
}

}  // namespace mote::optest

#endif  // MOTE_TESTS_OPS_POOL_TEST_UTIL_H_
