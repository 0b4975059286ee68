// mote: inspect, run and benchmark TFLite models with the mote runtime.
#include <cstdio>

#include "cli_common.h"

int main(int argc, char** argv) {
  CLI::App app{"mote: TinyML models on microcontrollers, from one C++ toolkit"};
  app.require_subcommand(1);
  int exit_code = 0;
  mote::cli::AddInspectCommand(app, &exit_code);
  mote::cli::AddRunCommand(app, &exit_code);
  mote::cli::AddBenchCommand(app, &exit_code);
  mote::cli::AddMakeDemoCommand(app, &exit_code);
  mote::cli::AddOpsCommand(app, &exit_code);
  mote::cli::AddFeaturesCommand(app, &exit_code);
  mote::cli::AddTrainCommand(app, &exit_code);
  mote::cli::AddQuantizeCommand(app, &exit_code);
  mote::cli::AddEvalCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Help and version exit 0; every usage error exits non-zero.
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return exit_code;
}
