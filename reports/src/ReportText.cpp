#include "ReportText.h"

#include "crossgrant/core/Locale.h"

namespace crossgrant::reports {

ReportText::ReportText(const ReportData& data, const core::Labels& labels)
    : data_(data),
      labels_(labels),
      language_(data.selection.language),
      currency_(data.bundle.project.currency) {}

std::string ReportText::label(std::string_view key) const { return std::string(labels_.get(key)); }

std::string ReportText::labelOr(const std::string& key, std::string_view fallback) const {
  const std::string_view text = labels_.get(key);
  return std::string(text == key ? fallback : text);
}

std::string ReportText::amount(core::Amount amount) const {
  return core::formatAmount(amount, language_);
}

std::string ReportText::total(core::Amount amount) const {
  return core::formatMoneyWithEuro(amount, currency_, language_);
}

std::string ReportText::rate(core::Amount part, core::Amount whole) const {
  if (whole.minor() <= 0 || part.isNegative()) return core::formatShare(part, whole, 4, language_);
  const std::int64_t millionths =
      core::divideRounded(static_cast<__int128>(part.minor()) * core::Rate::kScale, whole.minor(),
                          core::Rounding::kHalfUp);
  return core::formatPercent(core::Rate::fromMillionths(millionths), language_);
}

std::string ReportText::format(std::string_view key, core::Labels::Arguments arguments) const {
  return labels_.format(key, arguments);
}

std::string ReportText::integer(std::int64_t value) const {
  return core::formatInteger(value, language_);
}

std::string ReportText::percentText(const std::string& decimal) const {
  if (language_ == core::Language::kEn) return decimal + "%";
  std::string out = decimal;
  for (char& c : out)
    if (c == '.') c = ',';
  return out + "\u00a0%";
}

std::string ReportText::date(const core::Date& date) const {
  return core::formatDate(date, language_);
}

std::string ReportText::shortDate(const core::Date& date) const {
  const auto two = [](int n) { return (n < 10 ? "0" : "") + std::to_string(n); };
  switch (language_) {
    case core::Language::kLv:
      return two(date.day) + "." + two(date.month) + "." + std::to_string(date.year) + ".";
    case core::Language::kLt:
      return std::to_string(date.year) + "-" + two(date.month) + "-" + two(date.day);
    case core::Language::kEn:
      break;
  }
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return std::to_string(date.day) + " " + kMonths[(date.month + 11) % 12] + " " +
         std::to_string(date.year);
}

std::string ReportText::shortRange(const core::Date& start, const core::Date& end) const {
  if (start == end) return shortDate(start);
  return shortDate(start) + " \u2013 " + shortDate(end);
}

std::string ReportText::category(const std::string& key) const {
  std::string fallback = key;
  for (const core::CostCategory& category : data_.rules.categories)
    if (category.key == key) fallback = category.label;
  return labelOr("category." + key, fallback);
}

std::string ReportText::contributionType(core::ContributionType type) const {
  const std::string name(core::toString(type));
  return labelOr("contribution." + name, name);
}

std::string ReportText::role(core::PartnerRole role) const {
  const std::string name(core::toString(role));
  return labelOr("role." + name, name);
}

std::string ReportText::partnerName(const core::Partner& partner) {
  return partner.code + " " + partner.name;
}

std::vector<const core::Finding*> reportedFindings(const ReportData& data) {
  std::vector<const core::Finding*> printed;
  for (const core::Finding& finding : data.findings)
    if (data.selection.kind != ReportKind::kPartner || !finding.partner ||
        *finding.partner == data.selection.partner)
      printed.push_back(&finding);
  return printed;
}

std::vector<const core::Partner*> coveredPartners(const ReportData& data) {
  std::vector<const core::Partner*> partners;
  for (const core::Partner& partner : data.bundle.partners)
    if (data.selection.kind != ReportKind::kPartner || partner.code == data.selection.partner)
      partners.push_back(&partner);
  return partners;
}

}  // namespace crossgrant::reports
