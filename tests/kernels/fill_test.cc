#include "kernels/ref/fill.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace mote {
namespace {

TEST(FillTest, EveryElementGetsTheValue) {
  const float value = -2.5f;
  std::vector<float> out(7, 0.0f);
  out.push_back(9.0f);  // must stay
  ref::Fill(&value, sizeof(float), 7, out.data());
  EXPECT_EQ(out, (std::vector<float>{-2.5f, -2.5f, -2.5f, -2.5f, -2.5f, -2.5f,
                                     -2.5f, 9.0f}));
  const int8_t byte = -128;
  std::vector<int8_t> bytes(3);
  ref::Fill(&byte, 1, 3, bytes.data());
  EXPECT_EQ(bytes, (std::vector<int8_t>{-128, -128, -128}));
}

}  // namespace
}  // namespace mote
