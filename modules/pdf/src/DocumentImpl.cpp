#include "DocumentImpl.h"

#include <algorithm>
#include <array>

#include "TableLayout.h"
#include "ToUnicodeCMap.h"
#include "crossgrant/core/Locale.h"
#include "crossgrant/pdf/PdfError.h"

namespace crossgrant::pdf {
namespace {

constexpr Color kMuted = Color::gray(0.35f);
constexpr Color kHeadingColor = Color::rgb(23, 55, 94);
constexpr Color kFrameRule = Color::gray(0.6f);
constexpr float kRunningSize = 7.5f;
constexpr float kDraftSize = 9.0f;
constexpr Color kDraftColor = Color::rgb(180, 30, 30);
// Between the lines of a two-line footer.
constexpr float kFooterLine = 8.5f;
constexpr std::string_view kSeparator = "  \xC2\xB7  ";  // U+00B7 MIDDLE DOT

struct HeadingStyle {
  float size;
  float before;
  float after;
};
constexpr std::array<HeadingStyle, 3> kHeadings{
    {{14.0f, 12.0f, 5.0f}, {11.5f, 9.0f, 4.0f}, {10.0f, 6.0f, 3.0f}}};
// A heading needs this much room under it for the content it introduces.
constexpr float kKeepWithNext = 36.0f;

bool validTime(const Timestamp& time) {
  return core::Date::parse(time.date.toString()).has_value() && time.hour >= 0 && time.hour <= 23 &&
         time.minute >= 0 && time.minute <= 59 && time.second >= 0 && time.second <= 59;
}

}  // namespace

DocumentImpl::DocumentImpl(DocumentInfo info, const core::Labels& labels)
    : info_(std::move(info)), labels_(labels), fontFiles_(locateFonts(info_.fontDirectory)) {
  const PageSetup& page = info_.page;
  left_ = page.marginLeft;
  right_ = page.width - page.marginRight;
  top_ = page.height - page.marginTop;
  bottom_ = page.marginBottom;
  if (!(right_ - left_ >= 72.0f) || !(top_ - bottom_ >= 72.0f) || page.marginTop < 30.0f ||
      page.marginBottom < 30.0f)
    throw PdfError(
        "the page is too small for its margins (content needs at least 72 x 72 points, and "
        "the header and footer 30 points of margin each)");
  if (!validTime(info_.generatedAt))
    throw PdfError("the generation time " + info_.generatedAt.date.toString() + " " +
                   std::to_string(info_.generatedAt.hour) + ":" +
                   std::to_string(info_.generatedAt.minute) + " is not a valid time");
}

FontFace& DocumentImpl::font(FontWeight weight) {
  std::unique_ptr<FontFace>& face = weight == FontWeight::kBold ? bold_ : regular_;
  if (!face)
    face = std::make_unique<FontFace>(
        hpdf_, weight == FontWeight::kBold ? fontFiles_.bold : fontFiles_.regular);
  return *face;
}

void DocumentImpl::requireOpen(const char* what) const {
  if (finished_) throw PdfError(std::string("the document is finished: cannot add ") + what);
  if (tableOpen_) throw PdfError(std::string("a table is open: end it before adding ") + what);
}

// Drawing primitives.

void DocumentImpl::newPage() {
  if (inText_) endText();
  HPDF_Page page = HPDF_AddPage(hpdf_.get());
  hpdf_.check(page == nullptr ? HPDF_INVALID_PAGE : HPDF_OK, "adding a page");
  HPDF_Page_SetWidth(page, info_.page.width);
  HPDF_Page_SetHeight(page, info_.page.height);
  hpdf_.check("sizing a page");
  pages_.push_back(page);
  page_ = page;
  cursor_ = top_;
  textFont_ = nullptr;
  fillKnown_ = strokeKnown_ = false;
  drawRunningHeader();
}

void DocumentImpl::beginText() {
  if (inText_) return;
  hpdf_.check(HPDF_Page_BeginText(page_), "beginning text");
  inText_ = true;
}

void DocumentImpl::endText() {
  if (!inText_) return;
  inText_ = false;
  hpdf_.check(HPDF_Page_EndText(page_), "ending text");
}

void DocumentImpl::setFill(Color color) {
  if (fillKnown_ && fill_ == color) return;
  HPDF_Page_SetRGBFill(page_, color.red, color.green, color.blue);
  fill_ = color;
  fillKnown_ = true;
}

void DocumentImpl::setStroke(float lineWidth, Color color) {
  if (strokeKnown_ && lineWidth_ == lineWidth && stroke_ == color) return;
  HPDF_Page_SetLineWidth(page_, lineWidth);
  HPDF_Page_SetRGBStroke(page_, color.red, color.green, color.blue);
  lineWidth_ = lineWidth;
  stroke_ = color;
  strokeKnown_ = true;
}

void DocumentImpl::text(FontFace& face, float size, Color color, float x, float baseline,
                        std::string_view cleaned) {
  if (cleaned.empty()) return;
  // Measuring records every code point drawn, which the ToUnicode CMap must cover.
  measureUnits(cleaned, face);
  if (textFont_ != &face || textSize_ != size) {
    HPDF_Page_SetFontAndSize(page_, face.handle(), size);
    textFont_ = &face;
    textSize_ = size;
  }
  setFill(color);
  lineBuffer_.assign(cleaned);
  HPDF_Page_TextOut(page_, x, baseline, lineBuffer_.c_str());
  hpdf_.check("drawing text");
}

void DocumentImpl::fillRect(float x, float y, float width, float height, Color color) {
  setFill(color);
  HPDF_Page_Rectangle(page_, x, y, width, height);
  HPDF_Page_Fill(page_);
  hpdf_.check("filling a rectangle");
}

void DocumentImpl::strokeLine(float x1, float y1, float x2, float y2, float lineWidth,
                              Color color) {
  setStroke(lineWidth, color);
  HPDF_Page_MoveTo(page_, x1, y1);
  HPDF_Page_LineTo(page_, x2, y2);
  HPDF_Page_Stroke(page_);
  hpdf_.check("drawing a line");
}

// Running header and footer.

void DocumentImpl::drawRunningHeader() {
  FontFace& face = font(FontWeight::kRegular);
  if (!headerReady_) {
    std::string scratch;
    float side = width() * 0.48f;
    if (info_.draft) {
      const std::string mark =
          info_.draftMark.empty() ? std::string(labels_.get("engine.draft")) : info_.draftMark;
      FontFace& bold = font(FontWeight::kBold);
      draftMark_ = fitText(cleanText(mark, scratch), bold, kDraftSize, width() * 0.3f);
      draftMarkWidth_ = toPoints(measureUnits(draftMark_, bold), kDraftSize);
      side = (width() - draftMarkWidth_) / 2 - 8.0f;
    }
    headerLeft_ = fitText(cleanText(info_.project, scratch), face, kRunningSize, side);
    headerRight_ = fitText(cleanText(info_.title, scratch), face, kRunningSize, side);
    headerRightWidth_ = toPoints(measureUnits(headerRight_, face), kRunningSize);
    headerReady_ = true;
  }
  const float baseline = top_ + 16.0f;
  beginText();
  if (!draftMark_.empty())
    text(font(FontWeight::kBold), kDraftSize, kDraftColor, left_ + (width() - draftMarkWidth_) / 2,
         baseline, draftMark_);
  if (!headerLeft_.empty()) text(face, kRunningSize, kMuted, left_, baseline, headerLeft_);
  if (!headerRight_.empty())
    text(face, kRunningSize, kMuted, right_ - headerRightWidth_, baseline, headerRight_);
  endText();
  strokeLine(left_, top_ + 10.0f, right_, top_ + 10.0f, 0.5f, kFrameRule);
}

void DocumentImpl::drawFooters() {
  FontFace& face = font(FontWeight::kRegular);
  const Timestamp& at = info_.generatedAt;
  std::string left =
      labels_.format("engine.generated",
                     {{"time", core::formatDateTime(at.date, at.hour, at.minute, info_.language,
                                                    core::DateForm::kRunningText) +
                                   " UTC"}});
  std::string scratch;
  const std::string generated(cleanText(left, scratch));
  const std::string id(
      info_.documentId.empty()
          ? std::string()
          : cleanText(labels_.format("engine.document_id", {{"id", info_.documentId}}), scratch));
  if (!id.empty()) {
    left += kSeparator;
    left += id;
  }
  const std::string leftClean(cleanText(left, scratch));
  // The document ID is never cut: when the generation time, the ID and the widest page number
  // do not fit on one line, the ID goes on a second line of the whole width, smaller if even
  // that is too narrow.
  const std::string widest(
      cleanText(labels_.format("engine.page_of", {{"page", std::to_string(pages_.size())},
                                                  {"pages", std::to_string(pages_.size())}}),
                scratch));
  const float widestPage = toPoints(measureUnits(widest, face), kRunningSize);
  const bool twoLines = !id.empty() && toPoints(measureUnits(leftClean, face), kRunningSize) >
                                           width() - widestPage - 12.0f;
  const float idWidth = toPoints(measureUnits(id, face), kRunningSize);
  const float idSize = idWidth > width() ? kRunningSize * width() / idWidth : kRunningSize;
  const std::string pages = std::to_string(pages_.size());
  const float baseline = bottom_ - 24.0f;
  for (std::size_t i = 0; i < pages_.size(); ++i) {
    page_ = pages_[i];
    textFont_ = nullptr;
    fillKnown_ = strokeKnown_ = false;
    const std::string number = std::to_string(i + 1);
    const std::string pageText(
        cleanText(labels_.format("engine.page_of", {{"page", number}, {"pages", pages}}), scratch));
    const float pageWidth = toPoints(measureUnits(pageText, face), kRunningSize);
    strokeLine(left_, bottom_ - 14.0f, right_, bottom_ - 14.0f, 0.5f, kFrameRule);
    beginText();
    if (twoLines) {
      // Both lines in the bottom margin (at least 30 points): 22 and 30.5 points below it.
      const float first = bottom_ - 22.0f;
      text(face, kRunningSize, kMuted, left_, first,
           fitText(generated, face, kRunningSize, width() - pageWidth - 12.0f));
      text(face, kRunningSize, kMuted, right_ - pageWidth, first, pageText);
      text(face, idSize, kMuted, left_, std::max(first - kFooterLine, 2.0f), id);
      endText();
      continue;
    }
    text(face, kRunningSize, kMuted, left_, baseline, leftClean);
    text(face, kRunningSize, kMuted, right_ - pageWidth, baseline, pageText);
    endText();
  }
}

// Content blocks.

void DocumentImpl::heading(std::string_view text, int level) {
  requireOpen("a heading");
  const HeadingStyle& style = kHeadings[static_cast<std::size_t>(std::clamp(level, 1, 3) - 1)];
  FontFace& face = font(FontWeight::kBold);
  const std::string_view cleaned = clean(text);
  wrapText(cleaned, face, style.size, width(), lines_);
  const float lineHeight = style.size * kLeading;
  const float height = static_cast<float>(lines_.size()) * lineHeight;
  ensurePage();
  if (!fits(style.before + height + kKeepWithNext) && !atPageTop()) newPage();
  if (!atPageTop()) moveDown(style.before);
  beginText();
  for (const Line& line : lines_) {
    if (!fits(lineHeight)) {
      endText();
      newPage();
      beginText();
    }
    if (line.end > line.begin)
      this->text(face, style.size, kHeadingColor, left_, cursor_ - baselineOffset(style.size),
                 cleaned.substr(line.begin, line.end - line.begin));
    moveDown(lineHeight);
  }
  endText();
  moveDown(std::min(style.after, spaceLeft()));
}

void DocumentImpl::paragraph(std::string_view text, const TextStyle& style) {
  requireOpen("a paragraph");
  FontFace& face = font(style.weight);
  const std::string_view cleaned = clean(text);
  wrapText(cleaned, face, style.size, width(), lines_);
  const float lineHeight = style.size * kLeading;
  ensurePage();
  beginText();
  for (const Line& line : lines_) {
    if (!fits(lineHeight)) {
      endText();
      newPage();
      beginText();
    }
    if (line.end > line.begin)
      this->text(face, style.size, style.color, left_, cursor_ - baselineOffset(style.size),
                 cleaned.substr(line.begin, line.end - line.begin));
    moveDown(lineHeight);
  }
  endText();
  space(lineHeight * 0.5f);
}

void DocumentImpl::keyValues(const std::vector<KeyValue>& entries) {
  requireOpen("key-value pairs");
  TableOptions options;
  options.fontSize = 9.0f;
  options.header = false;
  options.rules = false;
  options.boldFirstColumn = true;
  tableOpen_ = true;
  TableLayout layout(*this, {{"", 0.34f, Align::kLeft}, {"", 0.66f, Align::kLeft}}, options);
  for (const KeyValue& entry : entries) {
    const std::array<std::string_view, 2> cells{entry.key, entry.value};
    layout.row(cells, RowKind::kBody);
  }
  layout.end();
}

TableWriter DocumentImpl::openTable(std::vector<TableColumn> columns) {
  requireOpen("a table");
  auto layout = std::make_unique<TableLayout>(*this, std::move(columns), TableOptions{});
  tableOpen_ = true;
  return TableWriter(std::move(layout));
}

void DocumentImpl::space(float points) {
  if (atPageTop() || points <= 0) return;
  moveDown(std::min(points, spaceLeft()));
}

// Finishing.

std::string DocumentImpl::finish() {
  requireOpen("anything more (finish was called)");
  finished_ = true;
  if (pages_.empty()) newPage();
  drawFooters();
  for (FontFace* face : {regular_.get(), bold_.get()})
    if (face != nullptr) replaceToUnicode(hpdf_, face->handle(), face->usedCodes());
  writeMetadata();
  return save();
}

void DocumentImpl::writeMetadata() {
  const HPDF_Doc doc = hpdf_.get();
  std::string scratch;
  const auto setText = [&](HPDF_InfoType type, const std::string& value) {
    std::string cleaned(cleanText(value, scratch));
    std::replace(cleaned.begin(), cleaned.end(), '\n', ' ');
    if (!cleaned.empty()) HPDF_SetInfoAttr(doc, type, cleaned.c_str());
  };
  setText(HPDF_INFO_TITLE, info_.title);
  setText(HPDF_INFO_SUBJECT, info_.subject);
  setText(HPDF_INFO_AUTHOR, "crossgrant");
  setText(HPDF_INFO_CREATOR, "crossgrant");
  const Timestamp& at = info_.generatedAt;
  HPDF_Date date{at.date.year, at.date.month, at.date.day, at.hour, at.minute,
                 at.second,    'Z',           0,           0};
  HPDF_SetInfoDateAttr(doc, HPDF_INFO_CREATION_DATE, date);
  HPDF_SetInfoDateAttr(doc, HPDF_INFO_MOD_DATE, date);
  hpdf_.check("writing the document information");
}

std::string DocumentImpl::save() {
  const HPDF_Doc doc = hpdf_.get();
  hpdf_.check(HPDF_SaveToStream(doc), "saving the document");
  const HPDF_UINT32 size = HPDF_GetStreamSize(doc);
  std::string bytes(size, '\0');
  HPDF_UINT32 read = size;
  const HPDF_STATUS status =
      HPDF_ReadFromStream(doc, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &read);
  if (status == HPDF_STREAM_EOF && read == size) {
    hpdf_.forgive(HPDF_STREAM_EOF);
  } else {
    hpdf_.check(status, "reading the saved document");
  }
  if (read != size) throw PdfError("libharu returned a truncated document");
  return bytes;
}

}  // namespace crossgrant::pdf
