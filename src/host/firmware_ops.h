// Which op registrations a firmware for one model needs (the generated
// resolver of targets/cortex-m: `mote bench --target`, `mote inspect --json`
// "registrations"). An op whose every instance in the model runs one type's
// kernel gets its per-type registration (Register_CONV_2D_INT8(), see
// src/ops/per_type_registration.h), so the firmware links no other type's
// kernel; any other op gets its general registration.
#ifndef MOTE_HOST_FIRMWARE_OPS_H_
#define MOTE_HOST_FIRMWARE_OPS_H_

#include <string>
#include <vector>

#include "mote/model.h"

namespace mote::host {

// The suffix of the per-type registration that runs op `op_index` ("INT8",
// "INT16"), or "" when the op has none for its types.
std::string PerTypeRegistrationSuffix(const Model& model, int op_index);

// Sorted, unique registration names, each naming a Register_<name>():
// "CONV_2D_INT8" where every CONV_2D of the model is int8, "CONV_2D" when
// they mix types (or are float). A custom op keeps its "CUSTOM:code" name,
// which has no registration (the firmware's build says so).
std::vector<std::string> FirmwareOpRegistrations(const Model& model);

}  // namespace mote::host

#endif  // MOTE_HOST_FIRMWARE_OPS_H_
