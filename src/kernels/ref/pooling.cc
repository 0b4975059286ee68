#include "kernels/ref/pooling.h"

#include <algorithm>

namespace mote {
namespace ref {
namespace {

// The part of one pooling window that lies inside the input.
struct Window {
  int32_t y_start, y_end;  // input rows [y_start, y_end)
  int32_t x_start, x_end;  // input columns [x_start, x_end)
  int32_t count() const { return (y_end - y_start) * (x_end - x_start); }
};

Window ClippedWindow(const PoolParams& p, int32_t in_h, int32_t in_w,
                     int32_t out_y, int32_t out_x) {
  const int32_t y0 = out_y * p.stride_height - p.padding_height;
  const int32_t x0 = out_x * p.stride_width - p.padding_width;
  Window w;
  w.y_start = std::max<int32_t>(0, y0);
  w.y_end = std::min(in_h, y0 + p.filter_height);
  w.x_start = std::max<int32_t>(0, x0);
  w.x_end = std::min(in_w, x0 + p.filter_width);
  if (w.y_end < w.y_start) w.y_end = w.y_start;
  if (w.x_end < w.x_start) w.x_end = w.x_start;
  return w;
}

// Calls fn(window, in, out) for every output pixel, with `in` pointing at the
// input pixel (batch, 0, 0) and `out` at the output pixel; both carry
// `depth` channels.
template <typename T, typename Fn>
bool ForEachWindow(const PoolParams& p, const Shape& in_shape, const T* input,
                   const Shape& out_shape, T* output, Fn fn) {
  const int32_t batches = in_shape.dims[0];
  const int32_t in_h = in_shape.dims[1];
  const int32_t in_w = in_shape.dims[2];
  const int32_t depth = in_shape.dims[3];
  const int32_t out_h = out_shape.dims[1];
  const int32_t out_w = out_shape.dims[2];
  const int64_t in_batch_stride = int64_t{in_h} * in_w * depth;
  for (int32_t b = 0; b < batches; ++b) {
    const T* in_batch = input + b * in_batch_stride;
    for (int32_t oy = 0; oy < out_h; ++oy) {
      for (int32_t ox = 0; ox < out_w; ++ox) {
        const Window w = ClippedWindow(p, in_h, in_w, oy, ox);
        T* out = output + ((int64_t{b} * out_h + oy) * out_w + ox) * depth;
        if (!fn(w, in_batch, in_w, depth, out)) return false;
      }
    }
  }
  return true;
}

}  // namespace

void ComputePoolPadding(Padding padding, int32_t in_size, int32_t filter_size,
                        int32_t stride, int32_t* out_size, int32_t* pad) {
  // int64 so that absurd sizes from a malformed model cannot overflow.
  const int64_t in = in_size;
  const int64_t filter = filter_size;
  const int64_t s = stride;
  int64_t out = 0;
  if (s >= 1) {
    out = padding == Padding::kSame ? (in + s - 1) / s : (in + s - filter) / s;
  }
  const int64_t total = (out - 1) * s + filter - in;
  *out_size = static_cast<int32_t>(out);
  *pad = total > 0 ? static_cast<int32_t>(total / 2) : 0;
}

bool AveragePoolS8(const PoolParams& p, const Shape& input_shape,
                   const int8_t* input, const Shape& output_shape,
                   int8_t* output) {
  return ForEachWindow(p, input_shape, input, output_shape, output,
                       [&p](const Window& w, const int8_t* in, int32_t in_w,
                            int32_t depth, int8_t* out) {
                         const int32_t count = w.count();
                         if (count == 0) return false;
                         for (int32_t c = 0; c < depth; ++c) {
                           int32_t sum = 0;
                           for (int32_t y = w.y_start; y < w.y_end; ++y) {
                             for (int32_t x = w.x_start; x < w.x_end; ++x) {
                               sum += in[(int64_t{y} * in_w + x) * depth + c];
                             }
                           }
                           // Integer division truncates toward zero; adding
                           // half the count away from zero first makes it round
                           // half away from zero.
                           int32_t avg = sum > 0 ? (sum + count / 2) / count
                                                 : (sum - count / 2) / count;
                           avg = std::min(std::max(avg, p.act_min), p.act_max);
                           out[c] = static_cast<int8_t>(avg);
                         }
                         return true;
                       });
}

bool AveragePoolF32(const PoolParams& p, const Shape& input_shape,
                    const float* input, const Shape& output_shape,
                    float* output) {
  return ForEachWindow(p, input_shape, input, output_shape, output,
                       [&p](const Window& w, const float* in, int32_t in_w,
                            int32_t depth, float* out) {
                         const int32_t count = w.count();
                         if (count == 0) return false;
                         for (int32_t c = 0; c < depth; ++c) {
                           float sum = 0.0f;
                           for (int32_t y = w.y_start; y < w.y_end; ++y) {
                             for (int32_t x = w.x_start; x < w.x_end; ++x) {
                               sum += in[(int64_t{y} * in_w + x) * depth + c];
                             }
                           }
                           const float avg = sum / static_cast<float>(count);
                           out[c] = std::min(std::max(avg, p.act_min_f),
                                             p.act_max_f);
                         }
                         return true;
                       });
}

void MaxPoolS8(const PoolParams& p, const Shape& input_shape,
               const int8_t* input, const Shape& output_shape, int8_t* output) {
  ForEachWindow(p, input_shape, input, output_shape, output,
                [&p](const Window& w, const int8_t* in, int32_t in_w,
                     int32_t depth, int8_t* out) {
                  for (int32_t c = 0; c < depth; ++c) {
                    int32_t m = -128;
                    for (int32_t y = w.y_start; y < w.y_end; ++y) {
                      for (int32_t x = w.x_start; x < w.x_end; ++x) {
                        m = std::max<int32_t>(
                            m, in[(int64_t{y} * in_w + x) * depth + c]);
                      }
                    }
                    m = std::min(std::max(m, p.act_min), p.act_max);
                    out[c] = static_cast<int8_t>(m);
                  }
                  return true;
                });
}

void MaxPoolF32(const PoolParams& p, const Shape& input_shape,
                const float* input, const Shape& output_shape, float* output) {
  ForEachWindow(p, input_shape, input, output_shape, output,
                [&p](const Window& w, const float* in, int32_t in_w,
                     int32_t depth, float* out) {
                  for (int32_t c = 0; c < depth; ++c) {
                    // std::max(m, v) keeps m when v is NaN, as TFLite does.
                    float m = std::numeric_limits<float>::lowest();
                    for (int32_t y = w.y_start; y < w.y_end; ++y) {
                      for (int32_t x = w.x_start; x < w.x_end; ++x) {
                        m = std::max(m,
                                     in[(int64_t{y} * in_w + x) * depth + c]);
                      }
                    }
                    out[c] = std::min(std::max(m, p.act_min_f), p.act_max_f);
                  }
                  return true;
                });
}

}  // namespace ref
}  // namespace mote
