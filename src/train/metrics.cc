#include "train/metrics.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace mote::train {

ClassificationReport MakeReport(const std::vector<int32_t>& labels,
                                const std::vector<int32_t>& predictions,
                                const std::vector<std::string>& classes) {
  if (labels.size() != predictions.size()) {
    throw std::invalid_argument("report: labels and predictions differ in count");
  }
  const size_t k = classes.size();
  ClassificationReport r;
  r.confusion.assign(k, std::vector<int64_t>(k, 0));
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0 || static_cast<size_t>(labels[i]) >= k || predictions[i] < 0 ||
        static_cast<size_t>(predictions[i]) >= k) {
      throw std::invalid_argument("report: class index out of range");
    }
    ++r.confusion[labels[i]][predictions[i]];
    r.correct += labels[i] == predictions[i];
  }
  r.total = static_cast<int64_t>(labels.size());
  r.accuracy = r.total > 0 ? static_cast<double>(r.correct) / r.total : 0.0;
  for (size_t c = 0; c < k; ++c) {
    ClassMetrics m;
    m.name = classes[c];
    int64_t predicted = 0;
    for (size_t t = 0; t < k; ++t) {
      m.support += r.confusion[c][t];
      predicted += r.confusion[t][c];
    }
    const double tp = static_cast<double>(r.confusion[c][c]);
    m.precision = predicted > 0 ? tp / predicted : 0.0;
    m.recall = m.support > 0 ? tp / m.support : 0.0;
    m.f1 = m.precision + m.recall > 0 ? 2 * m.precision * m.recall / (m.precision + m.recall) : 0;
    r.classes.push_back(m);
  }
  return r;
}

std::string FormatReport(const ClassificationReport& r) {
  size_t name_w = 5;
  for (const auto& c : r.classes) name_w = std::max(name_w, c.name.size());
  std::string s = fmt::format("accuracy {:.2f}% ({} of {})\n\n", 100.0 * r.accuracy, r.correct,
                              r.total);
  s += fmt::format("  {:>3} {:<{}} {:>9} {:>9} {:>9} {:>8}\n", "#", "class", name_w, "precision",
                   "recall", "f1", "support");
  for (size_t c = 0; c < r.classes.size(); ++c) {
    const auto& m = r.classes[c];
    s += fmt::format("  {:>3} {:<{}} {:>8.1f}% {:>8.1f}% {:>8.1f}% {:>8}\n", c, m.name, name_w,
                     100 * m.precision, 100 * m.recall, 100 * m.f1, m.support);
  }
  int64_t biggest = 1;
  for (const auto& row : r.confusion) {
    for (int64_t v : row) biggest = std::max(biggest, v);
  }
  const int cell = std::max(4, static_cast<int>(fmt::format("{}", biggest).size()) + 1);
  s += "\nconfusion matrix (rows: true class, columns: predicted)\n     ";
  for (size_t c = 0; c < r.confusion.size(); ++c) s += fmt::format("{:>{}}", c, cell);
  s += "\n";
  for (size_t t = 0; t < r.confusion.size(); ++t) {
    s += fmt::format("  {:>3}", t);
    for (int64_t v : r.confusion[t]) s += fmt::format("{:>{}}", v, cell);
    s += "\n";
  }
  return s;
}

nlohmann::json ReportJson(const ClassificationReport& r) {
  nlohmann::json j;
  j["accuracy"] = r.accuracy;
  j["correct"] = r.correct;
  j["samples"] = r.total;
  j["confusion"] = r.confusion;
  for (const auto& c : r.classes) {
    j["per_class"].push_back({{"class", c.name},
                              {"precision", c.precision},
                              {"recall", c.recall},
                              {"f1", c.f1},
                              {"support", c.support}});
  }
  return j;
}

}  // namespace mote::train
