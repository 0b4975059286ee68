// Image files: PNG/JPEG/BMP/... in through stb_image, PNG out through
// stb_image_write (Debian's libstb).
#ifndef MOTE_HOST_IMAGE_IO_H_
#define MOTE_HOST_IMAGE_IO_H_

#include <cstdint>
#include <string>
#include <vector>

#include "dsp/image.h"

namespace mote::host {

struct Image {
  int width = 0;
  int height = 0;
  int channels = 0;  // 1, 3 or 4 (grey+alpha files load as grey)
  std::vector<uint8_t> pixels;  // HWC, dense
  dsp::ImageView view() const {
    return {pixels.data(), width, height, channels, width * channels};
  }
};

bool ReadImageFile(const std::string& path, Image* out, std::string* error);
bool WritePng(const std::string& path, const uint8_t* pixels, int width, int height,
              int channels, std::string* error);

}  // namespace mote::host

#endif  // MOTE_HOST_IMAGE_IO_H_
