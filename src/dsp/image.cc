#include "dsp/image.h"

#include "dsp/quantize.h"
#include "dsp/scratch.h"

namespace mote::dsp {
namespace {

constexpr int32_t kMaxDimension = 1 << 15;

Status CheckOutput(const MutableImage& out, int32_t channels, ErrorReporter* errors) {
  MOTE_RETURN_IF_ERROR(CheckImage(out.view(), "output image", errors));
  if (out.channels != channels) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "image: output has %ld channels, input %ld", static_cast<long>(out.channels),
                  static_cast<long>(channels));
  }
  return Status::kOk;
}

const uint8_t* Pixel(const ImageView& im, int32_t x, int32_t y) {
  return im.data + static_cast<size_t>(y) * static_cast<size_t>(im.stride) +
         static_cast<size_t>(x) * static_cast<size_t>(im.channels);
}

// Q11 source position and the two neighbours for output index d.
struct Tap {
  int32_t i0, i1, frac;
};
Tap BilinearTap(int32_t d, int32_t in_size, int32_t out_size) {
  // ((d + 0.5) * in / out - 0.5) * 2048, floored, clamped at 0.
  const int64_t num = (2 * static_cast<int64_t>(d) + 1) * in_size * 2048 -
                      int64_t{1024} * 2 * out_size;
  int64_t q = num <= 0 ? 0 : num / (2 * static_cast<int64_t>(out_size));
  Tap t;
  t.i0 = static_cast<int32_t>(q >> 11);
  t.frac = static_cast<int32_t>(q & 2047);
  if (t.i0 >= in_size - 1) {
    t.i0 = in_size - 1;
    t.frac = 0;
  }
  t.i1 = t.i0 + 1 < in_size ? t.i0 + 1 : in_size - 1;
  return t;
}

}  // namespace

Status CheckImage(const ImageView& im, const char* what, ErrorReporter* errors) {
  if (im.data == nullptr || im.width <= 0 || im.height <= 0 || im.width > kMaxDimension ||
      im.height > kMaxDimension) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "%s: empty or oversized image (%ldx%ld)", what, static_cast<long>(im.width),
                  static_cast<long>(im.height));
  }
  if (im.channels != 1 && im.channels != 3 && im.channels != 4) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument, "%s: %ld channels (need 1, 3 or 4)", what,
                  static_cast<long>(im.channels));
  }
  if (im.stride < im.width * im.channels) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument, "%s: row stride %ld is below %ld bytes",
                  what, static_cast<long>(im.stride), static_cast<long>(im.width * im.channels));
  }
  return Status::kOk;
}

Status CropImage(const ImageView& in, int32_t x, int32_t y, int32_t width, int32_t height,
                 ImageView* out, ErrorReporter* errors) {
  MOTE_RETURN_IF_ERROR(CheckImage(in, "crop input", errors));
  if (x < 0 || y < 0 || width <= 0 || height <= 0 || width > in.width - x ||
      height > in.height - y) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "crop: rectangle %ld,%ld %ldx%ld is not inside the %ldx%ld image",
                  static_cast<long>(x), static_cast<long>(y), static_cast<long>(width),
                  static_cast<long>(height), static_cast<long>(in.width),
                  static_cast<long>(in.height));
  }
  *out = in;
  out->data = Pixel(in, x, y);
  out->width = width;
  out->height = height;
  return Status::kOk;
}

Status CenterCropToAspect(const ImageView& in, int32_t width, int32_t height, ImageView* out,
                          ErrorReporter* errors) {
  MOTE_RETURN_IF_ERROR(CheckImage(in, "crop input", errors));
  if (width <= 0 || height <= 0) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument, "crop: aspect %ld:%ld must be positive",
                  static_cast<long>(width), static_cast<long>(height));
  }
  // Keep the full width if the image is relatively taller, else full height.
  int32_t w = in.width, h = in.height;
  if (static_cast<int64_t>(in.width) * height > static_cast<int64_t>(in.height) * width) {
    w = static_cast<int32_t>(static_cast<int64_t>(in.height) * width / height);
  } else {
    h = static_cast<int32_t>(static_cast<int64_t>(in.width) * height / width);
  }
  if (w < 1) w = 1;
  if (h < 1) h = 1;
  return CropImage(in, (in.width - w) / 2, (in.height - h) / 2, w, h, out, errors);
}

