// Text the report sections share: labels with fallbacks, amounts and rates in the report's
// language, partners and cost categories by name. Internal to the reports library.
#pragma once

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

/// The findings the report prints, in the order its findings table numbers them from 1: a
/// partner report leaves out other partners' findings.
std::vector<const core::Finding*> reportedFindings(const ReportData& data);

/// The partners a report covers: the one partner of a partner report, every partner otherwise.
std::vector<const core::Partner*> coveredPartners(const ReportData& data);

}  // namespace crossgrant::reports
