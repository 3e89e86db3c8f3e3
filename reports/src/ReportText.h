// Text the report sections share: labels with fallbacks, amounts and rates in the report's
// language, partners and cost categories by name. Internal to the reports library.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/core/Labels.h"
#include "crossgrant/core/Money.h"
#include "crossgrant/core/Project.h"
#include "crossgrant/reports/ReportData.h"

namespace crossgrant::reports {

class ReportText {
 public:
  ReportText(const ReportData& data, const core::Labels& labels);

  core::Language language() const { return language_; }
  const std::string& currency() const { return currency_; }
  bool legacyCurrency() const { return currency_ != "EUR"; }

  /// The label of key as text.
  std::string label(std::string_view key) const;
  /// The label of key, or fallback when no translation file has the key.
  std::string labelOr(const std::string& key, std::string_view fallback) const;

  /// "791,256.20" / "791 256,20": the table cells, in the project's currency.
  std::string amount(core::Amount amount) const;
  /// "791,256.20 EUR"; for a legacy currency with the euro equivalent beside it,
  /// "556,100.02 LVL (791,256.20 EUR)".
  std::string total(core::Amount amount) const;
  /// part / whole as an exact percentage to four fraction digits ("85%", "84.9996%" /
  /// "85 %"); "–" when whole is not positive.
  std::string rate(core::Amount part, core::Amount whole) const;
  /// A partner's fund rate, fund / total, against the programme's fund rate (the rules' cap):
  /// formatFundRate with the rules' cap and rounding.
  std::string fundRate(core::Amount fund, core::Amount total) const;
  /// The fund rate of several partners together (a total row): the programme's rate when every
  /// partner's own fund rate prints as it (their difference is only the cents each was rounded
  /// to), else formatFundRate of the sums.
  std::string fundRateOf(const std::vector<const core::Partner*>& partners) const;
  std::string date(const core::Date& date) const;
  /// A date in a table cell, short: "01.06.2018." (lv), "2018-06-01" (lt), "1 Jun 2018" (en).
  std::string shortDate(const core::Date& date) const;
  /// A range of short dates, or one date when start is end: "01.06.2018. – 14.02.2020.".
  std::string shortRange(const core::Date& start, const core::Date& end) const;

  /// The label of key with its placeholders filled in.
  std::string format(std::string_view key, core::Labels::Arguments arguments) const;
  /// A whole number grouped for the language: "1,046" / "1 046".
  std::string integer(std::int64_t value) const;
  /// A percentage given as a decimal string ("104.6") in the language: "104.6%" / "104,6 %".
  std::string percentText(const std::string& decimal) const;

  /// The cost category's label: the translation, else the rules' English label, else the key.
  std::string category(const std::string& key) const;
  std::string contributionType(core::ContributionType type) const;
  std::string role(core::PartnerRole role) const;
  /// "PP1 Auces novada pašvaldība".
  static std::string partnerName(const core::Partner& partner);

 private:
  const ReportData& data_;
  const core::Labels& labels_;
  core::Language language_;
  std::string currency_;
};

/// Whether fund is total × rate rounded to the cent, the way `rounding` rounds or down (the most
/// the cap allows), and not above the rate: a difference that is only the cent rounding.
bool fundIsRateRounded(core::Amount fund, core::Amount total, core::Rate rate,
                       core::Rounding rounding);

/// fund / total as a percentage printed against the programme's fund rate `rate` (README,
/// "The fund rate"): the programme's rate itself when fundIsRateRounded; otherwise the rate with
/// the fewest fraction digits, 1 to 4, rounded half up, that prints a number other than the
/// programme's rate on the same side of it (a rate below it never prints as it or above it, a
/// rate above it never as it or below it); when even four digits round to the programme's
/// rate, four digits rounded away from it (84.99996 % prints "84.9999 %", 85.00004 %
/// "85.0001 %"). "–" when total is not positive; a zero rate (no rules): ReportText::rate.
std::string formatFundRate(core::Amount fund, core::Amount total, core::Rate rate,
                           core::Rounding rounding, core::Language language);

/// The partners a report covers: the one partner of a partner report, every partner otherwise.
std::vector<const core::Partner*> coveredPartners(const ReportData& data);

/// A finding the report prints, with its number in the findings table (1..n).
struct NumberedFinding {
  int number = 0;
  const core::Finding* finding = nullptr;
};

/// The findings a report prints, in the checker's order, numbered from 1: every finding, but
/// in a partner report only its partner's and the project's.
std::vector<NumberedFinding> numberedFindings(const ReportData& data);

/// The mark of a figure that does not reconcile, pointing to its findings by number:
/// "⚠ 2", "⚠ 1, 3" (U+26A0 WARNING SIGN, which DejaVu Sans has in both weights, and
/// U+00A0 so that the mark never breaks); "" when no finding matches.
std::string findingMark(const std::vector<NumberedFinding>& findings,
                        const std::function<bool(const core::Finding&)>& matches);
/// The findings of one code about one partner (partner "" for the project's).
std::string findingMark(const std::vector<NumberedFinding>& findings,
                        std::initializer_list<std::string_view> codes, std::string_view partner);
/// text, a space and the mark; text alone when the mark is "", the mark alone for no text.
std::string withMark(std::string text, const std::string& mark);

/// The marks of one table's cells, remembering whether it printed any (then the table is
/// followed by the note that explains them).
class TableMarks {
 public:
  explicit TableMarks(const ReportData& data) : findings_(numberedFindings(data)) {}
  /// cell with the mark of the findings of codes about partner ("" for the project's).
  std::string operator()(std::string cell, std::initializer_list<std::string_view> codes,
                         std::string_view partner) {
    return (*this)(std::move(cell), findingMark(findings_, codes, partner));
  }
  /// cell with a mark found otherwise.
  std::string operator()(std::string cell, const std::string& found) {
    any_ = any_ || !found.empty();
    return withMark(std::move(cell), found);
  }
  const std::vector<NumberedFinding>& findings() const { return findings_; }
  bool any() const { return any_; }

 private:
  std::vector<NumberedFinding> findings_;
  bool any_ = false;
};

}  // namespace crossgrant::reports
