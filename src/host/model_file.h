// Reading model and tensor files on the host into aligned memory.
#ifndef MOTE_HOST_MODEL_FILE_H_
#define MOTE_HOST_MODEL_FILE_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

namespace mote::host {

// A heap block aligned to 16 bytes, as Model::Load and kernels want.
class AlignedBytes {
 public:
  AlignedBytes() = default;
  explicit AlignedBytes(size_t size);
  uint8_t* data() { return data_.get(); }
  const uint8_t* data() const { return data_.get(); }
  size_t size() const { return size_; }

 private:
  struct Free {
    void operator()(uint8_t* p) const { std::free(p); }
  };
  std::unique_ptr<uint8_t, Free> data_;
  size_t size_ = 0;
};

// Reads a whole file; false with `error` set on failure (missing, unreadable,
// larger than `max_bytes`).
bool ReadFile(const std::string& path, AlignedBytes* out, std::string* error,
              size_t max_bytes = size_t{1} << 31);

// Writes via a temporary file and rename, so no partial file is left behind.
bool WriteFileAtomic(const std::string& path, const void* data, size_t size,
                     std::string* error);

}  // namespace mote::host

#endif  // MOTE_HOST_MODEL_FILE_H_
