// Shared plumbing of the `mote` subcommands: loading a model, preparing an
// interpreter on a host arena, tensor files, error exits.
#ifndef MOTE_TOOLS_CLI_COMMON_H_
#define MOTE_TOOLS_CLI_COMMON_H_

#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "host/model_file.h"
#include "mote/interpreter.h"
#include "mote/model.h"
#include "ops/ops.h"

namespace mote::cli {

// Prints "mote: error: <message>" on stderr; returns the exit code 1.
int Fail(const std::string& message);

struct LoadedModel {
  host::AlignedBytes bytes;
  Model model;
};

// Reads and validates a .tflite file.
bool LoadModel(const std::string& path, LoadedModel* out, std::string* error);

// An interpreter with every builtin op on a host arena. The arena is sized
// generously; arena_used_bytes() then reports the exact need.
struct Runtime {
  MutableOpResolver<kNumBuiltinOps> resolver;
  host::AlignedBytes arena;
  std::unique_ptr<Interpreter> interpreter;
};
bool PrepareRuntime(const Model& model, Runtime* runtime, std::string* error);

// Fills input `index` from a raw binary or .npy file (size and dtype checked).
bool ReadInputFile(const std::string& path, const Interpreter& interp, int index,
                   std::string* error);
// Fills every input with seeded uniform random values over the dtype's range.
void FillRandomInputs(const Interpreter& interp, uint32_t seed);
// Writes output `index` as .npy (by extension) or raw bytes.
bool WriteOutputFile(const std::string& path, const Interpreter& interp, int index,
                     std::string* error);

// Dequantized (or float) values of an output tensor.
std::vector<float> OutputAsFloat(const Interpreter& interp, int index);

// Registers the subcommands.
void AddInspectCommand(CLI::App& app, int* exit_code);
void AddRunCommand(CLI::App& app, int* exit_code);
void AddBenchCommand(CLI::App& app, int* exit_code);
void AddMakeDemoCommand(CLI::App& app, int* exit_code);
void AddOpsCommand(CLI::App& app, int* exit_code);
void AddFeaturesCommand(CLI::App& app, int* exit_code);
void AddTrainCommand(CLI::App& app, int* exit_code);     // issue 6
void AddQuantizeCommand(CLI::App& app, int* exit_code);
void AddEvalCommand(CLI::App& app, int* exit_code);

}  // namespace mote::cli

#endif  // MOTE_TOOLS_CLI_COMMON_H_
