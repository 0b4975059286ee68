// Finite-difference gradient checks for single layers and whole networks.
#ifndef MOTE_TESTS_TRAIN_GRAD_CHECK_H_
#define MOTE_TESTS_TRAIN_GRAD_CHECK_H_

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "train/layer.h"

namespace mote::train::testing {

struct GradCheckOptions {
  int samples = 2;
  bool training = true;
  float eps = 1e-2f;
  double abs_tol = 2e-3;
  double rel_tol = 1e-2;
  // Keeps inputs away from kinks (ReLU at 0): |x| >= min_abs_input.
  float min_abs_input = 0.0f;
};

// Checks dL/dx and dL/dparams of `layer` for L = sum(y * r) with random r.
inline void CheckLayerGradients(Layer& layer, const SampleShape& in,
                                const GradCheckOptions& o = {}) {
  Random rng(1234);
  layer.Build(in, rng);
  Batch x;
  x.Resize(o.samples, in);
  for (float& v : x.data) {
    v = rng.Uniform(-1.0f, 1.0f);
    if (std::fabs(v) < o.min_abs_input) v = v < 0 ? -o.min_abs_input - 0.05f : o.min_abs_input + 0.05f;
  }
  // Parameters away from their initial values (bias 0, gamma 1...).
  for (Param& p : layer.params()) {
    for (float& v : p.value) v += rng.Uniform(-0.3f, 0.3f);
  }
  for (Param& p : layer.state()) {
    for (float& v : p.value) v = p.name.find("variance") != std::string::npos
                                     ? rng.Uniform(0.5f, 1.5f)
                                     : rng.Uniform(-0.5f, 0.5f);
  }
  Batch r;
  r.Resize(o.samples, layer.out_shape());
  for (float& v : r.data) v = rng.Uniform(-1.0f, 1.0f);

  auto cache = layer.NewCache();
  std::vector<std::vector<float>> grads;
  for (const Param& p : layer.params()) grads.emplace_back(p.value.size(), 0.0f);
  PassContext ctx;
  ctx.training = o.training;
  ctx.seed = 99;
  ctx.cache = cache.get();
  ctx.grads = &grads;

  auto loss = [&]() {
    Batch y;
    layer.Forward(x, &y, ctx);
    double s = 0.0;
    for (size_t i = 0; i < y.size(); ++i) s += static_cast<double>(y.data[i]) * r.data[i];
    return s;
  };
  Batch y, dx;
  layer.Forward(x, &y, ctx);
  ASSERT_EQ(y.shape, layer.out_shape());
  ASSERT_EQ(y.n, o.samples);
  layer.Backward(x, y, r, &dx, ctx);
  ASSERT_EQ(dx.size(), x.size());

  auto check = [&](float* value, double analytic, const std::string& what) {
    const float saved = *value;
    *value = saved + o.eps;
    const double plus = loss();
    *value = saved - o.eps;
    const double minus = loss();
    *value = saved;
    const double numeric = (plus - minus) / (2.0 * o.eps);
    EXPECT_NEAR(analytic, numeric, o.abs_tol + o.rel_tol * std::fabs(numeric))
        << layer.kind() << " " << what;
  };
  // Every input (the layers under test are small) and every parameter.
  for (size_t k = 0; k < x.size(); ++k) {
    check(&x.data[k], dx.data[k], "d/dx[" + std::to_string(k) + "]");
  }
  for (size_t p = 0; p < layer.params().size(); ++p) {
    Param& param = layer.params()[p];
    for (size_t k = 0; k < param.value.size(); ++k) {
      check(&param.value[k], grads[p][k], param.name + "[" + std::to_string(k) + "]");
    }
  }
}

}  // namespace mote::train::testing

#endif  // MOTE_TESTS_TRAIN_GRAD_CHECK_H_
