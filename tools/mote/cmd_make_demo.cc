// mote make-demo -o FILE: writes the demo model the README's main job runs,
// built by mote's own model writer with seeded weights.
#include <fmt/format.h>

#include "cli_common.h"
#include "host/demo_model.h"

namespace mote::cli {
namespace {

struct MakeDemoOptions {
  std::string output;
  uint32_t seed = 42;
};

int RunMakeDemo(const MakeDemoOptions& opt) {
  const std::vector<uint8_t> bytes = host::BuildDemoModel(opt.seed);
  std::string error;
  if (!host::WriteFileAtomic(opt.output, bytes.data(), bytes.size(), &error)) {
    return Fail(error);
  }
  fmt::print("wrote {} ({} bytes)\n", opt.output, bytes.size());
  return 0;
}

}  // namespace

void AddMakeDemoCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<MakeDemoOptions>();
  CLI::App* cmd = app.add_subcommand("make-demo", "Write the demo keyword-spotting CNN (.tflite)");
  cmd->add_option("-o,--output", opt->output, "Output .tflite file")->required();
  cmd->add_option("--seed", opt->seed, "Seed of the random weights");
  cmd->callback([opt, exit_code] { *exit_code = RunMakeDemo(*opt); });
}

}  // namespace mote::cli
