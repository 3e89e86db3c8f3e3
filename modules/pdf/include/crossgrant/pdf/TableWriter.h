// Tables, written row by row so that a table of any length streams onto the pages without
// being held in memory. The header row repeats at the top of every page the table reaches;
// a row moves to the next page whole unless it is taller than a page, and then it is split
// between lines of text, never through one. Cell text wraps within its column.
#pragma once

#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/pdf/Style.h"

namespace crossgrant::pdf {

class DocumentImpl;
class TableLayout;

struct TableColumn {
  std::string title;
  float width = 1.0f;          ///< share of the table's width, relative to the other columns
  Align align = Align::kLeft;  ///< numeric columns: Align::kRight
};

enum class RowKind {
  kBody,
  kEmphasis,  ///< bold, e.g. a partner's subtotal
  kTotal,     ///< bold under a heavier rule: the table's total
};

class TableWriter {
 public:
  TableWriter(TableWriter&& other) noexcept;
  TableWriter& operator=(TableWriter&&) = delete;
  /// Ends the table if end() was not called, as end() does, except that a table without
  /// rows is left out rather than drawn as a lone header row.
  ~TableWriter();

  /// One row; missing cells are empty, extra cells are an error (PdfError).
  void row(std::span<const std::string_view> cells, RowKind kind = RowKind::kBody);
  void row(std::initializer_list<std::string_view> cells, RowKind kind = RowKind::kBody);
  void row(const std::vector<std::string>& cells, RowKind kind = RowKind::kBody);
  /// Closes the table; the document continues below it.
  void end();

 private:
  friend class DocumentImpl;
  explicit TableWriter(std::unique_ptr<TableLayout> layout);

  std::unique_ptr<TableLayout> layout_;
};

}  // namespace crossgrant::pdf
