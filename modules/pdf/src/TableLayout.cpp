#include "TableLayout.h"

#include <algorithm>
#include <cmath>

#include "crossgrant/pdf/PdfError.h"

namespace crossgrant::pdf {
namespace {

constexpr Color kHeaderBackground = Color::gray(0.88f);
constexpr Color kRule = Color::gray(0.78f);
constexpr Color kStrongRule = Color::gray(0.25f);
constexpr Color kText{};
constexpr float kRuleWidth = 0.4f;
constexpr float kStrongRuleWidth = 0.8f;

}  // namespace

TableLayout::TableLayout(DocumentImpl& doc, std::vector<TableColumn> columns, TableOptions options)
    : doc_(doc),
      columns_(std::move(columns)),
      options_(options),
      lineHeight_(options.fontSize * kLeading) {
  if (columns_.empty()) throw PdfError("a table needs at least one column");
  float total = 0;
  for (const TableColumn& column : columns_) {
    if (!(column.width > 0)) throw PdfError("table column \"" + column.title + "\" has no width");
    total += column.width;
  }
  for (const TableColumn& column : columns_) widths_.push_back(doc_.width() * column.width / total);
  if (options_.header) fitHeaderWords();
  float x = doc_.left();
  for (const float width : widths_) {
    x_.push_back(x);
    x += width;
  }
  header_.resize(columns_.size());
  cells_.resize(columns_.size());
  if (options_.header) {
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      Cell& cell = header_[c];
      cell.text = cleanText(columns_[c].title, cell.scratch);
      wrapText(cell.text, doc_.font(FontWeight::kBold), options_.fontSize, widths_[c] - 2 * kPadX,
               cell.lines);
      headerLines_ = std::max(headerLines_, static_cast<int>(cell.lines.size()));
    }
  }
}

// Every column at least as wide as the widest word of its header plus the cell padding, so
// that no header word breaks: the width a narrow column lacks comes from the widest columns,
// which give it up down to a common width (never below their own header's need). When the
// headers' needs exceed the table's width, the columns get their needs scaled down to fit.
void TableLayout::fitHeaderWords() {
  FontFace& bold = doc_.font(FontWeight::kBold);
  std::vector<float> need(columns_.size(), 0.0f);
  std::string scratch;
  float needed = 0;
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    const std::string_view title = cleanText(columns_[c].title, scratch);
    std::size_t start = 0;
    while (start <= title.size()) {
      std::size_t stop = title.find_first_of(" \n", start);
      if (stop == std::string_view::npos) stop = title.size();
      if (stop > start)
        need[c] = std::max(need[c], toPoints(measureUnits(title.substr(start, stop - start), bold),
                                             options_.fontSize));
      start = stop + 1;
    }
    // A little more than the padding, so that rounding in the wrapper never breaks the word.
    need[c] += 2 * kPadX + 0.5f;
    needed += need[c];
  }
  const float available = doc_.width();
  if (needed >= available) {
    for (std::size_t c = 0; c < columns_.size(); ++c) widths_[c] = need[c] * available / needed;
    return;
  }
  float lacking = 0;
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (widths_[c] < need[c]) {
      lacking += need[c] - widths_[c];
      widths_[c] = need[c];
    }
  }
  if (lacking <= 0) return;
  // The common width `level` the wide columns shrink to: what they give up above it,
  // max(0, width - max(level, need)), adds up to what the narrow ones lack.
  const auto givenUp = [&](float level) {
    float sum = 0;
    for (std::size_t c = 0; c < columns_.size(); ++c)
      sum += std::max(0.0f, widths_[c] - std::max(level, need[c]));
    return sum;
  };
  float low = 0;
  float high = *std::max_element(widths_.begin(), widths_.end());
  for (int i = 0; i < 60; ++i) {
    const float middle = (low + high) / 2;
    (givenUp(middle) > lacking ? low : high) = middle;
  }
  float sum = 0;
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    widths_[c] = std::min(widths_[c], std::max(high, need[c]));
    sum += widths_[c];
  }
  // What the search leaves over (a fraction of a point) goes to the widest column.
  const auto widest = std::max_element(widths_.begin(), widths_.end());
  *widest += available - sum;
}

FontFace& TableLayout::cellFont(RowKind kind, std::size_t column, bool isHeader) {
  const bool bold = isHeader || kind != RowKind::kBody || (options_.boldFirstColumn && column == 0);
  return doc_.font(bold ? FontWeight::kBold : FontWeight::kRegular);
}

