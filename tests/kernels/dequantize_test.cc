#include "kernels/ref/dequantize.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "kernels/ref/quantize.h"

namespace mote {
namespace {

std::vector<float> Dequantize(const std::vector<int8_t>& in, float scale,
                              int zero_point) {
  std::vector<float> out(in.size(), -1.0f);
  ref::DequantizeToF32(in.data(), in.size(), scale, zero_point, out.data());
  return out;
}

std::vector<int8_t> AllInt8() {
  std::vector<int8_t> v(256);
  for (int i = 0; i < 256; ++i) v[i] = static_cast<int8_t>(i - 128);
  return v;
}

TEST(DequantizeS8ToF32Test, HandComputed) {
  EXPECT_EQ(Dequantize({-128, -127, 0, 127}, 0.5f, -128),
            (std::vector<float>{0.0f, 0.5f, 64.0f, 127.5f}));
  EXPECT_EQ(Dequantize({-128, 0, 126, 127}, 0.5f, 127),
            (std::vector<float>{-127.5f, -63.5f, -0.5f, 0.0f}));
  EXPECT_EQ(Dequantize({-3, 0, 3}, 0.25f, 0),
            (std::vector<float>{-0.75f, 0.0f, 0.75f}));
}

// (q - zp) is an exact small integer, so the single float multiplication
// TFLite does is the correctly rounded product: it must equal the double
// product rounded to float, bit for bit, for every q.
TEST(DequantizeS8ToF32Test, EqualsCorrectlyRoundedProduct) {
  const float scales[] = {0.04072536528110504f, 1.0f / 255.0f, 0.1f, 3.0e-5f,
                          1234.5f};
  const int zero_points[] = {-128, -1, 0, 83, 127};
  const auto q = AllInt8();
  for (float scale : scales) {
    for (int zp : zero_points) {
      const auto out = Dequantize(q, scale, zp);
      for (int i = 0; i < 256; ++i) {
        const float expected = static_cast<float>(
            static_cast<double>(scale) * static_cast<double>(q[i] - zp));
        EXPECT_EQ(std::memcmp(&out[i], &expected, sizeof(float)), 0)
            << "q=" << int{q[i]} << " scale=" << scale << " zp=" << zp;
      }
    }
  }
}

TEST(DequantizeS8ToF32Test, QuantizeRoundTripsEveryValue) {
  const float scales[] = {0.02f, 1.0f / 255.0f, 0.5847f, 7.0f};
  const int zero_points[] = {-128, 5, 127};
  const auto q = AllInt8();
  for (float scale : scales) {
    for (int zp : zero_points) {
      const auto real = Dequantize(q, scale, zp);
      std::vector<int8_t> back(256);
      ref::QuantizeF32(real.data(), 256, scale, zp, back.data());
      EXPECT_EQ(back, q) << "scale=" << scale << " zp=" << zp;
    }
  }
}

}  // namespace
}  // namespace mote
