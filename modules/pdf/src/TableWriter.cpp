#include "crossgrant/pdf/TableWriter.h"

#include <iterator>

#include "TableLayout.h"
#include "crossgrant/pdf/PdfError.h"

namespace crossgrant::pdf {

TableWriter::TableWriter(std::unique_ptr<TableLayout> layout) : layout_(std::move(layout)) {}

TableWriter::TableWriter(TableWriter&& other) noexcept = default;

TableWriter::~TableWriter() {
  if (layout_) layout_->abandon();
}

void TableWriter::row(std::span<const std::string_view> cells, RowKind kind) {
  layout_->row(cells, kind);
}

void TableWriter::row(std::initializer_list<std::string_view> cells, RowKind kind) {
  layout_->row(std::span<const std::string_view>(cells.begin(), cells.size()), kind);
}

void TableWriter::row(const std::vector<std::string>& cells, RowKind kind) {
  std::string_view views[64];
  if (cells.size() > std::size(views)) throw PdfError("a table row has more than 64 cells");
  for (std::size_t i = 0; i < cells.size(); ++i) views[i] = cells[i];
  layout_->row(std::span<const std::string_view>(views, cells.size()), kind);
}

void TableWriter::end() { layout_->end(); }

}  // namespace crossgrant::pdf
