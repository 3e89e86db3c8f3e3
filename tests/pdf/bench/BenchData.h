// The benchmark's table: deterministic rows of 8 columns (number, person, partner, date,
// cost category, description, declared, verified) with Latvian and Lithuanian names and a
// description that wraps to two lines on an A4 landscape page. Rows are generated into reused
// buffers, so generating allocates nothing once warm and the same rows reach both renderers.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace crossgrant::bench {

inline constexpr int kColumns = 8;

struct BenchRow {
  std::array<std::string, kColumns> cells;
  /// The description's two halves, for the plain renderer, which does not wrap.
  std::string descriptionFirst;
  std::string descriptionSecond;
  std::int64_t declaredCents = 0;
  std::int64_t verifiedCents = 0;
  int partner = 0;  ///< index into partner()
};

class BenchData {
 public:
  /// Fills `row` with row number `index` (0-based); the same index gives the same row.
  void fill(int index, BenchRow& row);
  static std::array<std::string_view, kColumns> titles();
  /// Relative column widths (points of an A4 landscape page's content width).
  static std::array<float, kColumns> widths();
  /// Partner names, for the charts.
  static std::string_view partner(int index);
  static int partnerCount();
};

}  // namespace crossgrant::bench
