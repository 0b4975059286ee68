#include "train/plot.h"

#include <stb_image_write.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fmt/format.h>
#include <stdexcept>

namespace mote::train {
namespace {

struct Rgb {
  uint8_t r, g, b;
};
constexpr Rgb kWhite{255, 255, 255}, kBlack{30, 30, 30}, kGrid{225, 225, 225},
    kTrain{31, 119, 180}, kVal{255, 127, 14};

// 5x7 glyphs, one byte per row, bit 4 the leftmost pixel.
const std::array<uint8_t, 7>& Glyph(char ch) {
  struct Entry {
    char c;
    std::array<uint8_t, 7> rows;
  };
  static const Entry kFont[] = {
      {'0', {0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E}}, {'1', {0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E}},
      {'2', {0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F}}, {'3', {0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E}},
      {'4', {0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02}}, {'5', {0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E}},
      {'6', {0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E}}, {'7', {0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08}},
      {'8', {0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E}}, {'9', {0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C}},
      {'.', {0, 0, 0, 0, 0, 0x0C, 0x0C}},                {'%', {0x18, 0x19, 0x02, 0x04, 0x08, 0x13, 0x03}},
      {'-', {0, 0, 0, 0x1F, 0, 0, 0}},                   {':', {0, 0x0C, 0x0C, 0, 0x0C, 0x0C, 0}},
      {'/', {0, 0x01, 0x02, 0x04, 0x08, 0x10, 0}},       {'_', {0, 0, 0, 0, 0, 0, 0x1F}},
      {'(', {0x02, 0x04, 0x08, 0x08, 0x08, 0x04, 0x02}}, {')', {0x08, 0x04, 0x02, 0x02, 0x02, 0x04, 0x08}},
      {' ', {0, 0, 0, 0, 0, 0, 0}},
      {'A', {0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11}}, {'B', {0x1E, 0x11, 0x11, 0x1E, 0x11, 0x11, 0x1E}},
      {'C', {0x0E, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0E}}, {'D', {0x1C, 0x12, 0x11, 0x11, 0x11, 0x12, 0x1C}},
      {'E', {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F}}, {'F', {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x10}},
      {'G', {0x0E, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0F}}, {'H', {0x11, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11}},
      {'I', {0x0E, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0E}}, {'J', {0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0C}},
      {'K', {0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11}}, {'L', {0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1F}},
      {'M', {0x11, 0x1B, 0x15, 0x15, 0x11, 0x11, 0x11}}, {'N', {0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11}},
      {'O', {0x0E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E}}, {'P', {0x1E, 0x11, 0x11, 0x1E, 0x10, 0x10, 0x10}},
      {'Q', {0x0E, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0D}}, {'R', {0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11}},
      {'S', {0x0F, 0x10, 0x10, 0x0E, 0x01, 0x01, 0x1E}}, {'T', {0x1F, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04}},
      {'U', {0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E}}, {'V', {0x11, 0x11, 0x11, 0x11, 0x11, 0x0A, 0x04}},
      {'W', {0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0A}}, {'X', {0x11, 0x11, 0x0A, 0x04, 0x0A, 0x11, 0x11}},
      {'Y', {0x11, 0x11, 0x11, 0x0A, 0x04, 0x04, 0x04}}, {'Z', {0x1F, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1F}},
  };
  static const std::array<uint8_t, 7> kUnknown = {0x0E, 0x11, 0x01, 0x02, 0x04, 0, 0x04};
  const char up = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  for (const Entry& e : kFont) {
    if (e.c == up) return e.rows;
  }
  return kUnknown;
}

class Canvas {
 public:
  Canvas(int w, int h) : w_(w), h_(h), px_(static_cast<size_t>(w) * h * 3, 255) {}
  void Set(int x, int y, Rgb c) {
    if (x < 0 || y < 0 || x >= w_ || y >= h_) return;
    uint8_t* p = &px_[(static_cast<size_t>(y) * w_ + x) * 3];
    p[0] = c.r;
    p[1] = c.g;
    p[2] = c.b;
  }
  void Fill(int x0, int y0, int x1, int y1, Rgb c) {
    for (int y = y0; y < y1; ++y) {
      for (int x = x0; x < x1; ++x) Set(x, y, c);
    }
  }
  // A 2-pixel line (Bresenham with a square pen).
  void Line(double fx0, double fy0, double fx1, double fy1, Rgb c) {
    int x0 = static_cast<int>(std::lround(fx0)), y0 = static_cast<int>(std::lround(fy0));
    const int x1 = static_cast<int>(std::lround(fx1)), y1 = static_cast<int>(std::lround(fy1));
    const int dx = std::abs(x1 - x0), dy = -std::abs(y1 - y0);
    const int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
    int err = dx + dy;
    while (true) {
      Fill(x0, y0, x0 + 2, y0 + 2, c);
      if (x0 == x1 && y0 == y1) break;
      const int e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x0 += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y0 += sy;
      }
    }
  }
  void Text(int x, int y, const std::string& s, Rgb c, int scale = 1) {
    for (char ch : s) {
      const auto& g = Glyph(ch);
      for (int r = 0; r < 7; ++r) {
        for (int b = 0; b < 5; ++b) {
          if (g[r] & (0x10 >> b)) Fill(x + b * scale, y + r * scale, x + (b + 1) * scale,
                                       y + (r + 1) * scale, c);
        }
      }
      x += 6 * scale;
    }
  }
  static int TextWidth(const std::string& s, int scale = 1) {
    return static_cast<int>(s.size()) * 6 * scale;
  }
  void Save(const std::string& path) const {
    const std::string temp = path + ".tmp";
    if (stbi_write_png(temp.c_str(), w_, h_, 3, px_.data(), w_ * 3) == 0) {
      std::remove(temp.c_str());
      throw std::runtime_error(path + ": cannot write PNG");
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
      std::remove(temp.c_str());
      throw std::runtime_error(path + ": cannot rename the written PNG into place");
    }
  }

