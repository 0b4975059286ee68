#include "train/progress.h"

#include <fmt/format.h>

#include <cmath>

namespace mote::train {

ProgressBar::ProgressBar(std::FILE* out, bool interactive)
    : out_(out), interactive_(interactive), start_(std::chrono::steady_clock::now()) {}

std::string ProgressBar::Duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const long s = std::lround(seconds);
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

std::string ProgressBar::Render(const BatchProgress& p, double eta_seconds, int width) {
  const double frac = p.total > 0 ? static_cast<double>(p.done) / p.total : 0.0;
  const int filled = static_cast<int>(frac * width);
  std::string bar(filled, '=');
  if (filled < width) bar += '>';
  bar.resize(width, ' ');
  const double rate = p.seconds > 0 ? p.done / p.seconds : 0.0;
  return fmt::format("epoch {:>{}}/{} [{}] {:>3.0f}%  loss {:.4f}  acc {:5.1f}%  {:.0f} samples/s  "
                     "ETA {}",
                     p.epoch, fmt::format("{}", p.epochs).size(), p.epochs, bar, 100 * frac,
                     p.loss, 100 * p.accuracy, rate, Duration(eta_seconds));
}

void ProgressBar::Update(const BatchProgress& p) {
  if (!interactive_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && p.done < p.total && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  drawn_ = true;
  // Remaining: the rest of this epoch at its current pace, then the
  // remaining epochs at the mean epoch time so far (or this one's estimate).
  const double rate = p.seconds > 0 ? p.done / p.seconds : 0.0;
  const double epoch_estimate =
      epochs_done_ > 0 ? epoch_seconds_sum_ / epochs_done_ : (rate > 0 ? p.total / rate : 0.0);
  const double eta =
      (rate > 0 ? (p.total - p.done) / rate : 0.0) + (p.epochs - p.epoch) * epoch_estimate;
  std::fprintf(out_, "\r%s\x1b[K", Render(p, eta, 24).c_str());
  std::fflush(out_);
}

void ProgressBar::EndEpoch(const EpochResult& e, int epochs, bool classify) {
  ++epochs_done_;
  epoch_seconds_sum_ += e.seconds;
  std::string line = fmt::format("epoch {:>{}}/{}  loss {:.4f}", e.epoch,
                                 fmt::format("{}", epochs).size(), epochs, e.train_loss);
  if (classify) line += fmt::format("  acc {:5.2f}%", 100 * e.train_accuracy);
  if (e.val_loss != 0 || e.val_accuracy != 0) {
    line += fmt::format("  val_loss {:.4f}", e.val_loss);
    if (classify) line += fmt::format("  val_acc {:5.2f}%", 100 * e.val_accuracy);
  }
  line += fmt::format("  lr {:.2e}  {:.0f} samples/s  {}", e.learning_rate, e.samples_per_second,
                      Duration(e.seconds));
  if (e.best) line += "  *best";
  if (interactive_) {
    std::fprintf(out_, "\r%s\x1b[K\n", line.c_str());
  } else {
    std::fprintf(out_, "%s\n", line.c_str());
  }
  std::fflush(out_);
  drawn_ = false;
}

}  // namespace mote::train
