// The use cases as the server wires them, without HTTP: the build's default configuration over
// a fresh database on the targeted backend (migrated), the real plugins and password rules, in
// one app::Context whose clock the test sets (it starts at the real time and moves only by
// advanceClock). Callers are built the way the HTTP API builds them from a session: a
// principal whose project-scoped grants name their project's programme (as
// store::resolvedGrants resolves them) and an actor with the role that applies.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "TestSupport.h"
#include "crossgrant/app/Caller.h"
#include "crossgrant/app/Context.h"
#include "crossgrant/app/grants/ProjectService.h"
#include "crossgrant/core/Access.h"
#include "crossgrant/core/Audit.h"
#include "crossgrant/core/Project.h"
#include "crossgrant/server/Configuration.h"

namespace crossgrant::test {

class AppFixture {
 public:
  static constexpr const char* kProgramme = "LV-LT-2014-2020";
  static constexpr const char* kProject = "LLI-317";
  static constexpr const char* kOtherProgramme = "EE-LV-2014-2020";
  static constexpr const char* kOtherProject = "EE-LV-042";
  static constexpr const char* kClient = "192.0.2.10";

  AppFixture();
  ~AppFixture();

  /// An admin (principal with the admin grant, actor role "admin").
  app::Caller admin() const;
  /// A user acting with grants; the actor's role is role.
  app::Caller caller(const std::string& user, std::vector<core::Grant> grants,
                     const std::string& role) const;
  /// Lead of project (of programme), partner of LLI-317/partner, ... as the HTTP API resolves
  /// them for the policy.
  app::Caller leadOf(const std::string& project, const std::string& programme) const;
  app::Caller partnerOf(const std::string& partner) const;

  app::ProjectService projects(const app::Caller& who) { return {context, who}; }
  app::ProjectService asAdmin() { return projects(admin()); }

  /// The demo bundle as read by the loaded plugins.
  core::Bundle demoBundle();
  /// The demo bundle moved to EE-LV-2014-2020 / EE-LV-042 (partners as in the demo).
  core::Bundle otherBundle();
  /// Imports the demo bundle as an admin.
  void importDemo();

  /// Creates a user through the use case (as the command line would) with grants; returns
  /// its password.
  std::string createUser(const std::string& name, const std::vector<core::Grant>& grants);

  /// Every entry of the audit trail, in order.
  std::vector<core::AuditEntry> auditTrail();
  /// What a client could see of the stored data: each project's export (or that it is
  /// missing), the programme and project lists, every user with its grants and the length of
  /// the audit trail. Equal states mean nothing changed.
  std::string state();

  void advanceClock(std::chrono::milliseconds by) { clockMillis += by.count(); }

  TempDir dir;
  server::Configuration configuration;
  std::unique_ptr<app::Context> ownContext;
  app::Context& context;
  std::atomic<std::int64_t> clockMillis;
};

}  // namespace crossgrant::test
