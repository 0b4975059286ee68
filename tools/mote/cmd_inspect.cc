// mote inspect MODEL [--json]: ops, shapes, quantization, MACs, parameters,
// weights and the exact planned arena.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli_common.h"
#include "host/firmware_ops.h"
#include "host/model_stats.h"
#include "kernels/scratch_plan.h"

namespace mote::cli {
namespace {

struct InspectOptions {
  std::string model;
  bool json = false;
  std::string kernels = "this";  // whose kernel scratch the arena plans
};

nlohmann::json TensorJson(const TensorInfo& t) {
  nlohmann::json j;
  j["index"] = t.index;
  j["name"] = t.name;
  j["dtype"] = DataTypeName(t.type);
  j["shape"] = std::vector<int32_t>(t.shape.dims, t.shape.dims + t.shape.rank);
  if (t.quant.count > 0) {
    std::vector<float> scales(t.quant.scales, t.quant.scales + t.quant.count);
    std::vector<int32_t> zps;
    for (int i = 0; i < t.quant.count; ++i) zps.push_back(t.quant.zero_point(i));
    j["scale"] = scales;
    j["zero_point"] = zps;
    j["quantized_dimension"] = t.quant.quantized_dimension;
  }
  return j;
}

int RunInspect(const InspectOptions& opt) {
  LoadedModel loaded;
  std::string error;
  if (!LoadModel(opt.model, &loaded, &error)) return Fail(error);
  const Model& model = loaded.model;
  const auto stats = host::ComputeAllOpStats(model);

  // Every op this build cannot run, listed before anything runs.
  MutableOpResolver<kNumBuiltinOps> all_ops;
  RegisterAllOps(&all_ops);
  std::vector<std::string> unsupported;
  for (const auto& s : stats) {
    const OpRegistration* r = all_ops.Find(s.builtin_code);
    if (r == nullptr || s.builtin_code == 32) {
      unsupported.push_back(fmt::format("{} (op {})", s.name, s.index));
    } else if (model.op_version(s.index) > r->max_version) {
      unsupported.push_back(fmt::format("{} version {} (op {}, supported up to {})", s.name,
                                        model.op_version(s.index), s.index, r->max_version));
    }
  }
  // A firmware's arena: planned with its kernels' scratch sizes.
  opt::ScratchPlan plan = opt::ScratchPlan::kThisBuild;
  if (!opt::ParseScratchPlan(opt.kernels.c_str(), &plan)) {
    return Fail("--kernels: expected this, portable, arm_dsp or arm_mve, got " + opt.kernels);
  }
  opt::SetScratchPlan(plan);
  Runtime runtime;
  const bool prepared = PrepareRuntime(model, &runtime, &error);
  opt::SetScratchPlan(opt::ScratchPlan::kThisBuild);
  int64_t total_macs = 0, total_params = 0;
  for (const auto& s : stats) {
    total_macs += s.macs;
    total_params += s.params;
  }

  if (opt.json) {
    nlohmann::json j;
    j["model"] = opt.model;
    j["model_bytes"] = model.size_bytes();
    j["weights_bytes"] = model.weight_bytes();
    j["total_macs"] = total_macs;
    j["total_params"] = total_params;
    j["num_ops"] = model.num_operators();
    j["num_tensors"] = model.num_tensors();
    for (int i = 0; i < model.num_inputs(); ++i)
      j["inputs"].push_back(TensorJson(model.tensor(model.input_tensor(i))));
    for (int i = 0; i < model.num_outputs(); ++i)
      j["outputs"].push_back(TensorJson(model.tensor(model.output_tensor(i))));
    for (const auto& s : stats) {
      nlohmann::json op;
      op["index"] = s.index;
      op["op"] = s.name;
      op["version"] = model.op_version(s.index);
      op["macs"] = s.macs;
      op["params"] = s.params;
      for (int k = 0; k < model.op_num_inputs(s.index); ++k)
        op["inputs"].push_back(TensorJson(model.tensor(model.op_input(s.index, k))));
      for (int k = 0; k < model.op_num_outputs(s.index); ++k)
        op["outputs"].push_back(TensorJson(model.tensor(model.op_output(s.index, k))));
      j["ops"].push_back(op);
    }
    // A firmware's resolver for this model (targets/cortex-m): per-type
    // registrations where every instance of an op runs one type.
    j["registrations"] = host::FirmwareOpRegistrations(model);
    j["supported"] = prepared;
    j["unsupported_ops"] = unsupported;
    if (prepared) {
      const ArenaUsage& u = runtime.interpreter->arena_usage();
      j["arena_bytes"] = u.total();
      j["arena_planned_bytes"] = u.planned_bytes;
      j["arena_persistent_bytes"] = u.persistent_bytes;
      j["arena_lower_bound_bytes"] = u.lower_bound_bytes;
    } else {
      j["error"] = error;
    }
    fmt::print("{}\n", j.dump(2));
    return prepared ? 0 : 1;
  }

  fmt::print("model    {} ({} bytes, {} ops, {} tensors)\n", opt.model,
             model.size_bytes(), model.num_operators(), model.num_tensors());
  for (int i = 0; i < model.num_inputs(); ++i) {
    const TensorInfo t = model.tensor(model.input_tensor(i));
    fmt::print("input {}  '{}' {}\n", i, t.name, host::DescribeTensor(t));
  }
  for (int i = 0; i < model.num_outputs(); ++i) {
    const TensorInfo t = model.tensor(model.output_tensor(i));
    fmt::print("output {} '{}' {}\n", i, t.name, host::DescribeTensor(t));
  }
  fmt::print("\n{:>3}  {:<22} {:>10} {:>8}  {}\n", "#", "op", "MACs", "params",
             "inputs -> outputs");
  for (const auto& s : stats) {
    std::string io;
    for (int k = 0; k < model.op_num_inputs(s.index); ++k) {
      const TensorInfo t = model.tensor(model.op_input(s.index, k));
      if (!t.present()) continue;
      if (!io.empty()) io += ", ";
      io += (t.is_const() ? "const " : "") + host::DescribeTensor(t);
    }
    io += " -> ";
    for (int k = 0; k < model.op_num_outputs(s.index); ++k) {
      if (k > 0) io += ", ";
      io += host::DescribeTensor(model.tensor(model.op_output(s.index, k)));
    }
    fmt::print("{:>3}  {:<22} {:>10} {:>8}  {}\n", s.index, s.name, s.macs, s.params, io);
  }
  fmt::print("\ntotal    {} MACs, {} parameters, {} bytes of weights\n", total_macs,
             total_params, model.weight_bytes());
  if (!unsupported.empty()) {
    std::string list;
    for (const auto& u : unsupported) list += (list.empty() ? "" : ", ") + u;
    fmt::print("unsupported ops: {}\n", list);
  }
  if (!prepared) {
    fmt::print("arena    not planned: {}\n", error);
    return Fail(error);
  }
  const ArenaUsage& u = runtime.interpreter->arena_usage();
  fmt::print("arena    {} bytes exactly ({} planned tensors and scratch + {} persistent)\n",
             u.total(), u.planned_bytes, u.persistent_bytes);
  fmt::print("         largest live set {} bytes: no plan of these tensors can be smaller\n",
             u.lower_bound_bytes);
  return 0;
}

}  // namespace

void AddInspectCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<InspectOptions>();
  CLI::App* cmd = app.add_subcommand("inspect", "Show a model's ops, tensors, MACs and exact arena size");
  cmd->add_option("model", opt->model, "TFLite model file")->required();
  cmd->add_flag("--json", opt->json, "Print one JSON object");
  cmd->add_option("--kernels", opt->kernels,
                  "Plan the arena for these kernels' scratch: this (default), portable, "
                  "arm_dsp (Cortex-M4/M33/M7), arm_mve (Cortex-M55)");
  cmd->callback([opt, exit_code] { *exit_code = RunInspect(*opt); });
}

}  // namespace mote::cli
