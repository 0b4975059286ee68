// mote ops [--json]: the ops this build runs, with versions and tensor types,
// so users know before they convert a model.
#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli_common.h"

namespace mote::cli {
namespace {

int RunOps(bool json) {
  MutableOpResolver<kNumBuiltinOps> resolver;
  if (RegisterAllOps(&resolver) != Status::kOk) return Fail("internal: op registration failed");
  std::vector<const OpRegistration*> ops;
  for (int i = 0; i < resolver.size(); ++i) ops.push_back(&resolver.at(i));
  std::sort(ops.begin(), ops.end(), [](const OpRegistration* a, const OpRegistration* b) {
    return std::string(a->name) < std::string(b->name);
  });
  if (json) {
    nlohmann::json j;
    for (const OpRegistration* r : ops) {
      j["ops"].push_back({{"op", r->name},
                          {"builtin_code", r->builtin_code},
                          {"max_version", r->max_version},
                          {"dtypes", r->dtypes},
                          {"stateful", r->reset != nullptr}});
    }
    fmt::print("{}\n", j.dump(2));
    return 0;
  }
  fmt::print("{:<32} {:>5} {:>8}  {}\n", "op", "code", "version", "tensor types");
  for (const OpRegistration* r : ops) {
    fmt::print("{:<32} {:>5} {:>8}  {}\n", r->name, r->builtin_code,
               fmt::format("<= {}", r->max_version), r->dtypes);
  }
  fmt::print("\n{} builtin ops. Not supported: custom ops, hybrid models (float "
             "activations with int8 weights), sparse tensors, dynamic shapes.\n",
             ops.size());
  return 0;
}

}  // namespace

void AddOpsCommand(CLI::App& app, int* exit_code) {
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("ops", "List the supported ops, versions and tensor types");
  cmd->add_flag("--json", *json, "Print one JSON object");
  cmd->callback([json, exit_code] { *exit_code = RunOps(*json); });
}

}  // namespace mote::cli
