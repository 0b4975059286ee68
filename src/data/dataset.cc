#include "data/dataset.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace mote::data {
namespace {

// A small seeded shuffle (SplitMix64 + Fisher-Yates), identical everywhere.
uint64_t Next(uint64_t* s) {
  uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

void Shuffle(std::vector<size_t>* v, uint64_t seed) {
  uint64_t s = seed;
  for (size_t i = v->size(); i > 1; --i) {
    const size_t j = static_cast<size_t>((static_cast<unsigned __int128>(Next(&s)) * i) >> 64);
    std::swap((*v)[i - 1], (*v)[j]);
  }
}

std::vector<std::vector<size_t>> ByClass(const Dataset& d) {
  std::vector<std::vector<size_t>> by(d.classes.size());
  for (size_t i = 0; i < d.size(); ++i) by[d.labels[i]].push_back(i);
  return by;
}

}  // namespace

std::string Dataset::shape_string() const {
  return std::to_string(h) + "x" + std::to_string(w) + "x" + std::to_string(c);
}

std::vector<int64_t> Dataset::ClassCounts() const {
  std::vector<int64_t> counts(classes.size(), 0);
  for (int32_t l : labels) {
    if (l >= 0 && static_cast<size_t>(l) < counts.size()) ++counts[l];
  }
  return counts;
}

void Dataset::Validate(const std::string& what) const {
  if (h < 1 || w < 1 || c < 1) throw DataError(what + ": empty sample shape");
  if (size() == 0) throw DataError(what + ": no samples");
  if (x.size() != size() * static_cast<size_t>(sample_size())) {
    throw DataError(what + ": " + std::to_string(x.size()) + " values for " +
                    std::to_string(size()) + " samples of " + shape_string());
  }
  if (classes.size() < 2) {
    throw DataError(what + ": only " + std::to_string(classes.size()) +
                    " class; a classifier needs at least 2");
  }
  for (size_t i = 0; i < size(); ++i) {
    if (labels[i] < 0 || static_cast<size_t>(labels[i]) >= classes.size()) {
      throw DataError(what + ": sample " + std::to_string(i) +
                      (i < sources.size() ? " (" + sources[i] + ")" : std::string()) +
                      " has label " + std::to_string(labels[i]) + ", outside 0.." +
                      std::to_string(classes.size() - 1));
    }
  }
  const std::vector<int64_t> counts = ClassCounts();
  const auto present = std::count_if(counts.begin(), counts.end(), [](int64_t n) { return n > 0; });
  if (present < 2) {
    const size_t only = std::max_element(counts.begin(), counts.end()) - counts.begin();
    throw DataError(what + ": all " + std::to_string(size()) + " samples are of class '" +
                    classes[only] + "'; a classifier needs at least 2 classes");
  }
  for (size_t k = 0; k < x.size(); ++k) {
    if (!std::isfinite(x[k])) {
      const size_t i = k / sample_size();
      throw DataError(what + ": sample " + std::to_string(i) +
                      (i < sources.size() ? " (" + sources[i] + ")" : std::string()) +
                      " has a NaN or infinite value");
    }
  }
}

Dataset Subset(const Dataset& d, const std::vector<size_t>& indices) {
  Dataset out;
  out.h = d.h;
  out.w = d.w;
  out.c = d.c;
  out.classes = d.classes;
  const size_t n = static_cast<size_t>(d.sample_size());
  out.x.resize(indices.size() * n);
  out.labels.reserve(indices.size());
  for (size_t k = 0; k < indices.size(); ++k) {
    const size_t i = indices[k];
    std::copy(d.x.begin() + i * n, d.x.begin() + (i + 1) * n, out.x.begin() + k * n);
    out.labels.push_back(d.labels[i]);
    if (i < d.sources.size()) out.sources.push_back(d.sources[i]);
  }
  if (out.sources.size() != out.labels.size()) out.sources.clear();
  return out;
}

void StratifiedSplit(const Dataset& d, double fraction, uint64_t seed, Dataset* first,
                     Dataset* second) {
  std::vector<size_t> a, b;
  auto by = ByClass(d);
  for (size_t c = 0; c < by.size(); ++c) {
    std::vector<size_t> idx = by[c];
    Shuffle(&idx, seed ^ (0xC1A55ull * (c + 1)));
    const size_t take = static_cast<size_t>(std::llround(fraction * idx.size()));
    b.insert(b.end(), idx.begin(), idx.begin() + take);
    a.insert(a.end(), idx.begin() + take, idx.end());
  }
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  *first = Subset(d, a);
  *second = Subset(d, b);
}

Dataset Limit(const Dataset& d, size_t count, uint64_t seed) {
  if (count == 0 || count >= d.size()) return d;
  // Round-robin over the shuffled classes so every class keeps its share.
  auto by = ByClass(d);
  for (size_t c = 0; c < by.size(); ++c) Shuffle(&by[c], seed ^ (0x11417ull * (c + 1)));
  std::vector<size_t> picked;
  std::vector<double> share(by.size());
  for (size_t c = 0; c < by.size(); ++c) {
    share[c] = static_cast<double>(by[c].size()) * count / d.size();
  }
  for (size_t c = 0; c < by.size(); ++c) {
    const size_t take = std::min(by[c].size(), static_cast<size_t>(std::llround(share[c])));
    picked.insert(picked.end(), by[c].begin(), by[c].begin() + take);
  }
  std::sort(picked.begin(), picked.end());
  if (picked.size() > count) picked.resize(count);
  return Subset(d, picked);
}

}  // namespace mote::data
