// PNG pictures of feature matrices, because people would rather look than
// read: a heat map with time running left to right and the feature index
// upwards (low coefficients / low frequencies at the bottom).
#ifndef MOTE_HOST_PNG_PLOT_H_
#define MOTE_HOST_PNG_PLOT_H_

#include <string>
#include <vector>

namespace mote::host {

struct HeatmapPanel {
  const float* values = nullptr;  // rows x cols, row-major
  int rows = 0;                   // time (x axis)
  int cols = 0;                   // feature index (y axis)
  bool per_column_scale = false;  // normalise each feature separately
};

// Panels stacked top to bottom, each scaled to its own min..max, drawn with
// a viridis-like colour map; cells are enlarged to at least `cell` pixels.
bool WriteHeatmapPng(const std::string& path, const std::vector<HeatmapPanel>& panels,
                     std::string* error, int cell = 6);

}  // namespace mote::host

#endif  // MOTE_HOST_PNG_PLOT_H_
