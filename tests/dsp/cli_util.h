// Running the `mote` CLI from tests, with scratch files under the build
// directory (never committed, removed by the fixture).
#ifndef MOTE_TESTS_DSP_CLI_UTIL_H_
#define MOTE_TESTS_DSP_CLI_UTIL_H_

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace mote::dsp::testing {

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string Slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

// A fresh folder in the build tree for one test program run.
inline std::filesystem::path ScratchDir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(MOTE_BINARY_DIR) / "tests" / "dsp" /
                                    (name + "_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

// Runs a shell command line; captures stdout and stderr.
inline Result Shell(const std::string& command, const std::filesystem::path& dir) {
  const std::string out = (dir / "stdout.txt").string(), err = (dir / "stderr.txt").string();
  const int status = std::system(("(" + command + ") >" + out + " 2>" + err).c_str());
  Result r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = Slurp(out);
  r.err = Slurp(err);
  return r;
}

#if defined(MOTE_CLI)
inline Result Mote(const std::string& args, const std::filesystem::path& dir) {
  return Shell(std::string(MOTE_CLI) + " " + args, dir);
}
#endif

}  // namespace mote::dsp::testing

#endif  // MOTE_TESTS_DSP_CLI_UTIL_H_
