// The table engine behind TableWriter (and key-value blocks): lays each row out (cleans,
// measures and wraps every cell), moves it to the next page whole when it does not fit,
// splits it between text lines only when it is taller than a page, and repeats the header row
// at the top of every page. Buffers are reused from row to row, so a long table allocates
// almost nothing per row. Not thread-safe; belongs to one document.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "DocumentImpl.h"
#include "TextLayout.h"
#include "crossgrant/pdf/TableWriter.h"

namespace crossgrant::pdf {

struct TableOptions {
  float fontSize = 8.0f;
  bool header = true;  ///< draw and repeat the header row
  bool rules = true;   ///< a rule under every row
  bool boldFirstColumn = false;
};

class TableLayout {
 public:
  TableLayout(DocumentImpl& doc, std::vector<TableColumn> columns, TableOptions options);
  TableLayout(const TableLayout&) = delete;
  TableLayout& operator=(const TableLayout&) = delete;

  void row(std::span<const std::string_view> cells, RowKind kind);
  /// Draws the header if no row was written, then gives the document back. Idempotent.
  void end();
  /// Gives the document back without drawing anything (a table without rows is left out).
  /// Never throws.
  void abandon();

 private:
  struct Cell {
    std::string scratch;    // the cleaned text when the input was not clean
    std::string_view text;  // cleaned text: the input itself or scratch
    std::vector<Line> lines;
  };

  /// Widens the columns whose header has a word wider than the column, taking the width from
  /// the widest columns.
  void fitHeaderWords();
  /// Lays out cells into `row` and returns its line count.
  int layout(std::span<const std::string_view> cells, RowKind kind, std::vector<Cell>& row);
  float sliceHeight(int lines) const { return static_cast<float>(lines) * lineHeight_ + 2 * kPadY; }
  /// Lines [from, to) of every cell, at the cursor, which then moves below them.
  void drawSlice(const std::vector<Cell>& row, int from, int to, RowKind kind, bool isHeader);
  void drawHeader();
  void newPageWithHeader();
  FontFace& cellFont(RowKind kind, std::size_t column, bool isHeader);

  static constexpr float kPadX = 3.0f;
  static constexpr float kPadY = 2.2f;

  DocumentImpl& doc_;
  std::vector<TableColumn> columns_;
  TableOptions options_;
  float lineHeight_;
  std::vector<float> x_;
  std::vector<float> widths_;
  std::vector<Cell> header_;
  int headerLines_ = 0;
  std::vector<Cell> cells_;
  bool started_ = false;
  bool ended_ = false;
};

}  // namespace crossgrant::pdf
