#include <string>
#include <vector>

#include "ReportText.h"
#include "Sections.h"
#include "crossgrant/core/Locale.h"
#include "crossgrant/reports/Provenance.h"

namespace crossgrant::reports {
namespace {

std::string two(int value) { return (value < 10 ? "0" : "") + std::to_string(value); }

/// "2026-11-25T11:40:00Z", as the store and `crossgrant verify` write the time.
std::string isoTime(const pdf::Timestamp& at) {
  return at.date.toString() + "T" + two(at.hour) + ":" + two(at.minute) + ":" + two(at.second) +
         "Z";
}

/// The last page of a submitted report: who, when, which document, which rules, and how the
/// file is checked (Provenance.h).
class SubmissionSection : public pdf::Section {
 public:
  SubmissionSection(const ReportData& data, const core::Labels& labels) {
    const ReportText text(data, labels);
    title_ = text.label("submission.title");
    std::string who = data.submittedBy;
    if (!data.submitterName.empty() && data.submitterName != data.submittedBy)
      who = data.submitterName + " (" + data.submittedBy + ")";
    const pdf::Timestamp& at = data.submittedAt;
    entries_ = {
        {text.label("submission.submitted_by"), who},
        {text.label("submission.submitted_at"),
         core::formatDateTime(at.date, at.hour, at.minute, text.language()) + " UTC (" +
             isoTime(at) + ")"},
        {text.label("submission.document_id"), data.documentId},
    };
    if (!data.rulesFingerprint.empty())
      fingerprint_ = text.label("common.rules_fingerprint") + ": " + data.rulesFingerprint;
    checkHeading_ = text.label("submission.how_to_check");
    explanation_ =
        labels.format("submission.explanation", {{"sha_key", std::string(kContentSha256Key)},
                                                 {"length_key", std::string(kContentLengthKey)}});
  }

  void render(pdf::Document& document) const override {
    document.pageBreak();
    document.heading(title_, 1);
    document.keyValues(entries_);
    // A paragraph of its own, as in the identification: the 64 hex digits stay on one line.
    if (!fingerprint_.empty()) {
      document.space(2);
      document.paragraph(fingerprint_);
    }
    document.heading(checkHeading_, 2);
    document.paragraph(explanation_);
  }

 private:
  std::string title_;
  std::vector<pdf::KeyValue> entries_;
  std::string fingerprint_;
  std::string checkHeading_;
  std::string explanation_;
};

}  // namespace

std::unique_ptr<pdf::Section> submissionSection(const ReportData& data,
                                                const core::Labels& labels) {
  return std::make_unique<SubmissionSection>(data, labels);
}

}  // namespace crossgrant::reports