int TableLayout::layout(std::span<const std::string_view> cells, RowKind kind,
                        std::vector<Cell>& row) {
  if (cells.size() > columns_.size())
    throw PdfError("a table row has " + std::to_string(cells.size()) + " cells for " +
                   std::to_string(columns_.size()) + " columns");
  int lines = 1;
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    Cell& cell = row[c];
    const std::string_view input = c < cells.size() ? cells[c] : std::string_view{};
    cell.text = cleanText(input, cell.scratch);
    wrapText(cell.text, cellFont(kind, c, false), options_.fontSize, widths_[c] - 2 * kPadX,
             cell.lines);
    lines = std::max(lines, static_cast<int>(cell.lines.size()));
  }
  return lines;
}

void TableLayout::drawSlice(const std::vector<Cell>& row, int from, int to, RowKind kind,
                            bool isHeader) {
  const float top = doc_.cursor();
  const float height = sliceHeight(to - from);
  const float bottom = top - height;
  if (isHeader) doc_.fillRect(doc_.left(), bottom, doc_.width(), height, kHeaderBackground);
  if (kind == RowKind::kTotal && !isHeader)
    doc_.strokeLine(doc_.left(), top, doc_.right(), top, kStrongRuleWidth, kStrongRule);

  doc_.beginText();
  const float firstBaseline = top - kPadY - baselineOffset(options_.fontSize);
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    const Cell& cell = row[c];
    const int last = std::min(to, static_cast<int>(cell.lines.size()));
    if (from >= last) continue;
    FontFace& face = cellFont(kind, c, isHeader);
    const Align align = columns_[c].align;
    for (int i = from; i < last; ++i) {
      const Line& line = cell.lines[static_cast<std::size_t>(i)];
      if (line.end == line.begin) continue;
      float x = x_[c] + kPadX;
      if (align != Align::kLeft) {
        const float slack = widths_[c] - 2 * kPadX - toPoints(line.units, options_.fontSize);
        x += align == Align::kRight ? slack : slack / 2;
      }
      doc_.text(face, options_.fontSize, kText, x,
                firstBaseline - static_cast<float>(i - from) * lineHeight_,
                cell.text.substr(line.begin, line.end - line.begin));
    }
  }
  doc_.endText();

  if (isHeader) {
    doc_.strokeLine(doc_.left(), bottom, doc_.right(), bottom, kStrongRuleWidth, kStrongRule);
  } else if (options_.rules) {
    doc_.strokeLine(doc_.left(), bottom, doc_.right(), bottom, kRuleWidth, kRule);
  }
  doc_.moveDown(height);
}

void TableLayout::drawHeader() {
  if (!options_.header) return;
  drawSlice(header_, 0, headerLines_, RowKind::kBody, true);
}

void TableLayout::newPageWithHeader() {
  doc_.newPage();
  drawHeader();
}

void TableLayout::row(std::span<const std::string_view> cells, RowKind kind) {
  if (ended_) throw PdfError("a row was added to a table after its end");
  const int lines = layout(cells, kind, cells_);
  const float headerHeight = options_.header ? sliceHeight(headerLines_) : 0.0f;
  const float height = sliceHeight(lines);
  const float capacity = doc_.contentHeight() - headerHeight;
  if (!started_) {
    started_ = true;
    // The header never stands alone at the foot of a page: the first row comes with it, or
    // the first line of a row taller than a page.
    doc_.ensureSpace(headerHeight + (height <= capacity ? height : sliceHeight(1)));
    drawHeader();
  }
  if (doc_.fits(height)) {
    drawSlice(cells_, 0, lines, kind, false);
    return;
  }
  if (height <= capacity) {
    newPageWithHeader();
    drawSlice(cells_, 0, lines, kind, false);
    return;
  }
  // Taller than a page: split between lines, as many as fit on each page.
  int from = 0;
  while (from < lines) {
    const int fit =
        static_cast<int>(std::floor((doc_.spaceLeft() - 2 * kPadY + 0.01f) / lineHeight_));
    if (fit < 1) {
      newPageWithHeader();
      continue;
    }
    const int to = std::min(lines, from + fit);
    drawSlice(cells_, from, to, kind, false);
    from = to;
    if (from < lines) newPageWithHeader();
  }
}

void TableLayout::abandon() {
  if (ended_) return;
  ended_ = true;
  doc_.closeTable();
  if (started_) doc_.space(options_.fontSize * 0.8f);
}

void TableLayout::end() {
  if (ended_) return;
  ended_ = true;
  doc_.closeTable();
  if (!started_ && options_.header) {
    doc_.ensureSpace(sliceHeight(headerLines_));
    drawHeader();
  }
  doc_.space(options_.fontSize * 0.8f);
}

}  // namespace crossgrant::pdf
