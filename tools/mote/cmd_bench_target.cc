// mote bench MODEL --target CPU: the model on a Cortex-M under QEMU.
//
// 1. On the host: plan the model (arena bytes, ops), fill seeded random
//    inputs and run them, so the firmware can check its outputs against the
//    host runtime's byte for byte.
// 2. Configure and build the cross build (cmake/toolchains/<cpu>.cmake) with
//    that model, vectors and plan (targets/cortex-m, MOTE_BENCH_*): the
//    runtime library is compiled once per build directory and reused.
// 3. Run the firmware with targets/cortex-m/run.sh and the instruction
//    counting plugin; read the counts, arena and stack from its report.
// 4. Split flash and RAM by what they hold, from the linker map.
#include "cmd_bench_target.h"

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli_common.h"
#include "host/firmware_ops.h"
#include "host/model_stats.h"
#include "kernels/scratch_plan.h"

namespace mote::cli {
namespace {

namespace fs = std::filesystem;

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// Runs a shell command with stdout and stderr into `log`; its exit status.
int RunLogged(const std::string& command, const fs::path& log) {
  const int status = std::system((command + " >" + Quote(log.string()) + " 2>&1").c_str());
  if (status == -1 || !WIFEXITED(status)) return 127;
  return WEXITSTATUS(status);
}

std::string ReadText(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Tail(const std::string& text, size_t lines) {
  size_t pos = text.size();
  for (size_t n = 0; n <= lines && pos > 0; ++n) {
    pos = text.rfind('\n', pos - 1);
    if (pos == std::string::npos) return text;
  }
  return text.substr(pos + 1);
}

// The host build this `mote` came from: its CMakeCache.txt names the source
// tree (cross build, run.sh) and holds the plugin.
struct HostBuild {
  fs::path source;
  fs::path binary;
};

bool FindHostBuild(HostBuild* out) {
  std::error_code ec;
  fs::path dir = fs::read_symlink("/proc/self/exe", ec).parent_path();
  for (; !ec && !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
    const fs::path cache = dir / "CMakeCache.txt";
    if (!fs::exists(cache)) continue;
    std::istringstream lines(ReadText(cache));
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("mote_SOURCE_DIR:STATIC=", 0) == 0) out->source = line.substr(23);
      if (line.rfind("mote_BINARY_DIR:STATIC=", 0) == 0) out->binary = line.substr(23);
    }
    return !out->source.empty();
  }
  return false;
}

// --- linker map -------------------------------------------------------------

struct Sizes {
  int64_t text = 0, rodata = 0, data = 0, bss = 0, stack = 0;
  std::map<std::string, int64_t> flash;    // by category
  std::map<std::string, int64_t> ram;      // by category
  std::map<std::string, int64_t> kernels;  // flash per kernel source
  int64_t flash_total() const { return text + rodata + data; }
  int64_t ram_total() const { return data + bss + stack; }
};

bool IsHex(const std::string& s) { return s.size() > 2 && s[0] == '0' && s[1] == 'x'; }

std::vector<std::string> Split(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string t; in >> t;) out.push_back(t);
  return out;
}

// What an input section holds: runtime_core (format, planner, runtime),
// kernels (ops and kernels, per source name), model, test_data, arena,
// platform (harness, platform layer, generated config), libc (picolibc,
// libgcc, crt), padding.
std::string Category(const std::string& section, const std::string& object,
                     const fs::path& source, std::string* kernel) {
  if (section.rfind(".rodata.mote_model", 0) == 0) return "model";
  if (section.rfind(".rodata.mote_test_data", 0) == 0) return "test_data";
  if (section.rfind(".bss.mote_arena", 0) == 0) return "arena";
  if (object.empty()) return "padding";
  const size_t open = object.find('(');
  const std::string archive = fs::path(object.substr(0, open)).filename().string();
  std::string member = open == std::string::npos
                           ? fs::path(object).filename().string()
                           : object.substr(open + 1, object.size() - open - 2);
  member = member.substr(0, member.find('.'));
  if (archive == "libmote_kernels.a" ||
      (archive == "libmote_core.a" && fs::exists(source / "src" / "ops" / (member + ".cc")))) {
    *kernel = member;
    return "kernels";
  }
  if (archive == "libmote_core.a") return "runtime_core";
  if (archive == "libmote_dsp.a") return "dsp";
  if (archive == "libmote_fw_harness.a" || archive == "libmote_cortex_m.a" ||
      object.find(".gen/") != std::string::npos) {
    return "platform";
  }
  return "libc";
}

