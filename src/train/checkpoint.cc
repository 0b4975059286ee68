#include "train/checkpoint.h"

#include <cstring>
#include <stdexcept>

#include "host/model_file.h"

namespace mote::train {
namespace {

constexpr char kMagic[8] = {'M', 'O', 'T', 'E', 'C', 'K', 'P', 'T'};
constexpr uint32_t kVersion = 1;

template <typename T>
void Put(std::vector<uint8_t>* out, T v) {
  uint8_t b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));  // the file is little-endian, as x86/ARM hosts
  out->insert(out->end(), b, b + sizeof(T));
}

}  // namespace

void SaveCheckpoint(const std::string& path, const Network& net, const Checkpoint& info) {
  nlohmann::json header;
  header["config"] = info.config;
  header["model"] = net.spec();
  header["classes"] = info.classes;
  header["epoch"] = info.epoch;
  header["metrics"] = info.metrics.is_null() ? nlohmann::json::object() : info.metrics;
  std::vector<const Param*> all = net.params();
  for (const Param* p : net.state()) all.push_back(p);
  size_t offset = 0;
  for (const Param* p : all) {
    header["tensors"].push_back(
        {{"name", p->name}, {"shape", p->shape}, {"offset", offset}, {"count", p->value.size()}});
    offset += p->value.size();
  }
  const std::string text = header.dump();
  std::vector<uint8_t> bytes(kMagic, kMagic + 8);
  Put<uint32_t>(&bytes, kVersion);
  Put<uint64_t>(&bytes, text.size());
  bytes.insert(bytes.end(), text.begin(), text.end());
  for (const Param* p : all) {
    const auto* raw = reinterpret_cast<const uint8_t*>(p->value.data());
    bytes.insert(bytes.end(), raw, raw + p->value.size() * sizeof(float));
  }
  std::string error;
  if (!host::WriteFileAtomic(path, bytes.data(), bytes.size(), &error)) {
    throw std::runtime_error(error);
  }
}

Network LoadCheckpoint(const std::string& path, Checkpoint* info) {
  host::AlignedBytes bytes;
  std::string error;
  if (!host::ReadFile(path, &bytes, &error)) throw std::runtime_error(error);
  const uint8_t* p = bytes.data();
  const size_t size = bytes.size();
  if (size < 20 || std::memcmp(p, kMagic, 8) != 0) {
    throw std::runtime_error(path + ": not a mote checkpoint (bad magic)");
  }
  uint32_t version;
  uint64_t json_size;
  std::memcpy(&version, p + 8, 4);
  std::memcpy(&json_size, p + 12, 8);
  if (version != kVersion) {
    throw std::runtime_error(path + ": checkpoint version " + std::to_string(version) +
                             " (this mote reads version 1)");
  }
  if (json_size > size - 20) throw std::runtime_error(path + ": truncated header");
  const nlohmann::json header = nlohmann::json::parse(
      std::string(reinterpret_cast<const char*>(p + 20), json_size), nullptr, false);
  if (!header.is_object() || !header.contains("model") || !header.contains("tensors")) {
    throw std::runtime_error(path + ": corrupt checkpoint header");
  }
  const size_t floats_at = 20 + json_size;
  const size_t available = (size - floats_at) / sizeof(float);
  Network net;
  try {
    net = Network::FromSpec(header["model"], 0);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
  std::vector<Param*> all = net.params();
  for (Param* s : net.state()) all.push_back(s);
  const auto& tensors = header["tensors"];
  if (!tensors.is_array() || tensors.size() != all.size()) {
    throw std::runtime_error(path + ": holds " + std::to_string(tensors.size()) +
                             " tensors, the model has " + std::to_string(all.size()));
  }
  for (size_t i = 0; i < all.size(); ++i) {
    const auto& t = tensors[i];
    const std::string name = t.value("name", "");
    const size_t offset = t.value("offset", size_t{0});
    const size_t count = t.value("count", size_t{0});
    if (name != all[i]->name || count != all[i]->value.size() || offset > available ||
        count > available - offset) {
      throw std::runtime_error(path + ": tensor " + std::to_string(i) + " ('" + name +
                               "') does not match the model's '" + all[i]->name + "' or is cut");
    }
    std::memcpy(all[i]->value.data(), p + floats_at + offset * sizeof(float),
                count * sizeof(float));
  }
  if (info != nullptr) {
    info->config = header.value("config", nlohmann::json::object());
    info->classes = header.value("classes", std::vector<std::string>{});
    info->epoch = header.value("epoch", 0);
    info->metrics = header.value("metrics", nlohmann::json::object());
  }
  return net;
}

}  // namespace mote::train
