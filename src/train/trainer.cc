#include "train/trainer.h"

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <exception>
#include <numeric>
#include <stdexcept>
#include <thread>

#include "train/loss.h"

namespace mote::train {
namespace {

using Clock = std::chrono::steady_clock;

// CPU time of the whole process (every thread): with samples, a throughput
// that other processes on the machine disturb much less than wall time.
double ProcessCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

void ShuffleIndices(std::vector<size_t>* v, uint64_t seed) {
  Random rng(seed);
  for (size_t i = v->size(); i > 1; --i) {
    std::swap((*v)[i - 1], (*v)[rng.Below(static_cast<uint32_t>(i))]);
  }
}

SampleShape ShapeOf(const data::Dataset& d) { return {d.h, d.w, d.c}; }

void CheckData(const Network& net, const data::Dataset& d, const std::string& what) {
  const SampleShape s = ShapeOf(d);
  if (!(s == net.input_shape())) {
    throw std::invalid_argument(what + ": samples are " + s.ToString() +
                                ", the model's input is " + net.input_shape().ToString());
  }
  if (d.size() == 0) throw std::invalid_argument(what + ": no samples");
  if (net.loss() == LossKind::kSoftmaxCrossEntropy &&
      net.output_shape().size() != d.num_classes()) {
    throw std::invalid_argument(what + ": " + std::to_string(d.num_classes()) +
                                " classes, but the model ends with " +
                                std::to_string(net.output_shape().size()) +
                                " outputs (make the last dense layer's units match)");
  }
  if (net.loss() == LossKind::kMeanSquaredError && net.output_shape().size() != s.size()) {
    throw std::invalid_argument(what + ": the mse model reconstructs its input, so it needs " +
                                std::to_string(s.size()) + " outputs, not " +
                                std::to_string(net.output_shape().size()));
  }
}

}  // namespace

void RunShards(int shards, const std::function<void(int)>& fn) {
  std::vector<std::exception_ptr> errors(shards);
  std::vector<std::thread> threads;
  for (int s = 1; s < shards; ++s) {
    threads.emplace_back([&, s] {
      try {
        fn(s);
      } catch (...) {
        errors[s] = std::current_exception();
      }
    });
  }
  try {
    fn(0);
  } catch (...) {
    errors[0] = std::current_exception();
  }
  for (auto& t : threads) t.join();
  for (auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

void ValidateTrainConfig(const TrainConfig& c) {
  if (c.epochs < 1) throw std::invalid_argument("training: epochs must be >= 1");
  if (c.batch_size < 1) throw std::invalid_argument("training: batch_size must be >= 1");
  if (c.threads < 1 || c.threads > 64) {
    throw std::invalid_argument("training: threads must be in 1..64");
  }
  if (c.patience < 0) throw std::invalid_argument("training: patience must be >= 0");
  if (c.monitor != "val_accuracy" && c.monitor != "val_loss") {
    throw std::invalid_argument("training: monitor must be \"val_accuracy\" or \"val_loss\"");
  }
  for (float w : c.class_weights) {
    if (!(w >= 0.0f) || !std::isfinite(w)) {
      throw std::invalid_argument("training: class weights must be finite and >= 0");
    }
  }
  if (c.augment.shift_h < 0 || c.augment.shift_w < 0 || !(c.augment.noise >= 0.0f)) {
    throw std::invalid_argument("augment: shifts and noise must be >= 0");
  }
  ValidateSchedule(c.schedule);
  MakeOptimizer(c.optimizer);  // throws on bad settings
}

std::vector<float> Predict(const Network& net, const data::Dataset& d, int threads,
                           int batch_size) {
  const SampleShape in = net.input_shape();
  const int64_t out_size = net.output_shape().size();
  std::vector<float> out(d.size() * static_cast<size_t>(out_size));
  const size_t chunks = (d.size() + batch_size - 1) / batch_size;
  const int shards = static_cast<int>(std::max<size_t>(1, std::min<size_t>(threads, chunks)));
  RunShards(shards, [&](int s) {
    Network::Workspace ws = net.NewWorkspace();
    for (size_t chunk = s; chunk < chunks; chunk += shards) {
      const size_t begin = chunk * batch_size;
      const size_t end = std::min(d.size(), begin + batch_size);
      ws.input().Resize(static_cast<int>(end - begin), in);
      std::memcpy(ws.input().data.data(), d.sample(begin),
                  (end - begin) * in.size() * sizeof(float));
      net.Forward(&ws, /*training=*/false, 0);
      std::memcpy(out.data() + begin * out_size, ws.output().data.data(),
                  (end - begin) * out_size * sizeof(float));
    }
  });
  return out;
}

EvalResult Evaluate(const Network& net, const data::Dataset& d, int threads, int batch_size) {
  CheckData(net, d, "evaluation data");
  const std::vector<float> out = Predict(net, d, threads, batch_size);
  const int k = static_cast<int>(net.output_shape().size());
  EvalResult r;
  const int n = static_cast<int>(d.size());
  if (net.loss() == LossKind::kSoftmaxCrossEntropy) {
    int correct = 0;
    r.loss = SoftmaxCrossEntropy(out.data(), n, k, d.labels.data(), nullptr, 1.0f, nullptr,
                                 &correct) / n;
    r.accuracy = static_cast<double>(correct) / n;
    r.predictions.resize(n);
    for (int i = 0; i < n; ++i) r.predictions[i] = ArgMax(out.data() + size_t(i) * k, k);
  } else {
    r.loss = MeanSquaredError(out.data(), d.x.data(), n, k, 1.0f, nullptr) / n;
  }
  return r;
}

Trainer::Trainer(Network* net, const TrainConfig& config) : net_(net), config_(config) {
  ValidateTrainConfig(config_);
}

TrainResult Trainer::Fit(const data::Dataset& train, const data::Dataset* val,
                         const BatchFn& on_batch, const EpochFn& on_epoch) {
  CheckData(*net_, train, "training data");
  if (val != nullptr && val->size() == 0) val = nullptr;
  if (val != nullptr) CheckData(*net_, *val, "validation data");
  const bool classify = net_->loss() == LossKind::kSoftmaxCrossEntropy;
  const TrainConfig& c = config_;

  std::vector<float> class_weights = c.class_weights;
  if (classify && c.balanced_class_weights) {
    const std::vector<int64_t> counts = train.ClassCounts();
    class_weights.assign(counts.size(), 0.0f);
    for (size_t k = 0; k < counts.size(); ++k) {
      if (counts[k] > 0) {
        class_weights[k] = static_cast<float>(static_cast<double>(train.size()) /
                                              (static_cast<double>(counts.size()) * counts[k]));
      }
    }
  }
  if (!class_weights.empty() && classify &&
      class_weights.size() != static_cast<size_t>(train.num_classes())) {
    throw std::invalid_argument("training: " + std::to_string(class_weights.size()) +
                                " class weights for " + std::to_string(train.num_classes()) +
                                " classes");
  }
  const float* weights = class_weights.empty() || !classify ? nullptr : class_weights.data();

  const SampleShape in = net_->input_shape();
  const int64_t out_size = net_->output_shape().size();
  const int max_shards = c.threads;
  std::vector<Network::Workspace> ws;
  std::vector<Batch> grad_out(max_shards), targets(max_shards);
  for (int s = 0; s < max_shards; ++s) ws.push_back(net_->NewWorkspace());
  std::vector<double> shard_loss(max_shards);
  std::vector<int> shard_correct(max_shards);

  std::vector<Param*> params = net_->params();
  std::vector<std::vector<float>*> grads;  // shard 0's, in params() order
  for (auto& layer : ws[0].grads) {
    for (auto& g : layer) grads.push_back(&g);
  }
  std::unique_ptr<Optimizer> optimizer = MakeOptimizer(c.optimizer);

  const size_t n_train = train.size();
  const int64_t steps = static_cast<int64_t>((n_train + c.batch_size - 1) / c.batch_size);
  std::vector<size_t> order(n_train);

  // Best weights so far (trainable and state), restored at the end.
  auto snapshot = [&] {
    std::vector<std::vector<float>> snap;
    for (Param* p : net_->params()) snap.push_back(p->value);
    for (Param* p : net_->state()) snap.push_back(p->value);
    return snap;
  };
  std::vector<std::vector<float>> best_weights;
  double best_metric = 0.0;
  int epochs_without_gain = 0;

  TrainResult result;
  const Clock::time_point fit_start = Clock::now();
  int64_t global_step = 0;
  for (int epoch = 0; epoch < c.epochs; ++epoch) {
    const Clock::time_point epoch_start = Clock::now();
    const double cpu_start = ProcessCpuSeconds();
    std::iota(order.begin(), order.end(), size_t{0});
    ShuffleIndices(&order, Derive(c.seed, kShuffleStream, epoch));
    double loss_sum = 0.0, weight_sum = 0.0;
    int64_t correct = 0, seen = 0;
    float lr = 0.0f;
    for (int64_t step = 0; step < steps; ++step, ++global_step) {
      const size_t begin = static_cast<size_t>(step) * c.batch_size;
      const size_t end = std::min(n_train, begin + c.batch_size);
      const int n = static_cast<int>(end - begin);
      lr = LearningRate(c.schedule, epoch + static_cast<double>(step) / steps, c.epochs);
      double total_weight = n;
      if (weights != nullptr) {
        total_weight = 0.0;
        for (size_t i = begin; i < end; ++i) total_weight += weights[train.labels[order[i]]];
      }
      const float grad_scale = total_weight > 0.0 ? static_cast<float>(1.0 / total_weight) : 0.0f;
      const int shards = std::min(max_shards, n);
      if (before_) before_();
      RunShards(shards, [&](int s) {
        const size_t lo = begin + static_cast<size_t>(s) * n / shards;
        const size_t hi = begin + static_cast<size_t>(s + 1) * n / shards;
        const int rows = static_cast<int>(hi - lo);
        Network::Workspace& w = ws[s];
        Network::ZeroGrads(&w);
        Batch& input = w.input();
        input.Resize(rows, in);
        std::vector<int32_t> labels(rows);
        if (!classify) targets[s].Resize(rows, in);
        for (int r = 0; r < rows; ++r) {
          const size_t idx = order[lo + r];
          if (classify) labels[r] = train.labels[idx];
          if (!classify) std::memcpy(targets[s].sample(r), train.sample(idx), in.size() * 4);
          if (c.augment.enabled()) {
            Random rng(Derive(c.seed, kAugmentStream, epoch, idx));
            Augment(c.augment, in, train.sample(idx), input.sample(r), rng);
          } else {
            std::memcpy(input.sample(r), train.sample(idx), in.size() * sizeof(float));
          }
        }
        net_->Forward(&w, /*training=*/true, Derive(c.seed, kDropoutStream, global_step, s));
        grad_out[s].Resize(rows, net_->output_shape());
        int hits = 0;
        if (classify) {
          shard_loss[s] = SoftmaxCrossEntropy(w.output().data.data(), rows,
                                              static_cast<int>(out_size), labels.data(), weights,
                                              grad_scale, grad_out[s].data.data(), &hits);
        } else {
          shard_loss[s] = MeanSquaredError(w.output().data.data(), targets[s].data.data(), rows,
                                           static_cast<int>(out_size), grad_scale,
                                           grad_out[s].data.data());
        }
        shard_correct[s] = hits;
        net_->Backward(&w, grad_out[s]);
      });
      if (after_) after_();
      // Sum the shards' gradients into shard 0's, always in shard order.
      for (int s = 1; s < shards; ++s) {
        for (size_t l = 0; l < ws[0].grads.size(); ++l) {
          for (size_t p = 0; p < ws[0].grads[l].size(); ++p) {
            float* dst = ws[0].grads[l][p].data();
            const float* src = ws[s].grads[l][p].data();
            for (size_t k = 0; k < ws[0].grads[l][p].size(); ++k) dst[k] += src[k];
          }
        }
      }
      optimizer->Step(params, grads, lr);
      for (size_t l = 0; l < net_->layers().size(); ++l) {
        std::vector<LayerCache*> caches;
        for (int s = 0; s < shards; ++s) caches.push_back(ws[s].caches[l].get());
        net_->layers()[l]->AfterStep(caches, n);
      }
      for (int s = 0; s < shards; ++s) {
        loss_sum += shard_loss[s];
        correct += shard_correct[s];
      }
      weight_sum += total_weight;
      seen += n;
      if (on_batch) {
        BatchProgress p;
        p.epoch = epoch + 1;
        p.epochs = c.epochs;
        p.done = seen;
        p.total = static_cast<int64_t>(n_train);
        p.loss = weight_sum > 0 ? loss_sum / weight_sum : 0.0;
        p.accuracy = classify ? static_cast<double>(correct) / seen : 0.0;
        p.seconds = Seconds(epoch_start);
        p.learning_rate = lr;
        on_batch(p);
      }
    }
    EpochResult e;
    e.epoch = epoch + 1;
    e.train_loss = weight_sum > 0 ? loss_sum / weight_sum : 0.0;
    e.train_accuracy = classify ? static_cast<double>(correct) / seen : 0.0;
    e.learning_rate = lr;
    const double train_seconds = Seconds(epoch_start);
    e.cpu_seconds = ProcessCpuSeconds() - cpu_start;
    e.samples_per_second = train_seconds > 0 ? seen / train_seconds : 0.0;
    double metric = 0.0;
    bool higher_is_better = true;
    if (val != nullptr) {
      if (before_) before_();
      const EvalResult v = Evaluate(*net_, *val, c.threads);
      if (after_) after_();
      e.val_loss = v.loss;
      e.val_accuracy = v.accuracy;
      const bool by_loss = c.monitor == "val_loss" || !classify;
      metric = by_loss ? v.loss : v.accuracy;
      higher_is_better = !by_loss;
    } else {
      metric = e.train_loss;  // no validation data: keep the last epoch
      higher_is_better = false;
    }
    const bool improved = best_weights.empty() || (higher_is_better ? metric > best_metric
                                                                     : metric < best_metric) ||
                          val == nullptr;
    if (improved) {
      best_metric = metric;
      best_weights = snapshot();
      result.best_epoch = e.epoch;
      epochs_without_gain = 0;
    } else {
      ++epochs_without_gain;
    }
    e.best = improved;
    e.seconds = Seconds(epoch_start);
    result.history.push_back(e);
    if (on_epoch) on_epoch(e, *net_);
    if (c.patience > 0 && epochs_without_gain >= c.patience) {
      result.stopped_early = epoch + 1 < c.epochs;
      break;
    }
  }
  // Restore the best epoch's weights.
  if (!best_weights.empty()) {
    size_t k = 0;
    for (Param* p : net_->params()) p->value = best_weights[k++];
    for (Param* p : net_->state()) p->value = best_weights[k++];
  }
  result.seconds = Seconds(fit_start);
  return result;
}

}  // namespace mote::train
