// Helpers for the shape and data-movement op tests (SQUEEZE, GATHER, SPLIT,
// SLICE, the *_TO_* block ops, RESIZE_*, TRANSPOSE_CONV, CAST, FILL...).
#ifndef MOTE_TESTS_OPS_DATA_MOVEMENT_TEST_UTIL_H_
#define MOTE_TESTS_OPS_DATA_MOVEMENT_TEST_UTIL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {

// Builtin codes host::BuiltinOp does not name.
constexpr BuiltinOp kBatchToSpaceND = static_cast<BuiltinOp>(37);
constexpr BuiltinOp kSpaceToBatchND = static_cast<BuiltinOp>(38);
constexpr BuiltinOp kZerosLike = static_cast<BuiltinOp>(93);
constexpr BuiltinOp kFill = static_cast<BuiltinOp>(94);

// start, start + 1, ... (wrapping for narrow types).
template <typename T>
std::vector<T> Iota(int64_t n, int64_t start = 0) {
  std::vector<T> v;
  for (int64_t i = 0; i < n; ++i) v.push_back(static_cast<T>(start + i));
  return v;
}

// The model loads and prepares, and the first Invoke fails with `status`
// and a message containing `substring` (runtime data checked in Eval).
inline testing::AssertionResult InvokeFails(OpTester& t, Status status,
                                            const std::string& substring) {
  const Status got = t.Invoke();
  if (got != status) {
    return testing::AssertionFailure()
           << "Invoke returned " << StatusName(got) << ", expected "
           << StatusName(status) << " (message: '" << t.message() << "')";
  }
  if (t.message().find(substring) == std::string::npos) {
    return testing::AssertionFailure() << "message '" << t.message()
                                       << "' does not contain '" << substring
                                       << "'";
  }
  return testing::AssertionSuccess();
}

}  // namespace mote::optest

#endif  // MOTE_TESTS_OPS_DATA_MOVEMENT_TEST_UTIL_H_
