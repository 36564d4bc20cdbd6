// An RFC 4180 CSV reader that keeps track of where each field came from, so
// that every import error can name its line and column. (A small reader of our
// own: Debian's C CSV libraries report neither line numbers of multi-line
// records nor column positions.)
//
// Thread safety: a CsvTable is a plain value.
#ifndef HEARTH_IMPORTER_CSV_H_
#define HEARTH_IMPORTER_CSV_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hearth/result.h"

namespace hearth {

struct CsvRow {
  int line = 0;  // 1-based physical line where the record starts.
  std::vector<std::string> fields;
};

class CsvTable {
 public:
  // Parses `text` (UTF-8; "\n" or "\r\n" line ends; a leading BOM is skipped).
  // The first record is the header. Fails on an unterminated quote or a quote
  // inside an unquoted field, naming the line, and on a field that is not
  // valid UTF-8, naming its line and column.
  static Result<CsvTable> Parse(std::string_view text);
  // Reads and parses a file; errors are prefixed with the path.
  static Result<CsvTable> ReadFile(const std::string& path);

  const std::vector<std::string>& header() const { return header_; }
  const std::vector<CsvRow>& rows() const { return rows_; }
  // Index of the named column, or nullopt.
  std::optional<int> Column(std::string_view name) const;
  // Index of the named column, or an InvalidArgument error naming it.
  Result<int> RequireColumn(std::string_view name) const;

 private:
  std::vector<std::string> header_;
  std::vector<CsvRow> rows_;
};

// The error for a bad field: "FILE line N: column C: problem".
Status CsvRowError(std::string_view file, const CsvRow& row, std::string_view column,
                   std::string_view problem);

// Parses a decimal number; nullopt for empty or malformed text (no trailing junk).
std::optional<double> ParseNumber(std::string_view text);

// Quotes a field for CSV output when needed (RFC 4180).
std::string CsvEscape(std::string_view field);

// Reads a whole file into a string.
Result<std::string> ReadTextFile(const std::string& path);

}  // namespace hearth

#endif  // HEARTH_IMPORTER_CSV_H_
