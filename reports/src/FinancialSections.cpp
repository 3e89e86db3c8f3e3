#include <string>
#include <vector>

#include "ReportText.h"
#include "Sections.h"
#include "crossgrant/pdf/ContentSection.h"

namespace crossgrant::reports {
namespace {

using pdf::Align;
using pdf::RowKind;

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
  section->heading(text.label("fin.partner_overview"), 1);
  pdf::Table table;
  table.columns = {{text.label("common.code"), 0.8f},
                   {text.label("common.partner"), 3.6f},
                   {text.label("fin.approved_total"), 1.7f, Align::kRight},
                   {text.label("fin.fund"), 1.7f, Align::kRight},
                   {text.label("fin.other_contributions"), 1.7f, Align::kRight},
                   {text.label("fin.fund_rate"), 1.2f, Align::kRight}};
  core::Amount total;
  core::Amount fund;
  core::Amount other;
  for (const core::Partner* partner : coveredPartners(data)) {
    const core::Amount partnerFund = partner->fundAmount();
    const core::Amount partnerOther = otherContributions(*partner);
    table.rows.push_back(
        {{partner->code, partner->name, text.amount(partner->total), text.amount(partnerFund),
          text.amount(partnerOther), text.rate(partnerFund, partner->total)}});
    total += partner->total;
    fund += partnerFund;
    other += partnerOther;
  }
  table.rows.push_back({{text.label("common.total"), "", text.amount(total), text.amount(fund),
                         text.amount(other), text.rate(fund, total)},
                        RowKind::kTotal});
  section->table(std::move(table));

  std::vector<pdf::KeyValue> totals{{text.label("fin.total_approved"), text.total(total)},
                                    {text.label("fin.total_fund"), text.total(fund)},
                                    {text.label("fin.total_other"), text.total(other)},
                                    {text.label("fin.fund_rate"), text.rate(fund, total)}};
  if (data.selection.kind != ReportKind::kPartner) {
    const core::Project& project = data.bundle.project;
    if (project.approvedTotal)
      totals.push_back({text.label("fin.contract_total"), text.total(*project.approvedTotal)});
    if (project.approvedFund)
      totals.push_back({text.label("fin.contract_fund"), text.total(*project.approvedFund)});
  }
  section->space(6);
  section->keyValues(std::move(totals));
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
  core::Amount all;
  core::Amount allTotals;
  for (const core::Partner* partner : coveredPartners(data)) {
    for (const core::Contribution& contribution : partner->cofinancing) {
      table.rows.push_back(
          {{partner->code, contribution.source, text.contributionType(contribution.type),
            text.amount(contribution.amount), text.rate(contribution.amount, partner->total)}});
    }
    const core::Amount sum = contributionsTotal(*partner);
    table.rows.push_back(
        {{partner->code, labels.format("fin.partner_total", {{"partner", partner->code}}), "",
          text.amount(sum), text.rate(sum, partner->total)},
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
  core::Amount approvedAll;
  core::Amount remainingAll;
  for (const core::Partner* partner : coveredPartners(data)) {
    core::Amount approved;
    core::Amount remaining;
    for (const core::BudgetLine* line : orderedLines(*partner, data.rules)) {
      const core::Amount left = line->amount - zero;
      table.rows.push_back(
          {{partner->code, text.category(line->category), text.amount(line->amount),
            text.amount(zero), text.amount(zero), text.amount(left)}});
      approved += line->amount;
      remaining += left;
    }
    table.rows.push_back(
        {{partner->code, labels.format("fin.partner_total", {{"partner", partner->code}}),
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
  return section;
}

}  // namespace crossgrant::reports
