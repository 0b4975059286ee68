// mote bench MODEL --target cortex-m4|cortex-m33|cortex-m7|cortex-m55: builds
// a firmware for the model (targets/cortex-m), runs it under QEMU with the
// instruction-counting plugin, and reports instructions per inference, MACs
// per instruction, arena, stack and flash/RAM split from the linker map.
#ifndef MOTE_TOOLS_CMD_BENCH_TARGET_H_
#define MOTE_TOOLS_CMD_BENCH_TARGET_H_

#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

namespace mote::cli {

struct TargetBenchOptions {
  std::string cpu;          // cortex-m4, cortex-m33, cortex-m7, cortex-m55 (empty: host bench)
  std::string model;
  uint32_t seed = 1;
  bool json = false;
  std::string build_dir;    // the cross build; default beside the host build
  std::string source_dir;   // mote's source tree; default from the host build
  std::string plugin;       // libmote_insn_count.so; default from the host build
  std::string build_type = "MinSizeRel";
  bool all_ops = false;     // link every kernel (flash of each one)
};

// Adds --target and the options only it uses to `mote bench`.
void AddTargetBenchOptions(CLI::App* cmd, TargetBenchOptions* opt);
int RunTargetBench(const TargetBenchOptions& opt);

}  // namespace mote::cli

#endif  // MOTE_TOOLS_CMD_BENCH_TARGET_H_
