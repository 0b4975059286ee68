#include "kernels/x86_avx2/pooling.h"

#include <immintrin.h>

#include <algorithm>

#include "kernels/x86_avx2/avx2_util.h"

namespace mote {
namespace x86 {
namespace {

// The part of an output pixel's window inside the input (as the reference).
struct Window {
  int32_t y_start, y_end, x_start, x_end;
  int32_t count() const { return (y_end - y_start) * (x_end - x_start); }
};

Window ClippedWindow(const ref::PoolParams& p, int32_t in_h, int32_t in_w,
                     int32_t out_y, int32_t out_x) {
  const int32_t y0 = out_y * p.stride_height - p.padding_height;
  const int32_t x0 = out_x * p.stride_width - p.padding_width;
  Window w;
  w.y_start = std::max<int32_t>(0, y0);
  w.y_end = std::max(w.y_start, std::min(in_h, y0 + p.filter_height));
  w.x_start = std::max<int32_t>(0, x0);
  w.x_end = std::max(w.x_start, std::min(in_w, x0 + p.filter_width));
  return w;
}

// Channels [c, depth) of one average, the reference's arithmetic.
void AverageChannelsScalar(const ref::PoolParams& p, const Window& w,
                           const int8_t* in, int32_t in_w, int32_t depth,
                           int32_t c, int8_t* out) {
  const int32_t count = w.count();
  for (; c < depth; ++c) {
    int32_t sum = 0;
    for (int32_t y = w.y_start; y < w.y_end; ++y) {
      for (int32_t x = w.x_start; x < w.x_end; ++x) {
        sum += in[(int64_t{y} * in_w + x) * depth + c];
      }
    }
    int32_t avg = sum > 0 ? (sum + count / 2) / count
                          : (sum - count / 2) / count;
    out[c] = static_cast<int8_t>(std::min(std::max(avg, p.act_min), p.act_max));
  }
}

// (sum +- count / 2) / count, truncated, for eight int32 sums of at most
// 256 int8 values. Exact in float: the numerator (|n| <= 32896) converts
// exactly, and a quotient below 129 in magnitude that is not an integer is
// at least 1/256 away from one, far more than the division's rounding error
// (2^-17), so truncating the correctly rounded quotient truncates the exact
// one.
MOTE_TARGET_AVX2 inline __m256i RoundedAverage8(__m256i sum, __m256i half,
                                                __m256 count) {
  const __m256i positive = _mm256_cmpgt_epi32(sum, _mm256_setzero_si256());
  const __m256i adjust = _mm256_blendv_epi8(
      _mm256_sub_epi32(_mm256_setzero_si256(), half), half, positive);
  const __m256 n = _mm256_cvtepi32_ps(_mm256_add_epi32(sum, adjust));
  return _mm256_cvttps_epi32(_mm256_div_ps(n, count));
}

// One output pixel of the average: false if its window is empty.
MOTE_TARGET_AVX2 bool AveragePixel(const ref::PoolParams& p, const Window& w,
                                   const int8_t* in, int32_t in_w,
                                   int32_t depth, int8_t* out) {
  const int32_t count = w.count();
  if (count == 0) return false;
  int32_t c = 0;
  if (count <= 256) {
    const __m256i act_min = _mm256_set1_epi32(p.act_min);
    const __m256i act_max = _mm256_set1_epi32(p.act_max);
    const __m256i half = _mm256_set1_epi32(count / 2);
    const __m256 fcount = _mm256_set1_ps(static_cast<float>(count));
    for (; c + 16 <= depth; c += 16) {
      __m256i sum = _mm256_setzero_si256();
      for (int32_t y = w.y_start; y < w.y_end; ++y) {
        const int8_t* row = in + int64_t{y} * in_w * depth + c;
        for (int32_t x = w.x_start; x < w.x_end; ++x) {
          sum = _mm256_add_epi16(
              sum, _mm256_cvtepi8_epi16(_mm_loadu_si128(
                       reinterpret_cast<const __m128i*>(row + int64_t{x} * depth))));
        }
      }
      __m256i lo = RoundedAverage8(
          _mm256_cvtepi16_epi32(_mm256_castsi256_si128(sum)), half, fcount);
      __m256i hi = RoundedAverage8(
          _mm256_cvtepi16_epi32(_mm256_extracti128_si256(sum, 1)), half, fcount);
      lo = _mm256_min_epi32(_mm256_max_epi32(lo, act_min), act_max);
      hi = _mm256_min_epi32(_mm256_max_epi32(hi, act_min), act_max);
      // packs works within 128-bit halves: restore the channel order.
      const __m256i words =
          _mm256_permute4x64_epi64(_mm256_packs_epi32(lo, hi), 0xD8);
      const __m128i bytes = _mm_packs_epi16(_mm256_castsi256_si128(words),
                                            _mm256_extracti128_si256(words, 1));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out + c), bytes);
    }
  }
  AverageChannelsScalar(p, w, in, in_w, depth, c, out);
  return true;
}

// One output pixel of the maximum. An empty window gives the clamped -128,
// as the reference.
MOTE_TARGET_AVX2 void MaxPixel(const ref::PoolParams& p, const Window& w,
                               const int8_t* in, int32_t in_w, int32_t depth,
                               int8_t* out) {
  const __m256i act_min = _mm256_set1_epi8(static_cast<char>(p.act_min));
  const __m256i act_max = _mm256_set1_epi8(static_cast<char>(p.act_max));
  int32_t c = 0;
  for (; c + 32 <= depth; c += 32) {
    __m256i m = _mm256_set1_epi8(-128);
    for (int32_t y = w.y_start; y < w.y_end; ++y) {
      const int8_t* row = in + int64_t{y} * in_w * depth + c;
      for (int32_t x = w.x_start; x < w.x_end; ++x) {
        m = _mm256_max_epi8(m, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(
                                   row + int64_t{x} * depth)));
      }
    }
    m = _mm256_min_epi8(_mm256_max_epi8(m, act_min), act_max);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + c), m);
  }
  for (; c + 16 <= depth; c += 16) {
    __m128i m = _mm_set1_epi8(-128);
    for (int32_t y = w.y_start; y < w.y_end; ++y) {
      const int8_t* row = in + int64_t{y} * in_w * depth + c;
      for (int32_t x = w.x_start; x < w.x_end; ++x) {
        m = _mm_max_epi8(m, _mm_loadu_si128(reinterpret_cast<const __m128i*>(
                                row + int64_t{x} * depth)));
      }
    }
    m = _mm_min_epi8(_mm_max_epi8(m, _mm256_castsi256_si128(act_min)),
                     _mm256_castsi256_si128(act_max));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + c), m);
  }
  for (; c < depth; ++c) {
    int32_t m = -128;
    for (int32_t y = w.y_start; y < w.y_end; ++y) {
      for (int32_t x = w.x_start; x < w.x_end; ++x) {
        m = std::max<int32_t>(m, in[(int64_t{y} * in_w + x) * depth + c]);
      }
    }
    out[c] = static_cast<int8_t>(std::min(std::max(m, p.act_min), p.act_max));
  }
}

}  // namespace