 private:
  int w_, h_;
  std::vector<uint8_t> px_;
};

// One panel: axes, grid, y labels, and up to two series over epochs 1..n.
void Panel(Canvas& c, int x0, int y0, int w, int h, const std::string& title,
           const std::vector<double>& a, const std::vector<double>& b, bool percent) {
  double lo = 1e300, hi = -1e300;
  for (const auto* s : {&a, &b}) {
    for (double v : *s) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  if (!(hi > lo)) {
    hi = lo + 1e-3;
  }
  const double pad = 0.05 * (hi - lo);
  lo -= pad;
  hi += pad;
  const int left = x0 + 56, right = x0 + w - 10, top = y0 + 24, bottom = y0 + h - 30;
  c.Text(x0 + (w - Canvas::TextWidth(title, 2)) / 2, y0 + 2, title, kBlack, 2);
  for (int i = 0; i <= 4; ++i) {
    const double v = lo + (hi - lo) * i / 4;
    const int y = bottom - (bottom - top) * i / 4;
    c.Fill(left, y, right, y + 1, kGrid);
    const std::string label = percent ? fmt::format("{:.1f}%", 100 * v) : fmt::format("{:.3f}", v);
    c.Text(left - Canvas::TextWidth(label) - 4, y - 3, label, kBlack);
  }
  const size_t n = std::max(a.size(), b.size());
  auto px = [&](size_t i) {
    return n <= 1 ? (left + right) / 2.0 : left + (right - left) * static_cast<double>(i) / (n - 1);
  };
  auto py = [&](double v) { return bottom - (bottom - top) * (v - lo) / (hi - lo); };
  for (size_t i = 0; i < n; ++i) {
    const int x = static_cast<int>(px(i));
    c.Fill(x, bottom, x + 1, bottom + 4, kBlack);
    if (n <= 12 || i % ((n + 11) / 12) == 0 || i + 1 == n) {
      const std::string label = std::to_string(i + 1);
      c.Text(x - Canvas::TextWidth(label) / 2, bottom + 7, label, kBlack);
    }
  }
  c.Fill(left, top, left + 1, bottom + 1, kBlack);
  c.Fill(left, bottom, right, bottom + 1, kBlack);
  c.Text((left + right) / 2 - Canvas::TextWidth("epoch") / 2, bottom + 18, "epoch", kBlack);
  for (const auto& [s, color] : {std::pair{&a, kTrain}, std::pair{&b, kVal}}) {
    for (size_t i = 0; i < s->size(); ++i) {
      const double x = px(i), y = py((*s)[i]);
      c.Fill(static_cast<int>(x) - 2, static_cast<int>(y) - 2, static_cast<int>(x) + 3,
             static_cast<int>(y) + 3, color);
      if (i > 0) c.Line(px(i - 1), py((*s)[i - 1]), x, y, color);
    }
  }
}

}  // namespace

void WriteTrainingCurvePng(const std::string& path, const std::vector<EpochResult>& history,
                           bool classify, const std::string& title) {
  const int panel_w = 440, panel_h = 300;
  const int panels = classify ? 2 : 1;
  Canvas c(panel_w * panels, panel_h + 40);
  c.Text(10, 8, title, kBlack, 2);
  // Legend.
  const int lx = panel_w * panels - 170;
  c.Fill(lx, 12, lx + 14, 16, kTrain);
  c.Text(lx + 18, 8, "train", kBlack);
  c.Fill(lx + 70, 12, lx + 84, 16, kVal);
  c.Text(lx + 88, 8, "validation", kBlack);
  std::vector<double> tl, vl, ta, va;
  bool have_val = false;
  for (const EpochResult& e : history) {
    have_val = have_val || e.val_loss != 0 || e.val_accuracy != 0;
  }
  for (const EpochResult& e : history) {
    tl.push_back(e.train_loss);
    ta.push_back(e.train_accuracy);
    if (have_val) {
      vl.push_back(e.val_loss);
      va.push_back(e.val_accuracy);
    }
  }
  Panel(c, 0, 40, panel_w, panel_h, "loss", tl, vl, false);
  if (classify) Panel(c, panel_w, 40, panel_w, panel_h, "accuracy", ta, va, true);
  c.Save(path);
}

void WriteConfusionPng(const std::string& path, const ClassificationReport& r) {
  const int k = static_cast<int>(r.confusion.size());
  size_t name_chars = 1;
  for (const auto& m : r.classes) name_chars = std::max(name_chars, std::min<size_t>(m.name.size(), 16));
  const int cell = 44;
  const int left = 16 + Canvas::TextWidth(std::string(name_chars + 4, 'x'));
  const int top = 60;
  Canvas c(left + k * cell + 20, top + k * cell + 50);
  c.Text(10, 8, fmt::format("confusion: accuracy {:.2f}% of {}", 100 * r.accuracy, r.total),
         kBlack, 2);
  c.Text(left, top - 16, "predicted class", kBlack);
  for (int j = 0; j < k; ++j) {
    const std::string label = std::to_string(j);
    c.Text(left + j * cell + (cell - Canvas::TextWidth(label)) / 2, top + k * cell + 6, label,
           kBlack);
  }
  c.Text(left, top + k * cell + 20, "true class (rows) by predicted class (columns)", kBlack);
  for (int t = 0; t < k; ++t) {
    int64_t row = 0;
    for (int64_t v : r.confusion[t]) row += v;
    std::string name = r.classes[t].name.substr(0, 16);
    c.Text(8, top + t * cell + cell / 2 - 3, fmt::format("{:>2} {}", t, name), kBlack);
    for (int p = 0; p < k; ++p) {
      const double share = row > 0 ? static_cast<double>(r.confusion[t][p]) / row : 0.0;
      // White to blue (diagonal) or white to red (errors).
      const Rgb base = t == p ? Rgb{31, 119, 180} : Rgb{214, 39, 40};
      const double s = t == p ? share : std::min(1.0, share * 4);
      const Rgb fill{static_cast<uint8_t>(255 - (255 - base.r) * s),
                     static_cast<uint8_t>(255 - (255 - base.g) * s),
                     static_cast<uint8_t>(255 - (255 - base.b) * s)};
      const int x = left + p * cell, y = top + t * cell;
      c.Fill(x, y, x + cell - 1, y + cell - 1, fill);
      const std::string count = std::to_string(r.confusion[t][p]);
      c.Text(x + (cell - Canvas::TextWidth(count)) / 2, y + cell / 2 - 3, count,
             s > 0.6 ? kWhite : kBlack);
    }
  }
  c.Save(path);
}

}  // namespace mote::train
