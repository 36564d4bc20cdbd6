#include "hearth/importer/csv.h"

#include <charconv>
#include <fstream>
#include <sstream>

namespace hearth {
namespace {

// Well-formed UTF-8 (RFC 3629): no overlong forms, surrogates or code points
// above U+10FFFF.
bool IsUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    int len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // Range of the second byte.
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      if (b == 0xE0) lo = 0xA0;
      if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (n - i < static_cast<size_t>(len)) return false;
    for (int k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if (k == 1 ? (c < lo || c > hi) : (c < 0x80 || c > 0xBF)) return false;
    }
    i += len;
  }
  return true;
}

}  // namespace

Result<CsvTable> CsvTable::Parse(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  CsvTable table;
  std::vector<std::vector<std::string>> records;
  std::vector<int> record_lines;
  std::vector<std::string> fields;
  std::string field;
  int line = 1;
  int record_line = 1;
  size_t i = 0;
  const size_t n = text.size();
  bool any = false;
  auto end_record = [&] {
    fields.push_back(std::move(field));
    field.clear();
    records.push_back(std::move(fields));
    record_lines.push_back(record_line);
    fields.clear();
    any = false;
  };
  while (i < n) {
    char c = text[i];
    if (!any) record_line = line;
    any = true;
    if (c == '"' && field.empty()) {
      // Quoted field.
      ++i;
      bool closed = false;
      while (i < n) {
        char q = text[i];
        if (q == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        if (q == '\n') ++line;
        field.push_back(q);
        ++i;
      }
      if (!closed) {
        return Status::InvalidArgument("line " + std::to_string(record_line),
                                       "unterminated quoted field");
      }
      if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
        return Status::InvalidArgument("line " + std::to_string(line),
                                       "unexpected character after closing quote");
      }
      continue;
    }
    if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      ++i;
      continue;
    }
    if (c == '\r' && i + 1 < n && text[i + 1] == '\n') {
      ++i;
      continue;
    }
    if (c == '\n') {
      end_record();
      ++line;
      ++i;
      continue;
    }
    if (c == '"') {
      return Status::InvalidArgument(
          "line " + std::to_string(line) + ", column " + std::to_string(fields.size() + 1),
          "quote inside an unquoted field");
    }
    field.push_back(c);
    ++i;
  }
  if (any) end_record();
  if (records.empty()) return Status::InvalidArgument("empty CSV: no header line");
  for (size_t r = 0; r < records.size(); ++r) {
    for (size_t c = 0; c < records[r].size(); ++c) {
      if (!IsUtf8(records[r][c])) {
        return Status::InvalidArgument(
            "line " + std::to_string(record_lines[r]) + ", column " + std::to_string(c + 1),
            "not valid UTF-8");
      }
    }
  }
  table.header_ = std::move(records[0]);
  for (size_t r = 1; r < records.size(); ++r) {
    // A blank line is a single empty field: skip it.
    if (records[r].size() == 1 && records[r][0].empty()) continue;
    table.rows_.push_back({record_lines[r], std::move(records[r])});
  }
  return table;
}

Result<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open file", path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::Unavailable("cannot read file", path);
  return ss.str();
}

Result<CsvTable> CsvTable::ReadFile(const std::string& path) {
  HEARTH_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  Result<CsvTable> t = Parse(text);
  if (!t.ok()) return t.status().WithContext(path);
  return t;
}

std::optional<int> CsvTable::Column(std::string_view name) const {
  for (size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return static_cast<int>(i);
  }
  return std::nullopt;
}

Result<int> CsvTable::RequireColumn(std::string_view name) const {
  auto c = Column(name);
  if (!c) return Status::InvalidArgument("missing column", name);
  return *c;
}

Status CsvRowError(std::string_view file, const CsvRow& row, std::string_view column,
                   std::string_view problem) {
  return Status::InvalidArgument(std::string(file) + " line " + std::to_string(row.line) +
                                 ": column " + std::string(column) + ": " + std::string(problem));
}

std::optional<double> ParseNumber(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  double v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return v;
}

std::string CsvEscape(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace hearth
