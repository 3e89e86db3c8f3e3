// The data of the vector charts the engine draws: horizontal bar charts (one bar per series
// side by side, or stacked segments) and progress bars. Values are integers in whatever unit
// the caller chooses (cents, counts); the engine only scales them to lengths. Every text is
// given already formatted for the report's language.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "crossgrant/pdf/Style.h"

namespace crossgrant::pdf {

struct ChartSeries {
  std::string name;  ///< shown in the legend
  Color color;
};

/// One category: a label at the left and one value per series.
struct BarGroup {
  std::string label;
  std::vector<std::int64_t> values;  ///< one per series; negative values draw as zero
  /// Printed after each bar (side by side) or, when stacked, valueLabels.front() after the
  /// whole bar. May be empty.
  std::vector<std::string> valueLabels;
};

struct BarChart {
  std::string title;
  std::vector<ChartSeries> series;
  std::vector<BarGroup> groups;
  bool stacked = false;
};

struct ProgressItem {
  std::string label;
  std::int64_t done = 0;
  std::int64_t target = 0;  ///< the full length of the bar; done beyond it draws full
  std::string valueLabel;   ///< printed after the bar, e.g. "63,4 %"
};

struct ProgressChart {
  std::string title;
  Color color = Color::rgb(44, 160, 44);
  std::vector<ProgressItem> items;
};

}  // namespace crossgrant::pdf
