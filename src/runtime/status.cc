#include "mote/status.h"

#include <cstdio>

namespace mote {

const char* StatusName(Status status) {
  switch (status) {
    case Status::kOk:
      return "ok";
    case Status::kInvalidModel:
      return "invalid model";
    case Status::kUnsupported:
      return "unsupported";
    case Status::kInvalidArgument:
      return "invalid argument";
    case Status::kArenaTooSmall:
      return "arena too small";
    case Status::kCapacityExceeded:
      return "capacity exceeded";
    case Status::kInternal:
      return "internal error";
  }
  return "unknown status";
}

Status ErrorReporter::Report(Status status, const char* format, ...) {
  va_list args;
  va_start(args, format);
  const Status result = ReportV(status, format, args);
  va_end(args);
  return result;
}

Status ErrorReporter::ReportV(Status status, const char* format,
                              va_list args) {
  if (status_ != Status::kOk) return status;  // keep the root cause
  status_ = status;
#if defined(MOTE_STRIP_MESSAGES)
  (void)format;
  (void)args;
  message_[0] = '\0';
#else
  vsnprintf(message_, kCapacity, format, args);
#endif
  return status;
}

void ErrorReporter::Clear() {
  status_ = Status::kOk;
  message_[0] = '\0';
}

}  // namespace mote
