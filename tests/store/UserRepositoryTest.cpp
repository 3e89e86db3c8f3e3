// Users, grants, sessions and login throttling in the store, the same on every backend: unique
// names and grants, grants resolved to their project's programme, sessions found only by their
// token hash and gone with their user, and failure counts that never lose one, also when two
// connections count at once.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "StoreFixture.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/store/ProjectRepository.h"
#include "crossgrant/store/UserRepository.h"

namespace core = crossgrant::core;
namespace store = crossgrant::store;
using core::Grant;
using core::Role;
using crossgrant::test::sampleBundle;
using crossgrant::test::StoreFixture;
using store::Connection;

namespace {

store::UserRecord user(const std::string& name) {
  store::UserRecord record;
  record.name = name;
  record.displayName = "Jānis Bērziņš";
  record.passwordHash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
  record.createdAt = "2026-01-02T03:04:05.678Z";
  record.changedAt = record.createdAt;
  return record;
}

store::SessionRecord session(std::int64_t userId, std::int64_t now) {
  store::SessionRecord record;
  record.userId = userId;
  record.csrfHash = std::string(64, 'c');
  record.createdAt = now;
  record.lastSeenAt = now;
  record.expiresAt = now + 1000;
  record.clientAddress = "192.0.2.10";
  record.userAgent = std::string(600, 'u');
  return record;
}

struct UserStore : StoreFixture {
  std::int64_t janis = 0;
  UserStore() {
    db->write([&](Connection& c) {
      store::saveBundle(c, sampleBundle(), false);
      janis = store::insertUser(c, user("janis"));
    });
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(user_repository, UserStore)

BOOST_AUTO_TEST_CASE(users_round_trip_and_names_are_unique) {
  db->write([&](Connection& c) {
    const auto found = store::findUser(c, "janis");
    BOOST_REQUIRE(found.has_value());
    BOOST_TEST(found->id == janis);
    BOOST_TEST(found->displayName == "Jānis Bērziņš");
    BOOST_TEST(found->version == 1);
    BOOST_TEST(!found->disabled);
    BOOST_TEST(!store::findUser(c, "Janis").has_value());  // names are exact
  });
  BOOST_CHECK_THROW(db->write([&](Connection& c) { store::insertUser(c, user("janis")); }),
                    core::Conflict);
  BOOST_CHECK_THROW(
      db->write([&](Connection& c) { store::insertUser(c, user(std::string(101, 'x'))); }),
      core::InvalidInput);
  db->write([&](Connection& c) {
    store::setPasswordHash(c, "janis", "$argon2id$other", "2026-02-01T00:00:00.000Z");
    const auto changed = store::findUser(c, "janis").value();
    BOOST_TEST(changed.passwordHash == "$argon2id$other");
    BOOST_TEST(changed.version == 2);
  });
  BOOST_CHECK_THROW(db->write([&](Connection& c) {
    store::setPasswordHash(c, "nobody", "x", "2026-02-01T00:00:00.000Z");
  }),
                    core::NotFound);
}

// MariaDB's utf8mb4_bin pads: 'janis' = 'janis   ' there. Every identifier column compares
// exactly, trailing spaces included, on both backends.
BOOST_AUTO_TEST_CASE(identifiers_with_trailing_spaces_are_other_keys) {
  db->write([&](Connection& c) {
    BOOST_TEST(!store::findUser(c, "janis   ").has_value());
    const std::int64_t spaced = store::insertUser(c, user("janis   "));
    BOOST_TEST(spaced != janis);
    BOOST_TEST(store::findUser(c, "janis")->id == janis);
    BOOST_TEST(store::findUser(c, "janis   ")->id == spaced);

    store::recordFailure(c, "account:janis", 1000, 0);
    BOOST_TEST(!store::findThrottle(c, "account:janis   ").has_value());
    BOOST_TEST(store::recordFailure(c, "account:janis   ", 1000, 0).failures == 1);
    BOOST_TEST(store::findThrottle(c, "account:janis")->failures == 1);

    BOOST_TEST(!store::programmeExists(c, "LV-LT-2014-2020 "));
    BOOST_TEST(!store::programmeOfProject(c, "LLI-317 ").has_value());
    BOOST_TEST(!store::partnerExists(c, "LLI-317", "LP "));
    BOOST_TEST(!store::loadBundle(c, "LLI-317 ").has_value());

    const Grant lead{Role::kLead, "", "LLI-317", ""};
    const Grant spacedLead{Role::kLead, "", "LLI-317   ", ""};
    store::insertGrant(c, janis, lead, "2026-01-03T00:00:00.000Z");
    BOOST_CHECK_NO_THROW(store::insertGrant(c, janis, spacedLead, "2026-01-03T00:00:00.000Z"));
    BOOST_TEST(store::listGrants(c, janis).size() == 2u);
    BOOST_TEST(store::deleteGrant(c, janis, spacedLead, "2026-01-03T00:00:00.000Z"));
    BOOST_TEST(store::listGrants(c, janis).size() == 1u);
  });
}

BOOST_AUTO_TEST_CASE(grants_are_unique_and_resolve_their_programme) {
  const Grant lead{Role::kLead, "", "LLI-317", ""};
  const Grant partner{Role::kPartner, "", "LLI-317", "PP6"};
  const Grant auditor{Role::kAuditor, "", "", ""};
  const Grant gone{Role::kLead, "", "NO-SUCH", ""};
  db->write([&](Connection& c) {
    for (const Grant& grant : {lead, partner, auditor, gone})
      store::insertGrant(c, janis, grant, "2026-02-01T00:00:00.000Z");
  });
  BOOST_CHECK_THROW(db->write([&](Connection& c) {
    store::insertGrant(c, janis, lead, "2026-02-01T00:00:00.000Z");
  }),
                    core::Conflict);
  db->write([&](Connection& c) {
    BOOST_TEST(store::listGrants(c, janis).size() == 4u);
    BOOST_TEST(store::findUser(c, "janis")->version == 5);
    for (const Grant& grant : store::resolvedGrants(c, janis)) {
      if (grant.project == "LLI-317") BOOST_TEST(grant.programme == "LV-LT-2014-2020");
      if (grant.project == "NO-SUCH" || grant.role == Role::kAuditor)
        BOOST_TEST(grant.programme.empty());
    }
    BOOST_TEST(store::deleteGrant(c, janis, partner, "2026-02-02T00:00:00.000Z"));
    BOOST_TEST(!store::deleteGrant(c, janis, partner, "2026-02-02T00:00:00.000Z"));
    BOOST_TEST(store::listGrants(c, janis).size() == 3u);
    BOOST_TEST(store::programmeOfProject(c, "LLI-317").value() == "LV-LT-2014-2020");
    BOOST_TEST(!store::programmeOfProject(c, "NO-SUCH").has_value());
    BOOST_TEST(store::partnerExists(c, "LLI-317", "PP6") !=
               store::partnerExists(c, "LLI-317", "PP99"));
  });
}

BOOST_AUTO_TEST_CASE(sessions_are_found_by_token_hash_and_end_with_their_user) {
  const std::string hash(64, 'a');
  std::int64_t id = 0;
  db->write([&](Connection& c) {
    id = store::insertSession(c, session(janis, 5000), hash);
    store::insertSession(c, session(janis, 9000), std::string(64, 'b'));
  });
  db->write([&](Connection& c) {
    const auto found = store::findSignedIn(c, hash);
    BOOST_REQUIRE(found.has_value());
    BOOST_TEST(found->session.id == id);
    BOOST_TEST(found->session.userName == "janis");
    BOOST_TEST(found->session.userAgent.size() == 500u);
    BOOST_TEST(found->grants.empty());  // a user without grants still has their session
    BOOST_TEST(!store::findSignedIn(c, std::string(64, 'z')).has_value());
    store::touchSession(c, id, 5600);
    store::touchSession(c, id, 5500);  // never back in time
    BOOST_TEST(store::findSignedIn(c, hash)->session.lastSeenAt == 5600);
    const auto sessions = store::listSessions(c, janis);
    BOOST_TEST(sessions.size() == 2u);
    BOOST_TEST(sessions.front().createdAt == 9000);  // newest first
    BOOST_TEST(!store::deleteSession(c, id, janis + 1));
    // Ended: absolute end 6000 passed, or idle since before 5700.
    BOOST_TEST(store::deleteEndedSessions(c, 6000, 5700) == 1);
    BOOST_TEST(store::listSessions(c, janis).size() == 1u);
    store::deleteUser(c, "janis");
    BOOST_TEST(store::listSessions(c, janis).empty());
    BOOST_TEST(store::listGrants(c, janis).empty());
  });
}

BOOST_AUTO_TEST_CASE(a_signed_in_session_carries_its_users_resolved_grants) {
  const std::string hash(64, 'a');
  db->write([&](Connection& c) {
    const std::int64_t id = store::insertSession(c, session(janis, 5000), hash);
    store::insertGrant(c, janis, Grant{Role::kPartner, "", "LLI-317", "PP6"},
                       "2026-02-01T00:00:00.000Z");
    store::insertGrant(c, janis, Grant{Role::kAuditor, "LV-LT-2014-2020", "", ""},
                       "2026-02-01T00:00:00.000Z");
    const auto found = store::findSignedIn(c, hash);
    BOOST_REQUIRE(found.has_value());
    BOOST_TEST(found->session.id == id);
    BOOST_TEST((found->grants == store::resolvedGrants(c, janis)));
    BOOST_REQUIRE(found->grants.size() == 2u);
    BOOST_TEST(found->grants.back().programme == "LV-LT-2014-2020");  // the partner's, resolved
  });
  // A disabled user's sessions sign no one in.
  db->write([&](Connection& c) {
    c.execute("UPDATE users SET disabled = 1 WHERE id = ?", {janis});
    BOOST_TEST(!store::findSignedIn(c, hash).has_value());
  });
}

BOOST_AUTO_TEST_CASE(failures_count_up_are_forgotten_and_cleared) {
  db->write([&](Connection& c) {
    BOOST_TEST(store::recordFailure(c, "account:janis", 1000, 0).failures == 1);
    BOOST_TEST(store::recordFailure(c, "account:janis", 2000, 0).failures == 2);
    store::setBlockedUntil(c, "account:janis", 3000);
    BOOST_TEST(store::findThrottle(c, "account:janis")->blockedUntil == 3000);
    // A failure after the last one was forgotten starts again from one.
    const auto restarted = store::recordFailure(c, "account:janis", 9000, 2000);
    BOOST_TEST(restarted.failures == 1);
    BOOST_TEST(restarted.lastFailureAt == 9000);
    store::clearThrottle(c, "account:janis");
    BOOST_TEST(!store::findThrottle(c, "account:janis").has_value());
  });
}

BOOST_AUTO_TEST_CASE(concurrent_failures_are_all_counted) {
  constexpr int kThreads = 4;
  constexpr int kEach = 10;
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        try {
          db->write([&](Connection& c) { store::recordFailure(c, "address:192.0.2.1", 1, 0); });
        } catch (const std::exception&) {
          ++errors;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  BOOST_TEST(errors.load() == 0);
  db->write([&](Connection& c) {
    BOOST_TEST(store::findThrottle(c, "address:192.0.2.1")->failures == kThreads * kEach);
  });
}

BOOST_AUTO_TEST_SUITE_END()
