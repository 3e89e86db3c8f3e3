#include <string>

#include "ReportText.h"
#include "Sections.h"
#include "crossgrant/pdf/ContentSection.h"

namespace crossgrant::reports {

std::unique_ptr<pdf::Section> findingsSection(const ReportData& data, const core::Labels& labels) {
  const ReportText text(data, labels);
  auto section = std::make_unique<pdf::ContentSection>();
  section->heading(text.label("findings.title"), 1);
  pdf::Table table;
  table.columns = {{text.label("findings.code"), 3.0f},
                   {text.label("common.partner"), 0.9f},
                   {text.label("findings.expected"), 1.5f, pdf::Align::kRight},
                   {text.label("findings.actual"), 1.5f, pdf::Align::kRight},
                   {text.label("findings.difference"), 1.3f, pdf::Align::kRight},
                   {text.label("findings.message"), 3.6f}};
  for (const core::Finding& finding : data.findings) {
    // A partner report shows its partner's findings and the project's, not other partners'.
    if (data.selection.kind == ReportKind::kPartner && finding.partner &&
        *finding.partner != data.selection.partner)
      continue;
    // The sentence in the report's language, then the checker's own (English) sentence with
    // the figures, which is what `crossgrant check` prints.
    std::string message = text.labelOr("finding." + finding.code, "");
    if (message.empty() || data.selection.language == core::Language::kEn)
      message = finding.message;
    else
      message += "\n" + finding.message;
    table.rows.push_back(
        {{finding.code, finding.partner.value_or(""), text.amount(finding.expected),
          text.amount(finding.actual), text.amount(finding.difference()), message}});
  }
  if (table.rows.empty())
    section->paragraph(text.label("findings.none"));
  else
    section->table(std::move(table));
  return section;
}

}  // namespace crossgrant::reports
