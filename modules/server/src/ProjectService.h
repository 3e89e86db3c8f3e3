// The operations the CLI and the HTTP API share, so that both behave the same: import and
// export of bundles, findings, and validated edits of programmes, projects and partners.
// Each operation runs in one transaction; one that throws leaves the database unchanged.
// Errors: core::InvalidInput (bad data, with pointers), core::NotFound, core::Conflict.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/core/Findings.h"
#include "crossgrant/core/Json.h"
#include "crossgrant/core/Project.h"

namespace crossgrant::server {

class AppContext;

struct ImportResult {
  std::string projectCode;
  bool replaced = false;
  std::vector<core::Finding> findings;
};

class ProjectService {
 public:
  explicit ProjectService(AppContext& context) : context_(context) {}

  /// Validates and stores a bundle document. Conflict if the project exists and !replace.
  ImportResult importBundle(std::string_view text, bool replace);
  /// The canonical bundle text of a stored project. NotFound if missing.
  std::string exportBundle(std::string_view projectCode);
  core::Bundle loadBundle(std::string_view projectCode);
  std::vector<core::Finding> findings(std::string_view projectCode);
  /// The rules a programme's plugin gives; InvalidInput if no plugin has that key.
  const core::ProgrammeRules& rulesFor(const std::string& rulesKey) const;

  std::vector<core::Programme> programmes();
  core::Programme programme(std::string_view code);
  void createProgramme(const core::Json& body);
  /// body is the whole programme; its code must equal the one in the path.
  void updateProgramme(std::string_view code, const core::Json& body);
  void deleteProgramme(std::string_view code);

  std::vector<core::Project> projects(std::string_view programmeCode = {});
  core::Project project(std::string_view code);
  /// body: the bundle's "project" object plus "programme" (the programme's code).
  void createProject(const core::Json& body);
  void updateProject(std::string_view code, const core::Json& body);
  void deleteProject(std::string_view code);

  std::vector<core::Partner> partners(std::string_view projectCode);
  core::Partner partner(std::string_view projectCode, std::string_view partnerCode);
  void createPartner(std::string_view projectCode, const core::Json& body);
  void updatePartner(std::string_view projectCode, std::string_view partnerCode,
                     const core::Json& body);
  void deletePartner(std::string_view projectCode, std::string_view partnerCode);
  /// Replace a partner's budget lines or co-financing entries as a whole (a JSON array).
  void replaceBudget(std::string_view projectCode, std::string_view partnerCode,
                     const core::Json& body);
  void replaceCofinancing(std::string_view projectCode, std::string_view partnerCode,
                          const core::Json& body);

 private:
  AppContext& context_;
};

/// Findings as the CLI's --json and the API print them:
/// {"project": CODE, "findings": [{"code", "partner"?, "expected", "actual", "difference",
/// "message"}]}.
core::Json findingsToJson(std::string_view projectCode, const std::vector<core::Finding>& findings);

}  // namespace crossgrant::server
