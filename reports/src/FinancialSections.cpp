#include <string>
#include <vector>

#include "ReportText.h"
#include "Sections.h"
#include "crossgrant/pdf/ContentSection.h"

namespace crossgrant::reports {
namespace {

using pdf::Align;
using pdf::RowKind;

/// The note under a table that marks figures with their findings.
const pdf::TextStyle kNoteStyle{pdf::FontWeight::kRegular, 8.0f, pdf::Color::gray(0.3f)};

core::Amount otherContributions(const core::Partner& partner) {
  core::Amount sum;
  for (const core::Contribution& contribution : partner.cofinancing)
    if (contribution.type != core::ContributionType::kFund) sum += contribution.amount;
  return sum;
}

core::Amount contributionsTotal(const core::Partner& partner) {
  core::Amount sum;
  for (const core::Contribution& contribution : partner.cofinancing) sum += contribution.amount;
  return sum;
}

/// A partner's budget lines in the order of the rules' categories, then any others as given.
std::vector<const core::BudgetLine*> orderedLines(const core::Partner& partner,
                                                  const core::ProgrammeRules& rules) {
  std::vector<const core::BudgetLine*> lines;
  std::vector<bool> taken(partner.budget.size(), false);
  for (const core::CostCategory& category : rules.categories) {
    for (std::size_t i = 0; i < partner.budget.size(); ++i) {
      if (!taken[i] && partner.budget[i].category == category.key) {
        lines.push_back(&partner.budget[i]);
        taken[i] = true;
      }
    }
  }
  for (std::size_t i = 0; i < partner.budget.size(); ++i)
    if (!taken[i]) lines.push_back(&partner.budget[i]);
  return lines;
}

}  // namespace

std::unique_ptr<pdf::Section> partnerOverviewSection(const ReportData& data,
                                                     const core::Labels& labels) {
  const ReportText text(data, labels);
  auto section = std::make_unique<pdf::ContentSection>();
  // A partner report shows one partner: the singular labels.
  const std::string one = data.selection.kind == ReportKind::kPartner ? "_one" : "";
  section->heading(text.label("fin.partner_overview" + one), 1);
  pdf::Table table;
  table.columns = {{text.label("common.code"), 0.8f},
                   {text.label("common.partner"), 3.6f},
                   {text.label("fin.approved_total"), 1.7f, Align::kRight},
                   {text.label("fin.fund"), 1.7f, Align::kRight},
                   {text.label("fin.other_contributions"), 1.7f, Align::kRight},
                   {text.label("fin.fund_rate"), 1.2f, Align::kRight}};
  const bool wholeProject = data.selection.kind != ReportKind::kPartner;
  TableMarks mark(data);
  core::Amount total;
  core::Amount fund;
  core::Amount other;
  for (const core::Partner* partner : coveredPartners(data)) {
    const core::Amount partnerFund = partner->fundAmount();
    const core::Amount partnerOther = otherContributions(*partner);
    table.rows.push_back(
        {{partner->code,
          mark(partner->name, {"contributions_mismatch", "fund_rate_exceeded"}, partner->code),
          text.amount(partner->total), text.amount(partnerFund), text.amount(partnerOther),
          text.fundRate(partnerFund, partner->total)}});
    total += partner->total;
    fund += partnerFund;
    other += partnerOther;
  }
  const std::string fundRate = text.fundRateOf(coveredPartners(data));
  // The project's own findings mark the total row of the whole project, in its wide cell.
  table.rows.push_back(
      {{text.label("common.total"),
        wholeProject ? mark("", {"project_total_mismatch", "project_fund_mismatch"}, "") : "",
        text.amount(total), text.amount(fund), text.amount(other), fundRate},
       RowKind::kTotal});
  section->table(std::move(table));

  std::vector<pdf::KeyValue> totals{{text.label("fin.total_approved" + one), text.total(total)},
                                    {text.label("fin.total_fund" + one), text.total(fund)},
                                    {text.label("fin.total_other" + one), text.total(other)},
                                    {text.label("fin.fund_rate"), fundRate}};
  if (wholeProject) {
    const core::Project& project = data.bundle.project;
    if (project.approvedTotal)
      totals.push_back({text.label("fin.contract_total"),
                        mark(text.total(*project.approvedTotal), {"project_total_mismatch"}, "")});
    if (project.approvedFund)
      totals.push_back({text.label("fin.contract_fund"),
                        mark(text.total(*project.approvedFund), {"project_fund_mismatch"}, "")});
  }
  section->space(6);
  section->keyValues(std::move(totals));
  if (mark.any()) section->paragraph(text.label("findings.mark_note"), kNoteStyle);
  return section;
}

std::unique_ptr<pdf::Section> contributionsSection(const ReportData& data,
                                                   const core::Labels& labels) {
  const ReportText text(data, labels);
  auto section = std::make_unique<pdf::ContentSection>();
  section->heading(text.label("fin.contributions"), 1);
  pdf::Table table;
  table.columns = {{text.label("common.code"), 0.8f},
                   {text.label("fin.source"), 4.0f},
                   {text.label("fin.contribution_type"), 1.8f},
                   {text.label("fin.amount"), 1.8f, Align::kRight},
                   {text.label("fin.share_of_total"), 1.4f, Align::kRight}};
  TableMarks mark(data);
  core::Amount all;
  core::Amount allTotals;
  for (const core::Partner* partner : coveredPartners(data)) {
    for (const core::Contribution& contribution : partner->cofinancing) {
      table.rows.push_back(
          {{partner->code,
            contribution.type == core::ContributionType::kFund
                ? mark(contribution.source, {"fund_rate_exceeded"}, partner->code)
                : contribution.source,
            text.contributionType(contribution.type), text.amount(contribution.amount),
            contribution.type == core::ContributionType::kFund
                ? text.fundRate(contribution.amount, partner->total)
                : text.rate(contribution.amount, partner->total)}});
    }
    const core::Amount sum = contributionsTotal(*partner);
    table.rows.push_back({{partner->code,
                           mark(labels.format("fin.partner_total", {{"partner", partner->code}}),
                                {"contributions_mismatch"}, partner->code),
                           "", text.amount(sum), text.rate(sum, partner->total)},
                          RowKind::kEmphasis});
    all += sum;
    allTotals += partner->total;
  }
  table.rows.push_back(
      {{text.label("common.total"), "", "", text.amount(all), text.rate(all, allTotals)},
       RowKind::kTotal});
  section->table(std::move(table));
  if (text.legacyCurrency()) {
    section->space(6);
    section->keyValues({{text.label("fin.contributions_total"), text.total(all)}});
  }
  if (mark.any()) section->paragraph(text.label("findings.mark_note"), kNoteStyle);
  return section;
}

std::unique_ptr<pdf::Section> budgetByCategorySection(const ReportData& data,
                                                      const core::Labels& labels) {
  const ReportText text(data, labels);
  auto section = std::make_unique<pdf::ContentSection>();
  section->heading(text.label("fin.budget_by_category"), 1);
  section->paragraph(text.label("fin.expenditure_note"));
  section->space(4);
  pdf::Table table;
  table.columns = {{text.label("common.code"), 0.8f},
                   {text.label("fin.cost_category"), 3.4f},
                   {text.label("fin.approved"), 1.6f, Align::kRight},
                   {text.label("fin.declared"), 1.4f, Align::kRight},
                   {text.label("fin.verified"), 1.4f, Align::kRight},
                   {text.label("fin.remaining"), 1.6f, Align::kRight}};
  // Expenditure is not recorded yet: declared and verified are zero, remaining = approved -
  // verified.
  const core::Amount zero;
  TableMarks mark(data);
  core::Amount approvedAll;
  core::Amount remainingAll;
  for (const core::Partner* partner : coveredPartners(data)) {
    core::Amount approved;
    core::Amount remaining;
    for (const core::BudgetLine* line : orderedLines(*partner, data.rules)) {
      const core::Amount left = line->amount - zero;
      // A flat-rate line that is not its rate of its base: the finding found this amount.
      bool flat = false;
      for (const core::FlatRate& rate : data.rules.flatRates)
        flat = flat || rate.category == line->category;
      const std::string found = flat ? findingMark(mark.findings(),
                                                   [&](const core::Finding& finding) {
                                                     return finding.code == "flat_rate_mismatch" &&
                                                            finding.partner == partner->code &&
                                                            finding.actual == line->amount;
                                                   })
                                     : std::string();
      table.rows.push_back(
          {{partner->code, mark(text.category(line->category), found), text.amount(line->amount),
            text.amount(zero), text.amount(zero), text.amount(left)}});
      approved += line->amount;
      remaining += left;
    }
    table.rows.push_back(
        {{partner->code,
          mark(labels.format("fin.partner_total", {{"partner", partner->code}}),
               findingMark(mark.findings(), {"budget_mismatch"}, partner->code)),
          text.amount(approved), text.amount(zero), text.amount(zero), text.amount(remaining)},
         RowKind::kEmphasis});
    approvedAll += approved;
    remainingAll += remaining;
  }
  table.rows.push_back({{text.label("common.total"), "", text.amount(approvedAll),
                         text.amount(zero), text.amount(zero), text.amount(remainingAll)},
                        RowKind::kTotal});
  section->table(std::move(table));
  if (text.legacyCurrency()) {
    section->space(6);
    section->keyValues({{text.label("fin.approved"), text.total(approvedAll)},
                        {text.label("fin.remaining"), text.total(remainingAll)}});
  }
  if (mark.any()) section->paragraph(text.label("findings.mark_note"), kNoteStyle);
  return section;
}

}  // namespace crossgrant::reports
