// No error leaves anything committed: every use case that writes is made to fail right after
// each statement it executes (through Database::setWriteObserver, the store's fault seam), and
// every table of the store must then read exactly as before; the audit trail still verifies.
// Then it runs without a fault, and the next use case starts from what it stored.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <functional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "AppFixture.h"
#include "crossgrant/app/audit/AuditService.h"
#include "crossgrant/app/identity/AuthService.h"
#include "crossgrant/app/identity/UserService.h"
#include "crossgrant/app/reporting/ReportService.h"
#include "crossgrant/app/rules/RulesService.h"
#include "crossgrant/core/AuditChain.h"

using crossgrant::core::Grant;
using crossgrant::core::Role;
using crossgrant::test::AppFixture;

namespace {

namespace app = crossgrant::app;
namespace core = crossgrant::core;
namespace store = crossgrant::store;

/// What the fault seam throws; nothing in crossgrant catches it.
class InjectedFault : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string cellText(const store::Value& value) {
  if (std::holds_alternative<std::nullptr_t>(value)) return "NULL";
  if (const auto* number = std::get_if<std::int64_t>(&value)) return std::to_string(*number);
  if (const auto* text = std::get_if<std::string>(&value)) return "'" + *text + "'";
  return "blob:" + core::sha256Hex(std::get<store::Blob>(value).bytes);
}

/// Every row of every table but those named in skipped, rows sorted within their table.
std::string everyTable(AppFixture& f, const std::set<std::string>& skipped = {}) {
  return f.context.database().read([&](store::Reader& db) {
    const std::string tables =
        db.backend() == "sqlite"
            ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
              "ORDER BY table_name";
    std::string dump;
    for (const store::Row& table : db.query(tables)) {
      const std::string name = store::asText(table.at(0));
      if (skipped.count(name) != 0) continue;
      std::vector<std::string> rows;
      for (const store::Row& row : db.query("SELECT * FROM " + name)) {
        std::string line;
        for (const store::Value& cell : row) line += cellText(cell) + " ";
        rows.push_back(std::move(line));
      }
      std::sort(rows.begin(), rows.end());
      dump += "table " + name + "\n";
      for (const std::string& row : rows) dump += row + "\n";
    }
    return dump;
  });
}

/// Runs operation failing after its first, second, ... statement until it runs through without
/// a fault; after each failure the store must be as before, except for the tables in
/// countedFirst: what a use case commits on purpose in a unit of its own before the rest.
void failAfterEachWrite(AppFixture& f, const std::string& name,
                        const std::function<void()>& operation,
                        const std::set<std::string>& countedFirst = {}) {
  for (int failAt = 1;; ++failAt) {
    const std::string before = everyTable(f, countedFirst);
    int executed = 0;
    f.context.database().setWriteObserver([&](std::string_view sql) {
      if (++executed == failAt) throw InjectedFault(name + " after " + std::string(sql));
    });
    bool failed = false;
    try {
      operation();
    } catch (const InjectedFault&) {
      failed = true;
    } catch (...) {
      f.context.database().setWriteObserver({});
      throw;
    }
    f.context.database().setWriteObserver({});
    if (!failed) {
      BOOST_TEST(executed < failAt,
                 name << ": the fault after statement " << failAt << " was swallowed");
      BOOST_TEST(failAt > 1, name << " wrote nothing");
      BOOST_TEST_MESSAGE(name << ": " << executed << " statements");
      return;
    }
    BOOST_TEST(everyTable(f, countedFirst) == before,
               name << ": a failure after statement " << failAt << " left a change");
    BOOST_TEST(app::AuditService(f.context).verify().intact(), name);
  }
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(fault_injection, AppFixture)

BOOST_AUTO_TEST_CASE(a_failure_after_any_write_of_any_use_case_leaves_the_store_unchanged) {
  const core::Actor cli = app::Caller::commandLine().actor;
  app::ProjectService projects = asAdmin();
  app::UserService users(context, admin().actor);
  app::AuthService auth(context);
  app::RulesService rules(context, cli);
  app::ReportService reports(context, admin().actor);

  failAfterEachWrite(*this, "rules update", [&] { rules.update(); });
  failAfterEachWrite(*this, "import", [&] { projects.importBundle(demoBundle(), false); });
  failAfterEachWrite(*this, "replace", [&] {
    core::Bundle bundle = demoBundle();
    bundle.project.acronym = "Replaced";
    bundle.partners.pop_back();
    projects.importBundle(bundle, true, app::bundleTag(projects.exportBundle(kProject)));
  });
  failAfterEachWrite(*this, "import of another programme",
                     [&] { projects.importBundle(otherBundle(), false); });

  core::Programme programme{"XX-2021", "Testing programme", "interreg-2014-2020", "ERDF"};
  failAfterEachWrite(*this, "create programme", [&] { projects.createProgramme(programme); });
  failAfterEachWrite(*this, "update programme", [&] {
    core::Programme changed = programme;
    changed.name = "Renamed";
    projects.updateProgramme(programme.code, changed, projects.programme(programme.code).version);
  });
  failAfterEachWrite(*this, "create project", [&] {
    core::Project project = demoBundle().project;
    project.code = "XX-1";
    project.programmeCode = programme.code;
    projects.createProject(project);
  });
  failAfterEachWrite(*this, "update project", [&] {
    core::Project project = projects.project("XX-1").value;
    project.acronym = "Changed";
    projects.updateProject("XX-1", project, projects.project("XX-1").version);
  });
  const core::Partner lead = demoBundle().partners.front();
  failAfterEachWrite(*this, "create partner", [&] {
    core::Partner partner = lead;
    projects.createPartner("XX-1", partner);
  });
  failAfterEachWrite(*this, "update partner", [&] {
    core::Partner partner = lead;
    partner.name = "Renamed";
    projects.updatePartner("XX-1", lead.code, partner, projects.partner("XX-1", lead.code).version);
  });
  failAfterEachWrite(*this, "replace budget", [&] {
    std::vector<core::BudgetLine> budget = lead.budget;
    budget.pop_back();
    projects.replaceBudget("XX-1", lead.code, budget, projects.partner("XX-1", lead.code).version);
  });
  failAfterEachWrite(*this, "replace co-financing", [&] {
    std::vector<core::Contribution> cofinancing = lead.cofinancing;
    cofinancing.pop_back();
    projects.replaceCofinancing("XX-1", lead.code, cofinancing,
                                projects.partner("XX-1", lead.code).version);
  });

  failAfterEachWrite(*this, "create user",
                     [&] { users.create("ilze", "Ilze", "correct horse battery staple 1"); });
  failAfterEachWrite(*this, "grant", [&] {
    users.grant("ilze", Grant{Role::kPartner, "", "XX-1", lead.code});
  });
  failAfterEachWrite(*this, "grant on the project", [&] {
    users.grant("ilze", Grant{Role::kLead, "", kProject, ""});
  });
  failAfterEachWrite(*this, "revoke", [&] {
    users.revoke("ilze", Grant{Role::kLead, "", kProject, ""});
  });
  failAfterEachWrite(*this, "set password",
                     [&] { users.setPassword("ilze", "correct horse battery staple 2"); });
  // A login or password change counts its attempt in a unit of its own before the password is
  // checked (AuthService.h), so that parallel guesses cannot all pass: a fault after that unit
  // may leave the attempt counted in login_throttle, and nothing else. Each try starts in a new
  // window, so that the attempts the faulted tries left do not lock the account.
  const std::set<std::string> attemptCounted{"login_throttle"};
  app::LoginResult session;
  failAfterEachWrite(
      *this, "login",
      [&] {
        advanceClock(std::chrono::minutes(16));
        session = auth.login("ilze", "correct horse battery staple 2", kClient, "test");
      },
      attemptCounted);
  failAfterEachWrite(*this, "session touched", [&] {
    advanceClock(std::chrono::minutes(2));
    BOOST_REQUIRE(auth.authenticate(session.token));
  });
  failAfterEachWrite(*this, "logout", [&] {
    auth.endSession(core::Actor{"ilze", "partner", kClient}, session.user.id, session.session.id);
  });
  failAfterEachWrite(
      *this, "change password",
      [&] {
        advanceClock(std::chrono::minutes(16));
        auth.changePassword(core::Actor{"ilze", "partner", kClient}, "ilze",
                            "correct horse battery staple 2", "correct horse battery staple 3");
      },
      attemptCounted);

  store::SubmittedReport submitted;
  failAfterEachWrite(*this, "submit report", [&] {
    submitted = reports.submit(kProject, crossgrant::reports::ReportSelection{});
  });
  failAfterEachWrite(*this, "download report", [&] { reports.download(submitted.id); });

  failAfterEachWrite(*this, "delete partner", [&] {
    projects.deletePartner("XX-1", lead.code, projects.partner("XX-1", lead.code).version);
  });
  failAfterEachWrite(*this, "delete project",
                     [&] { projects.deleteProject("XX-1", projects.project("XX-1").version); });
  failAfterEachWrite(*this, "delete programme", [&] {
    projects.deleteProgramme(programme.code, projects.programme(programme.code).version);
  });
  failAfterEachWrite(*this, "delete imported project",
                     [&] { projects.deleteProject(kProject, projects.project(kProject).version); });
  failAfterEachWrite(*this, "remove user", [&] { users.remove("ilze"); });
}

BOOST_AUTO_TEST_SUITE_END()
