// Numeric CSV tables (IMU recordings): an optional header row, then rows of
// numbers separated by commas (or semicolons/tabs, detected from the header).
#ifndef MOTE_HOST_CSV_H_
#define MOTE_HOST_CSV_H_

#include <string>
#include <vector>

namespace mote::host {

struct CsvTable {
  std::vector<std::string> header;           // column names ("0", "1"... if none)
  std::vector<std::vector<float>> columns;   // columns[c][row]
  size_t rows() const { return columns.empty() ? 0 : columns[0].size(); }
  // Index of a column by name; -1 if absent.
  int Find(const std::string& name) const;
};

// Errors name the line and column: empty file, no data rows, a row with the
// wrong number of fields, a field that is not a number, NaN or Inf.
bool ParseCsv(const std::string& text, const std::string& name, CsvTable* out,
              std::string* error);
bool ReadCsvFile(const std::string& path, CsvTable* out, std::string* error);

}  // namespace mote::host

#endif  // MOTE_HOST_CSV_H_
