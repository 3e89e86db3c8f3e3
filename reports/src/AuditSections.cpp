#include <string>

#include "ReportText.h"
#include "Sections.h"
#include "crossgrant/pdf/ContentSection.h"

namespace crossgrant::reports {

std::unique_ptr<pdf::Section> auditChainSection(const ReportData& data,
                                                const core::Labels& labels) {
  const ReportText text(data, labels);
  const AuditChainStatus& chain = data.auditChain;
  auto section = std::make_unique<pdf::ContentSection>();
  section->heading(text.label("audit.chain"), 1);
  const std::string checked = core::formatInteger(chain.checked, text.language());
  section->keyValues({{text.label("audit.checked"), checked},
                      {text.label("audit.result"),
                       chain.intact ? labels.format("audit.chain_intact", {{"checked", checked}})
                                    : labels.format("audit.chain_broken",
                                                    {{"sequence", std::to_string(chain.brokenAt)},
                                                     {"message", chain.message}})},
                      {text.label("audit.entries_in_range"),
                       core::formatInteger(static_cast<std::int64_t>(data.auditEntries.size()),
                                           text.language())}});
  return section;
}

std::unique_ptr<pdf::Section> auditEntriesSection(const ReportData& data,
                                                  const core::Labels& labels) {
  const ReportText text(data, labels);
  auto section = std::make_unique<pdf::ContentSection>();
  section->heading(text.label("audit.entries"), 1);
  if (data.auditEntries.empty()) {
    section->paragraph(text.label("audit.none"));
    return section;
  }
  pdf::Table table;
  table.columns = {{text.label("audit.sequence"), 0.8f, pdf::Align::kRight},
                   {text.label("audit.time"), 2.2f},
                   {text.label("audit.user"), 1.6f},
                   {text.label("audit.role"), 1.1f},
                   {text.label("audit.client"), 1.2f},
                   {text.label("audit.action"), 1.3f},
                   {text.label("audit.object"), 2.2f},
                   {text.label("audit.hash"), 1.6f}};
  for (const core::AuditEntry& entry : data.auditEntries) {
    table.rows.push_back({{std::to_string(entry.sequence), entry.at, entry.user, entry.role,
                           entry.client, text.labelOr("audit.action." + entry.action, entry.action),
                           text.labelOr("audit.object." + entry.objectType, entry.objectType) +
                               " " + entry.objectKey,
                           entry.hash.substr(0, 16)}});
  }
  section->table(std::move(table));
  return section;
}

}  // namespace crossgrant::reports
