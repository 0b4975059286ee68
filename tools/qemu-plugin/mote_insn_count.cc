// A QEMU TCG plugin that counts executed guest instructions, exactly and
// repeatably (QEMU has no cycle model for Cortex-M; DWT CYCCNT reads 0).
//
//   qemu-system-arm ... -plugin libmote_insn_count.so,out=counts.txt
//
// Marks: the firmware executes `mov r11, r11` (Thumb 0x46db, a no-op no
// compiler emits) at the edges of the regions it measures; the plugin
// records the running count at each mark. At exit it writes
//   insn_total <N>
//   insn_mark <i> <count before mark i>
// to `out` (default: stderr). The firmware prints what each mark means, so
// the difference of two marks is the exact instruction count of a region.
// Optional `pcprof=FILE` also writes "<pc hex> <count>" for every executed
// instruction address, to attribute counts to functions.
//
// Debian's QEMU 7.2 supports plugins but ships no qemu-plugin.h, so the
// handful of plugin API (version 1) declarations used here are written out
// below, exactly as QEMU 7.2 defines them.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

extern "C" {
typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
struct qemu_info_t;
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_CB_R_REGS, QEMU_PLUGIN_CB_RW_REGS };
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void* userdata);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index, void* userdata);
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb* tb);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb, void* userdata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb* tb);
struct qemu_plugin_insn* qemu_plugin_tb_get_insn(const struct qemu_plugin_tb* tb, size_t idx);
const void* qemu_plugin_insn_data(const struct qemu_plugin_insn* insn);
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn* insn);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn* insn);
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn* insn,
                                                enum qemu_plugin_op op, void* ptr, uint64_t imm);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn* insn,
                                            qemu_plugin_vcpu_udata_cb_t cb,
                                            enum qemu_plugin_cb_flags flags, void* userdata);

// What the plugin exports: the API version it was written against, and its
// entry point.
__attribute__((visibility("default"))) int qemu_plugin_version = 1;
__attribute__((visibility("default"))) int qemu_plugin_install(qemu_plugin_id_t id,
                                                               const qemu_info_t* info,
                                                               int argc, char** argv);
}

namespace {

// Written by the inline add QEMU generates before every instruction (one
// vCPU: the M-profile boards have a single core).
uint64_t g_count = 0;

// Created at install and never destroyed: QEMU runs the plugin's exit
// callback after the shared object's static destructors would have run.
struct State {
  std::vector<uint64_t> marks;
  std::string out;
  std::string pcprof;
  // Node-based: the counter addresses handed to QEMU stay valid.
  std::map<uint64_t, uint64_t> pc_counts;
};
State* g = nullptr;

bool IsMark(const qemu_plugin_insn* insn) {
  if (qemu_plugin_insn_size(insn) != 2) return false;
  const auto* b = static_cast<const uint8_t*>(qemu_plugin_insn_data(insn));
  return b[0] == 0xdb && b[1] == 0x46;  // mov r11, r11 (little-endian)
}

void OnMark(unsigned int, void*) {
  // The mark's own inline add has already run; count the instructions
  // before it.
  g->marks.push_back(g_count - 1);
}

void OnTranslate(qemu_plugin_id_t, qemu_plugin_tb* tb) {
  const size_t n = qemu_plugin_tb_n_insns(tb);
  for (size_t i = 0; i < n; ++i) {
    qemu_plugin_insn* insn = qemu_plugin_tb_get_insn(tb, i);
    qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, &g_count, 1);
    if (!g->pcprof.empty()) {
      uint64_t* slot = &g->pc_counts[qemu_plugin_insn_vaddr(insn)];
      qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, slot, 1);
    }
    if (IsMark(insn)) {
      qemu_plugin_register_vcpu_insn_exec_cb(insn, OnMark, QEMU_PLUGIN_CB_NO_REGS, nullptr);
    }
  }
}

void OnExit(qemu_plugin_id_t, void*) {
  FILE* f = g->out.empty() ? stderr : std::fopen(g->out.c_str(), "w");
  if (f == nullptr) {
    std::fprintf(stderr, "mote_insn_count: cannot write %s\n", g->out.c_str());
    return;
  }
  std::fprintf(f, "insn_total %llu\n", static_cast<unsigned long long>(g_count));
  for (size_t i = 0; i < g->marks.size(); ++i) {
    std::fprintf(f, "insn_mark %zu %llu\n", i, static_cast<unsigned long long>(g->marks[i]));
  }
  if (f != stderr) std::fclose(f);
  if (!g->pcprof.empty()) {
    FILE* p = std::fopen(g->pcprof.c_str(), "w");
    if (p == nullptr) return;
    for (const auto& [pc, n] : g->pc_counts) {
      if (n > 0) std::fprintf(p, "%llx %llu\n", static_cast<unsigned long long>(pc),
                              static_cast<unsigned long long>(n));
    }
    std::fclose(p);
  }
}

}  // namespace

int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t*, int argc, char** argv) {
  g = new State;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "out=", 4) == 0) {
      g->out = argv[i] + 4;
    } else if (std::strncmp(argv[i], "pcprof=", 7) == 0) {
      g->pcprof = argv[i] + 7;
    } else {
      std::fprintf(stderr, "mote_insn_count: unknown argument '%s' (out=FILE, pcprof=FILE)\n",
                   argv[i]);
      return 1;
    }
  }
  g->marks.reserve(1 << 16);
  qemu_plugin_register_vcpu_tb_trans_cb(id, OnTranslate);
  qemu_plugin_register_atexit_cb(id, OnExit, nullptr);
  return 0;
}
