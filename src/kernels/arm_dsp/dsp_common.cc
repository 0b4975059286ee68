#include "kernels/arm_dsp/dsp_common.h"

#include "kernels/select.h"

namespace mote {
namespace opt {

const char* KernelIsaName() { return "arm_dsp"; }

}  // namespace opt

namespace arm_dsp {

namespace {

bool FastChannelFits(int32_t multiplier, int32_t shift) {
  return multiplier >= 0 && shift <= -1 && shift >= -kFastMaxRightShift;
}

}  // namespace

RequantMode ChooseRequantMode(const OutputStage& s, int channels,
                              const int32_t* bias, int64_t depth,
                              bool channel_fallback) {
  if (s.output_offset < -128 || s.output_offset > 127 || s.act_min < -128 ||
      s.act_max > 127) {
    return RequantMode::kReference;
  }
  // |input + offset| <= 255 and |weight| <= 128; 256 leaves room for the
  // partial sums of kernels that fold the offset into the bias.
  const int64_t products = depth * 256 * 128;
  if (products > kFastMaxAccumulator) return RequantMode::kReference;
  bool slow_channels = false;
  const int n = s.channel_stride == 0 ? 1 : channels;
  for (int q = 0; q < n; ++q) {
    if (!FastChannelFits(s.multiplier[q], s.shift[q])) {
      if (!channel_fallback) return RequantMode::kReference;
      slow_channels = true;
    }
  }
  if (bias != nullptr) {
    for (int c = 0; c < channels; ++c) {
      const int64_t b = bias[c];
      if ((b < 0 ? -b : b) + products > kFastMaxAccumulator) {
        if (!channel_fallback) return RequantMode::kReference;
        slow_channels = true;
      }
    }
  }
  if (slow_channels) return RequantMode::kFastMixed;
  return s.act_min == -128 && s.act_max == 127 ? RequantMode::kFast
                                               : RequantMode::kFastClamp;
}

void PrepareFastChannels(const OutputStage& s, const int32_t* bias, int base,
                         int count, FastChannel* fast, int64_t depth) {
  const int64_t products = depth * 256 * 128;
  for (int i = 0; i < count; ++i) {
    const int c = base + i;
    const int q = c * s.channel_stride;
    const int32_t r = -s.shift[q];
    const int32_t b = bias != nullptr ? bias[c] : 0;
    fast[i].bias2 = static_cast<int32_t>(static_cast<uint32_t>(b) << 1);
    fast[i].multiplier = s.multiplier[q];
    const int64_t b64 = b;
    if (!FastChannelFits(s.multiplier[q], s.shift[q]) ||
        (b64 < 0 ? -b64 : b64) + products > kFastMaxAccumulator) {
      fast[i].bias2 = 0;
      const int32_t m = s.multiplier[q];
      if (m == 0 || (m > 0 && r >= 2 && r <= 31)) {
        fast[i].round_zp = b;
        fast[i].right_shift = kWideChannel + (m == 0 ? 2 : r);
        continue;
      }
      fast[i].round_zp = s.shift[q];
      fast[i].right_shift = kSlowChannel;
      continue;
    }
    fast[i].round_zp = static_cast<int32_t>(
        (uint32_t{1} << (r - 1)) + (static_cast<uint32_t>(s.output_offset) << r));
    fast[i].right_shift = r;
  }
}

namespace {

// Position of k within its group: SXTB16 pairs k0 with k2 and k1 with k3.
constexpr int kGroupOrder[4] = {0, 2, 1, 3};

// Group of k in column p of a buffer of kColumns columns.
template <int kColumns>
MOTE_DSP_INLINE int16_t* GroupOf(int16_t* col, int p, int k) {
  return col + ((k >> 2) * kColumns + p) * 4;
}

template <int kColumns>
void PutRun(int16_t* col, int p, int k, const int8_t* src, int n,
            int32_t offset, bool doubled) {
  const int scale = doubled ? 2 : 1;
  while (n > 0 && (k & 3) != 0) {
    GroupOf<kColumns>(col, p, k)[kGroupOrder[k & 3]] =
        static_cast<int16_t>((*src++ + offset) * scale);
    ++k;
    --n;
  }
  if (n >= 4) {
    const int32_t offset2 = Dup16(offset);
    int32_t* dst = reinterpret_cast<int32_t*>(GroupOf<kColumns>(col, p, k));
    const int8_t* end = src + (n & ~3);
    if (doubled) {
      do {
        const int32_t w = Load32(src);
        const int32_t lo = Sadd16(Sxtb16(w), offset2);
        const int32_t hi = Sadd16(Sxtb16Ror8(w), offset2);
        dst[0] = Sadd16(lo, lo);
        dst[1] = Sadd16(hi, hi);
        dst += 2 * kColumns;  // the same column, next group
        src += 4;
      } while (src != end);
    } else {
      do {
        const int32_t w = Load32(src);
        dst[0] = Sadd16(Sxtb16(w), offset2);
        dst[1] = Sadd16(Sxtb16Ror8(w), offset2);
        dst += 2 * kColumns;
        src += 4;
      } while (src != end);
    }
    k += n & ~3;
    n &= 3;
  }
  while (n > 0) {
    GroupOf<kColumns>(col, p, k)[kGroupOrder[k & 3]] =
        static_cast<int16_t>((*src++ + offset) * scale);
    ++k;
    --n;
  }
}

}  // namespace

void ColumnPutRun(int16_t* col, int p, int k, const int8_t* src, int n,
                  int32_t offset, bool doubled) {
  PutRun<4>(col, p, k, src, n, offset, doubled);
}

void ColumnPutRun4Doubled(int16_t* col, const int8_t* src, int src_stride,
                          int n, int32_t offset) {
  const int32_t offset2 = Dup16(offset);
  int32_t* dst = reinterpret_cast<int32_t*>(col);
  const int8_t* end = src + (n & ~3);
  const int8_t* s1 = src + src_stride;
  const int8_t* s2 = s1 + src_stride;
  const int8_t* s3 = s2 + src_stride;
  // Groups of the four columns are consecutive: (k0, k2), (k1, k3) of
  // column 0, then column 1, ...
  auto put = [&](int32_t w) {
    const int32_t lo = Sadd16(Sxtb16(w), offset2);
    const int32_t hi = Sadd16(Sxtb16Ror8(w), offset2);
    dst[0] = Sadd16(lo, lo);
    dst[1] = Sadd16(hi, hi);
    dst += 2;
  };
  for (const int8_t* s0 = src; s0 != end; s0 += 4, s1 += 4, s2 += 4, s3 += 4) {
    put(Load32(s0));
    put(Load32(s1));
    put(Load32(s2));
    put(Load32(s3));
  }
  if ((n & 3) != 0) {
    const int k = n & ~3;
    for (int p = 0; p < 4; ++p) {
      PutRun<4>(col, p, k, src + p * src_stride + k, n & 3, offset, true);
    }
  }
}

void ColumnPutRun1(int16_t* col, const int8_t* src, int n, int32_t offset,
                   bool doubled) {
  PutRun<1>(col, 0, 0, src, n, offset, doubled);
  for (int k = n; (k & 3) != 0; ++k) {
    GroupOf<1>(col, 0, k)[kGroupOrder[k & 3]] = 0;
  }
}

void ColumnPutZeros(int16_t* col, int p, int k, int n) {
  while (n > 0 && (k & 3) != 0) {
    GroupOf<4>(col, p, k)[kGroupOrder[k & 3]] = 0;
    ++k;
    --n;
  }
  int32_t* dst = reinterpret_cast<int32_t*>(GroupOf<4>(col, p, k));
  while (n >= 4) {
    dst[0] = 0;
    dst[1] = 0;
    dst += 8;
    k += 4;
    n -= 4;
  }
  while (n > 0) {
    GroupOf<4>(col, p, k)[kGroupOrder[k & 3]] = 0;
    ++k;
    --n;
  }
}

void ColumnPadTail(int16_t* col, int depth) {
  const int used = depth & 3;
  if (used == 0) return;
  for (int p = 0; p < 4; ++p) ColumnPutZeros(col, p, depth, 4 - used);
}

}  // namespace arm_dsp
}  // namespace mote
