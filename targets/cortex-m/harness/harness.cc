// The firmware main() shared by every firmware of a CPU: loads the model in
// flash, runs each test case on a fresh interpreter in the static arena,
// compares the outputs with the expected bytes, and reports on semihosting
// in lines that targets/cortex-m/run.sh and `mote bench --target` read:
//
//   fw: case K prepare_marks A B invoke_marks C D ok|mismatch
//   fw: op I code C marks A B           (PROFILE_OPS)
//   fw: kernels ISA                     (kernels/select.h: arm_dsp, arm_mve, portable)
//   fw: arena used U capacity C planned P persistent Q
//   fw: stack high_water H size S      (deepest use by Load, Prepare, Invoke)
//   fw: marks N
//   fw: result pass|fail ...
//
// "marks" are instruction-count marks (see mote_cortex_m.h); the runner turns
// them into instruction counts. Exit status: 0 pass, 2 output mismatch,
// 3 unexpected status, 4 test vectors do not fit the model, 5 stack
// overflow (picolibc's fault handler exits with 1 on a hard fault).
#include <cstdio>
#include <cstring>

#include "firmware.h"
#include "kernels/select.h"
#include "mote/interpreter.h"
#include "mote/model.h"
#include "mote_cortex_m.h"

namespace {

using mote::Status;
using mote::cortex_m::InstructionMark;

constexpr int kExitMismatch = 2;
constexpr int kExitStatus = 3;
constexpr int kExitVectors = 4;
constexpr int kExitStack = 5;

const char* StatusText(Status s) {
  static constexpr const char* kNames[] = {"kOk",          "kInvalidModel",    "kUnsupported",
                                           "kInvalidArgument", "kArenaTooSmall",
                                           "kCapacityExceeded", "kInternal"};
  const unsigned i = static_cast<unsigned>(s);
  return i < sizeof(kNames) / sizeof(kNames[0]) ? kNames[i] : "unknown";
}

// Instruction marks, numbered in the order they execute.
unsigned g_marks = 0;
unsigned Mark() {
  InstructionMark();
  return g_marks++;
}

// Marks each op's Eval and remembers which op each pair of marks belongs to
// (ops without an Eval get none). The records live in .bss, not in the
// object: an object with a vtable is initialised data, copied from flash.
constexpr int kMaxOpMarks = 256;
struct OpMarkRecord {
  int op;
  unsigned begin, end;
};
OpMarkRecord g_op_records[kMaxOpMarks];

class OpMarks final : public mote::Profiler {
 public:
  void OpBegin(int op) override {
    if (count_ < kMaxOpMarks) {
      g_op_records[count_].op = op;
      g_op_records[count_].begin = Mark();
    }
  }
  void OpEnd(int) override {
    if (count_ < kMaxOpMarks) g_op_records[count_++].end = Mark();
  }
  int count() const { return count_; }

