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

namespace {

/// part / whole as an exact percentage to four fraction digits, rounded half up.
std::string exactRate(core::Amount part, core::Amount whole, core::Language language) {
  if (whole.minor() <= 0 || part.isNegative()) return core::formatShare(part, whole, 4, language);
  const std::int64_t millionths =
      core::divideRounded(static_cast<__int128>(part.minor()) * core::Rate::kScale, whole.minor(),
                          core::Rounding::kHalfUp);
  return core::formatPercent(core::Rate::fromMillionths(millionths), language);
}

}  // namespace

std::string ReportText::rate(core::Amount part, core::Amount whole) const {
  return exactRate(part, whole, language_);
}

std::string ReportText::fundRate(core::Amount fund, core::Amount total) const {
  return formatFundRate(fund, total, data_.rules.fundRateCap, data_.rules.rounding, language_);
}

std::string ReportText::fundRateOf(const std::vector<const core::Partner*>& partners) const {
  const core::Rate cap = data_.rules.fundRateCap;
  core::Amount fund;
  core::Amount total;
  bool allRounded = cap.millionths() > 0 && !partners.empty();
  for (const core::Partner* partner : partners) {
    fund += partner->fundAmount();
    total += partner->total;
    allRounded = allRounded && fundIsRateRounded(partner->fundAmount(), partner->total, cap,
                                                 data_.rules.rounding);
  }
  if (allRounded) return core::formatPercent(cap, language_);
  return fundRate(fund, total);
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

bool fundIsRateRounded(core::Amount fund, core::Amount total, core::Rate rate,
                       core::Rounding rounding) {
  if (total.minor() <= 0 || fund.isNegative() || core::exceedsRate(fund, total, rate)) return false;
  return fund == core::applyRate(total, rate, rounding) || fund == core::capAt(total, rate);
}

std::string formatFundRate(core::Amount fund, core::Amount total, core::Rate rate,
                           core::Rounding rounding, core::Language language) {
  if (total.minor() <= 0 || fund.isNegative() || rate.millionths() <= 0)
    return exactRate(fund, total, language);
  if (fundIsRateRounded(fund, total, rate, rounding)) return core::formatPercent(rate, language);
  // In ten-thousandths of a percent (millionths of one), as core::Rate counts: the exact rate
  // is numerator / denominator, the programme's rate `target`.
  const __int128 numerator = static_cast<__int128>(fund.minor()) * core::Rate::kScale;
  const __int128 denominator = total.minor();
  const __int128 target = rate.millionths();
  const bool below = numerator < target * denominator;
  // At least one fraction digit: a whole percent would make 85.6 % "86 %", a difference from
  // the programme's rate larger than it is.
  std::int64_t step = 1000;  // 1 fraction digit of a percent
  for (int digits = 1; digits <= 4; ++digits, step /= 10) {
    const std::int64_t printed =
        core::divideRounded(numerator, denominator * step, core::Rounding::kHalfUp) * step;
    if (below ? printed < target : printed > target)
      return core::formatPercent(core::Rate::fromMillionths(printed), language);
  }
  // Four digits round to the programme's rate: four digits rounded away from it.
  const std::int64_t printed =
      core::divideRounded(numerator, denominator, core::Rounding::kDown) + (below ? 0 : 1);
  return core::formatPercent(core::Rate::fromMillionths(printed), language);
}

std::vector<const core::Partner*> coveredPartners(const ReportData& data) {
  std::vector<const core::Partner*> partners;
  for (const core::Partner& partner : data.bundle.partners)
    if (data.selection.kind != ReportKind::kPartner || partner.code == data.selection.partner)
      partners.push_back(&partner);
  return partners;
}

std::vector<NumberedFinding> numberedFindings(const ReportData& data) {
  std::vector<NumberedFinding> numbered;
  for (const core::Finding& finding : data.findings) {
    if (data.selection.kind == ReportKind::kPartner && finding.partner &&
        *finding.partner != data.selection.partner)
      continue;
    numbered.push_back({static_cast<int>(numbered.size()) + 1, &finding});
  }
  return numbered;
}

std::string findingMark(const std::vector<NumberedFinding>& findings,
                        const std::function<bool(const core::Finding&)>& matches) {
  std::string numbers;
  for (const NumberedFinding& numbered : findings) {
    if (!matches(*numbered.finding)) continue;
    if (!numbers.empty()) numbers += ",\xC2\xA0";  // U+00A0
    numbers += std::to_string(numbered.number);
  }
  return numbers.empty() ? numbers : "\xE2\x9A\xA0\xC2\xA0" + numbers;  // U+26A0 U+00A0
}

std::string findingMark(const std::vector<NumberedFinding>& findings,
                        std::initializer_list<std::string_view> codes, std::string_view partner) {
  return findingMark(findings, [&](const core::Finding& finding) {
    if (finding.partner.value_or("") != partner) return false;
    for (const std::string_view code : codes)
      if (finding.code == code) return true;
    return false;
  });
}

std::string withMark(std::string text, const std::string& mark) {
  if (!mark.empty()) text += (text.empty() ? "" : " ") + mark;
  return text;
}

}  // namespace crossgrant::reports
