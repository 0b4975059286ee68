#include "host/image_io.h"

#include <cstring>

#include <fmt/format.h>

#include <stb_image.h>
#include <stb_image_write.h>

namespace mote::host {

bool ReadImageFile(const std::string& path, Image* out, std::string* error) {
  int w = 0, h = 0, comp = 0;
  if (!stbi_info(path.c_str(), &w, &h, &comp)) {
    *error = fmt::format("{}: not a readable image ({})", path, stbi_failure_reason());
    return false;
  }
  if (w <= 0 || h <= 0 || w > 16384 || h > 16384) {
    *error = fmt::format("{}: image size {}x{} out of range", path, w, h);
    return false;
  }
  const int want = comp == 2 ? 1 : comp;  // drop a grey image's alpha
  unsigned char* data = stbi_load(path.c_str(), &w, &h, &comp, want);
  if (data == nullptr) {
    *error = fmt::format("{}: cannot decode ({})", path, stbi_failure_reason());
    return false;
  }
  out->width = w;
  out->height = h;
  out->channels = want;
  out->pixels.assign(data, data + static_cast<size_t>(w) * h * want);
  stbi_image_free(data);
  return true;
}

bool WritePng(const std::string& path, const uint8_t* pixels, int width, int height,
              int channels, std::string* error) {
  if (!stbi_write_png(path.c_str(), width, height, channels, pixels, width * channels)) {
    *error = fmt::format("{}: cannot write PNG", path);
    return false;
  }
  return true;
}

}  // namespace mote::host
