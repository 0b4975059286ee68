#include "host/png_plot.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "host/image_io.h"

namespace mote::host {
namespace {

// Samples of matplotlib's viridis at 0, 1/8, ..., 1.
constexpr uint8_t kViridis[9][3] = {
    {68, 1, 84},    {71, 44, 122},  {59, 81, 139},  {44, 113, 142}, {33, 144, 141},
    {39, 173, 129}, {92, 200, 99},  {170, 220, 50}, {253, 231, 37}};

void Colour(float t, uint8_t* rgb) {
  if (!(t >= 0.0f)) t = 0.0f;  // NaN too
  if (t > 1.0f) t = 1.0f;
  const float x = t * 8.0f;
  const int i = std::min(7, static_cast<int>(x));
  const float f = x - static_cast<float>(i);
  for (int c = 0; c < 3; ++c) {
    rgb[c] = static_cast<uint8_t>(std::lround(kViridis[i][c] * (1.0f - f) + kViridis[i + 1][c] * f));
  }
}

}  // namespace

bool WriteHeatmapPng(const std::string& path, const std::vector<HeatmapPanel>& panels,
                     std::string* error, int cell) {
  if (panels.empty()) {
    *error = "plot: nothing to draw";
    return false;
  }
  int max_rows = 0;
  for (const HeatmapPanel& p : panels) {
    if (p.values == nullptr || p.rows <= 0 || p.cols <= 0) {
      *error = "plot: empty feature matrix";
      return false;
    }
    max_rows = std::max(max_rows, p.rows);
  }
  // Cells of cell x cell pixels, but keep pictures within ~1600 px wide.
  const int cx = std::max(1, std::min(cell, 1600 / max_rows));
  const int cy = cell;
  const int gap = 4;
  const int width = max_rows * cx;
  int height = 0;
  for (const HeatmapPanel& p : panels) height += p.cols * cy + gap;
  height -= gap;
  std::vector<uint8_t> rgb(static_cast<size_t>(width) * height * 3, 255);
  int top = 0;
  for (const HeatmapPanel& p : panels) {
    std::vector<float> lo(p.cols, INFINITY), hi(p.cols, -INFINITY);
    float glo = INFINITY, ghi = -INFINITY;
    for (int r = 0; r < p.rows; ++r) {
      for (int c = 0; c < p.cols; ++c) {
        const float v = p.values[r * p.cols + c];
        if (!std::isfinite(v)) continue;
        lo[c] = std::min(lo[c], v);
        hi[c] = std::max(hi[c], v);
        glo = std::min(glo, v);
        ghi = std::max(ghi, v);
      }
    }
    for (int r = 0; r < p.rows; ++r) {
      for (int c = 0; c < p.cols; ++c) {
        const float l = p.per_column_scale ? lo[c] : glo;
        const float h = p.per_column_scale ? hi[c] : ghi;
        const float v = p.values[r * p.cols + c];
        uint8_t colour[3];
        Colour(h > l ? (v - l) / (h - l) : 0.5f, colour);
        const int y0 = top + (p.cols - 1 - c) * cy;  // low index at the bottom
        for (int y = y0; y < y0 + cy; ++y) {
          for (int x = r * cx; x < (r + 1) * cx; ++x) {
            uint8_t* px = &rgb[(static_cast<size_t>(y) * width + x) * 3];
            px[0] = colour[0];
            px[1] = colour[1];
            px[2] = colour[2];
          }
        }
      }
    }
    top += p.cols * cy + gap;
  }
  return WritePng(path, rgb.data(), width, height, 3, error);
}

}  // namespace mote::host
