// A spreadsheet as crossgrant reads it (docs/spreadsheets.md), whether it came as CSV or XLSX:
// its non-empty rows, each with the number the spreadsheet gives it (the header is row 1), and
// each cell as text with what kind of value it held. What a column means is the reader's.
#pragma once

#include <string>
#include <vector>

namespace crossgrant::sheets {

struct Cell {
  enum class Kind { kEmpty, kText, kNumber, kDate, kBoolean };
  Kind kind = Kind::kEmpty;
  /// Text as written; a number as the shortest decimal that gives back its stored value
  /// ("12", "1234.5"); a date "YYYY-MM-DD"; a boolean "true" or "false"; "" when empty.
  std::string value;

  bool empty() const { return kind == Kind::kEmpty; }
  bool operator==(const Cell&) const = default;
};

struct Row {
  int number = 0;  ///< as the spreadsheet numbers it: 1 is the first row
  std::vector<Cell> cells;
  bool operator==(const Row&) const = default;
};

struct Sheet {
  std::vector<Row> rows;  ///< in order, rows without any value left out
};

/// A column's letter as spreadsheets name it: 0 → "A", 26 → "AA".
std::string columnName(std::size_t index);

}  // namespace crossgrant::sheets
