// Classification reports: accuracy, per-class precision/recall/F1 and the
// confusion matrix (rows: true class, columns: predicted class).
#ifndef MOTE_TRAIN_METRICS_H_
#define MOTE_TRAIN_METRICS_H_

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mote::train {

struct ClassMetrics {
  std::string name;
  int64_t support = 0;  // true samples of the class
  double precision = 0, recall = 0, f1 = 0;
};

struct ClassificationReport {
  int64_t total = 0, correct = 0;
  double accuracy = 0;
  std::vector<std::vector<int64_t>> confusion;  // [true][predicted]
  std::vector<ClassMetrics> classes;
};

ClassificationReport MakeReport(const std::vector<int32_t>& labels,
                                const std::vector<int32_t>& predictions,
                                const std::vector<std::string>& classes);

// A table per class and the confusion matrix as aligned text.
std::string FormatReport(const ClassificationReport& r);
nlohmann::json ReportJson(const ClassificationReport& r);

}  // namespace mote::train

#endif  // MOTE_TRAIN_METRICS_H_
