#include "kernels/x86_avx512vnni/depthwise_one_channel.h"

#include <cstring>

#include "kernels/x86_avx512vnni/avx512_util.h"

namespace mote {
namespace x86 {
namespace {

// 4-tap groups per filter row: 1 (width <= 4) or 2 (width <= 8).
int Groups(const DepthwiseRows& r) { return r.filter_w <= 4 ? 1 : 2; }

constexpr int kMaxFilterH = 64;  // packed filter rows live on the stack

// Bytes x0 .. x0 + 7 of an image row as unsigned (value + 128), 0 outside
// the row's [0, in_w) and beyond the filter width.
inline uint64_t RowBytes(const int8_t* row, int x0, int width, int in_w) {
  uint64_t v = 0;
  if (x0 >= 0 && x0 + 8 <= in_w) {
    memcpy(&v, row + x0, 8);
    // Bytes beyond the filter width meet zero weights: no need to clear.
    return v ^ 0x8080808080808080ull;
  }
  uint8_t bytes[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  for (int k = 0; k < width; ++k) {
    const int x = x0 + k;
    if (x >= 0 && x < in_w) bytes[k] = static_cast<uint8_t>(row[x] ^ 0x80);
  }
  memcpy(&v, bytes, 8);
  return v;
}

}  // namespace

bool DepthwiseOneChannelApplies_Avx512Vnni(const DepthwiseRows& r,
                                           const DepthwiseConvParams& params) {
  return r.in_ch == 1 && params.input_offset == 128 && r.dilation_w == 1 &&
         r.filter_w <= 8 && r.filter_h <= kMaxFilterH &&
         r.channels * Groups(r) <= 16;
}

MOTE_TARGET_AVX512VNNI void DepthwiseOneChannel_Avx512Vnni(
    const DepthwiseRows& r, const DepthwiseConvParams& params,
    const int32_t* output_multiplier, const int32_t* output_shift,
    const int8_t* input, const int8_t* filter, const int32_t* bias,
    int8_t* output) {
  const int C = r.channels;
  const int G = Groups(r);
  // Filter rows packed as lanes (c, g): weights w[fy][4g + k][c], 0 past
  // the filter width and the channel count.
  alignas(64) int8_t packed[kMaxFilterH][64];
  for (int fy = 0; fy < r.filter_h; ++fy) {
    for (int lane = 0; lane < 16; ++lane) {
      const int c = lane / G;
      const int g = lane % G;
      for (int k = 0; k < 4; ++k) {
        const int fx = 4 * g + k;
        packed[fy][lane * 4 + k] =
            c < C && fx < r.filter_w ? filter[(fy * r.filter_w + fx) * C + c]
                                     : int8_t{0};
      }
    }
  }
  // Channel c's constants in lane c * G (the lane that ends with its sum).
  alignas(64) int32_t b[16] = {};
  alignas(64) int32_t m[16] = {};
  alignas(64) int32_t s[16] = {};
  for (int c = 0; c < C; ++c) {
    b[c * G] = bias != nullptr ? bias[c] : 0;
    m[c * G] = output_multiplier[c];
    s[c * G] = output_shift[c];
  }
  const QuantVec16 q = QuantFromVectors16(
      _mm512_load_si512(b), _mm512_load_si512(m), _mm512_load_si512(s));
  const OutRange16 range =
      MakeOutRange16(params.output_offset, params.act_min, params.act_max);
  const __mmask16 sums = G == 1 ? __mmask16{0xFFFF} : __mmask16{0x5555};
  const __mmask16 store = static_cast<__mmask16>((1u << C) - 1u);

  for (int bt = 0; bt < r.batches; ++bt) {
    const int8_t* image = input + static_cast<size_t>(bt) * r.in_h * r.in_w;
    int8_t* dst = output + static_cast<size_t>(bt) * r.out_h * r.out_w * C;
    for (int oy = 0; oy < r.out_h; ++oy) {
      const int y0 = oy * r.stride_h - r.pad_h;
      for (int ox = 0; ox < r.out_w; ++ox, dst += C) {
        const int x0 = ox * r.stride_w - r.pad_w;
        __m512i acc = _mm512_setzero_si512();
        for (int fy = 0; fy < r.filter_h; ++fy) {
          const int iy = y0 + fy * r.dilation_h;
          if (iy < 0 || iy >= r.in_h) continue;  // the reference skips it
          const uint64_t bytes = RowBytes(
              image + static_cast<size_t>(iy) * r.in_w, x0, r.filter_w, r.in_w);
          const __m512i x =
              G == 1 ? _mm512_set1_epi32(static_cast<int32_t>(bytes))
                     : _mm512_set1_epi64(static_cast<long long>(bytes));
          acc = _mm512_dpbusd_epi32(acc, x, _mm512_load_si512(packed[fy]));
        }
        // Lane c * G + 1 into lane c * G: each channel's total.
        if (G == 2) acc = _mm512_add_epi32(acc, _mm512_srli_epi64(acc, 32));
        const __m512i v =
            _mm512_maskz_compress_epi32(sums, Requant16(acc, q, range));
        _mm512_mask_cvtsepi32_storeu_epi8(dst, store, v);
      }
    }
  }
}

}  // namespace x86
}  // namespace mote
