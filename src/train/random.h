// Seeded random numbers for training: fully specified (SplitMix64 and our own
// float mappings), so a seed gives the same model on every standard library.
//
// Streams are derived from (seed, purpose, epoch, index...) by hashing, never
// by sharing one generator between threads: a sample's augmentation or a
// shard's dropout mask does not depend on which thread ran first.
#ifndef MOTE_TRAIN_RANDOM_H_
#define MOTE_TRAIN_RANDOM_H_

#include <cmath>
#include <cstdint>

namespace mote::train {

// SplitMix64's finaliser: a good 64-bit mixer.
constexpr uint64_t Mix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// A seed for one purpose: Derive(seed, kDropout, step, shard)...
constexpr uint64_t Derive(uint64_t seed, uint64_t a, uint64_t b = 0, uint64_t c = 0) {
  return Mix64(Mix64(Mix64(seed ^ Mix64(a)) ^ b) ^ Mix64(c + 0x51ED270B27ull));
}

class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    state_ += 0x9E3779B97F4A7C15ull;
    uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1) with 24 random bits (exact in float).
  float Uniform() { return static_cast<float>(Next() >> 40) * (1.0f / 16777216.0f); }
  float Uniform(float lo, float hi) { return lo + (hi - lo) * Uniform(); }
  // Uniform integer in [0, n) (n > 0), without modulo bias worth noting
  // for the small n used here (64-bit source).
  uint32_t Below(uint32_t n) {
    return static_cast<uint32_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
  }
  // Standard normal by Box-Muller in double (std::normal_distribution differs
  // between libraries).
  float Normal() {
    double u1 = (static_cast<double>(Next() >> 11) + 1.0) * (1.0 / 9007199254740993.0);
    double u2 = static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0);
    return static_cast<float>(std::sqrt(-2.0 * std::log(u1)) *
                              std::cos(6.283185307179586 * u2));
  }

 private:
  uint64_t state_;
};

// Purposes for Derive.
enum RandomPurpose : uint64_t {
  kInitStream = 1,
  kShuffleStream = 2,
  kAugmentStream = 3,
  kDropoutStream = 4,
  kSplitStream = 5,
};

}  // namespace mote::train

#endif  // MOTE_TRAIN_RANDOM_H_
