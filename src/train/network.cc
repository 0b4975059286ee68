#include "train/network.h"

#include <fmt/format.h>

#include <set>
#include <stdexcept>

#include "train/layers.h"

namespace mote::train {
namespace {

using nlohmann::json;

std::string Where(const json& layer, size_t index) {
  if (layer.contains("name") && layer["name"].is_string()) {
    return fmt::format("layer {} '{}'", index, layer["name"].get<std::string>());
  }
  return fmt::format("layer {}", index);
}

void CheckKeys(const json& layer, const std::string& where,
               std::initializer_list<const char*> allowed) {
  std::set<std::string> ok = {"type", "name"};
  for (const char* a : allowed) ok.insert(a);
  for (auto it = layer.begin(); it != layer.end(); ++it) {
    if (ok.count(it.key()) == 0) {
      std::string list;
      for (const auto& k : ok) list += (list.empty() ? "" : ", ") + k;
      throw std::invalid_argument(
          fmt::format("{}: unknown key '{}' (allowed: {})", where, it.key(), list));
    }
  }
}

int GetInt(const json& layer, const char* key, int fallback, const std::string& where) {
  if (!layer.contains(key)) return fallback;
  const json& v = layer[key];
  if (!v.is_number_integer()) {
    throw std::invalid_argument(fmt::format("{}: '{}' must be an integer", where, key));
  }
  return v.get<int>();
}

float GetFloat(const json& layer, const char* key, float fallback, const std::string& where) {
  if (!layer.contains(key)) return fallback;
  const json& v = layer[key];
  if (!v.is_number()) {
    throw std::invalid_argument(fmt::format("{}: '{}' must be a number", where, key));
  }
  return v.get<float>();
}

bool GetBool(const json& layer, const char* key, bool fallback, const std::string& where) {
  if (!layer.contains(key)) return fallback;
  if (!layer[key].is_boolean()) {
    throw std::invalid_argument(fmt::format("{}: '{}' must be true or false", where, key));
  }
  return layer[key].get<bool>();
}

// An int or [h, w].
void GetPair(const json& layer, const char* key, int fallback, int* h, int* w,
             const std::string& where) {
  *h = *w = fallback;
  if (!layer.contains(key)) return;
  const json& v = layer[key];
  if (v.is_number_integer()) {
    *h = *w = v.get<int>();
  } else if (v.is_array() && v.size() == 2 && v[0].is_number_integer() &&
             v[1].is_number_integer()) {
    *h = v[0].get<int>();
    *w = v[1].get<int>();
  } else {
    throw std::invalid_argument(
        fmt::format("{}: '{}' must be an integer or [height, width]", where, key));
  }
}

Padding GetPadding(const json& layer, Padding fallback, const std::string& where) {
  if (!layer.contains("padding")) return fallback;
  const json& v = layer["padding"];
  if (v == "same") return Padding::kSame;
  if (v == "valid") return Padding::kValid;
  throw std::invalid_argument(fmt::format("{}: padding must be \"same\" or \"valid\"", where));
}

std::string GetActivation(const json& layer, const std::string& where) {
  if (!layer.contains("activation")) return "none";
  const json& v = layer["activation"];
  if (v == "relu" || v == "relu6" || v == "none") return v.get<std::string>();
  throw std::invalid_argument(
      fmt::format("{}: activation must be \"relu\", \"relu6\" or \"none\"", where));
}

// Expands one spec entry into layers (conv + batch norm + activation).
void AddLayers(const json& layer, size_t index, std::vector<std::unique_ptr<Layer>>* out) {
  const std::string where = Where(layer, index);
  if (!layer.is_object() || !layer.contains("type") || !layer["type"].is_string()) {
    throw std::invalid_argument(where + ": needs a \"type\"");
  }
  const std::string type = layer["type"].get<std::string>();
  std::string activation = "none";
  bool batch_norm = false;
  std::unique_ptr<Layer> made;
  if (type == "conv2d" || type == "conv1d") {
    CheckKeys(layer, where,
              {"filters", "kernel", "stride", "padding", "bias", "activation", "batch_norm"});
    ConvConfig c;
    c.filters = GetInt(layer, "filters", 0, where);
    if (type == "conv1d") {
      // A 1-D convolution over time is a 1 x k kernel on 1 x t x c data.
      c.kernel_h = 1;
      c.stride_h = 1;
      c.kernel_w = GetInt(layer, "kernel", 3, where);
      c.stride_w = GetInt(layer, "stride", 1, where);
    } else {
      GetPair(layer, "kernel", 3, &c.kernel_h, &c.kernel_w, where);
      GetPair(layer, "stride", 1, &c.stride_h, &c.stride_w, where);
    }
    c.padding = GetPadding(layer, Padding::kSame, where);
    c.use_bias = GetBool(layer, "bias", true, where);
    activation = GetActivation(layer, where);
    batch_norm = GetBool(layer, "batch_norm", false, where);
    made = std::make_unique<Conv2D>(c);
  } else if (type == "depthwise_conv2d") {
    CheckKeys(layer, where,
              {"multiplier", "kernel", "stride", "padding", "bias", "activation", "batch_norm"});
    DepthwiseConfig c;
    c.multiplier = GetInt(layer, "multiplier", 1, where);
    GetPair(layer, "kernel", 3, &c.kernel_h, &c.kernel_w, where);
    GetPair(layer, "stride", 1, &c.stride_h, &c.stride_w, where);
    c.padding = GetPadding(layer, Padding::kSame, where);
    c.use_bias = GetBool(layer, "bias", true, where);
    activation = GetActivation(layer, where);
    batch_norm = GetBool(layer, "batch_norm", false, where);
    made = std::make_unique<DepthwiseConv2D>(c);
  } else if (type == "dense") {
    CheckKeys(layer, where, {"units", "bias", "activation", "batch_norm"});
    activation = GetActivation(layer, where);
    batch_norm = GetBool(layer, "batch_norm", false, where);
    made = std::make_unique<Dense>(GetInt(layer, "units", 0, where),
                                   GetBool(layer, "bias", true, where));
  } else if (type == "max_pool" || type == "avg_pool") {
    CheckKeys(layer, where, {"size", "stride", "padding"});
    PoolConfig c;
    GetPair(layer, "size", 2, &c.size_h, &c.size_w, where);
    if (layer.contains("stride")) {
      GetPair(layer, "stride", 1, &c.stride_h, &c.stride_w, where);
    } else {
      c.stride_h = c.size_h;
      c.stride_w = c.size_w;
    }
    c.padding = GetPadding(layer, Padding::kValid, where);
    made = std::make_unique<Pool2D>(type == "max_pool", c);
  } else if (type == "global_avg_pool") {
    CheckKeys(layer, where, {});
    made = std::make_unique<GlobalAvgPool>();
  } else if (type == "batch_norm") {
    CheckKeys(layer, where, {"momentum", "epsilon"});
    made = std::make_unique<BatchNorm>(GetFloat(layer, "momentum", 0.1f, where),
                                       GetFloat(layer, "epsilon", 1e-3f, where));
  } else if (type == "relu" || type == "relu6") {
    CheckKeys(layer, where, {});
    made = std::make_unique<ReLU>(type == "relu6");
  } else if (type == "dropout") {
    CheckKeys(layer, where, {"rate"});
    made = std::make_unique<Dropout>(GetFloat(layer, "rate", 0.5f, where));
  } else if (type == "flatten") {
    CheckKeys(layer, where, {});
    made = std::make_unique<Flatten>();
  } else if (type == "fake_quant") {
    CheckKeys(layer, where, {"scale", "zero_point", "min", "max", "pool_mean"});
    if (!layer.contains("scale")) throw std::invalid_argument(where + ": needs a \"scale\"");
    made = std::make_unique<FakeQuant>(
        GetFloat(layer, "scale", 0.0f, where), GetInt(layer, "zero_point", 0, where),
        GetInt(layer, "min", -128, where), GetInt(layer, "max", 127, where),
        GetBool(layer, "pool_mean", false, where));
  } else {
    throw std::invalid_argument(fmt::format(
        "{}: unknown type '{}' (conv2d, conv1d, depthwise_conv2d, dense, max_pool, avg_pool, "
        "global_avg_pool, batch_norm, relu, relu6, dropout, flatten, fake_quant)",
        where, type));
  }
  const std::string base = layer.contains("name") && layer["name"].is_string()
                               ? layer["name"].get<std::string>()
                               : fmt::format("{}_{}", type, index);
  made->set_name(base);
  out->push_back(std::move(made));
  if (batch_norm) {
    auto bn = std::make_unique<BatchNorm>(0.1f, 1e-3f);
    bn->set_name(base + "/bn");
    out->push_back(std::move(bn));
  }
  if (activation != "none") {
    auto act = std::make_unique<ReLU>(activation == "relu6");
    act->set_name(base + "/" + activation);
    out->push_back(std::move(act));
  }
}

}  // namespace

LossKind ParseLoss(const std::string& name) {
  if (name == "softmax_cross_entropy" || name == "cross_entropy") {
    return LossKind::kSoftmaxCrossEntropy;
  }
  if (name == "mse") return LossKind::kMeanSquaredError;
  throw std::invalid_argument("loss must be \"softmax_cross_entropy\" or \"mse\", got '" +
                              name + "'");
}

const char* LossName(LossKind loss) {
  return loss == LossKind::kSoftmaxCrossEntropy ? "softmax_cross_entropy" : "mse";
}

Network Network::FromSpec(const nlohmann::json& spec, uint64_t seed) {
  Network net;
  net.spec_ = spec;
  if (!spec.is_object()) throw std::invalid_argument("model: must be an object");
  for (auto it = spec.begin(); it != spec.end(); ++it) {
    if (it.key() != "input" && it.key() != "layers" && it.key() != "loss") {
      throw std::invalid_argument("model: unknown key '" + it.key() +
                                  "' (allowed: input, layers, loss)");
    }
  }
  const json& in = spec.contains("input") ? spec["input"] : json();
  if (!in.is_array() || in.empty() || in.size() > 3) {
    throw std::invalid_argument("model: \"input\" must be [h, w, c], [t, c] or [n]");
  }
  std::vector<int> dims;
  for (const json& d : in) {
    if (!d.is_number_integer() || d.get<int>() < 1) {
      throw std::invalid_argument("model: input dimensions must be integers >= 1");
    }
    dims.push_back(d.get<int>());
  }
  if (dims.size() == 3) net.input_ = {dims[0], dims[1], dims[2]};
  if (dims.size() == 2) net.input_ = {1, dims[0], dims[1]};  // time x channels
  if (dims.size() == 1) net.input_ = {1, 1, dims[0]};
  net.loss_ = ParseLoss(spec.value("loss", std::string("softmax_cross_entropy")));
  if (!spec.contains("layers") || !spec["layers"].is_array() || spec["layers"].empty()) {
    throw std::invalid_argument("model: \"layers\" must be a non-empty list");
  }
  for (size_t i = 0; i < spec["layers"].size(); ++i) AddLayers(spec["layers"][i], i, &net.layers_);
  std::set<std::string> names;
  for (auto& l : net.layers_) {
    if (!names.insert(l->name()).second) {
      throw std::invalid_argument("model: two layers are named '" + l->name() + "'");
    }
  }
  Random rng(Derive(seed, kInitStream));
  SampleShape shape = net.input_;
  for (auto& l : net.layers_) {
    l->Build(shape, rng);
    shape = l->out_shape();
  }
  return net;
}

SampleShape Network::output_shape() const {
  return layers_.empty() ? input_ : layers_.back()->out_shape();
}

int64_t Network::num_params() const {
  int64_t n = 0;
  for (const auto& l : layers_) {
    for (const Param& p : l->params()) n += static_cast<int64_t>(p.value.size());
  }
  return n;
}

int64_t Network::macs() const {
  int64_t n = 0;
  for (const auto& l : layers_) n += l->Macs();
  return n;
}

std::string Network::Summary() const {
  std::string s = fmt::format("  {:<28} {:<18} {:>10} {:>12}\n", "layer", "output", "params",
                              "MACs");
  s += fmt::format("  {:<28} {:<18}\n", "input", input_.ToString());
  for (const auto& l : layers_) {
    int64_t p = 0;
    for (const Param& q : l->params()) p += static_cast<int64_t>(q.value.size());
    s += fmt::format("  {:<28} {:<18} {:>10} {:>12}\n", l->name() + " (" + l->kind() + ")",
                     l->out_shape().ToString(), p, l->Macs());
  }
  s += fmt::format("  total: {} parameters, {} MACs per sample\n", num_params(), macs());
  return s;
}

Network::Workspace Network::NewWorkspace() const {
  Workspace ws;
  ws.acts.resize(layers_.size() + 1);
  for (const auto& l : layers_) {
    ws.caches.push_back(l->NewCache());
    std::vector<std::vector<float>> g;
    for (const Param& p : l->params()) g.emplace_back(p.value.size(), 0.0f);
    ws.grads.push_back(std::move(g));
  }
  return ws;
}

void Network::ZeroGrads(Workspace* ws) {
  for (auto& layer : ws->grads) {
    for (auto& g : layer) std::fill(g.begin(), g.end(), 0.0f);
  }
}

void Network::Forward(Workspace* ws, bool training, uint64_t seed) const {
  for (size_t i = 0; i < layers_.size(); ++i) {
    PassContext ctx;
    ctx.training = training;
    ctx.seed = Derive(seed, kDropoutStream, i);
    ctx.cache = ws->caches[i].get();
    ctx.grads = &ws->grads[i];
    layers_[i]->Forward(ws->acts[i], &ws->acts[i + 1], ctx);
  }
}

void Network::Backward(Workspace* ws, const Batch& grad_output, Batch* grad_input) const {
  const Batch* dy = &grad_output;
  for (size_t k = layers_.size(); k-- > 0;) {
    PassContext ctx;
    ctx.training = true;
    ctx.cache = ws->caches[k].get();
    ctx.grads = &ws->grads[k];
    Batch* dx = k == 0 ? grad_input : (dy == &ws->grad_a ? &ws->grad_b : &ws->grad_a);
    layers_[k]->Backward(ws->acts[k], ws->acts[k + 1], *dy, dx, ctx);
    if (dx != nullptr) dy = dx;
  }
}

std::vector<Param*> Network::params() {
  std::vector<Param*> out;
  for (auto& l : layers_) {
    for (Param& p : l->params()) out.push_back(&p);
  }
  return out;
}

std::vector<const Param*> Network::params() const {
  std::vector<const Param*> out;
  for (const auto& l : layers_) {
    for (const Param& p : l->params()) out.push_back(&p);
  }
  return out;
}

std::vector<const Param*> Network::state() const {
  std::vector<const Param*> out;
  for (const auto& l : layers_) {
    for (const Param& p : l->state()) out.push_back(&p);
  }
  return out;
}

std::vector<Param*> Network::state() {
  std::vector<Param*> out;
  for (auto& l : layers_) {
    for (Param& p : l->state()) out.push_back(&p);
  }
  return out;
}

}  // namespace mote::train
