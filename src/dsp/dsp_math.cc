#include "dsp/dsp_math.h"

namespace mote::dsp {
namespace {

// log2(1 + i/256) in Q30, folded at compile time.
struct Log2Table {
  uint32_t v[257];
};
constexpr Log2Table MakeLog2Table() {
  Log2Table t{};
  for (int i = 0; i <= 256; ++i) {
    const double l = DetLn(1.0 + static_cast<double>(i) / 256.0) / kLn2;
    t.v[i] = static_cast<uint32_t>(RoundToInt64(l * 1073741824.0));
  }
  return t;
}
constexpr Log2Table kLog2Table = MakeLog2Table();
static_assert(kLog2Table.v[0] == 0 && kLog2Table.v[256] == (1u << 30),
              "log2 table end points");

// sqrt((i + 0.5) 2^24) for i in [64, 256): Newton's start for x in
// [i 2^24, (i + 1) 2^24).
struct SqrtTable {
  uint16_t v[256];
};
constexpr SqrtTable MakeSqrtTable() {
  SqrtTable t{};
  for (int i = 64; i < 256; ++i) {
    t.v[i] = static_cast<uint16_t>(RoundToInt64(DetSqrt((i + 0.5) * 16777216.0)));
  }
  return t;
}
constexpr SqrtTable kSqrtTable = MakeSqrtTable();

}  // namespace

uint32_t Isqrt32(uint32_t v) {
  uint32_t result = 0;
  uint32_t bit = uint32_t{1} << 30;
  while (bit > v) bit >>= 2;
  while (bit != 0) {
    if (v >= result + bit) {
      v -= result + bit;
      result = (result >> 1) + bit;
    } else {
      result >>= 1;
    }
    bit >>= 2;
  }
  return result;
}

uint32_t Isqrt64(uint64_t v) {
  if (v == 0) return 0;
  // An even shift s puts x = v / 2^s in [2^30, 2^32); sqrt(v) = sqrt(x) 2^(s/2).
  int s = BitLength64(v) - 32;
  if (s & 1) s += 1;
  const uint32_t x = static_cast<uint32_t>(s >= 0 ? v >> s : v << -s);
  const uint32_t r0 = kSqrtTable.v[x >> 24];
  const uint64_t r1 = (r0 + x / r0) >> 1;
  const uint64_t r = s >= 0 ? r1 << (s / 2) : r1 >> (-s / 2);
  return r > 0xFFFFFFFFu ? 0xFFFFFFFFu : static_cast<uint32_t>(r);
}

int32_t Log2Q24(uint64_t v) {
  if (v == 0) return 0;
  const int integer = BitLength64(v) - 1;
  const uint64_t m = v << (63 - integer);  // leading one at bit 63
  const uint32_t index = static_cast<uint32_t>(m >> 55) & 0xFFu;
  const uint64_t rest = (m >> 23) & 0xFFFFFFFFu;  // next 32 bits
  const uint32_t lo = kLog2Table.v[index];
  const uint32_t hi = kLog2Table.v[index + 1];
  const uint64_t frac_q30 = lo + (((hi - lo) * rest + (uint64_t{1} << 31)) >> 32);
  return static_cast<int32_t>((static_cast<uint32_t>(integer) << 24) +
                              static_cast<uint32_t>((frac_q30 + 32) >> 6));
}

PosFloat ToPosFloat(double x) {
  PosFloat p;
  if (!(x > 0)) return p;
  int e = 0;
  while (x >= 4294967296.0) { x *= 0.5; ++e; }
  while (x < 2147483648.0) { x *= 2.0; --e; }
  int64_t m = RoundToInt64(x);
  if (m >= (int64_t{1} << 32)) {
    m >>= 1;
    ++e;
  }
  p.mantissa = static_cast<uint32_t>(m);
  p.exponent = e;
  return p;
}

uint64_t PosFloatToFixed(PosFloat p, int shift, uint64_t limit) {
  if (p.mantissa == 0) return 0;
  const int s = p.exponent + shift;
  uint64_t v;
  if (s >= 0) {
    if (s >= 32) return limit;
    v = static_cast<uint64_t>(p.mantissa) << s;
  } else {
    if (s < -33) return 0;
    v = (static_cast<uint64_t>(p.mantissa) + (uint64_t{1} << (-s - 1))) >> -s;
  }
  return v < limit ? v : limit;
}

}  // namespace mote::dsp