Status GrayscaleImage(const ImageView& in, const MutableImage& out, ErrorReporter* errors) {
  MOTE_RETURN_IF_ERROR(CheckImage(in, "grayscale input", errors));
  MOTE_RETURN_IF_ERROR(CheckOutput(out, 1, errors));
  if (out.width != in.width || out.height != in.height) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument, "grayscale: output size differs from input");
  }
  for (int32_t y = 0; y < in.height; ++y) {
    for (int32_t x = 0; x < in.width; ++x) {
      const uint8_t* p = Pixel(in, x, y);
      uint8_t v = p[0];
      if (in.channels >= 3) {
        v = static_cast<uint8_t>((77u * p[0] + 150u * p[1] + 29u * p[2] + 128u) >> 8);
      }
      out.data[static_cast<size_t>(y) * static_cast<size_t>(out.stride) + static_cast<size_t>(x)] = v;
    }
  }
  return Status::kOk;
}

Status ResizeBilinear(const ImageView& in, const MutableImage& out, ErrorReporter* errors) {
  MOTE_RETURN_IF_ERROR(CheckImage(in, "resize input", errors));
  MOTE_RETURN_IF_ERROR(CheckOutput(out, in.channels, errors));
  const int32_t ch = in.channels;
  for (int32_t y = 0; y < out.height; ++y) {
    const Tap ty = BilinearTap(y, in.height, out.height);
    for (int32_t x = 0; x < out.width; ++x) {
      const Tap tx = BilinearTap(x, in.width, out.width);
      const uint8_t* p00 = Pixel(in, tx.i0, ty.i0);
      const uint8_t* p01 = Pixel(in, tx.i1, ty.i0);
      const uint8_t* p10 = Pixel(in, tx.i0, ty.i1);
      const uint8_t* p11 = Pixel(in, tx.i1, ty.i1);
      uint8_t* o = out.data + static_cast<size_t>(y) * static_cast<size_t>(out.stride) +
                   static_cast<size_t>(x) * static_cast<size_t>(ch);
      const uint32_t fx = static_cast<uint32_t>(tx.frac), fy = static_cast<uint32_t>(ty.frac);
      for (int32_t c = 0; c < ch; ++c) {
        const uint32_t top = p00[c] * (2048u - fx) + p01[c] * fx;
        const uint32_t bottom = p10[c] * (2048u - fx) + p11[c] * fx;
        o[c] = static_cast<uint8_t>((top * (2048u - fy) + bottom * fy + (1u << 21)) >> 22);
      }
    }
  }
  return Status::kOk;
}

