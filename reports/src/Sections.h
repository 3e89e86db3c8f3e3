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
/// The audit extract's range and the chain's verification result.
std::unique_ptr<pdf::Section> auditChainSection(const ReportData& data, const core::Labels& labels);
/// The audit entries of the range, in sequence order.
std::unique_ptr<pdf::Section> auditEntriesSection(const ReportData& data,
                                                  const core::Labels& labels);

/// The last page of a submitted report (never of a draft): who submitted it and when, the
/// document ID, the rules fingerprint, and how the file's SHA-256 is checked (Provenance.h).
std::unique_ptr<pdf::Section> submissionSection(const ReportData& data, const core::Labels& labels);

}  // namespace crossgrant::reports
