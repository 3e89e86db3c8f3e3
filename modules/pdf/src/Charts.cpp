// Bar, stacked-bar and progress charts, drawn with libharu's rectangles and lines. A chart is
// a title, a legend and one row per category; rows move to the next page whole, and the
// legend repeats there.
#include <algorithm>
#include <cstdint>

#include "DocumentImpl.h"
#include "crossgrant/pdf/PdfError.h"

namespace crossgrant::pdf {
namespace {

constexpr float kTitleSize = 9.5f;
constexpr float kLabelSize = 8.0f;
constexpr float kValueSize = 7.5f;
constexpr float kSwatch = 7.0f;
constexpr float kRowPadding = 3.0f;
constexpr float kBar = 8.0f;
constexpr float kStackedBar = 10.0f;
constexpr float kBarGap = 2.0f;
constexpr float kProgressBar = 8.0f;
constexpr Color kAxis = Color::gray(0.45f);
constexpr Color kTrack = Color::gray(0.9f);
constexpr Color kText{};

// Widths of the parts of a chart row: label | gap | bars | value labels.
struct RowGeometry {
  float labelWidth;
  float barX;
  float barWidth;
};

// A category label wrapped into the label column, kept as owned text.
struct WrappedLabel {
  std::string text;
  std::vector<Line> lines;
};

WrappedLabel wrapLabel(std::string_view label, FontFace& face, float width) {
  WrappedLabel wrapped;
  std::string scratch;
  wrapped.text = std::string(cleanText(label, scratch));
  wrapText(wrapped.text, face, kLabelSize, width, wrapped.lines);
  return wrapped;
}

float valueColumnWidth(DocumentImpl& doc, const std::vector<std::string>& labels) {
  FontFace& face = doc.font(FontWeight::kRegular);
  std::string scratch;
  float widest = 0;
  for (const std::string& label : labels)
    widest = std::max(widest, toPoints(measureUnits(cleanText(label, scratch), face), kValueSize));
  return std::min(widest + 6.0f, doc.width() * 0.3f);
}

RowGeometry rowGeometry(DocumentImpl& doc, float valueWidth) {
  const float labelWidth = doc.width() * 0.3f;
  const float barX = doc.left() + labelWidth + 6.0f;
  return {labelWidth, barX, std::max(doc.right() - valueWidth - barX, 20.0f)};
}

float scaled(std::int64_t value, std::int64_t max, float length) {
  if (value <= 0 || max <= 0) return 0;
  if (value >= max) return length;
  return static_cast<float>(static_cast<double>(value) / static_cast<double>(max)) * length;
}

}  // namespace

float DocumentImpl::legendHeight(const std::vector<ChartSeries>& legend) {
  if (legend.empty()) return 0;
  FontFace& face = font(FontWeight::kRegular);
  std::string scratch;
  float x = left_;
  int rows = 1;
  for (const ChartSeries& series : legend) {
    const float itemWidth =
        kSwatch + 3.0f + toPoints(measureUnits(cleanText(series.name, scratch), face), kLabelSize);
    if (x > left_ && x + itemWidth > right_) {
      ++rows;
      x = left_;
    }
    x += itemWidth + 12.0f;
  }
  return static_cast<float>(rows) * kLabelSize * kLeading + 4.0f;
}

void DocumentImpl::drawLegend(const std::vector<ChartSeries>& legend) {
  if (legend.empty()) return;
  FontFace& face = font(FontWeight::kRegular);
  const float lineHeight = kLabelSize * kLeading;
  struct Item {
    float x;
    float top;
    std::string name;
  };
  std::vector<Item> items;
  std::string scratch;
  float x = left_;
  float top = cursor_;
  for (const ChartSeries& series : legend) {
    std::string name(cleanText(series.name, scratch));
    const float itemWidth = kSwatch + 3.0f + toPoints(measureUnits(name, face), kLabelSize);
    if (x > left_ && x + itemWidth > right_) {
      x = left_;
      top -= lineHeight;
    }
    fillRect(x, top - (lineHeight + kSwatch) / 2, kSwatch, kSwatch, series.color);
    items.push_back({x + kSwatch + 3.0f, top, std::move(name)});
    x += itemWidth + 12.0f;
  }
  beginText();
  for (const Item& item : items)
    text(face, kLabelSize, kText, item.x, item.top - baselineOffset(kLabelSize), item.name);
  endText();
  moveDown(legendHeight(legend));
}

void DocumentImpl::chartTitle(std::string_view title, const std::vector<ChartSeries>& legend) {
  if (!title.empty()) {
    FontFace& face = font(FontWeight::kBold);
    const std::string fitted = fitText(clean(title), face, kTitleSize, width());
    beginText();
    text(face, kTitleSize, kText, left_, cursor_ - baselineOffset(kTitleSize), fitted);
    endText();
    moveDown(kTitleSize * kLeading + 2.0f);
  }
  drawLegend(legend);
}

void DocumentImpl::barChart(const BarChart& chart) {
  requireOpen("a chart");
  const std::size_t seriesCount = chart.series.size();
  if (seriesCount == 0) throw PdfError("bar chart \"" + chart.title + "\" has no series");
  std::vector<std::string> valueLabels;
  std::int64_t max = 0;
  for (const BarGroup& group : chart.groups) {
    if (group.values.size() != seriesCount)
      throw PdfError("bar chart \"" + chart.title + "\": group \"" + group.label + "\" has " +
                     std::to_string(group.values.size()) + " values for " +
                     std::to_string(seriesCount) + " series");
    std::int64_t sum = 0;
    for (std::int64_t value : group.values) {
      const std::int64_t positive = std::max<std::int64_t>(value, 0);
      max = chart.stacked ? max : std::max(max, positive);
      sum += positive;
    }
    if (chart.stacked) max = std::max(max, sum);
    valueLabels.insert(valueLabels.end(), group.valueLabels.begin(), group.valueLabels.end());
  }

  FontFace& regular = font(FontWeight::kRegular);
  const RowGeometry geometry = rowGeometry(*this, valueColumnWidth(*this, valueLabels));
  const float lineHeight = kLabelSize * kLeading;
  const float barsHeight = chart.stacked ? kStackedBar
                                         : static_cast<float>(seriesCount) * kBar +
                                               static_cast<float>(seriesCount - 1) * kBarGap;
  const float titleHeight = chart.title.empty() ? 0.0f : kTitleSize * kLeading + 2.0f;

  bool first = true;
  for (const BarGroup& group : chart.groups) {
    const WrappedLabel label = wrapLabel(group.label, regular, geometry.labelWidth);
    const float rowHeight =
        std::max(static_cast<float>(label.lines.size()) * lineHeight, barsHeight) + 2 * kRowPadding;
    if (first) {
      ensureSpace(titleHeight + legendHeight(chart.series) + rowHeight);
      chartTitle(chart.title, chart.series);
      first = false;
    } else if (!fits(rowHeight)) {
      newPage();
      drawLegend(chart.series);
    }
    const float top = cursor_;
    const float barsTop = top - kRowPadding - (rowHeight - 2 * kRowPadding - barsHeight) / 2;

    // Bars, then the texts, then the axis.
    struct ValueText {
      float x;
      float baseline;
      std::string text;
    };
    std::vector<ValueText> values;
    std::string scratch;
    if (chart.stacked) {
      float x = geometry.barX;
      for (std::size_t s = 0; s < seriesCount; ++s) {
        const float length = scaled(group.values[s], max, geometry.barWidth);
        if (length > 0)
          fillRect(x, barsTop - kStackedBar, length, kStackedBar, chart.series[s].color);
        x += length;
      }
      if (!group.valueLabels.empty())
        values.push_back({x + 3.0f, barsTop - kStackedBar / 2 - kValueSize * 0.35f,
                          std::string(cleanText(group.valueLabels.front(), scratch))});
    } else {
      for (std::size_t s = 0; s < seriesCount; ++s) {
        const float barTop = barsTop - static_cast<float>(s) * (kBar + kBarGap);
        const float length = scaled(group.values[s], max, geometry.barWidth);
        if (length > 0) fillRect(geometry.barX, barTop - kBar, length, kBar, chart.series[s].color);
        if (s < group.valueLabels.size())
          values.push_back({geometry.barX + length + 3.0f, barTop - kBar / 2 - kValueSize * 0.35f,
                            std::string(cleanText(group.valueLabels[s], scratch))});
      }
    }
    beginText();
    for (std::size_t i = 0; i < label.lines.size(); ++i) {
      const Line& line = label.lines[i];
      text(regular, kLabelSize, kText, left_,
           top - kRowPadding - baselineOffset(kLabelSize) - static_cast<float>(i) * lineHeight,
           std::string_view(label.text).substr(line.begin, line.end - line.begin));
    }
    for (const ValueText& value : values)
      text(regular, kValueSize, kText, value.x, value.baseline, value.text);
    endText();
    strokeLine(geometry.barX, top, geometry.barX, top - rowHeight, 0.6f, kAxis);
    moveDown(rowHeight);
  }
  if (first) {
    ensureSpace(titleHeight + legendHeight(chart.series));
    chartTitle(chart.title, chart.series);
  }
  space(10.0f);
}

void DocumentImpl::progressChart(const ProgressChart& chart) {
  requireOpen("a chart");
  std::vector<std::string> valueLabels;
  for (const ProgressItem& item : chart.items) valueLabels.push_back(item.valueLabel);
  FontFace& regular = font(FontWeight::kRegular);
  const RowGeometry geometry = rowGeometry(*this, valueColumnWidth(*this, valueLabels));
  const float lineHeight = kLabelSize * kLeading;
  const float titleHeight = chart.title.empty() ? 0.0f : kTitleSize * kLeading + 2.0f;
  const std::vector<ChartSeries> noLegend;

  bool first = true;
  for (const ProgressItem& item : chart.items) {
    const WrappedLabel label = wrapLabel(item.label, regular, geometry.labelWidth);
    const float rowHeight =
        std::max(static_cast<float>(label.lines.size()) * lineHeight, kProgressBar) +
        2 * kRowPadding;
    if (first) {
      ensureSpace(titleHeight + rowHeight);
      chartTitle(chart.title, noLegend);
      first = false;
    } else if (!fits(rowHeight)) {
      newPage();
    }
    const float top = cursor_;
    const float barTop = top - kRowPadding - (rowHeight - 2 * kRowPadding - kProgressBar) / 2;
    fillRect(geometry.barX, barTop - kProgressBar, geometry.barWidth, kProgressBar, kTrack);
    const float length = scaled(item.done, item.target, geometry.barWidth);
    if (length > 0)
      fillRect(geometry.barX, barTop - kProgressBar, length, kProgressBar, chart.color);

    std::string scratch;
    const std::string value(cleanText(item.valueLabel, scratch));
    beginText();
    for (std::size_t i = 0; i < label.lines.size(); ++i) {
      const Line& line = label.lines[i];
      text(regular, kLabelSize, kText, left_,
           top - kRowPadding - baselineOffset(kLabelSize) - static_cast<float>(i) * lineHeight,
           std::string_view(label.text).substr(line.begin, line.end - line.begin));
    }
    if (!value.empty())
      text(regular, kValueSize, kText, geometry.barX + geometry.barWidth + 3.0f,
           barTop - kProgressBar / 2 - kValueSize * 0.35f, value);
    endText();
    moveDown(rowHeight);
  }
  if (first) {
    ensureSpace(titleHeight);
    chartTitle(chart.title, noLegend);
  }
  space(10.0f);
}

}  // namespace crossgrant::pdf