bool AveragePoolS8_Avx2(const ref::PoolParams& p, const Shape& input_shape,
                        const int8_t* input, const Shape& output_shape,
                        int8_t* output) {
  const int32_t in_h = input_shape.dims[1];
  const int32_t in_w = input_shape.dims[2];
  const int32_t depth = input_shape.dims[3];
  const int32_t out_h = output_shape.dims[1];
  const int32_t out_w = output_shape.dims[2];
  for (int32_t b = 0; b < input_shape.dims[0]; ++b) {
    const int8_t* in = input + int64_t{b} * in_h * in_w * depth;
    for (int32_t oy = 0; oy < out_h; ++oy) {
      for (int32_t ox = 0; ox < out_w; ++ox) {
        int8_t* out = output + ((int64_t{b} * out_h + oy) * out_w + ox) * depth;
        if (!AveragePixel(p, ClippedWindow(p, in_h, in_w, oy, ox), in, in_w,
                          depth, out)) {
          return false;
        }
      }
    }
  }
  return true;
}

void MaxPoolS8_Avx2(const ref::PoolParams& p, const Shape& input_shape,
                    const int8_t* input, const Shape& output_shape,
                    int8_t* output) {
  const int32_t in_h = input_shape.dims[1];
  const int32_t in_w = input_shape.dims[2];
  const int32_t depth = input_shape.dims[3];
  const int32_t out_h = output_shape.dims[1];
  const int32_t out_w = output_shape.dims[2];
  for (int32_t b = 0; b < input_shape.dims[0]; ++b) {
    const int8_t* in = input + int64_t{b} * in_h * in_w * depth;
    for (int32_t oy = 0; oy < out_h; ++oy) {
      for (int32_t ox = 0; ox < out_w; ++ox) {
        int8_t* out = output + ((int64_t{b} * out_h + oy) * out_w + ox) * depth;
        MaxPixel(p, ClippedWindow(p, in_h, in_w, oy, ox), in, in_w, depth, out);
      }
    }
  }
}

}  // namespace x86
}  // namespace mote
