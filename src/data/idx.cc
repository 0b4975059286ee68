#include "data/idx.h"

#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <memory>

namespace mote::data {
namespace {

struct GzCloser {
  void operator()(gzFile_s* f) const { gzclose(f); }
};

// Reads exactly `size` bytes or throws, naming what was being read.
void ReadExact(gzFile f, const std::string& path, void* out, size_t size, const char* what) {
  auto* p = static_cast<uint8_t*>(out);
  size_t done = 0;
  while (done < size) {
    const unsigned chunk = static_cast<unsigned>(std::min<size_t>(size - done, 1u << 30));
    const int got = gzread(f, p + done, chunk);
    if (got < 0) {
      int err = 0;
      const char* msg = gzerror(f, &err);
      throw DataError(path + ": corrupt gzip data while reading the " + what + " (" +
                      (msg != nullptr ? msg : "zlib error") + ")");
    }
    if (got == 0) {
      throw DataError(path + ": truncated: the " + std::string(what) + " needs " +
                      std::to_string(size) + " bytes, the file ends after " +
                      std::to_string(done));
    }
    done += static_cast<size_t>(got);
  }
}

std::string FindFile(const std::string& folder, const std::string& stem) {
  for (const std::string& candidate : {stem + ".gz", stem}) {
    const std::filesystem::path p = std::filesystem::path(folder) / candidate;
    if (std::filesystem::exists(p)) return p.string();
  }
  throw DataError(folder + ": no " + stem + "[.gz] (an IDX folder holds <split>-images-idx3-"
                  "ubyte.gz and <split>-labels-idx1-ubyte.gz)");
}

}  // namespace

IdxArray ReadIdxFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw DataError(path + ": no such file");
  std::unique_ptr<gzFile_s, GzCloser> f(gzopen(path.c_str(), "rb"));
  if (!f) throw DataError(path + ": cannot open");
  uint8_t magic[4];
  ReadExact(f.get(), path, magic, 4, "header");
  if (magic[0] != 0 || magic[1] != 0) throw DataError(path + ": not an IDX file (bad magic)");
  if (magic[2] != 0x08) {
    throw DataError(path + ": IDX value type " + std::to_string(magic[2]) +
                    " is not supported (only unsigned bytes, 0x08)");
  }
  const int rank = magic[3];
  if (rank < 1 || rank > 4) {
    throw DataError(path + ": IDX rank " + std::to_string(rank) + " is not 1 to 4");
  }
  IdxArray out;
  uint64_t count = 1;
  for (int i = 0; i < rank; ++i) {
    uint8_t b[4];
    ReadExact(f.get(), path, b, 4, "header");
    const uint32_t d = (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) |
                       uint32_t{b[3]};
    if (d == 0) throw DataError(path + ": dimension " + std::to_string(i) + " is 0");
    out.dims.push_back(d);
    count *= d;
    if (count > (uint64_t{1} << 32)) throw DataError(path + ": too large (over 4 GB of values)");
  }
  out.values.resize(count);
  ReadExact(f.get(), path, out.values.data(), count, "values");
  uint8_t extra;
  const int more = gzread(f.get(), &extra, 1);
  if (more < 0) throw DataError(path + ": corrupt gzip data at the end of the file");
  if (more > 0) {
    throw DataError(path + ": trailing bytes after the " + std::to_string(count) +
                    " values the header announces");
  }
  return out;
}

const std::vector<std::string>& FashionMnistClasses() {
  static const std::vector<std::string> names = {"T-shirt/top", "Trouser", "Pullover", "Dress",
                                                 "Coat",        "Sandal",  "Shirt",    "Sneaker",
                                                 "Bag",         "Ankle boot"};
  return names;
}

Dataset LoadIdxFolder(const std::string& folder, const std::string& split) {
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) {
    throw DataError(folder + ": not a folder");
  }
  const std::string images_path = FindFile(folder, split + "-images-idx3-ubyte");
  const std::string labels_path = FindFile(folder, split + "-labels-idx1-ubyte");
  const IdxArray images = ReadIdxFile(images_path);
  const IdxArray labels = ReadIdxFile(labels_path);
  if (images.dims.size() != 3) {
    throw DataError(images_path + ": expected 3 dimensions (count, rows, cols), got " +
                    std::to_string(images.dims.size()));
  }
  if (labels.dims.size() != 1) {
    throw DataError(labels_path + ": expected 1 dimension (count), got " +
                    std::to_string(labels.dims.size()));
  }
  if (labels.dims[0] != images.dims[0]) {
    throw DataError(labels_path + ": " + std::to_string(labels.dims[0]) + " labels for " +
                    std::to_string(images.dims[0]) + " images in " + images_path);
  }
  Dataset d;
  d.h = static_cast<int>(images.dims[1]);
  d.w = static_cast<int>(images.dims[2]);
  d.c = 1;
  d.x.resize(images.values.size());
  for (size_t i = 0; i < images.values.size(); ++i) d.x[i] = images.values[i] / 255.0f;
  int max_label = 0;
  d.labels.reserve(labels.values.size());
  for (uint8_t l : labels.values) {
    d.labels.push_back(l);
    max_label = std::max(max_label, static_cast<int>(l));
  }
  std::string lower = std::filesystem::absolute(folder).lexically_normal().string();
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  if (max_label < 10 && lower.find("fashion") != std::string::npos) {
    d.classes = FashionMnistClasses();
  } else {
    for (int i = 0; i <= std::max(max_label, 1); ++i) d.classes.push_back(std::to_string(i));
  }
  d.Validate(folder + " (" + split + ")");
  return d;
}

}  // namespace mote::data
