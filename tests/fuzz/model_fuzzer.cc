// libFuzzer target: any byte sequence given to Model::Load, and any model that
// loads, prepared and run, must end in a status, never a crash.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "mote/interpreter.h"
#include "ops/ops.h"

namespace {

alignas(16) uint8_t g_arena[1 << 20];
alignas(16) uint8_t g_model[1 << 20];

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > sizeof(g_model)) return 0;
  std::memcpy(g_model, data, size);
  mote::ErrorReporter errors;
  mote::Model model;
  if (mote::Model::Load(g_model, size, &model, &errors) != mote::Status::kOk) return 0;
  static mote::MutableOpResolver<mote::kNumBuiltinOps> resolver;
  if (resolver.size() == 0) mote::RegisterAllOps(&resolver);
  mote::Interpreter interp(model, resolver, g_arena, sizeof(g_arena));
  if (interp.Prepare() != mote::Status::kOk) return 0;
  for (int i = 0; i < interp.inputs_size(); ++i) {
    // An empty input has no storage (data is null): nothing to write.
    if (interp.input_bytes(i) == 0) continue;
    std::memset(interp.input(i)->data, 0, interp.input_bytes(i));
  }
  interp.Invoke();
  return 0;
}
