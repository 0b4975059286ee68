// CSV data with a label column, in two layouts:
//  - window == 0: every row is one sample of the feature columns (1 x 1 x F);
//  - window  > 0: rows are time steps of one recording; samples are windows
//    of `window` consecutive rows every `hop` rows (1 x window x F), kept
//    only when every row of the window has the same label.
// The first row is a header naming the columns. Feature columns: `columns`
// or every column but the label. Labels are names (classes sorted) or
// integers. Errors name the file, line and column: missing label column,
// empty label, a non-number, NaN or Inf, a row with the wrong field count,
// no samples, one class only.
#ifndef MOTE_DATA_CSV_SERIES_H_
#define MOTE_DATA_CSV_SERIES_H_

#include <string>
#include <vector>

#include "data/dataset.h"

namespace mote::data {

struct CsvOptions {
  std::string label_column = "label";
  std::vector<std::string> columns;  // empty: all but the label
  int window = 0;
  int hop = 0;  // 0: window (no overlap)
};

Dataset LoadCsv(const std::string& path, const CsvOptions& options);

}  // namespace mote::data

#endif  // MOTE_DATA_CSV_SERIES_H_
