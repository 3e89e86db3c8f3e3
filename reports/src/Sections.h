// The section builders the report definitions are made of (ReportBuilder.h's SectionBuilder).
// Each reads only the ReportData and the labels. Internal to the reports library.
#pragma once

#include <memory>

#include "crossgrant/core/Labels.h"
#include "crossgrant/pdf/Section.h"
#include "crossgrant/reports/ReportData.h"

namespace crossgrant::reports {

/// Programme, project, title, duration, currency, period, partner(s), languages.
std::unique_ptr<pdf::Section> identificationSection(const ReportData& data,
                                                    const core::Labels& labels);
/// Per partner: approved total, fund, the other contributions and the fund rate; the totals
/// of the printed rows, the contract's approved figures, and the euro equivalents for a
/// legacy currency.
std::unique_ptr<pdf::Section> partnerOverviewSection(const ReportData& data,
                                                     const core::Labels& labels);
/// Each contribution of each covered partner with its share of the partner's total;
/// a subtotal per partner and the total.
std::unique_ptr<pdf::Section> contributionsSection(const ReportData& data,
                                                   const core::Labels& labels);
/// Per covered partner and cost category: approved, declared, verified, remaining; subtotals
/// per partner and the total.
std::unique_ptr<pdf::Section> budgetByCategorySection(const ReportData& data,
                                                      const core::Labels& labels);
/// Every finding (of the covered partners and the project), none hidden.
std::unique_ptr<pdf::Section> findingsSection(const ReportData& data, const core::Labels& labels);
/// Progress reports: what the lead (project report) and the partners wrote about the period,
/// their summary and problems and deviations.
std::unique_ptr<pdf::Section> statementsSection(const ReportData& data, const core::Labels& labels);
/// Per work package, the covered partners' activities: status, dates, the period's progress.
std::unique_ptr<pdf::Section> activitiesSection(const ReportData& data, const core::Labels& labels);
/// The events that started in the period (of the partner, in a partner report) with their
/// participants by target group, and the totals by target group.
std::unique_ptr<pdf::Section> eventsSection(const ReportData& data, const core::Labels& labels);
/// The project's indicators: baseline, target, the period's value, cumulative value, progress
/// and a progress bar each.
std::unique_ptr<pdf::Section> indicatorsSection(const ReportData& data, const core::Labels& labels);
/// The partner's (partner report) or the lead partner's (project report) declaration, with
/// lines to sign.
std::unique_ptr<pdf::Section> declarationSection(const ReportData& data,
                                                 const core::Labels& labels);
/// The audit extract's range and the chain's verification result.
std::unique_ptr<pdf::Section> auditChainSection(const ReportData& data, const core::Labels& labels);
/// The audit entries of the range, in sequence order.
std::unique_ptr<pdf::Section> auditEntriesSection(const ReportData& data,
                                                  const core::Labels& labels);

/// The last page of a submitted report (never of a draft): who submitted it and when, the
/// document ID, the rules fingerprint, and how the file's SHA-256 is checked (Provenance.h).
std::unique_ptr<pdf::Section> submissionSection(const ReportData& data, const core::Labels& labels);

}  // namespace crossgrant::reports
