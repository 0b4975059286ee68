// The non-virtual parts of the op contexts: tensor views and error messages
// that name the op.
#include <cstdio>

#include "mote/op.h"

namespace mote {

TensorInfo PrepareContext::input(int i) const {
  return model().tensor(model().op_input(op_index(), i));
}

TensorInfo PrepareContext::output(int i) const {
  return model().tensor(model().op_output(op_index(), i));
}

void PrepareContext::ReportCorruptOptions() const {
  options_corrupt_ = true;
  // Fail records the message; options() is const so that helpers taking a
  // const context can read options.
  MOTE_FAIL_OP(*const_cast<PrepareContext*>(this), Status::kInvalidModel,
               "builtin options table is corrupt");
}

Status PrepareContext::Fail(Status status) {
  return errors().Report(status, MOTE_MSG("%s (op %d)", registration().name, op_index()));
}

Status EvalContext::Fail(Status status) {
  return errors().Report(status, MOTE_MSG("%s (op %d)", op_name(), op_index()));
}

#if defined(MOTE_STRIP_MESSAGES)
// No messages: the formatted forms record the status only, and never touch
// their variadic arguments (no va_list code in a firmware).
Status PrepareContext::Fail(Status status, const char*, ...) { return Fail(status); }
Status EvalContext::Fail(Status status, const char*, ...) { return Fail(status); }
#else
namespace {

Status ReportForOp(ErrorReporter& errors, Status status, const char* op_name,
                   int op_index, const char* format, va_list args) {
  char message[ErrorReporter::kCapacity];
  vsnprintf(message, sizeof(message), format, args);
  return errors.Report(status, "%s (op %d): %s", op_name, op_index, message);
}

}  // namespace

Status PrepareContext::Fail(Status status, const char* format, ...) {
  va_list args;
  va_start(args, format);
  const Status result = ReportForOp(errors(), status, registration().name,
                                    op_index(), format, args);
  va_end(args);
  return result;
}

Status EvalContext::Fail(Status status, const char* format, ...) {
  va_list args;
  va_start(args, format);
  const Status result =
      ReportForOp(errors(), status, op_name(), op_index(), format, args);
  va_end(args);
  return result;
}
#endif

}  // namespace mote
