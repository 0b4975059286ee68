#include "data/image_folder.h"

#include <stb_image.h>

#include <filesystem>
#include <memory>

#include "data/folder_util.h"

namespace mote::data {
namespace {

struct StbFree {
  void operator()(unsigned char* p) const { stbi_image_free(p); }
};

}  // namespace

Dataset LoadImageFolder(const std::string& root, const ImageFolderOptions& options) {
  if (options.height < 0 || options.width < 0 || (options.height == 0) != (options.width == 0)) {
    throw DataError(root + ": give both height and width (or neither)");
  }
  const auto classes = ListClassFolders(root, {".png", ".jpg", ".jpeg", ".bmp"}, "image");
  Dataset d;
  d.c = options.grayscale ? 1 : 3;
  d.h = options.height;
  d.w = options.width;
  std::string size_source = d.h > 0 ? "the configured size" : "";
  for (size_t k = 0; k < classes.size(); ++k) {
    d.classes.push_back(classes[k].name);
    for (const std::string& path : classes[k].files) {
      std::error_code ec;
      if (std::filesystem::file_size(path, ec) == 0 || ec) {
        throw DataError(path + ": empty or unreadable file");
      }
      int w = 0, h = 0, channels_in_file = 0;
      std::unique_ptr<unsigned char, StbFree> pixels(
          stbi_load(path.c_str(), &w, &h, &channels_in_file, d.c));
      if (!pixels) {
        const char* why = stbi_failure_reason();
        throw DataError(path + ": cannot decode image (" +
                        (why != nullptr ? why : "unknown reason") +
                        "; truncated or not PNG/JPEG/BMP?)");
      }
      if (d.h == 0) {
        d.h = h;
        d.w = w;
        size_source = path;
      } else if (h != d.h || w != d.w) {
        throw DataError(path + ": " + std::to_string(w) + "x" + std::to_string(h) +
                        " pixels, but " + size_source + " is " + std::to_string(d.w) + "x" +
                        std::to_string(d.h) + " (resize the images to one size)");
      }
      const size_t n = static_cast<size_t>(h) * w * d.c;
      for (size_t i = 0; i < n; ++i) d.x.push_back(pixels.get()[i] / 255.0f);
      d.labels.push_back(static_cast<int32_t>(k));
      d.sources.push_back(path);
    }
  }
  d.Validate(root);
  return d;
}

}  // namespace mote::data
