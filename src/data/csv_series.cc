#include "data/csv_series.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

namespace mote::data {
namespace {

std::string Trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '"')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '"')) {
    --e;
  }
  return s.substr(b, e - b);
}

std::vector<std::string> SplitFields(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, sep)) out.push_back(Trim(field));
  if (!line.empty() && line.back() == sep) out.emplace_back();
  return out;
}

}  // namespace

Dataset LoadCsv(const std::string& path, const CsvOptions& o) {
  if (o.window < 0 || o.hop < 0) throw DataError(path + ": window and hop must be >= 0");
  std::ifstream in(path);
  if (!in) throw DataError(path + ": cannot open");
  std::string line;
  int line_no = 0;
  // Header (skip blank lines before it).
  while (std::getline(in, line)) {
    ++line_no;
    if (!Trim(line).empty()) break;
  }
  if (Trim(line).empty()) throw DataError(path + ": empty file");
  const char sep = line.find(';') != std::string::npos && line.find(',') == std::string::npos
                       ? ';'
                       : (line.find('\t') != std::string::npos && line.find(',') == std::string::npos
                              ? '\t'
                              : ',');
  const std::vector<std::string> header = SplitFields(line, sep);
  auto find = [&](const std::string& name) {
    return static_cast<int>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  const int label_col = find(o.label_column);
  if (label_col == static_cast<int>(header.size())) {
    throw DataError(path + ": line " + std::to_string(line_no) + ": no label column '" +
                    o.label_column + "' in the header");
  }
  std::vector<int> feature_cols;
  if (o.columns.empty()) {
    for (int c = 0; c < static_cast<int>(header.size()); ++c) {
      if (c != label_col) feature_cols.push_back(c);
    }
  } else {
    for (const std::string& name : o.columns) {
      const int c = find(name);
      if (c == static_cast<int>(header.size())) {
        throw DataError(path + ": no column '" + name + "' in the header");
      }
      feature_cols.push_back(c);
    }
  }
  if (feature_cols.empty()) throw DataError(path + ": no feature columns besides the label");

  std::vector<float> rows;  // row-major, feature_cols.size() per row
  std::vector<std::string> row_labels;
  std::vector<int> row_lines;
  while (std::getline(in, line)) {
    ++line_no;
    if (Trim(line).empty()) continue;
    const std::vector<std::string> f = SplitFields(line, sep);
    const std::string where = path + ": line " + std::to_string(line_no);
    if (f.size() != header.size()) {
      throw DataError(where + ": " + std::to_string(f.size()) + " fields, the header has " +
                      std::to_string(header.size()));
    }
    if (f[label_col].empty()) throw DataError(where + ": missing label");
    for (int c : feature_cols) {
      const std::string& s = f[c];
      char* end = nullptr;
      errno = 0;
      const float v = std::strtof(s.c_str(), &end);
      if (s.empty() || end != s.c_str() + s.size()) {
        throw DataError(where + ", column '" + header[c] + "': '" + s + "' is not a number");
      }
      if (!std::isfinite(v)) {
        throw DataError(where + ", column '" + header[c] + "': " + s +
                        " (NaN or infinite values are not allowed)");
      }
      rows.push_back(v);
    }
    row_labels.push_back(f[label_col]);
    row_lines.push_back(line_no);
  }
  if (row_labels.empty()) throw DataError(path + ": no data rows after the header");

  // Classes: integers in numeric order if every label is an integer, else
  // the names sorted.
  bool all_int = true;
  for (const auto& l : row_labels) {
    char* end = nullptr;
    std::strtol(l.c_str(), &end, 10);
    all_int = all_int && end == l.c_str() + l.size();
  }
  std::map<std::string, int> index;
  std::vector<std::string> names;
  {
    std::vector<std::string> unique = row_labels;
    std::sort(unique.begin(), unique.end(), [&](const std::string& a, const std::string& b) {
      return all_int ? std::strtol(a.c_str(), nullptr, 10) < std::strtol(b.c_str(), nullptr, 10)
                     : a < b;
    });
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    for (size_t i = 0; i < unique.size(); ++i) index[unique[i]] = static_cast<int>(i);
    names = unique;
  }

  Dataset d;
  d.classes = names;
  const int f = static_cast<int>(feature_cols.size());
  const size_t n_rows = row_labels.size();
  if (o.window == 0) {
    d.h = d.w = 1;
    d.c = f;
    d.x = rows;
    for (size_t r = 0; r < n_rows; ++r) {
      d.labels.push_back(index[row_labels[r]]);
      d.sources.push_back(path + ":" + std::to_string(row_lines[r]));
    }
  } else {
    const int hop = o.hop > 0 ? o.hop : o.window;
    d.h = 1;
    d.w = o.window;
    d.c = f;
    for (size_t start = 0; start + o.window <= n_rows; start += hop) {
      const std::string& label = row_labels[start];
      bool uniform = true;
      for (int k = 1; k < o.window && uniform; ++k) uniform = row_labels[start + k] == label;
      if (!uniform) continue;  // a window across a label change
      d.x.insert(d.x.end(), rows.begin() + start * f, rows.begin() + (start + o.window) * f);
      d.labels.push_back(index[label]);
      d.sources.push_back(path + ":" + std::to_string(row_lines[start]));
    }
    if (d.labels.empty()) {
      throw DataError(path + ": no window of " + std::to_string(o.window) +
                      " rows with a single label (" + std::to_string(n_rows) + " rows)");
    }
  }
  d.Validate(path);
  return d;
}

}  // namespace mote::data
