#include <string>
#include <vector>

#include "ReportText.h"
#include "Sections.h"
#include "crossgrant/pdf/ContentSection.h"
#include "crossgrant/reports/ReportBuilder.h"

namespace crossgrant::reports {
namespace {

/// The project's title in the report's language, else in English, else the first one.
std::string titleOf(const core::Project& project, core::Language language) {
  for (const std::string_view wanted : {core::toString(language), std::string_view("en")})
    for (const auto& [code, title] : project.titles)
      if (code == wanted) return title;
  return project.titles.empty() ? std::string() : project.titles.front().second;
}

const core::Period* periodOf(const core::Project& project, int number) {
  for (const core::Period& period : project.periods)
    if (period.number == number) return &period;
  return nullptr;
}

std::string range(const ReportText& text, const core::Labels& labels, const core::Date& start,
                  const core::Date& end) {
  return labels.format("common.period_range",
                       {{"start", text.date(start)}, {"end", text.date(end)}});
}

}  // namespace

std::unique_ptr<pdf::Section> identificationSection(const ReportData& data,
                                                    const core::Labels& labels) {
  const ReportText text(data, labels);
  const core::Project& project = data.bundle.project;
  const ReportSelection& selection = data.selection;
  auto section = std::make_unique<pdf::ContentSection>();
  // The title at the top of page 1, the project and what the report covers under it.
  section->heading(text.label(definitionOf(selection.kind).titleKey), 1);
  std::string covers = project.code + " " + project.acronym;
  if (selection.period)
    if (const core::Period* period = periodOf(project, *selection.period))
      covers +=
          "\n" +
          labels.format("common.period_number", {{"number", std::to_string(period->number)}}) +
          ", " + range(text, labels, period->start, period->end);
  for (const core::Partner& partner : data.bundle.partners)
    if (selection.kind == ReportKind::kPartner && partner.code == selection.partner)
      covers += "\n" + text.label("common.partner") + " " + ReportText::partnerName(partner);
  if (selection.kind == ReportKind::kAudit && (selection.from || selection.to))
    covers += "\n" + text.label("audit.range") + " " +
              labels.format("common.period_range",
                            {{"start", selection.from ? text.date(*selection.from) : ""},
                             {"end", selection.to ? text.date(*selection.to) : ""}});
  section->paragraph(covers, pdf::TextStyle{pdf::FontWeight::kBold, 10.0f, pdf::Color{}});
  section->space(2);
  if (data.draft) {
    section->paragraph(text.label("report.draft"),
                       pdf::TextStyle{pdf::FontWeight::kBold, 10.0f, pdf::Color::rgb(180, 30, 30)});
    section->space(4);
  }

  std::vector<pdf::KeyValue> entries;
  entries.push_back({text.label("common.programme"),
                     data.bundle.programme.code + " " + data.bundle.programme.name});
  entries.push_back({text.label("common.project"), project.code + " " + project.acronym});
  const std::string title = titleOf(project, selection.language);
  if (!title.empty()) entries.push_back({text.label("common.title"), title});
  entries.push_back(
      {text.label("common.duration"), range(text, labels, project.start, project.end)});
  entries.push_back({text.label("common.currency"), project.currency});
  if (project.approvedTotal)
    entries.push_back({text.label("fin.contract_total"), text.total(*project.approvedTotal)});
  if (project.approvedFund)
    entries.push_back({text.label("fin.contract_fund"), text.total(*project.approvedFund)});
  if (selection.period) {
    if (const core::Period* period = periodOf(project, *selection.period)) {
      entries.push_back(
          {text.label("common.period"),
           labels.format("common.period_number", {{"number", std::to_string(period->number)}}) +
               ", " + range(text, labels, period->start, period->end)});
    }
  }
  if (selection.kind == ReportKind::kAudit) {
    const std::string from = selection.from ? text.date(*selection.from) : std::string();
    const std::string to = selection.to ? text.date(*selection.to) : std::string();
    entries.push_back({text.label("audit.range"),
                       !selection.from && !selection.to
                           ? text.label("audit.all")
                           : labels.format("common.period_range", {{"start", from}, {"end", to}})});
  }
  std::string languages;
  for (const auto& [code, ignored] : project.titles) {
    if (!languages.empty()) languages += ", ";
    languages += text.labelOr("language." + code, code);
  }
  if (!languages.empty()) entries.push_back({text.label("common.languages"), languages});
  entries.push_back({text.label("common.report_language"),
                     text.label("language." + std::string(core::toString(selection.language)))});
  section->keyValues(std::move(entries));
  // A paragraph of its own, so that the 64 hex digits stay on one line, whole, in every
  // language.
  if (!data.rulesFingerprint.empty()) {
    section->space(2);
    section->paragraph(text.label("common.rules_fingerprint") + ": " + data.rulesFingerprint);
  }

  const std::vector<const core::Partner*> partners = coveredPartners(data);
  if (!partners.empty()) {
    section->heading(
        text.label(selection.kind == ReportKind::kPartner ? "common.partner" : "common.partners"),
        2);
    pdf::Table table;
    // Wide enough for the longest demo name on one line, so that names extract whole.
    table.columns = {{text.label("common.code"), 0.7f},
                     {text.label("common.name"), 7.0f},
                     {text.label("common.role"), 1.9f},
                     {text.label("common.country"), 0.9f}};
    for (const core::Partner* partner : partners)
      table.rows.push_back(
          {{partner->code, partner->name, text.role(partner->role), partner->country}});
    section->table(std::move(table));
  }
  return section;
}

}  // namespace crossgrant::reports
