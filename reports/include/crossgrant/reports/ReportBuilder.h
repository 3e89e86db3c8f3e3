// The report definitions: for each report kind, its title and the ordered list of section
// builders that make it. A section builder turns ReportData into one pdf::Section in the
// report's language. Later features add sections (work packages, activities, events,
// indicators, expenditure, surveys) by adding a builder to the kinds that show them; neither
// the engine nor the other sections change.
//
// Thread safety: the definitions are immutable; buildReport and renderReport may run on any
// number of threads at once.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/core/Labels.h"
#include "crossgrant/pdf/Report.h"
#include "crossgrant/pdf/Section.h"
#include "crossgrant/reports/ReportData.h"

namespace crossgrant::reports {

/// Makes one section from the data, with labels in the data's language.
using SectionBuilder =
    std::function<std::unique_ptr<pdf::Section>(const ReportData&, const core::Labels&)>;

struct SectionDefinition {
  std::string name;  ///< e.g. "identification", "budget_by_category"
  SectionBuilder build;
};

struct ReportDefinition {
  ReportKind kind;
  std::string titleKey;  ///< label key of the title, e.g. "report.financial_statement.title"
  std::vector<SectionDefinition> sections;  ///< in the order they print
};

/// The definition of a kind.
const ReportDefinition& definitionOf(ReportKind kind);

/// The report, ready to render: identification from the data, every section of the kind, and
/// for a submitted report (not a draft) the "Submission" page last (submissionSection).
/// Throws core::InvalidInput as checkSelection does.
pdf::Report buildReport(const ReportData& data, const core::Labels& labels);

/// buildReport(...).render(labels): the PDF bytes; for a submitted report those are revision 1,
/// and sealSubmitted (Provenance.h) appends revision 2 with their SHA-256. Throws
/// core::InvalidInput, pdf::PdfError.
std::string renderReport(const ReportData& data, const core::Labels& labels);

}  // namespace crossgrant::reports
