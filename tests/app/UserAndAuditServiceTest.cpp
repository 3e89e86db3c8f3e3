// UserService's validation (names, grant scopes) and AuditService's reading of the trail:
// entries, forEach in batches and in order, and the hash chain's check.
#include <boost/test/unit_test.hpp>

#include <map>

#include <string>
#include <vector>

#include "AppFixture.h"
#include "crossgrant/app/audit/AuditRecorder.h"
#include "crossgrant/app/audit/AuditService.h"
#include "crossgrant/app/identity/UserService.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/store/AuditLog.h"

namespace app = crossgrant::app;
namespace core = crossgrant::core;
namespace store = crossgrant::store;
using core::Grant;
using core::Role;
using crossgrant::test::AppFixture;

namespace {

/// The pointer of the first problem an InvalidInput names, or "<none>".
template <typename Call>
std::string invalidAt(Call&& call) {
  try {
    call();
  } catch (const core::InvalidInput& e) {
    return e.errors().empty() ? std::string("<no pointer>") : e.errors().front().pointer;
  }
  return "<none>";
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(user_service, AppFixture)

BOOST_AUTO_TEST_CASE(create_refuses_bad_names_at_name) {
  app::UserService users(context, admin().actor);
  const std::string before = state();
  for (const std::string& name :
       {std::string(), std::string("with space"), std::string("tab\tname"), std::string("a:b"),
        std::string("a/b"), std::string("-starts-with-dash"), std::string(101, 'a'),
        std::string("bad\xC4utf8")}) {
    BOOST_TEST(invalidAt([&] { users.create(name, "", "Saulains-Rudens-Rits-42"); }) == "/name",
               "name \"" << name << "\"");
  }
  BOOST_TEST(state() == before);
  // A good one, with Baltic letters, is taken; then it is a conflict.
  users.create("jānis.bērziņš", "Jānis Bērziņš", "Saulains-Rudens-Rits-42");
  BOOST_CHECK_THROW(users.create("jānis.bērziņš", "", "Saulains-Rudens-Rits-42"), core::Conflict);
  BOOST_TEST(users.get("jānis.bērziņš").user.displayName == "Jānis Bērziņš");
}

BOOST_AUTO_TEST_CASE(a_grant_must_name_a_scope_that_exists) {
  importDemo();
  createUser("ona", {});
  app::UserService users(context, admin().actor);
  const std::string before = state();
  BOOST_TEST(invalidAt([&] {
               users.grant("ona", Grant{Role::kLead, "", "NO-SUCH", ""});
             }) == "/project");
  BOOST_TEST(invalidAt([&] {
               users.grant("ona", Grant{Role::kPartner, "", "NO-SUCH", "PP6"});
             }) == "/project");
  BOOST_TEST(invalidAt([&] {
               users.grant("ona", Grant{Role::kPartner, "", kProject, "PP99"});
             }) == "/partner");
  BOOST_TEST(invalidAt([&] {
               users.grant("ona", Grant{Role::kProgramme, "NO-SUCH", "", ""});
             }) == "/programme");
  BOOST_TEST(invalidAt([&] { users.grant("ona", Grant{Role::kLead, "", "", ""}); }) == "/project");
  BOOST_TEST(invalidAt([&] {
               users.grant("ona", Grant{Role::kAdmin, kProgramme, "", ""});
             }) == "/programme");
  BOOST_CHECK_THROW(users.grant("nobody", Grant{Role::kLead, "", kProject, ""}), core::NotFound);
  BOOST_TEST(state() == before);

  const app::UserView granted = users.grant("ona", Grant{Role::kLead, "", kProject, ""});
  BOOST_REQUIRE_EQUAL(granted.grants.size(), 1u);
  BOOST_CHECK_THROW(users.grant("ona", Grant{Role::kLead, "", kProject, ""}), core::Conflict);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(audit_service, AppFixture)

BOOST_AUTO_TEST_CASE(entries_for_each_and_verify_see_every_change_in_order) {
  importDemo();
  asAdmin().importBundle(otherBundle(), false);
  createUser("auditee", {Grant{Role::kLead, "", kProject, ""}});
  app::ProjectService service = asAdmin();
  core::Partner partner = service.partner(kProject, "PP2").value;
  partner.name = "Zarasų rajono savivaldybės administracija";
  service.updatePartner(kProject, "PP2", partner, 1);

  app::AuditService audit(context);
  const std::vector<core::AuditEntry> all = audit.entries({});
  // Two imports, the user's creation and its grant, the partner update.
  BOOST_REQUIRE_EQUAL(all.size(), 5u);
  BOOST_TEST(all[0].action == "import");
  BOOST_TEST(all[1].action == "import");
  BOOST_TEST(all[1].objectKey == kOtherProject);
  BOOST_TEST(all.back().action == "update");
  BOOST_TEST(all.back().objectKey == "LLI-317/PP2");
  // In the order they were appended; each project's in a chain of its own, the user's in the
  // installation's.
  std::map<std::string, const core::AuditEntry*> last;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i > 0) BOOST_TEST(all[i].id > all[i - 1].id);
    const core::AuditEntry* before = last[all[i].chain];
    BOOST_TEST(all[i].sequence == (before ? before->sequence + 1 : 1));
    BOOST_TEST(all[i].previousHash == (before ? before->hash : std::string(64, '0')));
    last[all[i].chain] = &all[i];
  }
  BOOST_TEST(last.size() == 3u);
  BOOST_TEST(all[0].chain != all[1].chain);
  BOOST_TEST(all[2].chain.empty());  // the user's creation

  std::vector<core::AuditEntry> visited;
  const std::int64_t count =
      audit.forEach({}, [&](const core::AuditEntry& entry) { visited.push_back(entry); });
  BOOST_TEST(count == 5);
  BOOST_TEST((visited == all));

  // One project's entries: its import, its lead's grant (filed under it) and the update.
  store::AuditFilter filter;
  filter.project = kProject;
  std::vector<std::int64_t> sequences;
  BOOST_TEST(audit.forEach(filter, [&](const core::AuditEntry& entry) {
    BOOST_TEST(entry.project == kProject);
    sequences.push_back(entry.sequence);
  }) == 3);
  BOOST_TEST((sequences == std::vector<std::int64_t>{1, 2, 3}));
  BOOST_TEST(audit.entries(filter).size() == 3u);
  filter.limit = 2;
  BOOST_TEST(audit.entries(filter).size() == 2u);

  const store::AuditVerification verification = audit.verify();
  BOOST_TEST(verification.intact());
  BOOST_TEST(verification.checked == 5);
}

BOOST_AUTO_TEST_CASE(for_each_hands_over_more_entries_than_one_batch_in_order) {
  constexpr int kEntries = 2 * 1000 + 17;  // more than two of its batches
  context.database().write([&](store::Connection& db) {
    for (int i = 0; i < kEntries; ++i)
      app::recordChange(db, context.auditKey(), admin().actor, "update", "note", std::to_string(i),
                        "", std::nullopt, core::Json::object().set("i", i));
  });
  app::AuditService audit(context);
  std::int64_t expected = 1;
  bool inOrder = true;
  const std::int64_t count = audit.forEach({}, [&](const core::AuditEntry& entry) {
    inOrder =
        inOrder && entry.sequence == expected && entry.objectKey == std::to_string(expected - 1);
    ++expected;
  });
  BOOST_TEST(count == kEntries);
  BOOST_TEST(inOrder);
  BOOST_TEST(expected == kEntries + 1);
  const store::AuditVerification verification = audit.verify();
  BOOST_TEST(verification.intact());
  BOOST_TEST(verification.checked == kEntries);
}

BOOST_AUTO_TEST_SUITE_END()
