// The state behind a Document: the libharu document, its fonts, the pages and the cursor that
// content flows down, and the few drawing primitives everything else is built from. Shared by
// Document, TableLayout and the chart drawing (whose methods live in Charts.cpp); private to
// the engine. Not thread-safe.
#pragma once

#include <hpdf.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "FontFace.h"
#include "HpdfDoc.h"
#include "TextLayout.h"
#include "crossgrant/core/Labels.h"
#include "crossgrant/pdf/Chart.h"
#include "crossgrant/pdf/Document.h"
#include "crossgrant/pdf/FontLocator.h"
#include "crossgrant/pdf/Style.h"
#include "crossgrant/pdf/TableWriter.h"

namespace crossgrant::pdf {

/// Line height as a multiple of the font size.
inline constexpr float kLeading = 1.2f;

/// Distance from the top of a line box to the baseline, for DejaVu Sans (ascent 0.928 em,
/// descent 0.236 em) centred in a kLeading line.
inline constexpr float baselineOffset(float size) {
  return (kLeading - 1.164f) / 2.0f * size + 0.928f * size;
}

class DocumentImpl {
 public:
  DocumentImpl(DocumentInfo info, const core::Labels& labels);

  const DocumentInfo& info() const { return info_; }
  const core::Labels& labels() const { return labels_; }
  HpdfDoc& hpdf() { return hpdf_; }

  // The flow. Coordinates are PDF points from the bottom-left corner of the page.
  float left() const { return left_; }
  float right() const { return right_; }
  float width() const { return right_ - left_; }
  float contentTop() const { return top_; }
  float contentHeight() const { return top_ - bottom_; }
  float cursor() const { return cursor_; }
  /// Height left on the current page (the whole content height before the first page).
  float spaceLeft() const { return page_ == nullptr ? top_ - bottom_ : cursor_ - bottom_; }
  bool fits(float height) const { return page_ != nullptr && cursor_ - height >= bottom_ - 0.01f; }
  bool atPageTop() const { return page_ == nullptr || cursor_ >= top_ - 0.01f; }
  void moveDown(float height) { cursor_ -= height; }
  int pageCount() const { return static_cast<int>(pages_.size()); }

  /// Starts a page if there is none (first content, or after pageBreak()).
  void ensurePage() {
    if (page_ == nullptr) newPage();
  }
  /// A new page with its running header; the cursor at the top of its content box.
  void newPage();
  /// The next content starts a new page.
  void breakPage() {
    if (!atPageTop()) page_ = nullptr;
  }
  /// Starts a new page unless `height` fits on the current one (or the page is empty).
  void ensureSpace(float height) {
    ensurePage();
    if (!fits(height) && !atPageTop()) newPage();
  }

  // Content blocks.
  void heading(std::string_view text, int level);
  void paragraph(std::string_view text, const TextStyle& style);
  void keyValues(const std::vector<KeyValue>& entries);
  TableWriter openTable(std::vector<TableColumn> columns);
  void closeTable() { tableOpen_ = false; }
  void barChart(const BarChart& chart);
  void progressChart(const ProgressChart& chart);
  void space(float points);
  std::string finish();
  /// Throws PdfError when a table is open or the document is finished.
  void requireOpen(const char* what) const;

  // Fonts and text.
  FontFace& font(FontWeight weight);
  /// Clean UTF-8 of `text` (see cleanText), using the shared scratch buffer: valid until the
  /// next call.
  std::string_view clean(std::string_view text) { return cleanText(text, scratch_); }

  // Drawing on the current page. Text goes between beginText() and endText(); shapes outside.
  void beginText();
  void endText();
  /// Cleaned text with its baseline starting at (x, baseline); nothing for empty text.
  void text(FontFace& face, float size, Color color, float x, float baseline,
            std::string_view cleaned);
  void fillRect(float x, float y, float width, float height, Color color);
  void strokeLine(float x1, float y1, float x2, float y2, float lineWidth, Color color);

 private:
  void drawRunningHeader();
  void drawFooters();
  void setFill(Color color);
  void setStroke(float lineWidth, Color color);
  void writeMetadata();
  std::string save();
  /// A chart's title and legend (series swatches with names).
  void chartTitle(std::string_view title, const std::vector<ChartSeries>& legend);
  float legendHeight(const std::vector<ChartSeries>& legend);
  void drawLegend(const std::vector<ChartSeries>& legend);

  HpdfDoc hpdf_;
  DocumentInfo info_;
  const core::Labels& labels_;
  FontFiles fontFiles_;
  std::unique_ptr<FontFace> regular_;
  std::unique_ptr<FontFace> bold_;

  float left_ = 0;
  float right_ = 0;
  float top_ = 0;
  float bottom_ = 0;
  std::vector<HPDF_Page> pages_;
  HPDF_Page page_ = nullptr;
  float cursor_ = 0;

  bool tableOpen_ = false;
  bool finished_ = false;

  // Per-page drawing state, to skip redundant operators.
  bool inText_ = false;
  FontFace* textFont_ = nullptr;
  float textSize_ = 0;
  bool fillKnown_ = false;
  Color fill_{};
  bool strokeKnown_ = false;
  float lineWidth_ = 0;
  Color stroke_{};

  // The running header, fitted once: project at the left, title at the right, the draft mark
  // of a draft between them.
  bool headerReady_ = false;
  std::string headerLeft_;
  std::string headerRight_;
  float headerRightWidth_ = 0;
  std::string draftMark_;  // fitted, empty unless a draft
  float draftMarkWidth_ = 0;

  std::string scratch_;
  std::string lineBuffer_;
  std::vector<Line> lines_;
};

}  // namespace crossgrant::pdf