Status ResizeArea(const ImageView& in, const MutableImage& out, ErrorReporter* errors) {
  MOTE_RETURN_IF_ERROR(CheckImage(in, "resize input", errors));
  MOTE_RETURN_IF_ERROR(CheckOutput(out, in.channels, errors));
  const int32_t ch = in.channels;
  // In units of 1/out pixels: output box [d * in, (d + 1) * in), input pixel
  // i covers [i * out, (i + 1) * out). Overlaps are integers, so the mean is
  // an exact fraction with denominator in_w * in_h.
  const uint64_t denom = static_cast<uint64_t>(in.width) * static_cast<uint64_t>(in.height);
  for (int32_t y = 0; y < out.height; ++y) {
    const int64_t by0 = static_cast<int64_t>(y) * in.height, by1 = by0 + in.height;
    const int32_t iy0 = static_cast<int32_t>(by0 / out.height);
    const int32_t iy1 = static_cast<int32_t>((by1 + out.height - 1) / out.height);
    for (int32_t x = 0; x < out.width; ++x) {
      const int64_t bx0 = static_cast<int64_t>(x) * in.width, bx1 = bx0 + in.width;
      const int32_t ix0 = static_cast<int32_t>(bx0 / out.width);
      const int32_t ix1 = static_cast<int32_t>((bx1 + out.width - 1) / out.width);
      uint64_t sum[4] = {0, 0, 0, 0};
      for (int32_t iy = iy0; iy < iy1 && iy < in.height; ++iy) {
        const int64_t py0 = static_cast<int64_t>(iy) * out.height, py1 = py0 + out.height;
        const int64_t oy = (py1 < by1 ? py1 : by1) - (py0 > by0 ? py0 : by0);
        if (oy <= 0) continue;
        for (int32_t ix = ix0; ix < ix1 && ix < in.width; ++ix) {
          const int64_t px0 = static_cast<int64_t>(ix) * out.width, px1 = px0 + out.width;
          const int64_t ox = (px1 < bx1 ? px1 : bx1) - (px0 > bx0 ? px0 : bx0);
          if (ox <= 0) continue;
          const uint64_t w = static_cast<uint64_t>(ox) * static_cast<uint64_t>(oy);
          const uint8_t* p = Pixel(in, ix, iy);
          for (int32_t c = 0; c < ch; ++c) sum[c] += w * p[c];
        }
      }
      uint8_t* o = out.data + static_cast<size_t>(y) * static_cast<size_t>(out.stride) +
                   static_cast<size_t>(x) * static_cast<size_t>(ch);
      for (int32_t c = 0; c < ch; ++c) {
        o[c] = static_cast<uint8_t>((sum[c] + denom / 2) / denom);
      }
    }
  }
  return Status::kOk;
}

namespace {

Status CheckNormalization(const ImageView& in, const PixelNormalization& norm,
                          ErrorReporter* errors) {
  MOTE_RETURN_IF_ERROR(CheckImage(in, "normalize input", errors));
  for (int32_t c = 0; c < in.channels; ++c) {
    const float s = norm.std[c], m = norm.mean[c];
    if (!(s > 0.0f) || !(s < 3.4e38f) || !(m == m) || m > 3.4e38f || m < -3.4e38f) {
      MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                    "normalize: channel %ld needs a finite mean and a positive std",
                    static_cast<long>(c));
    }
  }
  return Status::kOk;
}

float NormalizedValue(const PixelNormalization& norm, int32_t c, int32_t v) {
  return (static_cast<float>(v) / 255.0f - norm.mean[c]) / norm.std[c];
}

}  // namespace

Status NormalizeToF32(const ImageView& in, const PixelNormalization& norm, float* out,
                      ErrorReporter* errors) {
  MOTE_RETURN_IF_ERROR(CheckNormalization(in, norm, errors));
  size_t o = 0;
  for (int32_t y = 0; y < in.height; ++y) {
    for (int32_t x = 0; x < in.width; ++x) {
      const uint8_t* p = Pixel(in, x, y);
      for (int32_t c = 0; c < in.channels; ++c) out[o++] = NormalizedValue(norm, c, p[c]);
    }
  }
  return Status::kOk;
}

Status NormalizeToS8(const ImageView& in, const PixelNormalization& norm, float scale,
                     int32_t zero_point, int8_t* out, ErrorReporter* errors) {
  MOTE_RETURN_IF_ERROR(CheckNormalization(in, norm, errors));
  if (!(scale > 0.0f) || !(scale < 3.4e38f) || zero_point < -128 || zero_point > 127) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "normalize: int8 tensor needs scale > 0 and zero point in [-128, 127]");
  }
  int8_t table[4][256];
  for (int32_t c = 0; c < in.channels; ++c) {
    for (int32_t v = 0; v < 256; ++v) {
      const float real = NormalizedValue(norm, c, v);
      QuantizeF32ToS8(&real, 1, scale, zero_point, &table[c][v]);
    }
  }
  size_t o = 0;
  for (int32_t y = 0; y < in.height; ++y) {
    for (int32_t x = 0; x < in.width; ++x) {
      const uint8_t* p = Pixel(in, x, y);
      for (int32_t c = 0; c < in.channels; ++c) out[o++] = table[c][p[c]];
    }
  }
  return Status::kOk;
}

}  // namespace mote::dsp
