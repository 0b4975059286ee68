// Shared helpers of the dsp tests: reference vectors from tests/dsp/data
// (written by gen_vectors.py) and error measures.
#ifndef MOTE_TESTS_DSP_DSP_TEST_UTIL_H_
#define MOTE_TESTS_DSP_DSP_TEST_UTIL_H_

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "host/feature_config.h"
#include "host/npy.h"

namespace mote::dsp::testing {

inline std::string DataPath(const std::string& name) {
  return std::string(MOTE_DSP_DATA) + "/" + name;
}

// Loads a vector file; fails the test (and returns empty) on any problem.
template <typename T>
std::vector<T> LoadVector(const std::string& name, std::vector<int64_t>* shape = nullptr) {
  host::NpyReadResult r = host::ReadNpyFile(DataPath(name));
  EXPECT_TRUE(r.ok()) << name << ": " << r.error;
  if (!r.ok()) return {};
  if (shape != nullptr) *shape = r.array.shape;
  std::vector<T> v = r.array.ToVector<T>();
  EXPECT_FALSE(v.empty()) << name << ": wrong dtype";
  return v;
}

inline host::AudioJob LoadAudioJob(const std::string& name) {
  std::string text, error;
  host::AudioJob job;
  EXPECT_TRUE(host::ReadTextFile(DataPath(name), &text, &error)) << error;
  EXPECT_TRUE(host::ParseAudioJob(text, &job, &error)) << error;
  return job;
}

// 10 log10(signal power / error power) over all elements.
template <typename A, typename B>
double SnrDb(const std::vector<A>& reference, const std::vector<B>& test, double test_scale = 1.0) {
  double signal = 0.0, noise = 0.0;
  for (size_t i = 0; i < reference.size() && i < test.size(); ++i) {
    const double r = static_cast<double>(reference[i]);
    const double d = static_cast<double>(test[i]) * test_scale - r;
    signal += r * r;
    noise += d * d;
  }
  if (noise == 0.0) return 1000.0;
  return 10.0 * std::log10(signal / noise);
}

}  // namespace mote::dsp::testing

#endif  // MOTE_TESTS_DSP_DSP_TEST_UTIL_H_
