// In-memory data sets for training and evaluation: float samples of one
// h x w x c shape (NHWC, as the network sees them) with integer labels.
//
// Readers (idx.h, csv_series.h, wav_folder.h, image_folder.h) throw DataError
// with a message naming the file and what is wrong with it.
#ifndef MOTE_DATA_DATASET_H_
#define MOTE_DATA_DATASET_H_

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace mote::data {

class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Dataset {
  int h = 1, w = 1, c = 1;             // sample shape
  std::vector<float> x;                // size() * sample_size() values
  std::vector<int32_t> labels;         // one per sample, in [0, classes.size())
  std::vector<std::string> classes;    // class names
  std::vector<std::string> sources;    // file of each sample (may be empty)

  size_t size() const { return labels.size(); }
  int64_t sample_size() const { return int64_t{h} * w * c; }
  int num_classes() const { return static_cast<int>(classes.size()); }
  const float* sample(size_t i) const { return x.data() + i * sample_size(); }
  std::string shape_string() const;

  // Samples per class.
  std::vector<int64_t> ClassCounts() const;
  // Throws DataError (naming `what`) when the set is empty, has a single
  // class, a label out of range, a size mismatch or a non-finite value.
  void Validate(const std::string& what) const;
};

// The samples at `indices`, in that order.
Dataset Subset(const Dataset& d, const std::vector<size_t>& indices);

// Splits off `fraction` of every class (seeded shuffle within each class)
// into `second`; the rest goes to `first`. Both keep the order of `d`.
void StratifiedSplit(const Dataset& d, double fraction, uint64_t seed, Dataset* first,
                     Dataset* second);

// At most `count` samples, taken evenly over the classes in a seeded
// order (for quick runs and tests); count 0 or >= size keeps everything.
Dataset Limit(const Dataset& d, size_t count, uint64_t seed);

}  // namespace mote::data

#endif  // MOTE_DATA_DATASET_H_
