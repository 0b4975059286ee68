// Which ops a build can run. The registry has a fixed capacity, so a firmware
// links only the kernels it registers.
#ifndef MOTE_OP_RESOLVER_H_
#define MOTE_OP_RESOLVER_H_

#include <cstdint>

#include "mote/op.h"
#include "mote/status.h"

namespace mote {

class OpResolver {
 public:
  // Null when the op is not registered.
  virtual const OpRegistration* Find(int32_t builtin_code) const = 0;

 protected:
  ~OpResolver() = default;
};

template <int kCapacity>
class MutableOpResolver : public OpResolver {
 public:
  // kCapacityExceeded when full; kInvalidArgument when already registered.
  Status Add(const OpRegistration& registration) {
    if (Find(registration.builtin_code) != nullptr) {
      return Status::kInvalidArgument;
    }
    if (count_ >= kCapacity) return Status::kCapacityExceeded;
    registrations_[count_++] = &registration;
    return Status::kOk;
  }

  const OpRegistration* Find(int32_t builtin_code) const override {
    for (int i = 0; i < count_; ++i) {
      if (registrations_[i]->builtin_code == builtin_code) {
        return registrations_[i];
      }
    }
    return nullptr;
  }

  int size() const { return count_; }
  const OpRegistration& at(int i) const { return *registrations_[i]; }

 private:
  const OpRegistration* registrations_[kCapacity] = {};
  int count_ = 0;
};

}  // namespace mote

#endif  // MOTE_OP_RESOLVER_H_
