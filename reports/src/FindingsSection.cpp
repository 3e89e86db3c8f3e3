#include <string>

#include "ReportText.h"
#include "Sections.h"
#include "crossgrant/pdf/ContentSection.h"

namespace crossgrant::reports {
namespace {

/// A date, or an ISO 8601 interval "START/END", written out in the report's language (the
/// nominative: findings print them in parentheses and table cells); text that is neither
/// prints as it is.
std::string datesText(const ReportText& text, const core::Labels& labels,
                      const std::string& value) {
  const std::size_t slash = value.find('/');
  const auto start = core::Date::parse(value.substr(0, slash));
  if (!start) return value;
  if (slash == std::string::npos) return text.date(*start);
  const auto end = core::Date::parse(value.substr(slash + 1));
  if (!end) return value;
  return labels.format("common.period_range",
                       {{"start", text.date(*start)}, {"end", text.date(*end)}});
}

/// A count ("12.50") in the report's language; text that is not one prints as it is.
std::string countText(const ReportText& text, const std::string& value) {
  try {
    return text.amount(core::Amount::parse(value, true));
  } catch (const std::exception&) {
    return value;
  }
}

/// The flat-rate category a flat_rate_mismatch is about: the partner's line of a flat-rate
/// category whose amount is the one found; the first flat-rate line when none matches.
std::string flatRateCategory(const ReportData& data, const ReportText& text,
                             const core::Finding& finding) {
  std::string first;
  for (const core::Partner& partner : data.bundle.partners) {
    if (!finding.partner || partner.code != *finding.partner) continue;
    for (const core::FlatRate& flat : data.rules.flatRates) {
      for (const core::BudgetLine& line : partner.budget) {
        if (line.category != flat.category) continue;
        if (line.amount == finding.actual) return text.category(line.category);
        if (first.empty()) first = text.category(line.category);
      }
    }
  }
  return first;
}

std::string findingTitle(const ReportText& text, const core::Finding& finding) {
  return text.labelOr("finding." + finding.code, finding.code);
}

}  // namespace

std::unique_ptr<pdf::Section> findingsSection(const ReportData& data, const core::Labels& labels) {
  const ReportText text(data, labels);
  auto section = std::make_unique<pdf::ContentSection>();
  section->heading(text.label("findings.title"), 1);
  pdf::Table table;
  table.columns = {{text.label("findings.number"), 0.5f, pdf::Align::kRight},
                   {text.label("findings.finding"), 2.5f},
                   {text.label("common.partner"), 0.9f},
                   {text.label("findings.expected"), 1.5f, pdf::Align::kRight},
                   {text.label("findings.actual"), 1.5f, pdf::Align::kRight},
                   {text.label("findings.difference"), 1.3f, pdf::Align::kRight},
                   {text.label("findings.message"), 3.6f}};
  for (const NumberedFinding& numbered : numberedFindings(data)) {
    const core::Finding& finding = *numbered.finding;
    std::string expected;
    std::string actual;
    std::string difference;
    if (finding.aboutAmounts()) {
      expected = text.amount(finding.expected);
      actual = text.amount(finding.actual);
      difference = text.amount(finding.difference());
    } else if (finding.object == "indicator") {
      expected = countText(text, finding.expectedText);
      actual = countText(text, finding.actualText);
    } else {
      expected = datesText(text, labels, finding.expectedText);
      actual = datesText(text, labels, finding.actualText);
    }
    // The sentence in the report's language from the finding's figures; the checker's own
    // English sentence only for a code no translation file knows.
    const std::string key = "finding." + finding.code + ".text";
    std::string message = finding.message;
    if (labels.get(key) != key) {
      message = labels.format(
          key,
          {{"partner", finding.partner.value_or("")},
           {"expected", expected},
           {"actual", actual},
           {"difference", difference},
           {"object", text.labelOr("audit.object." + finding.object, finding.object)},
           {"key", finding.key},
           {"expectedText", expected},
           {"actualText", actual},
           {"rate", core::formatPercent(data.rules.fundRateCap, text.language())},
           {"category", finding.code == "flat_rate_mismatch" ? flatRateCategory(data, text, finding)
                                                             : std::string()}});
    }
    table.rows.push_back({{std::to_string(numbered.number), findingTitle(text, finding),
                           finding.partner.value_or(""), expected, actual, difference, message}});
  }
  if (table.rows.empty())
    section->paragraph(text.label("findings.none"));
  else
    section->table(std::move(table));
  return section;
}

}  // namespace crossgrant::reports
