// A small int8 keyword-spotting CNN with random weights, built from a seed.
//
// Shipped as the README's demo model and used by tests that need a realistic
// multi-op graph without third-party files. Same seed, same bytes.
#ifndef MOTE_HOST_DEMO_MODEL_H_
#define MOTE_HOST_DEMO_MODEL_H_

#include <cstdint>
#include <vector>

namespace mote::host {

// Input [1, 49, 10, 1] int8 (a 49-frame x 10-coefficient spectrogram; scale
// 10/256, zero point -128), then
//   CONV_2D 10x4, 8 filters, stride 2, SAME, RELU, per-channel  -> [1,25,5,8]
//   DEPTHWISE_CONV_2D 3x3, stride 1, SAME, RELU, per-channel    -> [1,25,5,8]
//   CONV_2D 1x1, 16 filters, RELU, per-channel                  -> [1,25,5,16]
//   AVERAGE_POOL_2D 25x5 VALID                                   -> [1,1,1,16]
//   RESHAPE                                                      -> [1,16]
//   FULLY_CONNECTED 12 classes, per-tensor                      -> [1,12]
//   SOFTMAX (scale 1/256, zero point -128)                      -> [1,12]
// Activation scales are calibrated by running the float network (with the
// quantized weights) on seeded random inputs, as TFLite's converter does with
// a representative dataset, so activations use the int8 range without
// saturating.
std::vector<uint8_t> BuildDemoModel(uint32_t seed);

// Shape constants of the demo model, for its tests and tools.
inline constexpr int kDemoInputHeight = 49;
inline constexpr int kDemoInputWidth = 10;
inline constexpr int kDemoNumClasses = 12;

}  // namespace mote::host

#endif  // MOTE_HOST_DEMO_MODEL_H_
