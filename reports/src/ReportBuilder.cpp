#include "crossgrant/reports/ReportBuilder.h"

#include <array>
#include <utility>

#include "Sections.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/reports/Provenance.h"

namespace crossgrant::reports {
namespace {

constexpr std::array<std::pair<ReportKind, std::string_view>, 4> kKindNames{{
    {ReportKind::kFinancial, "financial"},
    {ReportKind::kPartner, "partner"},
    {ReportKind::kProject, "project"},
    {ReportKind::kAudit, "audit"},
}};

std::vector<ReportDefinition> makeDefinitions() {
  const SectionDefinition identification{"identification", identificationSection};
  const SectionDefinition overview{"partner_overview", partnerOverviewSection};
  const SectionDefinition contributions{"contributions", contributionsSection};
  const SectionDefinition budget{"budget_by_category", budgetByCategorySection};
  const SectionDefinition findings{"findings", findingsSection};
  const SectionDefinition statements{"statements", statementsSection};
  const SectionDefinition activities{"activities", activitiesSection};
  const SectionDefinition events{"events", eventsSection};
  const SectionDefinition indicators{"indicators", indicatorsSection};
  const SectionDefinition declaration{"declaration", declarationSection};
  return {
      {ReportKind::kFinancial,
       "report.financial_statement.title",
       {identification, overview, contributions, budget, findings}},
      {ReportKind::kPartner,
       "report.partner_progress.title",
       {identification, statements, activities, events, indicators, overview, budget, contributions,
        findings, declaration}},
      {ReportKind::kProject,
       "report.project_progress.title",
       {identification, statements, activities, events, indicators, overview, budget, contributions,
        findings, declaration}},
      {ReportKind::kAudit,
       "report.audit_extract.title",
       {identification,
        {"audit_chain", auditChainSection},
        {"audit_entries", auditEntriesSection}}},
  };
}

bool takesPeriod(ReportKind kind) {
  return kind == ReportKind::kPartner || kind == ReportKind::kProject;
}

}  // namespace

std::string_view toString(ReportKind kind) {
  for (const auto& [value, name] : kKindNames)
    if (value == kind) return name;
  return "financial";
}

std::optional<ReportKind> parseReportKind(std::string_view text) {
  for (const auto& [value, name] : kKindNames)
    if (name == text) return value;
  return std::nullopt;
}

void checkSelection(const ReportSelection& selection, const core::Bundle& bundle) {
  std::vector<core::ValidationError> errors;
  const std::string kind(toString(selection.kind));
  if (takesPeriod(selection.kind)) {
    if (!selection.period) {
      errors.push_back({"/period", "a " + kind + " report is for one period: name it"});
    } else {
      bool known = false;
      for (const core::Period& period : bundle.project.periods)
        known = known || period.number == *selection.period;
      if (!known) {
        const auto count = bundle.project.periods.size();
        errors.push_back(
            {"/period",
             "period " + std::to_string(*selection.period) +
                 " is out of range: " + bundle.project.code +
                 (count == 0 ? " has no periods" : " has periods 1 to " + std::to_string(count))});
      }
    }
  } else if (selection.period) {
    errors.push_back({"/period", "a " + kind + " report is not for a period: leave it out"});
  }
  if (selection.kind == ReportKind::kPartner) {
    if (selection.partner.empty()) {
      errors.push_back({"/partner", "a partner report needs the partner's code"});
    } else {
      bool known = false;
      for (const core::Partner& partner : bundle.partners)
        known = known || partner.code == selection.partner;
      if (!known)
        errors.push_back({"/partner", "project " + bundle.project.code + " has no partner \"" +
                                          selection.partner + "\""});
    }
  } else if (!selection.partner.empty()) {
    errors.push_back({"/partner", "a " + kind + " report covers every partner: leave it out"});
  }
  if (selection.kind == ReportKind::kAudit) {
    if (selection.from && selection.to && *selection.to < *selection.from)
      errors.push_back({"/to", "the range ends (" + selection.to->toString() +
                                   ") before it starts (" + selection.from->toString() + ")"});
  } else {
    if (selection.from) errors.push_back({"/from", "only an audit extract takes a date range"});
    if (selection.to) errors.push_back({"/to", "only an audit extract takes a date range"});
  }
  if (!errors.empty()) throw core::InvalidInput(std::move(errors));
}

const ReportDefinition& definitionOf(ReportKind kind) {
  static const std::vector<ReportDefinition> definitions = makeDefinitions();
  for (const ReportDefinition& definition : definitions)
    if (definition.kind == kind) return definition;
  return definitions.front();
}

pdf::Report buildReport(const ReportData& data, const core::Labels& labels) {
  checkSelection(data.selection, data.bundle);
  const ReportDefinition& definition = definitionOf(data.selection.kind);
  pdf::DocumentInfo info;
  info.title = std::string(labels.get(definition.titleKey));
  info.project = data.bundle.project.code + " " + data.bundle.project.acronym;
  if (data.selection.period)
    info.subject =
        labels.format("common.period_number", {{"number", std::to_string(*data.selection.period)}});
  if (!data.selection.partner.empty())
    info.subject += (info.subject.empty() ? "" : ", ") + data.selection.partner;
  info.documentId = data.documentId;
  info.draft = data.draft;
  info.generatedAt = data.generatedAt;
  info.language = data.selection.language;
  if (data.selection.kind == ReportKind::kAudit) info.page = pdf::PageSetup::a4Landscape();
  pdf::Report report(std::move(info));
  for (const SectionDefinition& section : definition.sections)
    report.add(section.build(data, labels));
  if (!data.draft) report.add(submissionSection(data, labels));
  return report;
}

std::string renderReport(const ReportData& data, const core::Labels& labels) {
  std::string pdf = buildReport(data, labels).render(labels);
  if (!data.draft) sealSubmitted(pdf);
  return pdf;
}

}  // namespace crossgrant::reports
