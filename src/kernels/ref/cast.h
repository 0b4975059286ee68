// CAST: converts every element to another type, as static_cast does in
// TFLite Micro's kernel.
//
// In range, that is C++'s conversion (float to integer truncates toward
// zero; integer to float rounds to nearest even; to bool is != 0; bool is
// 0 or 1). Out of range, static_cast from float is undefined behaviour, so
// mote defines it as x86-64 (where TFLite Micro's goldens are made) behaves:
// float to int32 (and to int8/int16 through int32) gives INT32_MIN for NaN
// and values outside int32, then keeps the low bits; float to uint32 goes
// through int64 (0 for NaN and values outside int64). Narrowing between
// integers keeps the low bits.
#ifndef MOTE_KERNELS_REF_CAST_H_
#define MOTE_KERNELS_REF_CAST_H_

#include <cstdint>

#include "mote/types.h"

namespace mote {
namespace ref {

// True when Cast converts `from` to `to`: from int8, int16, int32, uint32,
// float32 or bool to int8, int16, int32, uint32 or float32 (TFLite Micro's
// set).
bool CastSupported(DataType from, DataType to);

// Converts `count` elements; the pair must be CastSupported.
void Cast(DataType from, const void* input, DataType to, void* output,
          int64_t count);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_CAST_H_
