// QUANTIZE and DEQUANTIZE with int16 tensors: float32 <-> int16, and the
// requantizations TFLite Micro runs between int8, int16 and int32.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "kernels/quant_math.h"
#include "kernels/ref/dequantize.h"
#include "kernels/ref/quantize.h"

namespace mote {
namespace {

std::vector<int16_t> AllInt16() {
  std::vector<int16_t> v;
  for (int x = -32768; x <= 32767; ++x) v.push_back(static_cast<int16_t>(x));
  return v;
}

TEST(QuantizeF32ToS16Test, RoundsHalfAwayFromZeroAndSaturates) {
  const float inf = std::numeric_limits<float>::infinity();
  const std::vector<float> in = {0.0f,  0.25f, 0.75f, -0.25f, -0.75f, 1.25f,
                                 -1.25f, 1e9f, -1e9f, inf,    -inf,   NAN};
  std::vector<int16_t> out(in.size());
  ref::QuantizeF32(in.data(), in.size(), 0.5f, 0, out.data());
  // x / 0.5: 0, 0.5 -> 1, 1.5 -> 2, -0.5 -> -1, -1.5 -> -2, 2.5 -> 3, ...
  EXPECT_EQ(out, (std::vector<int16_t>{0, 1, 2, -1, -2, 3, -3, 32767, -32768,
                                       32767, -32768, 0}));
  // A zero point shifts before the clamp; NaN takes the zero point.
  ref::QuantizeF32(in.data(), in.size(), 0.5f, -32768, out.data());
  EXPECT_EQ(out[0], -32768);
  EXPECT_EQ(out[5], -32765);
  EXPECT_EQ(out[7], 32767);
  EXPECT_EQ(out[11], -32768);
}

// Every int16 value, dequantized and quantized again, comes back (the float
// arithmetic of both directions is exact enough at these scales).
TEST(QuantizeF32ToS16Test, RoundTripsEveryValueThroughDequantize) {
  const std::vector<int16_t> all = AllInt16();
  for (float scale : {1.0f / 32768, 1.0f / 4096, 0.001f, 0.37f, 3.0f}) {
    for (int32_t zp : {0, -32768, 1000}) {
      std::vector<float> real(all.size());
      std::vector<int16_t> back(all.size());
      ref::DequantizeToF32(all.data(), all.size(), scale, zp, real.data());
      ref::QuantizeF32(real.data(), real.size(), scale, zp, back.data());
      for (size_t i = 0; i < all.size(); ++i) {
        // Values that do not fit after the zero point saturate.
        const int32_t want = std::min(std::max(int32_t{all[i]}, int32_t{-32768}), int32_t{32767});
        ASSERT_EQ(back[i], want) << "scale " << scale << " zp " << zp << " q " << all[i];
      }
    }
  }
}

// The float equals the correctly rounded product scale * (q - zp), as
// TFLite's double product rounded once to float.
TEST(DequantizeS16ToF32Test, EqualsCorrectlyRoundedProduct) {
  const std::vector<int16_t> all = AllInt16();
  for (float scale : {1.0f / 65536, 0.000625f, 0.123456f}) {
    for (int32_t zp : {0, -32768, 32767}) {
      std::vector<float> out(all.size());
      ref::DequantizeToF32(all.data(), all.size(), scale, zp, out.data());
      for (size_t i = 0; i < all.size(); ++i) {
        const float want = static_cast<float>(double{scale} * (all[i] - zp));
        ASSERT_EQ(out[i], want) << all[i];
      }
    }
  }
}

struct Requant {
  int32_t multiplier = 0;
  int shift = 0;
  Requant(float in_scale, float out_scale) {
    ref::RequantizeMultiplier(in_scale, out_scale, &multiplier, &shift);
  }
};

// keyword_scrambled's last op: the int16 SOFTMAX output (scale 1/65536,
// zero point -32768) to int32 at scale 1/32768: exactly (q + 32768) / 2,
// rounded half up by TFLite's doubling high multiply.
TEST(RequantizeS16Test, Int16ToInt32AsKeywordScrambled) {
  const Requant r(1.0f / 65536, 1.0f / 32768);
  EXPECT_EQ(r.multiplier, 1 << 30);
  EXPECT_EQ(r.shift, 0);
  const std::vector<int16_t> all = AllInt16();
  std::vector<int32_t> out(all.size());
  ref::Requantize(all.data(), all.size(), -32768, r.multiplier, r.shift, 0,
                  out.data());
  for (size_t i = 0; i < all.size(); ++i) {
    const int32_t centred = all[i] + 32768;
    ASSERT_EQ(out[i], (centred + 1) / 2) << all[i];
  }
}

// The other pairs: within one LSB of the real rescale (TFLite's int32
// rescale rounds twice), saturated to the output type.
template <typename In, typename Out>
void ExpectNearRealRescale(const std::vector<In>& in, float in_scale,
                           int32_t in_zp, float out_scale, int32_t out_zp) {
  const Requant r(in_scale, out_scale);
  std::vector<Out> out(in.size());
  ref::Requantize(in.data(), in.size(), in_zp, r.multiplier, r.shift, out_zp,
                  out.data());
  for (size_t i = 0; i < in.size(); ++i) {
    const double real = (static_cast<double>(in[i]) - in_zp) * in_scale / out_scale + out_zp;
    const double want = std::min<double>(
        std::max<double>(real, std::numeric_limits<Out>::min()),
        std::numeric_limits<Out>::max());
    ASSERT_LE(std::fabs(out[i] - want), 1.0) << in[i];
  }
}

TEST(RequantizeS16Test, PairsNearRealRescale) {
  const std::vector<int16_t> all16 = AllInt16();
  std::vector<int8_t> all8;
  for (int x = -128; x <= 127; ++x) all8.push_back(static_cast<int8_t>(x));
  ExpectNearRealRescale<int16_t, int8_t>(all16, 0.000625f, 0, 0.0592083f, -128);
  ExpectNearRealRescale<int16_t, int16_t>(all16, 1.0f / 4096, 0, 1.0f / 1000, 0);
  ExpectNearRealRescale<int16_t, int16_t>(all16, 0.003f, 0, 0.002f, 0);
  ExpectNearRealRescale<int16_t, int32_t>(all16, 0.05f, 0, 0.0001f, 0);
  ExpectNearRealRescale<int8_t, int16_t>(all8, 0.1f, 3, 1.0f / 4096, 0);
  ExpectNearRealRescale<int8_t, int16_t>(all8, 0.0592083f, -128, 0.000625f, 0);
  const std::vector<int32_t> s32 = {-2147483647, -1000000, -1, 0, 1, 77777, 2147483647};
  ExpectNearRealRescale<int32_t, int16_t>(s32, 0.001f, 0, 0.5f, 0);
}

// Equal scales and zero points copy int16 values exactly.
TEST(RequantizeS16Test, IdentityIsExact) {
  const Requant r(0.01f, 0.01f);
  const std::vector<int16_t> all = AllInt16();
  std::vector<int16_t> out(all.size());
  ref::Requantize(all.data(), all.size(), 0, r.multiplier, r.shift, 0,
                  out.data());
  EXPECT_EQ(out, all);
}

}  // namespace
}  // namespace mote
