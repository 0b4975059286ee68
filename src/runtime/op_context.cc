// The non-virtual parts of the op contexts: tensor views and error messages
// that name the op.
#include <cstdio>

#include "mote/op.h"

namespace mote {
namespace {

Status ReportForOp(ErrorReporter& errors, Status status, const char* op_name,
                   int op_index, const char* format, va_list args) {
#if defined(MOTE_STRIP_MESSAGES)
  (void)op_name;
  (void)op_index;
  (void)format;
  (void)args;
  return errors.Report(status, "%s", "");
#else
  char message[ErrorReporter::kCapacity];
  vsnprintf(message, sizeof(message), format, args);
  return errors.Report(status, "%s (op %d): %s", op_name, op_index, message);
#endif
}

}  // namespace

TensorInfo PrepareContext::input(int i) const {
  return model().tensor(model().op_input(op_index(), i));
}

TensorInfo PrepareContext::output(int i) const {
  return model().tensor(model().op_output(op_index(), i));
}

Status PrepareContext::Fail(Status status, const char* format, ...) {
  va_list args;
  va_start(args, format);
  const Status result = ReportForOp(errors(), status, registration().name,
                                    op_index(), format, args);
  va_end(args);
  return result;
}

void PrepareContext::ReportCorruptOptions() const {
  options_corrupt_ = true;
  // Fail records the message; options() is const so that helpers taking a
  // const context can read options.
  const_cast<PrepareContext*>(this)->Fail(Status::kInvalidModel,
                                          MOTE_MSG("builtin options table is corrupt"));
}

Status EvalContext::Fail(Status status, const char* format, ...) {
  va_list args;
  va_start(args, format);
  const Status result =
      ReportForOp(errors(), status, op_name(), op_index(), format, args);
  va_end(args);
  return result;
}

}  // namespace mote