bool ParseMap(const fs::path& map_path, const fs::path& source, Sizes* sizes,
              std::string* error) {
  std::ifstream in(map_path);
  if (!in) {
    *error = "cannot read the linker map " + map_path.string();
    return false;
  }
  bool in_map = false;
  std::string out_section, pending;
  auto add = [&](const std::string& section, int64_t size, const std::string& object) {
    const bool flash = out_section == ".init" || out_section == ".text" || out_section == ".toc";
    const bool data = out_section == ".data" || out_section == ".tdata";
    const bool bss = out_section == ".bss" || out_section == ".tbss" || out_section == ".preserve";
    if (out_section == ".stack") {
      sizes->stack += size;
      sizes->ram["stack"] += size;
      return;
    }
    if (!flash && !data && !bss) return;
    std::string kernel;
    const std::string category = Category(section, object, source, &kernel);
    if (flash) {
      (section.rfind(".text", 0) == 0 ? sizes->text : sizes->rodata) += size;
    } else if (data) {
      sizes->data += size;
    } else {
      sizes->bss += size;
    }
    if (flash || data) {
      sizes->flash[category] += size;
      if (!kernel.empty()) sizes->kernels[kernel] += size;
    }
    if (data || bss) sizes->ram[category] += size;
  };
  for (std::string line; std::getline(in, line);) {
    if (!in_map) {
      in_map = line.rfind("Linker script and memory map", 0) == 0;
      continue;
    }
    if (line.empty()) continue;
    const std::vector<std::string> t = Split(line);
    if (t.empty()) continue;
    if (line[0] == '.') {  // an output section
      out_section = t[0];
      pending.clear();
      continue;
    }
    if (line[0] != ' ') continue;
    if (t[0] == "*fill*" && t.size() >= 3 && IsHex(t[2])) {
      add("*fill*", std::stoll(t[2], nullptr, 16), "");
      continue;
    }
    if (t[0][0] == '.' || t[0] == "COMMON") {  // an input section
      if (t.size() >= 4 && IsHex(t[1]) && IsHex(t[2])) {
        add(t[0], std::stoll(t[2], nullptr, 16), t[3]);
        pending.clear();
      } else if (t.size() == 1) {
        pending = t[0];  // long name: address, size and file follow
      }
      continue;
    }
    if (!pending.empty() && t.size() >= 3 && IsHex(t[0]) && IsHex(t[1])) {
      add(pending, std::stoll(t[1], nullptr, 16), t[2]);
      pending.clear();
    }
  }
  if (!in_map) {
    *error = map_path.string() + " is not a GNU ld map";
    return false;
  }
  return true;
}

// --- the firmware's report ----------------------------------------------------

struct FirmwareReport {
  bool pass = false;
  int64_t load = -1, prepare = -1, invoke = -1;
  int64_t arena_used = 0, arena_capacity = 0, stack_used = 0, stack_size = 0;
  std::map<int, int64_t> op_instructions;
  std::string kernels = "reference";  // the firmware's kernels/select.h
};

FirmwareReport ParseReport(const std::string& text) {
  FirmwareReport r;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const std::vector<std::string> t = Split(line);
    if (t.size() >= 3 && t[0] == "fw:" && t[1] == "result") r.pass = t[2] == "pass";
    if (t.size() >= 3 && t[0] == "fw:" && t[1] == "kernels") r.kernels = t[2];
    if (t.size() >= 6 && t[0] == "fw:" && t[1] == "arena") {
      r.arena_used = std::stoll(t[3]);
      r.arena_capacity = std::stoll(t[5]);
    }
    if (t.size() >= 6 && t[0] == "fw:" && t[1] == "stack") {
      r.stack_used = std::stoll(t[3]);
      r.stack_size = std::stoll(t[5]);
    }
    if (t.size() >= 3 && t[0] == "insn:" && t[1] == "load") r.load = std::stoll(t[2]);
    if (t.size() >= 7 && t[0] == "insn:" && t[1] == "case" && t[2] == "0") {
      r.prepare = std::stoll(t[4]);
      r.invoke = std::stoll(t[6]);
    }
    if (t.size() >= 6 && t[0] == "insn:" && t[1] == "op") {
      r.op_instructions[std::stoi(t[2])] = std::stoll(t[5]);
    }
  }
  return r;
}

