// The `mote` CLI end to end: what users type, what they get back.
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "host/npy.h"

namespace {

struct Result {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("mote_cli_test_" + std::to_string(::getpid()) + "_" + name))
      .string();
}

std::string Slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

Result Mote(const std::string& args) {
  const std::string out = TempPath("stdout"), err = TempPath("stderr");
  const std::string cmd = std::string(MOTE_CLI) + " " + args + " >" + out + " 2>" + err;
  Result r;
  const int status = std::system(cmd.c_str());
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = Slurp(out);
  r.err = Slurp(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return r;
}

std::string Shared(const std::string& name) { return std::string(MOTE_SHARED_MODELS) + "/" + name; }
std::string Demo() { return std::string(MOTE_SOURCE_DIR) + "/examples/models/demo_kws_int8.tflite"; }

TEST(Cli, InspectJsonHasTheFigures) {
  const Result r = Mote("inspect --json " + Shared("kws_ref_model.tflite"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["num_ops"], 13);
  EXPECT_TRUE(j["supported"].get<bool>());
  EXPECT_GT(j["arena_bytes"].get<int>(), 10000);
  EXPECT_LE(j["arena_bytes"].get<int>(), 24000);  // TFLM needs 24,000
  EXPECT_NEAR(j["total_macs"].get<double>(), 2.66e6, 0.05e6);
  EXPECT_EQ(j["ops"][0]["op"], "CONV_2D");
  EXPECT_EQ(j["inputs"][0]["dtype"], "int8");
}

TEST(Cli, InspectTextNamesOpsAndArena) {
  const Result r = Mote("inspect " + Demo());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("DEPTHWISE_CONV_2D"), std::string::npos);
  EXPECT_NE(r.out.find("arena"), std::string::npos);
  EXPECT_NE(r.out.find("bytes exactly"), std::string::npos);
}

TEST(Cli, InspectListsUnsupportedOpsAndFails) {
  const Result r = Mote("inspect " + Shared("audio_preprocessor_int8.tflite"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.out.find("CUSTOM:SignalWindow"), std::string::npos);
  EXPECT_NE(r.err.find("custom op"), std::string::npos) << r.err;
}

TEST(Cli, InspectJsonListsEveryUnsupportedOp) {
  const Result r = Mote("inspect --json " + Shared("audio_preprocessor_int8.tflite"));
  EXPECT_NE(r.exit_code, 0);
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_FALSE(j["supported"].get<bool>());
  // Nine TFLM signal-library custom ops.
  int custom = 0;
  for (const auto& u : j["unsupported_ops"]) custom += u.get<std::string>().rfind("CUSTOM:", 0) == 0;
  EXPECT_EQ(custom, 9);
}

TEST(Cli, OpsListsSupportedOpsWithTypes) {
  const Result r = Mote("ops --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_GE(j["ops"].size(), 23u);
  bool conv = false;
  for (const auto& op : j["ops"]) {
    EXPECT_FALSE(op["dtypes"].get<std::string>().empty()) << op["op"];
    if (op["op"] == "CONV_2D") conv = op["dtypes"].get<std::string>().find("int8") != std::string::npos;
  }
  EXPECT_TRUE(conv);
  const Result text = Mote("ops");
  EXPECT_NE(text.out.find("DEPTHWISE_CONV_2D"), std::string::npos);
}

TEST(Cli, RunWithGoldenInputWritesTheGoldenOutput) {
  const std::string dir = Shared("golden-exact/kws_ref_model");
  const std::string out = TempPath("out.bin");
  const Result r = Mote("run " + Shared("kws_ref_model.tflite") + " --input " + dir +
                        "/in_4.bin --output " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Slurp(out), Slurp(dir + "/out_4.bin"));
  EXPECT_NE(r.out.find("#1  class"), std::string::npos);
  std::filesystem::remove(out);
}

TEST(Cli, RunNpyInAndOut) {
  const std::string in = TempPath("in.npy"), out = TempPath("out.npy");
  auto array = mote::host::NpyArray::From<int8_t>({1, 1}, {static_cast<int8_t>(-100)});
  std::string error;
  ASSERT_TRUE(mote::host::WriteNpyFile(in, array, &error)) << error;
  const Result r = Mote("run " + Shared("hello_world_int8.tflite") + " -i " + in + " -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto read = mote::host::ReadNpyFile(out);
  ASSERT_TRUE(read.ok()) << read.error;
  EXPECT_EQ(read.array.dtype, mote::host::NpyDType::kInt8);
  EXPECT_EQ(read.array.shape, (std::vector<int64_t>{1, 1}));
  std::filesystem::remove(in);
  std::filesystem::remove(out);
}

TEST(Cli, RunRandomJson) {
  const Result r = Mote("run --json --random 3 " + Demo());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["outputs"][0]["values"].size(), 12u);
  EXPECT_EQ(j["outputs"][0]["top"].size(), 5u);
}

TEST(Cli, BenchJsonHasLatencyAndArena) {
  const Result r = Mote("bench --json --runs 5 --warmup 1 " + Shared("ad01_int8.tflite"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  for (const char* key : {"median_us", "p99_us", "mean_us", "arena_bytes", "mac_per_s"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_GT(j["median_us"].get<double>(), 0.0);
  EXPECT_LE(j["arena_bytes"].get<int>(), 3424);  // TFLM needs 3,424
  EXPECT_EQ(j["ops"].size(), 10u);
}

TEST(Cli, BenchKernelsSelectsTheReferenceOrRefusesUnknownNames) {
  const Result ref = Mote("bench --json --runs 2 --warmup 0 --kernels ref " +
                          Shared("ad01_int8.tflite"));
  ASSERT_EQ(ref.exit_code, 0) << ref.err;
  EXPECT_EQ(nlohmann::json::parse(ref.out)["kernels"], "ref");
  const Result bad = Mote("bench --kernels nonsense " + Shared("ad01_int8.tflite"));
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("ref"), std::string::npos) << bad.err;  // lists the names
}

TEST(Cli, BadInputsGiveOneLineAndNonZeroExit) {
  const std::string garbage = TempPath("garbage.tflite");
  std::ofstream(garbage) << "this is not a model at all";
  const std::array<std::string, 7> cases = {
      "inspect /nonexistent/model.tflite",
      "inspect " + garbage,
      "run " + Shared("kws_ref_model.tflite"),  // no input
      "run " + Shared("kws_ref_model.tflite") + " --input " + garbage,  // wrong size
      "run " + Shared("kws_ref_model.tflite") + " --random 1 --input " + garbage,
      "bench " + Shared("kws_ref_model.tflite") + " --runs 0",
      "frobnicate",
  };
  for (const std::string& args : cases) {
    const Result r = Mote(args);
    EXPECT_NE(r.exit_code, 0) << args;
    EXPECT_FALSE(r.err.empty()) << args;
    EXPECT_TRUE(r.out.empty() || args == "frobnicate") << args << ": " << r.out;
  }
  std::filesystem::remove(garbage);
}

TEST(Cli, MakeDemoIsReproducible) {
  const std::string a = TempPath("a.tflite"), b = TempPath("b.tflite");
  ASSERT_EQ(Mote("make-demo -o " + a).exit_code, 0);
  ASSERT_EQ(Mote("make-demo -o " + b).exit_code, 0);
  EXPECT_EQ(Slurp(a), Slurp(b));
  // The shipped demo model is what make-demo writes.
  EXPECT_EQ(Slurp(a), Slurp(Demo()));
  std::filesystem::remove(a);
  std::filesystem::remove(b);
}

}  // namespace
