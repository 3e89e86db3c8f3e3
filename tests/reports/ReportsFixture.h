// The demo project (data/socquality.bundle.json, and its version 2 with the work plan) with its
// programme's real rules plugin and its findings, and ReportData for any kind and language of it.
// Rendering needs the built plugins (build/plugins) and the translations of the source tree.
#pragma once

#include <memory>
#include <string>

#include "crossgrant/core/Labels.h"
#include "crossgrant/plugin/PluginRegistry.h"
#include "crossgrant/reports/ReportData.h"

namespace crossgrant::test {

class DemoReports {
 public:
  static DemoReports& instance();

  const core::Bundle& bundle() const { return bundle_; }
  const core::ProgrammeRules& rules() const { return *rules_; }
  const core::Labels& labels(core::Language language) const;

  /// A draft of the demo project: period 2 for progress reports, PP6 for a partner report,
  /// three audit entries of 2026-11-25 for an audit extract.
  reports::ReportData data(reports::ReportKind kind, core::Language language) const;
  std::string render(const reports::ReportData& data) const;
  /// A draft progress report (kPartner for PP6, or kProject) of the demo of version 2 for
  /// period, with the statements of period 4: the project's in lv and en, PP6's in lt with the
  /// progress of its activity A4.7.
  reports::ReportData progress(reports::ReportKind kind, core::Language language, int period) const;

 private:
  DemoReports();

  std::unique_ptr<plugin::PluginRegistry> plugins_;
  const core::ProgrammeRules* rules_ = nullptr;
  core::Bundle bundle_;
  std::vector<core::Finding> findings_;
  core::Bundle bundleV2_;
  std::vector<core::Finding> findingsV2_;
  std::vector<core::Labels> labels_;
};

}  // namespace crossgrant::test
