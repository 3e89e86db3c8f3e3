// AuthService on its own: wrong passwords, throttling, the principal a session token gives, the
// session's idle end on the Context's clock, and what a login records in the audit trail.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "AppFixture.h"
#include "crossgrant/app/identity/AuthService.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/store/UserRepository.h"

namespace app = crossgrant::app;
namespace core = crossgrant::core;
using core::Grant;
using core::Role;
using crossgrant::test::AppFixture;

namespace {

constexpr const char* kAgent = "app-tests";

/// The login entries of the trail.
std::vector<core::AuditEntry> logins(AppFixture& f) {
  std::vector<core::AuditEntry> found;
  for (const core::AuditEntry& entry : f.auditTrail())
    if (entry.action == "login") found.push_back(entry);
  return found;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(auth_service, AppFixture)

BOOST_AUTO_TEST_CASE(a_wrong_password_is_invalid_credentials_and_five_are_throttled) {
  importDemo();
  const std::string password = createUser("ilze", {Grant{Role::kLead, "", kProject, ""}});
  app::AuthService auth(context);
  try {
    auth.login("ilze", password + "x", kClient, kAgent);
    BOOST_FAIL("a wrong password signed in");
  } catch (const core::Unauthenticated& e) {
    BOOST_TEST(e.code() == "invalid_credentials");
    BOOST_TEST((e.kind() == core::ErrorKind::kUnauthenticated));
  }
  // An unknown user is told exactly the same (tried from elsewhere, so that this address's
  // count stays ilze's).
  try {
    auth.login("nobody", password, "192.0.2.99", kAgent);
    BOOST_FAIL("an unknown user signed in");
  } catch (const core::Unauthenticated& e) {
    BOOST_TEST(e.code() == "invalid_credentials");
  }
  // Four more wrong ones make five for the account (and the account at this address) ...
  for (int i = 0; i < 4; ++i)
    BOOST_CHECK_THROW(auth.login("ilze", "wrong password " + std::to_string(i), kClient, kAgent),
                      core::Unauthenticated);
  // ... and then even the right password is refused, with a time to come back; the clock does
  // not move, so the block holds.
  try {
    auth.login("ilze", password, kClient, kAgent);
    BOOST_FAIL("a login went through the throttle");
  } catch (const core::Throttled& e) {
    BOOST_TEST((e.kind() == core::ErrorKind::kThrottled));
    BOOST_REQUIRE(e.retryAfterSeconds().has_value());
    BOOST_TEST(*e.retryAfterSeconds() >= 1);
    BOOST_TEST(*e.retryAfterSeconds() <= 30);
  }
  BOOST_TEST(logins(*this).empty());
  // Once the block has passed, the right password signs in.
  advanceClock(std::chrono::seconds(31));
  const app::LoginResult result = auth.login("ilze", password, kClient, kAgent);
  BOOST_TEST(result.user.name == "ilze");
}

BOOST_AUTO_TEST_CASE(refused_logins_are_counted_not_logged_one_by_one) {
  importDemo();
  const std::string password = createUser("ilze", {Grant{Role::kLead, "", kProject, ""}});
  app::AuthService auth(context);
  for (int i = 0; i < 5; ++i)
    BOOST_CHECK_THROW(auth.login("ilze", "wrong password " + std::to_string(i), kClient, kAgent),
                      core::Unauthenticated);
  const std::size_t before = auditTrail().size();
  // Fifty refusals in one block: one entry, with the count of the window's first refusal.
  for (int i = 0; i < 50; ++i)
    BOOST_CHECK_THROW(auth.login("ilze", password, kClient, kAgent), core::Throttled);
  std::vector<core::AuditEntry> entries = auditTrail();
  BOOST_REQUIRE_EQUAL(entries.size(), before + 1);
  BOOST_TEST(entries.back().action == "login_refused");
  BOOST_TEST(entries.back().client == kClient);
  BOOST_TEST(entries.back().objectKey == "ilze");
  BOOST_TEST(core::Json::parse(*entries.back().after).find("refused")->asInteger() == 1);
  // The next entry of the account at this address, here its login once the block has passed,
  // carries the window's count.
  advanceClock(std::chrono::seconds(31));
  auth.login("ilze", password, kClient, kAgent);
  entries = auditTrail();
  BOOST_REQUIRE_EQUAL(entries.size(), before + 2);
  BOOST_TEST(entries.back().action == "login");
  const core::Json after = core::Json::parse(*entries.back().after);
  BOOST_REQUIRE(after.find("refused_before") != nullptr);
  BOOST_TEST(after.find("refused_before")->asInteger() == 50);
}

BOOST_AUTO_TEST_CASE(the_throttle_keeps_at_most_its_rows_and_forgets_old_windows) {
  crossgrant::server::Configuration small = configuration;
  small.app.throttleMaxRows = 30;
  const std::unique_ptr<app::Context> bounded = crossgrant::server::makeContext(small);
  std::int64_t clock = context.nowMillis();
  bounded->setClock([&] { return clock; });
  app::AuthService auth(*bounded);
  const auto rows = [&] {
    return bounded->database().read(
        [](crossgrant::store::Reader& db) { return crossgrant::store::countThrottles(db); });
  };
  const auto has = [&](const std::string& key) {
    return bounded->database().read([&](crossgrant::store::Reader& db) {
      return crossgrant::store::findThrottle(db, key).has_value();
    });
  };
  // Random user names from ever new addresses: four rows each, the oldest pruned first.
  for (int i = 0; i < 40; ++i) {
    BOOST_CHECK_THROW(auth.login("random-" + std::to_string(i), "a guess",
                                 "198.51.100." + std::to_string(i), kAgent),
                      core::Unauthenticated);
    clock += 1000;
    BOOST_TEST(rows() <= 30);
  }
  BOOST_TEST(has("guesses:random-39"));
  BOOST_TEST(has("address:198.51.100.39"));
  BOOST_TEST(!has("guesses:random-0"));
  BOOST_TEST(!has("address:198.51.100.0"));
  // Once their windows are forgotten, the next attempt prunes them.
  clock += 2 * 60 * 60 * 1000;
  BOOST_CHECK_THROW(auth.login("random-x", "a guess", "198.51.100.200", kAgent),
                    core::Unauthenticated);
  BOOST_TEST(rows() == 4);
  BOOST_TEST(!has("guesses:random-39"));
}

BOOST_AUTO_TEST_CASE(a_token_authenticates_as_its_user_with_grants_until_it_idles_out) {
  importDemo();
  const std::vector<Grant> grants = {Grant{Role::kPartner, "", kProject, "PP6"},
                                     Grant{Role::kController, "", kProject, "PP6"}};
  const std::string password = createUser("rasa", grants);
  app::AuthService auth(context);
  const app::LoginResult login = auth.login("rasa", password, kClient, kAgent);
  BOOST_TEST(!login.token.empty());
  BOOST_TEST(login.token != login.csrfToken);
  BOOST_TEST(login.user.name == "rasa");
  BOOST_TEST(login.session.clientAddress == kClient);
  BOOST_TEST(login.session.userAgent == kAgent);
  BOOST_TEST(login.grants.size() == 2u);

  const std::optional<app::Authentication> found = auth.authenticate(login.token);
  BOOST_REQUIRE(found.has_value());
  BOOST_TEST(found->session.id == login.session.id);
  BOOST_TEST(found->principal.user == "rasa");
  BOOST_TEST(!found->principal.isOperatingSystem);
  // The policy's view of the grants: each names its project's programme.
  BOOST_REQUIRE_EQUAL(found->principal.grants.size(), 2u);
  for (const Grant& grant : found->principal.grants) {
    BOOST_TEST(grant.programme == kProgramme);
    BOOST_TEST(grant.project == kProject);
    BOOST_TEST(grant.partner == "PP6");
  }
  BOOST_TEST(app::AuthService::csrfMatches(found->session, login.csrfToken));
  BOOST_TEST(!app::AuthService::csrfMatches(found->session, login.token));
  BOOST_TEST(!auth.authenticate(login.token + "x").has_value());
  BOOST_TEST(!auth.authenticate("").has_value());

  // Active within the idle time, the session lives on ...
  const std::int64_t idle = context.settings().sessionIdleSeconds * 1000;
  advanceClock(std::chrono::milliseconds(idle - 1000));
  BOOST_TEST(auth.authenticate(login.token).has_value());
  // ... and idle for longer, it has ended (and stays ended).
  advanceClock(std::chrono::milliseconds(idle));
  BOOST_TEST(!auth.authenticate(login.token).has_value());
  BOOST_TEST(auth.sessions(login.user.id).empty());
  advanceClock(std::chrono::milliseconds(-2 * idle));
  BOOST_TEST(!auth.authenticate(login.token).has_value());
}

BOOST_AUTO_TEST_CASE(a_login_is_recorded_with_the_roles_of_its_user) {
  importDemo();
  app::AuthService auth(context);
  const std::string lead = createUser("lead-user", {Grant{Role::kLead, "", kProject, ""}});
  const std::string both = createUser("pp6-user", {Grant{Role::kPartner, "", kProject, "PP6"},
                                                   Grant{Role::kController, "", kProject, "PP6"},
                                                   Grant{Role::kPartner, "", kProject, "PP5"}});
  const std::string none = createUser("no-roles", {});
  auth.login("lead-user", lead, kClient, kAgent);
  const app::LoginResult second = auth.login("pp6-user", both, kClient, kAgent);
  auth.login("no-roles", none, kClient, kAgent);

  const std::vector<core::AuditEntry> entries = logins(*this);
  BOOST_REQUIRE_EQUAL(entries.size(), 3u);
  BOOST_TEST(entries[0].user == "lead-user");
  BOOST_TEST(entries[0].role == "lead");
  BOOST_TEST(entries[0].client == kClient);
  BOOST_TEST(entries[0].objectType == "session");
  // Each role once, in the order of the user's grants as stored (and as the login answer
  // lists them: by role name, then scope).
  BOOST_TEST(entries[1].user == "pp6-user");
  BOOST_REQUIRE_EQUAL(second.grants.size(), 3u);
  BOOST_TEST((second.grants[0].role == Role::kController));
  BOOST_TEST(entries[1].role == "controller,partner");
  BOOST_TEST(entries[2].user == "no-roles");
  BOOST_TEST(entries[2].role == "");
}

BOOST_AUTO_TEST_SUITE_END()
