#include "kernels/ref/cast.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace mote {
namespace {

template <typename From, typename To>
std::vector<To> RunCast(DataType from, const std::vector<From>& in,
                        DataType to) {
  std::vector<To> out(in.size());
  ref::Cast(from, in.data(), to, out.data(),
            static_cast<int64_t>(in.size()));
  return out;
}

TEST(CastTest, SupportedPairs) {
  EXPECT_TRUE(ref::CastSupported(DataType::kFloat32, DataType::kInt8));
  EXPECT_TRUE(ref::CastSupported(DataType::kBool, DataType::kFloat32));
  EXPECT_TRUE(ref::CastSupported(DataType::kUInt32, DataType::kInt16));
  EXPECT_FALSE(ref::CastSupported(DataType::kFloat32, DataType::kBool));
  EXPECT_FALSE(ref::CastSupported(DataType::kInt64, DataType::kInt32));
  EXPECT_FALSE(ref::CastSupported(DataType::kInt8, DataType::kUInt8));
}

TEST(CastTest, FloatToIntegersTruncatesTowardZero) {
  const std::vector<float> in = {0.0f, 1.9f, -1.9f, 127.5f, -128.7f, 1e6f};
  EXPECT_EQ((RunCast<float, int32_t>(DataType::kFloat32, in, DataType::kInt32)),
            (std::vector<int32_t>{0, 1, -1, 127, -128, 1000000}));
  // 1e6 = 0xF4240: int8 keeps the low byte 0x40, int16 0x4240.
  EXPECT_EQ((RunCast<float, int8_t>(DataType::kFloat32, in, DataType::kInt8)),
            (std::vector<int8_t>{0, 1, -1, 127, -128, 0x40}));
  EXPECT_EQ((RunCast<float, int16_t>(DataType::kFloat32, in, DataType::kInt16)),
            (std::vector<int16_t>{0, 1, -1, 127, -128, 0x4240}));
}

TEST(CastTest, FloatOutOfRangeIsTheX86IndefiniteValue) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  const std::vector<float> in = {nan, inf, -inf, 3e9f, -2147483648.0f};
  EXPECT_EQ((RunCast<float, int32_t>(DataType::kFloat32, in, DataType::kInt32)),
            (std::vector<int32_t>{INT32_MIN, INT32_MIN, INT32_MIN, INT32_MIN,
                                  INT32_MIN}));
  EXPECT_EQ((RunCast<float, int8_t>(DataType::kFloat32, in, DataType::kInt8)),
            (std::vector<int8_t>{0, 0, 0, 0, 0}));
  // uint32 goes through int64: 3e9 fits, -1 wraps, NaN gives 0.
  EXPECT_EQ((RunCast<float, uint32_t>(DataType::kFloat32,
                                      std::vector<float>{3e9f, -1.0f, nan},
                                      DataType::kUInt32)),
            (std::vector<uint32_t>{3000000000u, 0xFFFFFFFFu, 0u}));
}

TEST(CastTest, IntegersWrapAndConvertToFloat) {
  const std::vector<int32_t> in = {300, -129, 65537, INT32_MAX, 16777217};
  EXPECT_EQ((RunCast<int32_t, int8_t>(DataType::kInt32, in, DataType::kInt8)),
            (std::vector<int8_t>{44, 127, 1, -1, 1}));
  EXPECT_EQ((RunCast<int32_t, int16_t>(DataType::kInt32, in, DataType::kInt16)),
            (std::vector<int16_t>{300, -129, 1, -1, 1}));
  // Round to nearest even: 2^31 - 1 -> 2^31, 2^24 + 1 -> 2^24.
  EXPECT_EQ((RunCast<int32_t, float>(DataType::kInt32, in, DataType::kFloat32)),
            (std::vector<float>{300.0f, -129.0f, 65537.0f, 2147483648.0f,
                                16777216.0f}));
  EXPECT_EQ((RunCast<uint32_t, float>(DataType::kUInt32,
                                      std::vector<uint32_t>{0xFFFFFFFFu},
                                      DataType::kFloat32)),
            (std::vector<float>{4294967296.0f}));
  EXPECT_EQ((RunCast<int8_t, uint32_t>(DataType::kInt8,
                                       std::vector<int8_t>{-1, 5},
                                       DataType::kUInt32)),
            (std::vector<uint32_t>{0xFFFFFFFFu, 5u}));
}

TEST(CastTest, BoolIsZeroOrOne) {
  const std::vector<uint8_t> in = {0, 1, 2};  // 2: any non-zero byte is true
  EXPECT_EQ((RunCast<uint8_t, float>(DataType::kBool, in, DataType::kFloat32)),
            (std::vector<float>{0.0f, 1.0f, 1.0f}));
  EXPECT_EQ((RunCast<uint8_t, int16_t>(DataType::kBool, in, DataType::kInt16)),
            (std::vector<int16_t>{0, 1, 1}));
}

}  // namespace
}  // namespace mote
