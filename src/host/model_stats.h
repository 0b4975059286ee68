// Per-op figures for `mote inspect` and `mote bench`: multiply-accumulates
// and parameter counts, computed from the model's static shapes.
#ifndef MOTE_HOST_MODEL_STATS_H_
#define MOTE_HOST_MODEL_STATS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "mote/model.h"

namespace mote::host {

struct OpStats {
  int index = 0;
  int32_t builtin_code = 0;
  std::string name;    // "CONV_2D", or the custom code
  int64_t macs = 0;    // multiply-accumulates per inference
  int64_t params = 0;  // elements of constant inputs
};

OpStats ComputeOpStats(const Model& model, int op_index);
std::vector<OpStats> ComputeAllOpStats(const Model& model);

// "int8 [1,49,10,1] s=0.5847 zp=83"
std::string DescribeTensor(const TensorInfo& info);
std::string ShapeString(const Shape& shape);

}  // namespace mote::host

#endif  // MOTE_HOST_MODEL_STATS_H_
