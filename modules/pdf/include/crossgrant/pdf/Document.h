// A PDF document laid out from top to bottom: headings, paragraphs, key-value blocks, tables
// and charts flow onto pages that are added as they fill. Every page carries the running
// header (project, the draft mark of a draft, report title) and footer (generation time,
// document ID, "page X of Y"; the document ID on a line of its own when both do not fit);
// footers are drawn by finish(), when the page count is known. Text is UTF-8 in embedded
// DejaVu Sans (regular and bold), with a ToUnicode CMap that readers parse without warnings,
// so what is drawn extracts byte-exact. Code points outside the Basic Multilingual Plane and
// malformed UTF-8 draw as U+FFFD; tabs become spaces; other control characters are dropped.
//
// Thread safety: a Document is used by one thread at a time; any number of Documents may be
// rendered at once on different threads (each has its own libharu document and fonts, and
// nothing mutable is shared). Errors throw PdfError; a Document that threw is left unusable.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/core/Date.h"
#include "crossgrant/core/Labels.h"
#include "crossgrant/core/Locale.h"
#include "crossgrant/pdf/Chart.h"
#include "crossgrant/pdf/Style.h"
#include "crossgrant/pdf/TableWriter.h"

namespace crossgrant::pdf {

class DocumentImpl;

/// A moment in UTC, to the second.
struct Timestamp {
  core::Date date;
  int hour = 0;
  int minute = 0;
  int second = 0;
};

struct DocumentInfo {
  std::string title;       ///< the report's title: page header and the PDF Title
  std::string project;     ///< page header, e.g. "LLI-317 SocQuality"
  std::string subject;     ///< the PDF Subject; may be empty
  std::string documentId;  ///< page footer, e.g. the report's ID; printed whole on every page
  /// A draft: every page's running header carries draftMark, in bold red, between the project
  /// and the title.
  bool draft = false;
  /// The draft mark, e.g. "DRAFT"; empty: the label engine.draft.
  std::string draftMark;
  /// Page footer and the PDF CreationDate. Given by the caller, so that the same input always
  /// renders the same bytes.
  Timestamp generatedAt;
  core::Language language = core::Language::kEn;
  PageSetup page = PageSetup::a4Portrait();
  /// Where DejaVuSans.ttf and DejaVuSans-Bold.ttf are; empty: see locateFonts().
  std::string fontDirectory;
};

struct KeyValue {
  std::string key;
  std::string value;
};

class Document {
 public:
  /// Labels must outlive the Document; the engine reads engine.page_of, engine.generated,
  /// engine.document_id and engine.draft from them.
  Document(DocumentInfo info, const core::Labels& labels);
  ~Document();
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  const DocumentInfo& info() const;
  const core::Labels& labels() const;
  core::Language language() const { return info().language; }

  /// A bold heading, level 1 (largest) to 3, kept on the same page as what follows it.
  void heading(std::string_view text, int level = 1);
  /// Text wrapped to the content width, breaking across pages between lines. '\n' breaks a
  /// line; an empty line ("\n\n") leaves a blank line.
  void paragraph(std::string_view text, const TextStyle& style = {});
  /// Label and value pairs in two columns; a pair never splits across pages.
  void keyValues(const std::vector<KeyValue>& entries);
  /// Starts a table; rows go through the returned writer until TableWriter::end(). While a
  /// table is open, nothing else may be added to the document.
  TableWriter table(std::vector<TableColumn> columns);
  void barChart(const BarChart& chart);
  void progressChart(const ProgressChart& chart);
  /// Vertical space; at the top of a page it is dropped.
  void space(float points);
  /// The next content starts on a new page (no blank pages: a break on an empty page is
  /// ignored).
  void pageBreak();

  /// Pages so far.
  int pageCount() const;
  /// Height left on the current page, in points.
  float spaceLeft() const;
  /// Content width, in points.
  float contentWidth() const;

  /// Draws footers, completes the fonts' CMaps and returns the PDF. Call once; afterwards the
  /// Document accepts nothing more.
  std::string finish();

 private:
  std::unique_ptr<DocumentImpl> impl_;
};

}  // namespace crossgrant::pdf
