#include "host/firmware_ops.h"

#include <map>
#include <set>

#include "host/model_stats.h"

namespace mote::host {
namespace {

// The ops with per-type registrations, and whether their output must have
// the input's type too (SOFTMAX's int8 -> int16 kernel is not in
// SOFTMAX_INT8).
struct PerTypeOp {
  const char* name;
  bool output_like_input;
};
constexpr PerTypeOp kPerTypeOps[] = {
    {"CONV_2D", false},
    {"DEPTHWISE_CONV_2D", false},
    {"FULLY_CONNECTED", false},
    {"SOFTMAX", true},
};

const PerTypeOp* FindPerTypeOp(const std::string& name) {
  for (const PerTypeOp& op : kPerTypeOps) {
    if (name == op.name) return &op;
  }
  return nullptr;
}

}  // namespace

std::string PerTypeRegistrationSuffix(const Model& model, int op_index) {
  const PerTypeOp* op = FindPerTypeOp(ComputeOpStats(model, op_index).name);
  if (op == nullptr || model.op_num_inputs(op_index) < 1) return "";
  const TensorInfo input = model.tensor(model.op_input(op_index, 0));
  if (!input.present()) return "";
  if (op->output_like_input) {
    if (model.op_num_outputs(op_index) < 1) return "";
    const TensorInfo output = model.tensor(model.op_output(op_index, 0));
    if (!output.present() || output.type != input.type) return "";
  }
  switch (input.type) {
    case DataType::kInt8:
      return "INT8";
    case DataType::kInt16:
      return "INT16";
    default:
      return "";
  }
}

std::vector<std::string> FirmwareOpRegistrations(const Model& model) {
  // Per op name: the suffix every instance shares so far ("" when none).
  std::map<std::string, std::string> suffix;
  for (const OpStats& s : ComputeAllOpStats(model)) {
    const std::string mine = PerTypeRegistrationSuffix(model, s.index);
    const auto [it, first] = suffix.emplace(s.name, mine);
    if (!first && it->second != mine) it->second.clear();
  }
  std::set<std::string> names;
  for (const auto& [name, sfx] : suffix) {
    names.insert(sfx.empty() ? name : name + "_" + sfx);
  }
  return {names.begin(), names.end()};
}

}  // namespace mote::host