 private:
  int count_ = 0;
};

mote::MutableOpResolver<mote::kNumBuiltinOps> g_resolver;
OpMarks g_op_marks;
mote::ArenaUsage g_usage;
// Deepest stack use (bytes from the top) seen right after Load and after
// each case's Prepare + Invoke: what the model needs, without printf's.
size_t g_stack_used = 0;

void RecordStack() {
  const size_t used = mote::cortex_m::StackHighWater();
  if (used > g_stack_used) g_stack_used = used;
}

// The status a failure must have for the firmware to pass (negative tests).
bool Expected(Status s) { return static_cast<uint8_t>(s) == mote_fw_expect_status; }

// One case on a fresh interpreter. Returns an exit status.
__attribute__((noinline)) int RunCase(const mote::Model& model, int k, bool profile) {
  mote::Interpreter interp(model, g_resolver, mote_fw_arena, mote_fw_arena_bytes);
  const unsigned p0 = Mark();
  Status s = interp.Prepare();
  const unsigned p1 = Mark();
  if (s != Status::kOk) {
    printf("fw: case %d prepare status %s %s\n", k, StatusText(s), interp.errors().message());
    return Expected(s) ? 0 : kExitStatus;
  }
  g_usage = interp.arena_usage();
  const int ni = interp.inputs_size();
  for (int i = 0; i < ni; ++i) {
    void* dst = interp.input(i)->data;
    if (mote_fw_num_inputs == 0) {
      memset(dst, 0, interp.input_bytes(i));
      continue;
    }
    const MoteFwBlob& in = mote_fw_inputs[k * ni + i];
    if (in.size != interp.input_bytes(i)) {
      printf("fw: case %d input %d has %u bytes, the model takes %u\n", k, i,
             static_cast<unsigned>(in.size), static_cast<unsigned>(interp.input_bytes(i)));
      return kExitVectors;
    }
    memcpy(dst, in.data, in.size);
  }
  const unsigned i0 = Mark();
  s = interp.Invoke();
  const unsigned i1 = Mark();
  RecordStack();
  if (s != Status::kOk) {
    printf("fw: case %d invoke status %s %s\n", k, StatusText(s), interp.errors().message());
    return Expected(s) ? 0 : kExitStatus;
  }
  if (mote_fw_expect_status != 0) {
    printf("fw: case %d ran, but status %s was expected\n", k,
           StatusText(static_cast<Status>(mote_fw_expect_status)));
    return kExitStatus;
  }
  int mismatches = 0;
  const int no = interp.outputs_size();
  for (int o = 0; o < no && mote_fw_num_expected > 0; ++o) {
    const MoteFwBlob& want = mote_fw_expected[k * no + o];
    const uint8_t* got = static_cast<const uint8_t*>(interp.output(o)->data);
    if (want.size != interp.output_bytes(o)) {
      printf("fw: case %d output %d: expected %u bytes, the model gives %u\n", k, o,
             static_cast<unsigned>(want.size), static_cast<unsigned>(interp.output_bytes(o)));
      return kExitVectors;
    }
    for (uint32_t b = 0; b < want.size; ++b) {
      if (got[b] != want.data[b] && ++mismatches <= 5) {
        printf("fw: mismatch case %d output %d byte %u: got %d, want %d\n", k, o,
               static_cast<unsigned>(b), static_cast<int8_t>(got[b]),
               static_cast<int8_t>(want.data[b]));
      }
    }
  }
  printf("fw: case %d prepare_marks %u %u invoke_marks %u %u %s\n", k, p0, p1, i0, i1,
         mismatches == 0 ? "ok" : "mismatch");
  if (profile) {
    // One more invoke, each op between two marks (outputs not checked).
    interp.set_profiler(&g_op_marks);
    s = interp.Invoke();
    interp.set_profiler(nullptr);
    if (s != Status::kOk) return kExitStatus;
    for (int i = 0; i < g_op_marks.count(); ++i) {
      const OpMarkRecord& r = g_op_records[i];
      printf("fw: op %d code %d marks %u %u\n", r.op,
             static_cast<int>(model.op_builtin_code(r.op)), r.begin, r.end);
    }
  }
  return mismatches == 0 ? 0 : kExitMismatch;
}

int Finish(int code, const char* what) {
  RecordStack();
  const size_t size = mote::cortex_m::StackSize();
  printf("fw: stack high_water %u size %u\n", static_cast<unsigned>(g_stack_used),
         static_cast<unsigned>(size));
  if (code == 0 && g_stack_used >= size) {
    code = kExitStack;
    what = "stack overflow";
  }
  printf("fw: marks %u\n", g_marks);
  printf("fw: result %s%s%s\n", code == 0 ? "pass" : "fail", what[0] ? " " : "", what);
  return code;
}

}  // namespace

int main() {
  mote::cortex_m::PlatformInit();
  const size_t model_bytes = static_cast<size_t>(mote_fw_model_end - mote_fw_model);
  printf("fw: firmware %s cpu %s board %s model_bytes %u arena_capacity %u\n", mote_fw_name,
         MOTE_CPU_NAME, MOTE_QEMU_MACHINE, static_cast<unsigned>(model_bytes),
         static_cast<unsigned>(mote_fw_arena_bytes));
  mote::cortex_m::PaintStack();

  mote::ErrorReporter errors;
  mote::Model model;
  const unsigned l0 = Mark();
  const Status loaded = mote::Model::Load(mote_fw_model, model_bytes, &model, &errors);
  const unsigned l1 = Mark();
  RecordStack();
  printf("fw: load_marks %u %u status %s %s\n", l0, l1, StatusText(loaded), errors.message());
  if (loaded != Status::kOk) {
    return Finish(Expected(loaded) ? 0 : kExitStatus,
                  Expected(loaded) ? "(model rejected as expected)" : "(load failed)");
  }
  const Status registered = MoteFirmwareRegisterOps(&g_resolver);
  if (registered != Status::kOk) {
    printf("fw: op registration status %s\n", StatusText(registered));
    return Finish(kExitStatus, "(op registration)");
  }

  const int ni = model.num_inputs(), no = model.num_outputs();
  int cases = 1;  // without vectors: one case on zero inputs, unchecked
  if (mote_fw_num_inputs > 0) {
    if (ni == 0 || mote_fw_num_inputs % ni != 0 ||
        (mote_fw_num_expected > 0 && mote_fw_num_expected != mote_fw_num_inputs / ni * no)) {
      printf("fw: %u input and %u expected vectors do not fit %d inputs and %d outputs\n",
             static_cast<unsigned>(mote_fw_num_inputs), static_cast<unsigned>(mote_fw_num_expected),
             ni, no);
      return Finish(kExitVectors, "(test vectors)");
    }
    cases = static_cast<int>(mote_fw_num_inputs) / ni;
  }
  int code = 0;
  for (int k = 0; k < cases && code == 0; ++k) {
    mote::cortex_m::PaintStack();
    code = RunCase(model, k, mote_fw_profile_ops != 0 && k == cases - 1);
  }
  if (code == 0 && mote_fw_expect_status == 0) {
    printf("fw: kernels %s\n", mote::opt::KernelIsaName());
    printf("fw: arena used %u capacity %u planned %u persistent %u\n",
           static_cast<unsigned>(g_usage.total()), static_cast<unsigned>(mote_fw_arena_bytes),
           static_cast<unsigned>(g_usage.planned_bytes),
           static_cast<unsigned>(g_usage.persistent_bytes));
  }
  return Finish(code, "");
}
