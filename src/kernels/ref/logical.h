// LOGICAL_AND, LOGICAL_OR (broadcasting, rank <= 6) and LOGICAL_NOT on bool
// tensors. Bools are read as bytes (any nonzero byte is true, so a model
// holding other bytes cannot cause undefined behaviour) and written as 0/1.
#ifndef MOTE_KERNELS_REF_LOGICAL_H_
#define MOTE_KERNELS_REF_LOGICAL_H_

#include <cstdint>

#include "mote/types.h"

namespace mote {
namespace ref {

// Each returns false (and writes nothing) when the shapes do not broadcast.
bool LogicalAnd(const Shape& s1, const uint8_t* in1, const Shape& s2,
                const uint8_t* in2, bool* out);
bool LogicalOr(const Shape& s1, const uint8_t* in1, const Shape& s2,
               const uint8_t* in2, bool* out);
void LogicalNot(int64_t size, const uint8_t* input, bool* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_LOGICAL_H_
