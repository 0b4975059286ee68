#include "host/csv.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "host/feature_config.h"

namespace mote::host {
namespace {

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r\"");
  if (b == std::string::npos) return "";
  const size_t e = s.find_last_not_of(" \t\r\"");
  return s.substr(b, e - b + 1);
}

std::vector<std::string> Split(const std::string& line, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t end = line.find(sep, start);
    out.push_back(Trim(line.substr(start, end == std::string::npos ? std::string::npos : end - start)));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

bool ParseNumber(const std::string& field, float* out) {
  if (field.empty()) return false;
  errno = 0;
  char* end = nullptr;
  const double v = std::strtod(field.c_str(), &end);
  if (end != field.c_str() + field.size()) return false;
  *out = static_cast<float>(v);
  return true;
}

}  // namespace

int CsvTable::Find(const std::string& name) const {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

bool ParseCsv(const std::string& text, const std::string& name, CsvTable* out,
              std::string* error) {
  *out = CsvTable{};
  std::vector<std::pair<size_t, std::string>> lines;  // (line number, text)
  size_t start = 0, number = 1;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = Trim(text.substr(start, end - start));
    if (!line.empty() && line[0] != '#') lines.emplace_back(number, line);
    start = end + 1;
    ++number;
  }
  if (lines.empty()) {
    *error = fmt::format("{}: empty (no rows)", name);
    return false;
  }
  const std::string& first = lines[0].second;
  const char sep = first.find(',') != std::string::npos
                       ? ','
                       : (first.find(';') != std::string::npos ? ';' : '\t');
  std::vector<std::string> fields = Split(first, sep);
  size_t row0 = 0;
  float probe;
  bool header = false;
  for (const std::string& f : fields) header |= !ParseNumber(f, &probe);
  if (header) {
    out->header = fields;
    row0 = 1;
  } else {
    for (size_t i = 0; i < fields.size(); ++i) out->header.push_back(std::to_string(i));
  }
  const size_t width = out->header.size();
  out->columns.assign(width, {});
  for (size_t r = row0; r < lines.size(); ++r) {
    fields = Split(lines[r].second, sep);
    if (fields.size() != width) {
      *error = fmt::format("{}:{}: {} fields, expected {}", name, lines[r].first, fields.size(),
                           width);
      return false;
    }
    for (size_t c = 0; c < width; ++c) {
      float v = 0;
      if (!ParseNumber(fields[c], &v)) {
        *error = fmt::format("{}:{}: column '{}' is not a number: \"{}\"", name, lines[r].first,
                             out->header[c], fields[c]);
        return false;
      }
      if (!std::isfinite(v)) {
        *error = fmt::format("{}:{}: column '{}' is {} (\"{}\")", name, lines[r].first,
                             out->header[c], std::isnan(v) ? "NaN" : "infinite or out of range",
                             fields[c]);
        return false;
      }
      out->columns[c].push_back(v);
    }
  }
  if (out->rows() == 0) {
    *error = fmt::format("{}: a header but no data rows", name);
    return false;
  }
  return true;
}

bool ReadCsvFile(const std::string& path, CsvTable* out, std::string* error) {
  std::string text;
  if (!ReadTextFile(path, &text, error)) return false;
  return ParseCsv(text, path, out, error);
}

}  // namespace mote::host
