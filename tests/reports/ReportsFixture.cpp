#include "ReportsFixture.h"

#include <Poco/AutoPtr.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include "TestSupport.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/BundleCodec.h"
#include "crossgrant/core/Findings.h"
#include "crossgrant/core/RulesFingerprint.h"
#include "crossgrant/reports/ReportBuilder.h"

namespace crossgrant::test {

DemoReports& DemoReports::instance() {
  static DemoReports reports;
  return reports;
}

DemoReports::DemoReports() {
  Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> config =
      new Poco::Util::PropertyFileConfiguration(binaryDir() + "/config/crossgrant.properties");
  plugins_ = std::make_unique<plugin::PluginRegistry>(binaryDir() + "/plugins", *config);
  bundle_ = core::readBundle(readFile(demoBundlePath()), plugins_->lookup());
  rules_ = plugins_->rules(bundle_.programme.rules);
  findings_ = core::computeFindings(bundle_, *rules_);
  bundleV2_ = core::readBundle(readFile(demoBundleV2Path()), plugins_->lookup());
  findingsV2_ = core::computeFindings(bundleV2_, *rules_, core::Date{2020, 3, 1});
  for (const core::Language language : core::kLanguages)
    labels_.push_back(core::Labels::load(sourceDir() + "/reports/i18n", language));
}

const core::Labels& DemoReports::labels(core::Language language) const {
  return labels_.at(static_cast<std::size_t>(language));
}

reports::ReportData DemoReports::data(reports::ReportKind kind, core::Language language) const {
  reports::ReportData data;
  data.selection.kind = kind;
  data.selection.language = language;
  if (kind == reports::ReportKind::kPartner || kind == reports::ReportKind::kProject)
    data.selection.period = 2;
  if (kind == reports::ReportKind::kPartner) data.selection.partner = "PP6";
  data.bundle = bundle_;
  data.rules = *rules_;
  data.rulesFingerprint = core::describeRules(*rules_).fingerprint;
  data.findings = findings_;
  if (kind == reports::ReportKind::kAudit) {
    data.selection.from = core::Date{2026, 11, 25};
    data.selection.to = core::Date{2026, 11, 25};
    std::string previous(core::kAuditGenesisHash);
    for (int i = 1; i <= 3; ++i) {
      core::AuditEntry entry;
      entry.sequence = i;
      entry.at = "2026-11-25T11:4" + std::to_string(i) + ":00.000Z";
      entry.user = "ilze";
      entry.role = "lead";
      entry.client = "127.0.0.1";
      entry.action = "update";
      entry.objectType = "partner";
      entry.objectKey = "LLI-317/PP" + std::to_string(i);
      entry.project = "LLI-317";
      entry.previousHash = previous;
      entry.hash = core::auditHash(entry);
      previous = entry.hash;
      data.auditEntries.push_back(entry);
    }
    data.auditChain.checked = 3;
  }
  data.documentId = "DRAFT-LLI-317-" + std::string(reports::toString(kind));
  data.generatedAt = {core::Date{2026, 11, 25}, 12, 30, 0};
  return data;
}

reports::ReportData DemoReports::progress(reports::ReportKind kind, core::Language language,
                                          int period) const {
  reports::ReportData data = this->data(kind, language);
  data.selection.period = period;
  data.bundle = bundleV2_;
  data.findings = findingsV2_;
  if (period == 4) {
    core::PeriodStatement project;
    project.period = 4;
    project.summary = {{"en", "The final conference closed the project."},
                       {"lv", "Noslēguma konference noslēdza projektu."}};
    project.problems = {{"en", "One exchange visit moved to October."}};
    core::PeriodStatement pp6;
    pp6.period = 4;
    pp6.partner = "PP6";
    pp6.summary = {{"lt", "Aptarėme paslaugų kokybę su jaunimu."}};
    pp6.activities = {{"A4.7", {{"lt", "Jaunimo centras veikė visą laikotarpį."}}}};
    data.statements = {project, pp6};
  }
  return data;
}

std::string DemoReports::render(const reports::ReportData& data) const {
  return reports::renderReport(data, labels(data.selection.language));
}

}  // namespace crossgrant::test
