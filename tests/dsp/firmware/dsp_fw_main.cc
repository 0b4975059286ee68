// The MLPerf-KWS front end on the committed test signal (tests/dsp/data/
// audio_signal.npy, 1 s at 16 kHz), built twice from this one file: for the
// host and for Cortex-M4 (run under QEMU). Both print the same lines
//   fixed_q16 <FNV-1a of the 49x10 Q16 MFCCs>
//   fixed_s8 <490 int8 values in hex>
//   float_s8 <the float pipeline's int8 tensor in hex>
// and run_fw.sh requires the fixed-point lines to be identical: the integer
// pipeline gives the same bits everywhere. The float lines are compared and
// reported (libm's logf may differ in the last bit between C libraries).
//
// On Cortex-M, `mov r11, r11` marks (the instruction-counting plugin of
// tools/qemu-plugin records them) bracket: fixed init, fixed features for the
// clip, float init, float features for the clip.
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "dsp/audio_frontend.h"
#include "dsp/presets.h"
#include "dsp/quantize.h"

// Generated from the .npy file by CMake (signal_data.cc in the build tree).
extern const uint8_t mote_dsp_signal_npy[];
extern const size_t mote_dsp_signal_npy_size;

#if defined(__arm__)
// targets/cortex-m's InstructionMark(), inlined here so the same file builds
// for the host.
#define MARK() __asm__ volatile("mov r11, r11" ::: "memory")
#else
#define MARK() do {} while (0)
#endif

#if defined(MOTE_QEMU_MACHINE)
// The QEMU board for run.sh and run_fw.sh, as mote_add_firmware() records it.
__asm__(".pushsection .mote.board,\"\",%progbits\n.ascii \"" MOTE_QEMU_MACHINE
        "\"\n.popsection");
#endif

namespace {

alignas(8) uint8_t g_memory[40 * 1024];
int16_t g_samples[16000];
int32_t g_q16[49 * 10];
float g_f32[49 * 10];
int8_t g_s8[49 * 10];

uint32_t Fnv1a(const void* data, size_t bytes) {
  const uint8_t* p = static_cast<const uint8_t*>(data);
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < bytes; ++i) h = (h ^ p[i]) * 16777619u;
  return h;
}

void PrintHex(const char* name, const int8_t* v, int n) {
  std::printf("%s ", name);
  for (int i = 0; i < n; ++i) std::printf("%02x", static_cast<unsigned>(static_cast<uint8_t>(v[i])));
  std::printf("\n");
}

}  // namespace

int main() {
  using namespace mote;
  using namespace mote::dsp;
  // .npy version 1: magic (6), version (2), header length (2), header.
  const uint8_t* npy = mote_dsp_signal_npy;
  const size_t header = 10u + (npy[8] | (npy[9] << 8));
  const size_t count = (mote_dsp_signal_npy_size - header) / 2;
  if (count != 16000 || std::memcmp(npy, "\x93NUMPY", 6) != 0) {
    std::printf("bad embedded signal\n");
    return 3;
  }
  std::memcpy(g_samples, npy + header, sizeof(g_samples));
  const int16_t* samples = g_samples;

  const KwsPreset preset = MlperfKwsPreset();
  const int32_t peak = PeakOf(samples, count);
  ErrorReporter errors;
  if (AudioFrontendQ::ScratchBytes(preset.config) > sizeof(g_memory) ||
      AudioFrontendF32::ScratchBytes(preset.config) > sizeof(g_memory)) {
    std::printf("scratch too small\n");
    return 3;
  }

  MARK();  // 0: fixed init
  AudioFrontendQ fixed;
  if (fixed.Init(preset.config, g_memory, sizeof(g_memory), &errors) != Status::kOk ||
      fixed.set_peak(peak, &errors) != Status::kOk) {
    std::printf("fixed init failed: %s\n", errors.message());
    return 3;
  }
  MARK();  // 1: fixed features, 1 s of audio
  const int32_t frames = ComputeAudioFeatures(fixed, samples, count, g_q16);
  MARK();  // 2
  Q16ToS8Params params;
  MakeQ16ToS8Params(preset.input_scale, preset.input_zero_point, &params, &errors);
  QuantizeQ16ToS8(g_q16, 490, params, g_s8);
  std::printf("frames %ld\n", static_cast<long>(frames));
  std::printf("fixed_q16 %08lx\n", static_cast<unsigned long>(Fnv1a(g_q16, sizeof(g_q16))));
  PrintHex("fixed_s8", g_s8, 490);

  MARK();  // 3: float init
  AudioFrontendF32 flt;
  if (flt.Init(preset.config, g_memory, sizeof(g_memory), &errors) != Status::kOk) {
    std::printf("float init failed: %s\n", errors.message());
    return 3;
  }
  flt.set_peak(static_cast<float>(peak));
  MARK();  // 4: float features, 1 s of audio
  ComputeAudioFeatures(flt, samples, count, g_f32);
  MARK();  // 5
  QuantizeF32ToS8(g_f32, 490, preset.input_scale, preset.input_zero_point, g_s8);
  std::printf("float_f32 %08lx\n", static_cast<unsigned long>(Fnv1a(g_f32, sizeof(g_f32))));
  PrintHex("float_s8", g_s8, 490);
  std::printf("fw: marks 6\n");
  return 0;
}
