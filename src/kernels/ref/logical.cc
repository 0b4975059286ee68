#include "kernels/ref/logical.h"

#include "kernels/ref/broadcast.h"

namespace mote {
namespace ref {

bool LogicalAnd(const Shape& s1, const uint8_t* in1, const Shape& s2,
                const uint8_t* in2, bool* out) {
  return BinaryElementwise(s1, in1, s2, in2, out, [](uint8_t a, uint8_t b) {
    return a != 0 && b != 0;
  });
}

bool LogicalOr(const Shape& s1, const uint8_t* in1, const Shape& s2,
               const uint8_t* in2, bool* out) {
  return BinaryElementwise(s1, in1, s2, in2, out, [](uint8_t a, uint8_t b) {
    return a != 0 || b != 0;
  });
}

void LogicalNot(int64_t size, const uint8_t* input, bool* output) {
  for (int64_t i = 0; i < size; ++i) output[i] = input[i] == 0;
}

}  // namespace ref
}  // namespace mote