// 1234567 -> "1,234,567".
std::string Thousands(int64_t v) {
  const std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out = v < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace

void AddTargetBenchOptions(CLI::App* cmd, TargetBenchOptions* opt) {
  cmd->add_option("--target", opt->cpu,
                  "Run on a Cortex-M under QEMU: cortex-m4, cortex-m33, cortex-m7, cortex-m55")
      ->check(CLI::IsMember({"cortex-m4", "cortex-m33", "cortex-m7", "cortex-m55"}));
  cmd->add_option("--build-dir", opt->build_dir,
                  "With --target: the cross build directory (reused between runs)");
  cmd->add_option("--source-dir", opt->source_dir,
                  "With --target: mote's source tree (default: from the host build)");
  cmd->add_option("--plugin", opt->plugin,
                  "With --target: libmote_insn_count.so (default: from the host build)");
  cmd->add_option("--build-type", opt->build_type,
                  "With --target: MinSizeRel (-Os, default) or Release (-O3)")
      ->check(CLI::IsMember({"MinSizeRel", "Release", "RelWithDebInfo"}));
  cmd->add_flag("--all-ops", opt->all_ops,
                "With --target: register every op, so the flash table lists every kernel");
}

int RunTargetBench(const TargetBenchOptions& opt) {
  // 1. Host: plan, inputs, reference outputs.
  LoadedModel loaded;
  std::string error;
  if (!LoadModel(opt.model, &loaded, &error)) return Fail(error);
  Runtime runtime;
  if (!PrepareRuntime(loaded.model, &runtime, &error)) return Fail(error);
  Interpreter& interp = *runtime.interpreter;
  FillRandomInputs(interp, opt.seed);
  // The firmware's arena: planned with the scratch its CPU's kernels need
  // (an interpreter for the size only, kernels/scratch_plan.h).
  size_t firmware_arena = 0;
  {
    opt::SetScratchPlan(opt.cpu == "cortex-m55" ? opt::ScratchPlan::kArmMve
                                                : opt::ScratchPlan::kArmDsp);
    Runtime planning;
    const bool planned = PrepareRuntime(loaded.model, &planning, &error);
    opt::SetScratchPlan(opt::ScratchPlan::kThisBuild);
    if (!planned) return Fail(error);
    firmware_arena = planning.interpreter->arena_used_bytes();
  }

  HostBuild host;
  FindHostBuild(&host);
  fs::path source = !opt.source_dir.empty()         ? fs::path(opt.source_dir)
                    : std::getenv("MOTE_SOURCE_DIR") ? fs::path(std::getenv("MOTE_SOURCE_DIR"))
                                                     : host.source;
  if (source.empty() || !fs::exists(source / "targets" / "cortex-m" / "run.sh")) {
    return Fail("--target: cannot find mote's source tree (targets/cortex-m); pass --source-dir");
  }
  fs::path plugin = !opt.plugin.empty() ? fs::path(opt.plugin)
                    : std::getenv("MOTE_QEMU_PLUGIN")
                        ? fs::path(std::getenv("MOTE_QEMU_PLUGIN"))
                        : host.binary / "tools" / "qemu-plugin" / "libmote_insn_count.so";
  if (!fs::exists(plugin)) {
    return Fail("--target: no instruction-counting plugin at " + plugin.string() +
                " (build the host target mote_insn_count, or pass --plugin)");
  }
  fs::path build = !opt.build_dir.empty() ? fs::path(opt.build_dir)
                   : !host.binary.empty()
                       ? host.binary / "firmware" / ("bench-" + opt.cpu)
                       : fs::path(std::getenv("HOME") ? std::getenv("HOME") : "/tmp") /
                             ".cache" / "mote" / ("firmware-" + opt.cpu);
  std::error_code ec;
  fs::create_directories(build / "bench-data", ec);
  if (ec) return Fail("--target: cannot create " + build.string() + ": " + ec.message());
  build = fs::absolute(build);

  std::string inputs, expected;
  for (int i = 0; i < interp.inputs_size(); ++i) {
    const fs::path p = build / "bench-data" / fmt::format("in_{}.bin", i);
    if (!host::WriteFileAtomic(p.string(), interp.input(i)->data, interp.input_bytes(i), &error))
      return Fail(error);
    inputs += (inputs.empty() ? "" : ";") + p.string();
  }
  if (interp.Invoke() != Status::kOk) return Fail(interp.errors().message());
  for (int o = 0; o < interp.outputs_size(); ++o) {
    const fs::path p = build / "bench-data" / fmt::format("out_{}.bin", o);
    if (!host::WriteFileAtomic(p.string(), interp.output(o)->data, interp.output_bytes(o), &error))
      return Fail(error);
    expected += (expected.empty() ? "" : ";") + p.string();
  }
  const auto stats = host::ComputeAllOpStats(loaded.model);
  int64_t macs = 0;
  for (const auto& s : stats) macs += s.macs;
  // The firmware registers each op's narrowest registration that runs every
  // instance of it (CONV_2D_INT8 for an int8-only model): host/firmware_ops.h.
  std::string ops = opt.all_ops ? "ALL" : "";
  if (!opt.all_ops) {
    for (const auto& n : host::FirmwareOpRegistrations(loaded.model)) {
      ops += (ops.empty() ? "" : ";") + n;
    }
  }

  // 2. Cross build.
  const fs::path model_path = fs::absolute(opt.model);
  const std::string configure = fmt::format(
      "cmake -S {} -B {} -G Ninja -DCMAKE_TOOLCHAIN_FILE={} -DCMAKE_BUILD_TYPE={} "
      "-DMOTE_STRIP_MESSAGES=ON -DMOTE_BENCH_MODEL={} -DMOTE_BENCH_INPUTS={} "
      "-DMOTE_BENCH_EXPECTED={} -DMOTE_BENCH_ARENA_BYTES={} -DMOTE_BENCH_OPS={}",
      Quote(source.string()), Quote(build.string()),
      Quote((source / "cmake" / "toolchains" / (opt.cpu + ".cmake")).string()),
      opt.build_type, Quote(model_path.string()), Quote(inputs), Quote(expected),
      firmware_arena, Quote(ops));
  const fs::path log = build / "bench.log";
  if (!opt.json) fmt::print(stderr, "mote: building the {} firmware in {}\n", opt.cpu, build.string());
  if (RunLogged(configure, log) != 0) {
    return Fail("--target: configuring the firmware failed (" + log.string() + "):\n" +
                Tail(ReadText(log), 15));
  }
  if (RunLogged("cmake --build " + Quote(build.string()) + " --target mote_bench", log) != 0) {
    return Fail("--target: building the firmware failed (" + log.string() + "):\n" +
                Tail(ReadText(log), 25));
  }

  // 3. Run under QEMU.
  const fs::path elf = build / "firmware" / "mote_bench.elf";
  const fs::path run_log = build / "run.log";
  const int run_status =
      RunLogged(Quote((source / "targets" / "cortex-m" / "run.sh").string()) + " --plugin " +
                    Quote(plugin.string()) + " " + Quote(elf.string()),
                run_log);
  const std::string report_text = ReadText(run_log);
  const FirmwareReport report = ParseReport(report_text);
  if (run_status != 0 || !report.pass || report.invoke < 0) {
    return Fail(fmt::format("--target: the firmware failed under QEMU (exit {}):\n{}", run_status,
                            Tail(report_text, 20)));
  }

  // 4. Flash and RAM.
  Sizes sizes;
  if (!ParseMap(build / "firmware" / "mote_bench.map", source, &sizes, &error)) return Fail(error);

  const double mac_per_insn =
      report.invoke > 0 ? static_cast<double>(macs) / static_cast<double>(report.invoke) : 0;
  const char* machine = opt.cpu == "cortex-m4"    ? "mps2-an386"
                        : opt.cpu == "cortex-m33" ? "mps2-an505"
                        : opt.cpu == "cortex-m7"  ? "mps2-an500"
                                                  : "mps3-an547";
  if (opt.json) {
    nlohmann::json j;
    j["model"] = opt.model;
    j["target"] = opt.cpu;
    j["qemu_machine"] = machine;
    j["build_type"] = opt.build_type;
    j["seed"] = opt.seed;
    j["outputs_match_host"] = true;
    j["macs"] = macs;
    j["instructions_per_inference"] = report.invoke;
    j["macs_per_instruction"] = mac_per_insn;
    j["load_instructions"] = report.load;
    j["prepare_instructions"] = report.prepare;
    j["arena_bytes"] = report.arena_used;
    j["arena_host_plan_bytes"] = firmware_arena;
    j["kernels"] = report.kernels;
    j["stack_bytes"] = report.stack_used;
    j["stack_size_bytes"] = report.stack_size;
    j["flash_bytes"] = sizes.flash_total();
    j["ram_bytes"] = sizes.ram_total();
    j["text_bytes"] = sizes.text;
    j["rodata_bytes"] = sizes.rodata;
    j["data_bytes"] = sizes.data;
    j["bss_bytes"] = sizes.bss;
    j["flash"] = sizes.flash;
    j["ram"] = sizes.ram;
    j["kernels_flash"] = sizes.kernels;
    j["registrations"] = ops;  // what the firmware's resolver registers
    for (const auto& s : stats) {
      nlohmann::json op;
      op["index"] = s.index;
      op["op"] = s.name;
      op["macs"] = s.macs;
      const auto it = report.op_instructions.find(s.index);
      op["instructions"] = it == report.op_instructions.end() ? 0 : it->second;
      j["ops"].push_back(op);
    }
    j["firmware"] = elf.string();
    fmt::print("{}\n", j.dump(2));
    return 0;
  }
  auto flash_of = [&](const char* k) {
    const auto it = sizes.flash.find(k);
    return it == sizes.flash.end() ? int64_t{0} : it->second;
  };
  fmt::print("model    {} on {} (QEMU {}), arm-none-eabi-gcc {}, {} kernels\n", opt.model,
             opt.cpu, machine, opt.build_type, report.kernels);
  fmt::print("outputs  equal the host runtime's byte for byte (random inputs, seed {})\n",
             opt.seed);
  fmt::print("compute  {} MACs, {} instructions per inference, {:.3f} MAC/instruction\n",
             Thousands(macs), Thousands(report.invoke), mac_per_insn);
  fmt::print("setup    Model::Load {} + Prepare {} instructions\n", Thousands(report.load),
             Thousands(report.prepare));
  fmt::print("memory   arena {} bytes (host plan {}), stack high-water {} of {} bytes\n",
             Thousands(report.arena_used), Thousands(static_cast<int64_t>(firmware_arena)),
             Thousands(report.stack_used), Thousands(report.stack_size));
  fmt::print("flash    {} bytes: runtime core {}, kernels {}, model {}, test vectors {}, "
             "harness+platform {}, libc {}\n",
             Thousands(sizes.flash_total()), Thousands(flash_of("runtime_core")),
             Thousands(flash_of("kernels")), Thousands(flash_of("model")),
             Thousands(flash_of("test_data")), Thousands(flash_of("platform")),
             Thousands(flash_of("libc") + flash_of("padding")));
  fmt::print("         text {}, rodata {}, data {}\n", Thousands(sizes.text),
             Thousands(sizes.rodata), Thousands(sizes.data));
  fmt::print("ram      {} bytes: data {}, bss {} (arena {}), stack {}\n",
             Thousands(sizes.ram_total()), Thousands(sizes.data), Thousands(sizes.bss),
             Thousands(sizes.ram.count("arena") ? sizes.ram.at("arena") : 0),
             Thousands(sizes.stack));
  std::string kernels;
  for (const auto& [name, bytes] : sizes.kernels) {
    kernels += fmt::format("{}{} {}", kernels.empty() ? "" : ", ", name, Thousands(bytes));
  }
  fmt::print("kernels  flash by source: {}\n\n", kernels);
  fmt::print("{:>3}  {:<22} {:>10} {:>13} {:>9} {:>6}\n", "#", "op", "MACs", "instructions",
             "MAC/insn", "%");
  int64_t op_total = 0;
  for (const auto& [op, n] : report.op_instructions) op_total += n;
  for (const auto& s : stats) {
    const auto it = report.op_instructions.find(s.index);
    const int64_t n = it == report.op_instructions.end() ? 0 : it->second;
    fmt::print("{:>3}  {:<22} {:>10} {:>13} {:>9.3f} {:>5.1f}%\n", s.index, s.name, s.macs,
               Thousands(n), n > 0 ? static_cast<double>(s.macs) / static_cast<double>(n) : 0.0,
               op_total > 0 ? 100.0 * static_cast<double>(n) / static_cast<double>(op_total) : 0.0);
  }
  fmt::print("\nfirmware {}\n", elf.string());
  return 0;
}

}  // namespace mote::cli
