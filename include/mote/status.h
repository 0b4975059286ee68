// Status codes and error reporting for the mote runtime.
//
// The runtime never throws and never allocates: every fallible call returns a
// Status, and the first failure's message is written into a fixed buffer that
// the caller owns (ErrorReporter). Building with MOTE_STRIP_MESSAGES removes
// every message string from the binary; only the codes remain.
#ifndef MOTE_STATUS_H_
#define MOTE_STATUS_H_

#include <cstdarg>
#include <cstddef>
#include <cstdint>

namespace mote {

enum class Status : uint8_t {
  kOk = 0,
  kInvalidModel,      // the model bytes are malformed or inconsistent
  kUnsupported,       // valid TFLite, but an op, type or option mote lacks
  kInvalidArgument,   // a caller passed something wrong (index, size, state)
  kArenaTooSmall,     // the caller's arena cannot hold the plan
  kCapacityExceeded,  // a fixed-capacity table (e.g. the op registry) is full
  kInternal,          // a bug in mote
};

const char* StatusName(Status status);

// Collects the message of the first error. Fixed size: no heap.
class ErrorReporter {
 public:
  static constexpr size_t kCapacity = 256;

  // printf-style; only the first report is kept (it is the root cause).
  Status Report(Status status, const char* format, ...)
#if defined(__GNUC__)
      __attribute__((format(printf, 3, 4)))
#endif
      ;
  Status ReportV(Status status, const char* format, va_list args);

  bool has_error() const { return status_ != Status::kOk; }
  Status status() const { return status_; }
  // Empty when no error occurred or messages are stripped.
  const char* message() const { return message_; }
  void Clear();

 private:
  Status status_ = Status::kOk;
  char message_[kCapacity] = {};
};

}  // namespace mote

// MOTE_MSG(...) wraps printf-style message arguments. With
// MOTE_STRIP_MESSAGES the format string never reaches the binary.
#if defined(MOTE_STRIP_MESSAGES)
#define MOTE_MSG(...) "%s", ""
#else
#define MOTE_MSG(...) __VA_ARGS__
#endif

// Returns early with `status` when a call fails.
#define MOTE_RETURN_IF_ERROR(expr)                     \
  do {                                                 \
    const ::mote::Status mote_status_ = (expr);        \
    if (mote_status_ != ::mote::Status::kOk) {         \
      return mote_status_;                             \
    }                                                  \
  } while (0)

#endif  // MOTE_STATUS_H_
