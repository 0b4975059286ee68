// What each firmware made by mote_add_firmware() supplies to the shared
// harness (harness.cc): the model and test vectors in flash (generated
// data.S), the statically allocated arena and the op registrations
// (generated config.cc).
#ifndef MOTE_TARGETS_CORTEX_M_FIRMWARE_H_
#define MOTE_TARGETS_CORTEX_M_FIRMWARE_H_

#include <cstdint>

#include "mote/op_resolver.h"
#include "mote/status.h"
#include "ops/ops.h"

extern "C" {
// A blob in flash: address and byte count.
struct MoteFwBlob {
  const uint8_t* data;
  uint32_t size;
};

// The .tflite bytes, 16-byte aligned.
extern const uint8_t mote_fw_model[];
extern const uint8_t mote_fw_model_end[];
// Test vectors, case by case (all inputs of case 0, then case 1, ...).
extern const uint32_t mote_fw_num_inputs;
extern const MoteFwBlob mote_fw_inputs[];
extern const uint32_t mote_fw_num_expected;
extern const MoteFwBlob mote_fw_expected[];

// The arena, sized from the host's plan of this model.
extern uint8_t mote_fw_arena[];
extern const uint32_t mote_fw_arena_bytes;
extern const char mote_fw_name[];
// mote::Status the firmware must end with (0: run and match every case).
extern const uint8_t mote_fw_expect_status;
// Nonzero: one more invoke with an instruction mark around every op.
extern const uint8_t mote_fw_profile_ops;
}

// Registers the ops this firmware's model uses (or all of them).
mote::Status MoteFirmwareRegisterOps(mote::MutableOpResolver<mote::kNumBuiltinOps>* resolver);

#endif  // MOTE_TARGETS_CORTEX_M_FIRMWARE_H_
