#include "host/model_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace mote::host {

AlignedBytes::AlignedBytes(size_t size) : size_(size) {
  const size_t rounded = (size + 15) / 16 * 16;
  data_.reset(static_cast<uint8_t*>(std::aligned_alloc(16, rounded == 0 ? 16 : rounded)));
  if (data_ == nullptr) size_ = 0;
}

bool ReadFile(const std::string& path, AlignedBytes* out, std::string* error,
              size_t max_bytes) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    *error = path + ": is a directory";
    return false;
  }
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  bool ok = std::fseek(f, 0, SEEK_END) == 0;
  const long size = ok ? std::ftell(f) : -1;
  ok = ok && size >= 0 && std::fseek(f, 0, SEEK_SET) == 0;
  if (!ok) {
    *error = path + ": cannot determine the file size";
  } else if (static_cast<unsigned long>(size) > max_bytes) {
    *error = path + ": file is too large (" + std::to_string(size) + " bytes)";
    ok = false;
  } else {
    AlignedBytes bytes(static_cast<size_t>(size));
    if (size > 0 && bytes.data() == nullptr) {
      *error = path + ": out of memory";
      ok = false;
    } else if (size > 0 &&
               std::fread(bytes.data(), 1, static_cast<size_t>(size), f) !=
                   static_cast<size_t>(size)) {
      *error = path + ": read failed";
      ok = false;
    } else {
      *out = std::move(bytes);
    }
  }
  std::fclose(f);
  return ok;
}

bool WriteFileAtomic(const std::string& path, const void* data, size_t size,
                     std::string* error) {
  const std::string temp = path + ".tmp";
  FILE* f = std::fopen(temp.c_str(), "wb");
  if (f == nullptr) {
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  const bool written = size == 0 || std::fwrite(data, 1, size, f) == size;
  const bool closed = std::fclose(f) == 0;
  if (!written || !closed) {
    std::remove(temp.c_str());
    *error = path + ": write failed";
    return false;
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

}  // namespace mote::host
