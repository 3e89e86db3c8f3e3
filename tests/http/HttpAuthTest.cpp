// Users, sessions and throttling over real HTTP: login with token and cookies, Bearer and
// cookie+CSRF, logout, idle and absolute expiry (on the server's clock, moved on by the test),
// failed-login throttling per account, address and both, password changes, the user's own
// sessions, the admin users API, and what lists show each role.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "AccessFixture.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/store/AuditLog.h"
#include "crossgrant/store/Database.h"

using crossgrant::core::Json;
using crossgrant::test::AccessFixture;
using crossgrant::test::HttpHeaders;
using crossgrant::test::HttpResult;
using crossgrant::test::HttpTestClient;
using crossgrant::test::requireStatus;
using crossgrant::test::withMember;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

std::string errorCode(const HttpResult& result) {
  const Json body = result.json();
  const Json* error = body.find("error");
  if (error == nullptr || error->find("code") == nullptr) return "<none>";
  return error->find("code")->asString();
}

std::string text(const Json& object, const char* key) {
  const Json* member = object.find(key);
  return member != nullptr && member->isString() ? member->asString() : "<missing>";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string loginBody(const std::string& user, const std::string& password) {
  return Json::object().set("user", user).set("password", password).dump();
}

/// "crossgrant_session=...; Path=/..." for name among the response's Set-Cookie headers.
std::string setCookie(const HttpResult& result, const std::string& name) {
  for (const std::string& cookie : result.setCookies)
    if (cookie.rfind(name + "=", 0) == 0) return cookie;
  return "";
}

/// "crossgrant_device=VALUE" of a login answer's device cookie, or "" when it set none.
std::string deviceCookie(const HttpResult& result) {
  const std::string cookie = setCookie(result, "crossgrant_device");
  return cookie.substr(0, cookie.find(';'));
}

std::vector<std::string> codesOf(const HttpResult& result, const char* list) {
  std::vector<std::string> codes;
  const Json body = result.json();
  for (const Json& item : body.find(list)->items()) codes.push_back(text(item, "code"));
  return codes;
}

struct AuthFixture : AccessFixture {
  /// POST /api/v1/session from client address `from` (X-Forwarded-For through the trusted
  /// loopback proxy).
  HttpResult login(const std::string& user, const std::string& password,
                   const std::string& from = "127.0.0.1") {
    HttpTestClient anonymous(server.port());
    return anonymous.send("POST", "/api/v1/session", loginBody(user, password), "application/json",
                          false, {{"X-Forwarded-For", from}});
  }
  /// The same with a Cookie header (a browser's crossgrant_device).
  HttpResult loginWithCookie(const std::string& user, const std::string& password,
                             const std::string& from, const std::string& cookie) {
    HttpTestClient anonymous(server.port());
    return anonymous.send("POST", "/api/v1/session", loginBody(user, password), "application/json",
                          false, {{"X-Forwarded-For", from}, {"Cookie", cookie}});
  }
  std::string tokenOf(const std::string& label) {
    const HttpResult result = login(members.at(label).name, members.at(label).password);
    requireStatus(result, 201);
    return result.json().find("token")->asString();
  }
  /// "action object_key user" of every audit entry, in order.
  std::vector<std::string> auditActions() {
    std::vector<std::string> lines;
    for (const auto& entry : auditTrail())
      lines.push_back(entry.action + " " + entry.objectKey + " " + entry.user);
    return lines;
  }
  std::int64_t sessionCount() {
    return context.database().write([](crossgrant::store::Connection& db) {
      return crossgrant::store::asInt(db.query("SELECT COUNT(*) FROM sessions").at(0).at(0));
    });
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(http_auth, AuthFixture)

BOOST_AUTO_TEST_CASE(login_answers_a_token_cookies_and_the_roles) {
  const HttpResult result = login("matrix-lead", members.at("lead").password);
  requireStatus(result, 201);
  const Json body = result.json();
  const std::string token = text(body, "token");
  BOOST_TEST(token.size() >= 22u);  // at least 128 bits of base64url
  BOOST_TEST(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                     "0123456789-_") == std::string::npos);
  BOOST_TEST(text(body, "csrf_token").size() >= 22u);
  BOOST_TEST(text(*body.find("user"), "name") == "matrix-lead");
  BOOST_TEST(body.find("roles")->dump(false) == R"([{"role":"lead","project":"LLI-317"}])");
  BOOST_TEST(text(body, "expires_at").size() == 24u);
  BOOST_TEST(result.header("Cache-Control") == "no-store");

  const std::string session = setCookie(result, "crossgrant_session");
  BOOST_TEST(contains(session, "crossgrant_session=" + token + ";"), session);
  for (const char* attribute : {"; HttpOnly", "; SameSite=Strict", "; Path=/", "; Max-Age=43200"})
    BOOST_TEST(contains(session, attribute), session);
  BOOST_TEST(!contains(session, "Secure"));
  const std::string csrf = setCookie(result, "crossgrant_csrf");
  BOOST_TEST(contains(csrf, "crossgrant_csrf=" + text(body, "csrf_token") + ";"), csrf);
  BOOST_TEST(!contains(csrf, "HttpOnly"));
  BOOST_TEST(contains(csrf, "SameSite=Strict"));

  // Who am I, with the token as Bearer.
  HttpTestClient lead(server.port(), token);
  const HttpResult me = lead.get("/api/v1/session");
  requireStatus(me, 200);
  BOOST_TEST(text(*me.json().find("user"), "name") == "matrix-lead");
  BOOST_TEST(me.json().find("session")->find("id")->asInteger() ==
             body.find("session")->find("id")->asInteger());

  // Only hashes are stored: no cell of the sessions table holds either token.
  context.database().write([&](crossgrant::store::Connection& db) {
    for (const auto& row : db.query("SELECT * FROM sessions"))
      for (const auto& cell : row)
        if (const auto* value = std::get_if<std::string>(&cell)) {
          BOOST_TEST(*value != token);
          BOOST_TEST(*value != text(body, "csrf_token"));
        }
    BOOST_TEST(db.query("SELECT id FROM sessions WHERE token_hash = ?",
                        {crossgrant::core::sha256Hex(token)})
                   .size() == 1u);
  });
  BOOST_TEST(auditActions().back() ==
             "login " + std::to_string(body.find("session")->find("id")->asInteger()) +
                 " matrix-lead");
}

BOOST_AUTO_TEST_CASE(a_login_is_recorded_with_the_roles_its_user_holds) {
  // Partner and controller of PP6 at once, and partner of PP5 too: each role once.
  const std::string password =
      createUser("two-roles", {{crossgrant::core::Role::kPartner, "", kProject, kPartner},
                               {crossgrant::core::Role::kController, "", kProject, kPartner},
                               {crossgrant::core::Role::kPartner, "", kProject, "PP5"}});
  const std::vector<std::pair<std::string, std::string>> logins = {
      {"lead", "lead"}, {"admin", "admin"}, {"auditor", "auditor"}, {"none", ""}};
  for (const auto& [label, role] : logins) {
    requireStatus(login(members.at(label).name, members.at(label).password, "198.51.100.7"), 201);
    const auto entry = auditTrail().back();
    BOOST_TEST(entry.action == "login");
    BOOST_TEST(entry.user == members.at(label).name);
    BOOST_TEST(entry.role == role, label);
    BOOST_TEST(entry.client == "198.51.100.7");
  }
  const HttpResult both = login("two-roles", password);
  requireStatus(both, 201);
  // In the order of the grants, as the answer lists them.
  BOOST_TEST(both.json().find("roles")->items().size() == 3u);
  BOOST_TEST(text(both.json().find("roles")->items()[0], "role") == "controller");
  const auto entry = auditTrail().back();
  BOOST_TEST(entry.action == "login");
  BOOST_TEST(entry.user == "two-roles");
  BOOST_TEST(entry.role == "controller,partner");
  // A failed login names no one, so no role either.
  requireStatus(login("two-roles", password + "-wrong"), 401);
  BOOST_TEST(auditTrail().back().action == "login_failed");
  BOOST_TEST(auditTrail().back().role == "");
}

BOOST_AUTO_TEST_CASE(headers_a_client_makes_up_are_recorded_harmlessly) {
  HttpTestClient anonymous(server.port());
  const HttpResult result = anonymous.send(
      "POST", "/api/v1/session", loginBody("matrix-lead", members.at("lead").password),
      "application/json", false,
      {{"User-Agent", "Mozilla/5.0 \xff\xfe Ę"}, {"X-Forwarded-For", "not-an-address, 192.0.2.7"}});
  requireStatus(result, 201);
  const Json session = *result.json().find("session");
  const std::string agent = text(session, "user_agent");
  BOOST_TEST(agent.rfind("Mozilla/5.0 ?", 0) == 0u, agent);
  BOOST_TEST(
      agent.find_first_not_of(" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
                              "abcdefghijklmnopqrstuvwxyz{|}~") == std::string::npos,
      agent);
  BOOST_TEST(text(session, "client") == "192.0.2.7");
  const HttpResult forged = anonymous.send(
      "POST", "/api/v1/session", loginBody("matrix-lead", members.at("lead").password),
      "application/json", false, {{"X-Forwarded-For", "192.0.2.7, <script>"}});
  requireStatus(forged, 201);
  BOOST_TEST(text(*forged.json().find("session"), "client") == "127.0.0.1");
}

BOOST_AUTO_TEST_CASE(secure_cookies_when_configured) {
  crossgrant::test::HttpApiFixture secure(
      [](crossgrant::server::Configuration& settings) { settings.api.secureCookies = true; });
  HttpTestClient anonymous(secure.server.port());
  const HttpResult result =
      anonymous.post("/api/v1/session",
                     loginBody(crossgrant::test::HttpApiFixture::kAdminName, secure.adminPassword));
  requireStatus(result, 201);
  BOOST_TEST(contains(setCookie(result, "crossgrant_session"), "; Secure"));
  BOOST_TEST(contains(setCookie(result, "crossgrant_csrf"), "; Secure"));
  BOOST_TEST(contains(setCookie(result, "crossgrant_device"), "; Secure"));
}

BOOST_AUTO_TEST_CASE(wrong_password_and_unknown_user_are_the_same_401_and_audited) {
  const HttpResult wrong = login("matrix-lead", "not-the-password-at-all");
  const HttpResult unknown = login("nobody-at-all", "not-the-password-at-all");
  for (const HttpResult* result : {&wrong, &unknown}) {
    requireStatus(*result, 401);
    BOOST_TEST(errorCode(*result) == "invalid_credentials");
    BOOST_TEST(result->header("WWW-Authenticate") == "Bearer");
    BOOST_TEST(!contains(result->body, "not-the-password-at-all"));
    BOOST_TEST(result->setCookies.empty());
  }
  BOOST_TEST(wrong.body == unknown.body);
  const std::vector<std::string> actions = auditActions();
  BOOST_TEST(std::count(actions.begin(), actions.end(), "login_failed matrix-lead ") == 1);
  BOOST_TEST(std::count(actions.begin(), actions.end(), "login_failed nobody-at-all ") == 1);
  BOOST_TEST(sessionCount() == 8);  // the fixture's own
}

BOOST_AUTO_TEST_CASE(login_bodies_are_validated_without_echoing_the_password) {
  HttpTestClient anonymous(server.port());
  const HttpResult missing = anonymous.post("/api/v1/session", R"({"user": "matrix-lead"})");
  requireStatus(missing, 400);
  BOOST_TEST(contains(missing.body, "\"/password\""));
  const HttpResult extra =
      anonymous.post("/api/v1/session",
                     R"({"user": "matrix-lead", "password": "Sekret-pa55-word", "remember": 1})");
  requireStatus(extra, 400);
  BOOST_TEST(contains(extra.body, "\"/remember\""));
  BOOST_TEST(!contains(extra.body, "Sekret-pa55-word"));
  const HttpResult wrongType =
      anonymous.post("/api/v1/session", R"({"user": "matrix-lead", "password": 12345678901234})");
  requireStatus(wrongType, 400);
  BOOST_TEST(!contains(wrongType.body, "12345678901234"));
}

BOOST_AUTO_TEST_CASE(anonymous_requests_are_401_except_health_and_login) {
  HttpTestClient anonymous(server.port());
  requireStatus(anonymous.get("/health"), 200);
  for (const char* target : {"/api/v1/openapi.json", "/api/v1/programmes", "/api/v1/projects",
                             "/api/v1/projects/LLI-317", "/api/v1/session", "/api/v1/users"}) {
    const HttpResult result = anonymous.get(target);
    BOOST_TEST(result.status == 401, target);
    BOOST_TEST(errorCode(result) == "unauthenticated", target);
    BOOST_TEST(result.header("WWW-Authenticate") == "Bearer", target);
  }
  HttpTestClient forged(server.port(), "not-a-session-token");
  BOOST_TEST(forged.get("/api/v1/projects").status == 401);
  const HttpResult basic = anonymous.send("GET", "/api/v1/projects", "", "", false,
                                          {{"Authorization", "Basic YWRtaW46YWRtaW4="}});
  BOOST_TEST(basic.status == 401);
  BOOST_TEST(contains(basic.body, "Bearer TOKEN"));
}

BOOST_AUTO_TEST_CASE(cookie_requests_need_the_csrf_token_for_unsafe_methods_bearer_does_not) {
  const HttpResult signedIn = login("matrix-lead", members.at("lead").password);
  requireStatus(signedIn, 201);
  const std::string token = text(signedIn.json(), "token");
  const std::string csrf = text(signedIn.json(), "csrf_token");
  const HttpHeaders cookie = {
      {"Cookie", "crossgrant_csrf=" + csrf + "; crossgrant_session=" + token}};
  HttpTestClient browser(server.port());
  requireStatus(browser.send("GET", "/api/v1/projects/LLI-317", "", "", false, cookie), 200);

  const HttpResult read = browser.send("GET", "/api/v1/projects/LLI-317", "", "", false, cookie);
  const std::string project = withMember(read.json(), "acronym", "SocQuality–Cookie").dump();
  const std::string before = dump();
  HttpHeaders noCsrf = cookie;
  noCsrf.emplace_back("If-Match", read.header("ETag"));
  const HttpResult refused =
      browser.send("PUT", "/api/v1/projects/LLI-317", project, "application/json", false, noCsrf);
  requireStatus(refused, 403);
  BOOST_TEST(errorCode(refused) == "csrf");
  HttpHeaders wrongCsrf = noCsrf;
  wrongCsrf.emplace_back("X-CSRF-Token", token);  // the session token is not the CSRF token
  BOOST_TEST(
      browser.send("PUT", "/api/v1/projects/LLI-317", project, "application/json", false, wrongCsrf)
          .status == 403);
  BOOST_TEST(dump() == before);

  HttpHeaders withCsrf = noCsrf;
  withCsrf.emplace_back("X-CSRF-Token", csrf);
  requireStatus(
      browser.send("PUT", "/api/v1/projects/LLI-317", project, "application/json", false, withCsrf),
      200);

  // The same change by Bearer needs no CSRF token.
  HttpTestClient api(server.port(), token);
  const HttpResult again = api.get("/api/v1/projects/LLI-317");
  requireStatus(api.put("/api/v1/projects/LLI-317",
                        withMember(again.json(), "acronym", "SocQuality–Bearer").dump(),
                        {{"If-Match", again.header("ETag")}}),
                200);
}

BOOST_AUTO_TEST_CASE(logout_ends_the_session_and_clears_the_cookies) {
  const std::string token = tokenOf("partner");
  HttpTestClient partner(server.port(), token);
  requireStatus(partner.get("/api/v1/session"), 200);
  const HttpResult out = partner.del("/api/v1/session");
  requireStatus(out, 204);
  BOOST_TEST(
      contains(setCookie(out, "crossgrant_session"), "crossgrant_session=; Path=/; Max-Age=0"));
  BOOST_TEST(contains(setCookie(out, "crossgrant_csrf"), "Max-Age=0"));
  const HttpResult after = partner.get("/api/v1/session");
  requireStatus(after, 401);
  BOOST_TEST(errorCode(after) == "unauthenticated");
  // The fixture's own session of the same user is not affected.
  requireStatus(as("partner").get("/api/v1/session"), 200);
  BOOST_TEST(contains(auditActions().back(), "logout "));
}

BOOST_AUTO_TEST_CASE(idle_sessions_end_and_last_seen_is_written_at_most_once_a_minute) {
  HttpTestClient lead(server.port(), tokenOf("lead"));
  const auto lastSeen = [&] {
    return lead.get("/api/v1/session").json().find("session")->find("last_seen_at")->asString();
  };
  const std::string first = lastSeen();
  advanceClock(seconds(30));
  BOOST_TEST(lastSeen() == first);  // no write within a minute
  advanceClock(seconds(31));
  const std::string touched = lastSeen();
  BOOST_TEST(touched != first);
  // Activity keeps it open well past 30 minutes from login ...
  for (int i = 0; i < 3; ++i) {
    advanceClock(minutes(29));
    requireStatus(lead.get("/api/v1/projects/LLI-317"), 200);
  }
  // ... 30 minutes of silence end it, and it is gone from the database.
  const std::int64_t before = sessionCount();
  advanceClock(minutes(30));
  const HttpResult ended = lead.get("/api/v1/projects/LLI-317");
  requireStatus(ended, 401);
  BOOST_TEST(sessionCount() == before - 1);
}

BOOST_AUTO_TEST_CASE(sessions_end_after_the_absolute_limit_however_active) {
  HttpTestClient auditor(server.port(), tokenOf("auditor"));
  for (int hour = 0; hour < 12 * 3; ++hour) {
    advanceClock(minutes(20));
    if (hour < 35) requireStatus(auditor.get("/api/v1/projects"), 200);
  }
  // 12 hours after login.
  const HttpResult ended = auditor.get("/api/v1/projects");
  requireStatus(ended, 401);
}

BOOST_AUTO_TEST_CASE(timeouts_follow_the_configuration) {
  crossgrant::test::HttpApiFixture shortLived([](crossgrant::server::Configuration& settings) {
    settings.app.sessionIdleSeconds = 120;
    settings.app.sessionAbsoluteSeconds = 1000;
  });
  HttpTestClient anonymous(shortLived.server.port());
  const HttpResult signedIn = anonymous.post(
      "/api/v1/session",
      loginBody(crossgrant::test::HttpApiFixture::kAdminName, shortLived.adminPassword));
  requireStatus(signedIn, 201);
  BOOST_TEST(contains(setCookie(signedIn, "crossgrant_session"), "Max-Age=1000;"));
  HttpTestClient admin(shortLived.server.port(), text(signedIn.json(), "token"));
  shortLived.advanceClock(seconds(110));
  requireStatus(admin.get("/api/v1/session"), 200);
  shortLived.advanceClock(seconds(110));
  requireStatus(admin.get("/api/v1/session"), 200);
  shortLived.advanceClock(seconds(121));
  requireStatus(admin.get("/api/v1/session"), 401);
}

BOOST_AUTO_TEST_CASE(failed_logins_are_throttled_and_a_success_clears_the_account) {
  const std::string password = members.at("lead").password;
  for (int i = 0; i < 5; ++i)
    requireStatus(login("matrix-lead", "wrong-password-" + std::to_string(i)), 401);
  // Blocked for 1 s: refused without checking, even with the right password.
  const HttpResult blocked = login("matrix-lead", password);
  requireStatus(blocked, 429);
  BOOST_TEST(errorCode(blocked) == "too_many_requests");
  BOOST_TEST(blocked.header("Retry-After") == "1");
  advanceClock(seconds(1));
  // The next failure doubles the delay.
  requireStatus(login("matrix-lead", "wrong-password-5"), 401);
  BOOST_TEST(login("matrix-lead", password).header("Retry-After") == "2");
  advanceClock(seconds(2));
  requireStatus(login("matrix-lead", password), 201);
  // The success cleared the account's counters: from another address, one failure is a plain
  // 401 again.
  requireStatus(login("matrix-lead", "wrong-password-6", "198.51.100.20"), 401);
  requireStatus(login("matrix-lead", password, "198.51.100.20"), 201);

  const std::vector<std::string> actions = auditActions();
  BOOST_TEST(std::count(actions.begin(), actions.end(), "login_failed matrix-lead ") == 7);
  BOOST_TEST(std::count(actions.begin(), actions.end(), "login_refused matrix-lead ") == 2);
}

BOOST_AUTO_TEST_CASE(an_attacker_cannot_lock_a_real_user_out) {
  const std::string attacker = "203.0.113.9";
  const std::string home = "198.51.100.7";
  const std::string password = members.at("partner").password;
  // The real user signed in from home before: its browser holds a device cookie.
  const HttpResult earlier = login("matrix-partner", password, home);
  requireStatus(earlier, 201);
  const std::string device = deviceCookie(earlier);
  // Ten failures from the attacker's address, each after the previous block ended: the
  // account's window is full, and the address and the account at the address are blocked.
  for (int i = 0; i < 10; ++i) {
    HttpResult result = login("matrix-partner", "guess-number-" + std::to_string(i), attacker);
    if (result.status == 429) {
      advanceClock(seconds(std::stoi(result.header("Retry-After"))));
      result = login("matrix-partner", "guess-number-" + std::to_string(i), attacker);
    }
    requireStatus(result, 401);
  }
  // The account takes no more guesses in this window from a browser without its device
  // cookie, whatever the address ...
  const HttpResult more = login("matrix-partner", "guess-number-10", "203.0.113.10");
  requireStatus(more, 429);
  BOOST_TEST(std::stoi(more.header("Retry-After")) > 60);
  requireStatus(login("matrix-partner", password, home), 429);
  // ... the attacker's address is blocked longer than the account, for any user ...
  const HttpResult elsewhere = login("matrix-auditor", members.at("auditor").password, attacker);
  requireStatus(elsewhere, 429);
  BOOST_TEST(std::stoi(elsewhere.header("Retry-After")) > 30);
  const HttpResult guess = login("matrix-partner", password, attacker);
  requireStatus(guess, 429);
  BOOST_TEST(std::stoi(guess.header("Retry-After")) > 30);
  // ... while the real user's browser signs in at once.
  const auto before = std::chrono::steady_clock::now();
  requireStatus(loginWithCookie("matrix-partner", password, home, device), 201);
  BOOST_TEST((std::chrono::steady_clock::now() - before < seconds(5)));
  // Which does not lift the attacker's blocks.
  requireStatus(login("matrix-partner", password, attacker), 429);
  // The attacker keeps failing after each block ends and keeps being refused in between; the
  // real user's browser signs in every time, and other users sign in from home.
  for (int i = 0; i < 3; ++i) {
    const HttpResult refused = login("matrix-partner", "again-" + std::to_string(i), attacker);
    requireStatus(refused, 429);
    advanceClock(seconds(std::stoi(refused.header("Retry-After"))));
    requireStatus(login("matrix-partner", "again-" + std::to_string(i), attacker), 401);
    requireStatus(login("matrix-partner", password, attacker), 429);
    requireStatus(loginWithCookie("matrix-partner", password, home, device), 201);
  }
  requireStatus(login("matrix-controller", members.at("controller").password, home), 201);

  const std::vector<std::string> actions = auditActions();
  BOOST_TEST(std::count(actions.begin(), actions.end(), "login_failed matrix-partner ") == 13);
}

BOOST_AUTO_TEST_CASE(failures_while_the_account_is_blocked_from_anywhere_still_count) {
  const std::string password = members.at("lead").password;
  for (int i = 0; i < 5; ++i)
    requireStatus(login("matrix-lead", "wrong-" + std::to_string(i), "203.0.113.30"), 401);
  // The account is blocked; a new address is clean for it, so its wrong password is checked
  // (401, not 429) and counted, after which the account's block refuses that address too.
  requireStatus(login("matrix-lead", "wrong-5", "203.0.113.31"), 401);
  const HttpResult refused = login("matrix-lead", password, "203.0.113.31");
  requireStatus(refused, 429);
  BOOST_TEST(std::stoi(refused.header("Retry-After")) <= 30);
  // A third, clean address still logs in.
  requireStatus(login("matrix-lead", password, "203.0.113.32"), 201);
}

BOOST_AUTO_TEST_CASE(guesses_from_many_addresses_are_limited_per_account_but_not_a_known_device) {
  const std::string password = members.at("partner").password;
  // The real user signed in from this browser before: it holds a device cookie.
  const HttpResult earlier = login("matrix-partner", password, "198.51.100.7");
  requireStatus(earlier, 201);
  const std::string device = deviceCookie(earlier);
  BOOST_TEST(!device.empty());
  BOOST_TEST(contains(setCookie(earlier, "crossgrant_device"), "; HttpOnly"));
  BOOST_TEST(contains(setCookie(earlier, "crossgrant_device"), "; SameSite=Strict"));

  // Sixteen threads guess at once, each request from another of 1,000 addresses.
  constexpr int kThreads = 16;
  constexpr int kEach = 12;
  std::atomic<int> wrong{0}, refused{0}, other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const int n = t * kEach + i;
        const std::string from =
            "2001:db8::" + std::to_string(n % 1000) + ":" + std::to_string(n / 1000);
        const int status = login("matrix-partner", "guess-" + std::to_string(n), from).status;
        (status == 401 ? wrong : status == 429 ? refused : other)++;
      }
    });
  for (std::thread& thread : threads) thread.join();
  BOOST_TEST(other.load() == 0);
  BOOST_TEST(wrong.load() <= 10);
  BOOST_TEST(wrong.load() + refused.load() == kThreads * kEach);

  // The right password from a browser without the cookie is refused ...
  const HttpResult stranger = login("matrix-partner", password, "198.51.100.8");
  requireStatus(stranger, 429);
  BOOST_TEST(std::stoi(stranger.header("Retry-After")) > 60);
  // ... and with it, the user signs in.
  requireStatus(loginWithCookie("matrix-partner", password, "198.51.100.7", device), 201);
  // A device cookie is the user's own: it lets no one else past the account's limit.
  requireStatus(loginWithCookie("matrix-partner", password, "198.51.100.9", device + "x"), 429);
}

BOOST_AUTO_TEST_CASE(a_user_name_with_trailing_spaces_is_another_user) {
  const HttpResult spaced = login("matrix-lead   ", members.at("lead").password);
  requireStatus(spaced, 401);
  BOOST_TEST(errorCode(spaced) == "invalid_credentials");
  requireStatus(login("matrix-lead", members.at("lead").password), 201);
}

BOOST_AUTO_TEST_CASE(a_success_clears_the_address_block) {
  const std::string address = "192.0.2.44";
  // Five failures across accounts block the address for every account.
  const char* users[] = {"matrix-lead", "matrix-partner", "matrix-auditor", "matrix-controller",
                         "matrix-lead"};
  for (const char* user : users) requireStatus(login(user, "not-the-password", address), 401);
  const HttpResult blocked = login("matrix-controller", members.at("controller").password, address);
  requireStatus(blocked, 429);
  BOOST_TEST(blocked.header("Retry-After") == "1");
  advanceClock(seconds(1));
  // A success from the address clears its counter: one more failure does not block it again.
  requireStatus(login("matrix-auditor", members.at("auditor").password, address), 201);
  requireStatus(login("matrix-partner", "not-the-password", address), 401);
  requireStatus(login("matrix-controller", members.at("controller").password, address), 201);
}

BOOST_AUTO_TEST_CASE(a_password_change_checks_both_passwords_and_ends_every_session) {
  const std::string old = members.at("controller").password;
  HttpTestClient first(server.port(), tokenOf("controller"));
  HttpTestClient second(server.port(), tokenOf("controller"));
  const auto change = [&](const std::string& current, const std::string& replacement) {
    return first.post("/api/v1/session/password",
                      Json::object().set("current", current).set("new", replacement).dump());
  };
  const HttpResult wrong = change("not-my-password!", "Vasaras-saulgrieži-2026");
  requireStatus(wrong, 400);
  BOOST_TEST(contains(wrong.body, "\"/current\""));
  const HttpResult weak = change(old, "password2026!!");
  requireStatus(weak, 400);
  BOOST_TEST(contains(weak.body, "\"/new\""));
  BOOST_TEST(!contains(weak.body, "password2026!!"));
  const HttpResult same = change(old, old);
  requireStatus(same, 400);
  const HttpResult changed = change(old, "Vasaras-saulgrieži-2026");
  requireStatus(changed, 204);
  BOOST_TEST(contains(setCookie(changed, "crossgrant_session"), "Max-Age=0"));

  BOOST_TEST(first.get("/api/v1/session").status == 401);
  BOOST_TEST(second.get("/api/v1/session").status == 401);
  BOOST_TEST(as("controller").get("/api/v1/session").status == 401);
  requireStatus(login("matrix-controller", old), 401);
  requireStatus(login("matrix-controller", "Vasaras-saulgrieži-2026"), 201);
  const std::vector<std::string> actions = auditActions();
  BOOST_TEST(std::count(actions.begin(), actions.end(),
                        "change_password matrix-controller matrix-controller") == 1);
  BOOST_TEST(std::count(actions.begin(), actions.end(),
                        "change_password_failed matrix-controller matrix-controller") == 1);
}

BOOST_AUTO_TEST_CASE(users_list_and_end_their_own_sessions_only) {
  const std::string firstToken = tokenOf("lead");
  HttpTestClient first(server.port(), firstToken);
  HttpTestClient second(server.port(), tokenOf("lead"));
  const HttpResult listed = first.get("/api/v1/sessions");
  requireStatus(listed, 200);
  const auto sessions = listed.json().find("sessions")->items();
  BOOST_TEST(sessions.size() == 3u);  // the fixture's and these two
  BOOST_TEST(!contains(listed.body, firstToken));
  BOOST_TEST(!contains(listed.body, "token"));
  std::int64_t current = 0;
  std::int64_t other = 0;
  for (const Json& session : sessions) {
    BOOST_TEST(text(session, "user") == "matrix-lead");
    BOOST_TEST(text(session, "client") == "127.0.0.1");
    if (session.find("current")->asBool()) current = session.find("id")->asInteger();
  }
  const HttpResult secondMe = second.get("/api/v1/session");
  other = secondMe.json().find("session")->find("id")->asInteger();
  BOOST_TEST(current != 0);
  BOOST_TEST(current != other);

  requireStatus(first.del("/api/v1/sessions/" + std::to_string(other)), 204);
  BOOST_TEST(second.get("/api/v1/session").status == 401);
  requireStatus(first.get("/api/v1/session"), 200);
  BOOST_TEST(first.get("/api/v1/sessions").json().find("sessions")->items().size() == 2u);

  // Another user's session is not found, whether it exists or not.
  const std::int64_t admins =
      client->get("/api/v1/session").json().find("session")->find("id")->asInteger();
  BOOST_TEST(first.del("/api/v1/sessions/" + std::to_string(admins)).status == 404);
  BOOST_TEST(first.del("/api/v1/sessions/999999").status == 404);
  BOOST_TEST(first.del("/api/v1/sessions/abc").status == 404);
  requireStatus(client->get("/api/v1/session"), 200);
}

BOOST_AUTO_TEST_CASE(admins_manage_users_and_grants_over_http) {
  const HttpResult created =
      client->post("/api/v1/users", R"({"name": "ilze.kalnina", "display_name": "Ilze Kalniņa"})");
  requireStatus(created, 201);
  BOOST_TEST(created.header("Location") == "/api/v1/users/ilze.kalnina");
  const std::string password = text(created.json(), "password");
  BOOST_TEST(password.size() == 20u);
  BOOST_TEST(text(created.json(), "display_name") == "Ilze Kalniņa");
  BOOST_TEST(!contains(created.body, "argon2"));
  requireStatus(client->get("/api/v1/users/ilze.kalnina"), 200);
  BOOST_TEST(!contains(client->get("/api/v1/users/ilze.kalnina").body, "password"));
  BOOST_TEST(client->post("/api/v1/users", R"({"name": "ilze.kalnina"})").status == 409);
  const HttpResult weak =
      client->post("/api/v1/users", R"({"name": "janis", "password": "janis-1234567"})");
  requireStatus(weak, 400);
  BOOST_TEST(contains(weak.body, "must not contain the user name"));
  requireStatus(client->post("/api/v1/users", R"({"name": "has space"})"), 400);

  const std::string grants = "/api/v1/users/ilze.kalnina/grants";
  const HttpResult granted =
      client->post(grants, R"({"role": "partner", "project": "LLI-317", "partner": "PP6"})");
  requireStatus(granted, 200);
  BOOST_TEST(granted.json().find("roles")->dump(false) ==
             R"([{"role":"partner","project":"LLI-317","partner":"PP6"}])");
  BOOST_TEST(client->post(grants, R"({"role": "partner", "project": "LLI-317", "partner": "PP6"})")
                 .status == 409);
  const HttpResult noScope = client->post(grants, R"({"role": "lead"})");
  requireStatus(noScope, 400);
  BOOST_TEST(contains(noScope.body, "\"/project\""));
  const HttpResult missing =
      client->post(grants, R"({"role": "partner", "project": "LLI-317", "partner": "PP99"})");
  requireStatus(missing, 400);
  BOOST_TEST(contains(missing.body, "partner \\\"PP99\\\" does not exist"));
  requireStatus(client->post(grants, R"({"role": "overlord"})"), 400);
  requireStatus(client->post(grants, R"({"role": "admin", "programme": "LV-LT-2014-2020"})"), 400);

  // The new user signs in with the generated password and sees its partner.
  const HttpResult signedIn = login("ilze.kalnina", password);
  requireStatus(signedIn, 201);
  HttpTestClient ilze(server.port(), text(signedIn.json(), "token"));
  requireStatus(ilze.get("/api/v1/projects/LLI-317/partners/PP6"), 200);

  // Revoking takes effect on the next request of an open session.
  requireStatus(client->send("DELETE", grants,
                             R"({"role": "partner", "project": "LLI-317", "partner": "PP6"})",
                             "application/json"),
                200);
  BOOST_TEST(ilze.get("/api/v1/projects/LLI-317/partners/PP6").status == 404);
  BOOST_TEST(client
                 ->send("DELETE", grants,
                        R"({"role": "partner", "project": "LLI-317", "partner": "PP6"})",
                        "application/json")
                 .status == 404);

  const HttpResult users = client->get("/api/v1/users");
  requireStatus(users, 200);
  BOOST_TEST(contains(users.body, "\"ilze.kalnina\""));
  requireStatus(client->del("/api/v1/users/ilze.kalnina"), 204);
  BOOST_TEST(ilze.get("/api/v1/session").status == 401);
  BOOST_TEST(client->get("/api/v1/users/ilze.kalnina").status == 404);
  const std::vector<std::string> actions = auditActions();
  for (const char* action : {"create ilze.kalnina test-admin", "grant ilze.kalnina test-admin",
                             "revoke ilze.kalnina test-admin", "delete ilze.kalnina test-admin"})
    BOOST_TEST(std::count(actions.begin(), actions.end(), action) == 1, action);
}

BOOST_AUTO_TEST_CASE(lists_show_only_what_the_user_may_see) {
  using Codes = std::vector<std::string>;
  const Codes both = {"EE-LV-2014-2020", "LV-LT-2014-2020"};
  BOOST_TEST(codesOf(as("admin").get("/api/v1/programmes"), "programmes") == both,
             boost::test_tools::per_element());
  for (const char* label : {"programme", "auditor", "lead", "partner", "controller"}) {
    BOOST_TEST(
        codesOf(as(label).get("/api/v1/programmes"), "programmes") == Codes{"LV-LT-2014-2020"},
        boost::test_tools::per_element());
    BOOST_TEST(codesOf(as(label).get("/api/v1/projects"), "projects") == Codes{"LLI-317"},
               boost::test_tools::per_element());
    const HttpResult hidden = as(label).get("/api/v1/projects?programme=EE-LV-2014-2020");
    BOOST_TEST(hidden.status == 404, label);
    BOOST_TEST(errorCode(hidden) == "not_found", label);
    BOOST_TEST(text(*hidden.json().find("error"), "message") ==
                   "programme \"EE-LV-2014-2020\" does not exist",
               label);
  }
  BOOST_TEST(codesOf(as("none").get("/api/v1/programmes"), "programmes").empty());
  BOOST_TEST(codesOf(as("none").get("/api/v1/projects"), "projects").empty());

  const std::string partners = "/api/v1/projects/LLI-317/partners";
  BOOST_TEST(codesOf(as("lead").get(partners), "partners").size() == 8u);
  BOOST_TEST(codesOf(as("controller").get(partners), "partners") == Codes{"PP6"},
             boost::test_tools::per_element());
  // A partner sees every partner of its project, but only its own in full.
  const HttpResult shared = as("partner").get(partners);
  requireStatus(shared, 200);
  const Json sharedBody = shared.json();
  for (const Json& partner : sharedBody.find("partners")->items()) {
    const bool own = text(partner, "code") == "PP6";
    BOOST_TEST((partner.find("budget") != nullptr) == own, text(partner, "code"));
    BOOST_TEST((partner.find("total") != nullptr) == own, text(partner, "code"));
    BOOST_TEST(text(partner, "name") != "<missing>");
  }
  BOOST_TEST(shared.json().find("partners")->items().size() == 8u);
}

BOOST_AUTO_TEST_CASE(a_partner_edits_its_own_data_but_not_the_approved_figures) {
  HttpTestClient partner = as("partner");
  const std::string target = "/api/v1/projects/LLI-317/partners/PP6";
  const HttpResult read = partner.get(target);
  requireStatus(read, 200);
  const HttpHeaders version = {{"If-Match", read.header("ETag")}};
  const std::string before = dump();
  for (const auto& [field, value] :
       std::vector<std::pair<std::string, Json>>{{"total", Json("94535.17")},
                                                 {"role", Json("lead")},
                                                 {"budget", Json::array()},
                                                 {"cofinancing", Json::array()}}) {
    const HttpResult refused =
        partner.put(target, withMember(read.json(), field, value).dump(), version);
    BOOST_TEST(refused.status == 403, field);
    BOOST_TEST(contains(refused.body, "approved figures"), field);
  }
  const Json budget = *read.json().find("budget");
  BOOST_TEST(partner.put(target + "/budget", budget.dump(), version).status == 403);
  BOOST_TEST(dump() == before);

  // Its own data, with the figures as stored, it may change.
  const HttpResult renamed = partner.put(
      target, withMember(read.json(), "name", "VšĮ „Rokiškio jaunimo centras“").dump(), version);
  requireStatus(renamed, 200);
  BOOST_TEST(text(renamed.json(), "name") == "VšĮ „Rokiškio jaunimo centras“");
  // The lead may change the figures.
  HttpTestClient lead = as("lead");
  const HttpResult current = lead.get(target);
  requireStatus(lead.put(target, withMember(current.json(), "total", "94535.11").dump(),
                         {{"If-Match", current.header("ETag")}}),
                200);
}

BOOST_AUTO_TEST_CASE(a_lead_replaces_its_own_project_by_import_and_nothing_else) {
  HttpTestClient lead = as("lead");
  const std::string own = client->get("/api/v1/projects/LLI-317/bundle").body;
  requireStatus(replaceBundle(lead, own), 200);
  BOOST_TEST(lead.post("/api/v1/bundles", own).status == 409);

  const std::string before = dump();
  const HttpResult other = lead.post("/api/v1/bundles?replace=true",
                                     client->get("/api/v1/projects/EE-LV-042/bundle").body);
  requireStatus(other, 403);
  Json fresh = Json::parse(own);
  fresh = withMember(fresh, "project", withMember(*fresh.find("project"), "code", "LLI-999"));
  const HttpResult created = lead.post("/api/v1/bundles", fresh.dump());
  requireStatus(created, 403);
  BOOST_TEST(other.body == created.body);  // another programme's project is as if it did not exist
  Json moved = Json::parse(own);
  moved = withMember(
      moved, "programme",
      *Json::parse(client->get("/api/v1/projects/EE-LV-042/bundle").body).find("programme"));
  const HttpResult elsewhere = lead.post("/api/v1/bundles?replace=true", moved.dump());
  requireStatus(elsewhere, 403);
  BOOST_TEST(contains(elsewhere.body, "another programme"));
  BOOST_TEST(dump() == before);
}

BOOST_AUTO_TEST_CASE(a_partner_reads_the_findings_on_its_own_partner_and_the_project) {
  const auto codesOf = [](const HttpResult& result) {
    std::vector<std::string> codes;
    const Json document = result.json();
    for (const Json& finding : document.find("findings")->items())
      codes.push_back((finding.find("partner") ? finding.find("partner")->asString() : "project") +
                      " " + finding.find("code")->asString());
    return codes;
  };
  const std::vector<std::string> all = {"PP6 contributions_mismatch",
                                        "project project_fund_mismatch"};
  // PP6's staff and controller: the PP6 finding (as in their own partner report) and the
  // project-level one.
  for (const char* label : {"partner", "controller", "lead"}) {
    const HttpResult findings = as(label).get("/api/v1/projects/LLI-317/findings");
    requireStatus(findings, 200);
    BOOST_TEST(codesOf(findings) == all, boost::test_tools::per_element());
  }
  // Another partner's staff: only what concerns the whole project.
  createUser("pp2-staff",
             {crossgrant::core::Grant{crossgrant::core::Role::kPartner, "", "LLI-317", "PP2"}});
  HttpTestClient pp2(server.port(), openSession("pp2-staff"));
  const HttpResult findings = pp2.get("/api/v1/projects/LLI-317/findings");
  requireStatus(findings, 200);
  BOOST_TEST(codesOf(findings) == std::vector<std::string>{"project project_fund_mismatch"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(project_lists_count_the_findings_each_user_sees) {
  const auto countOf = [](const HttpResult& result, const std::string& code) -> std::int64_t {
    const Json body = result.json();
    for (const Json& project : body.find("projects")->items())
      if (text(project, "code") == code && project.find("findings") != nullptr)
        return project.find("findings")->asInteger();
    return -1;
  };
  // As many as GET .../findings shows the same user: 2 for those who read PP6, 1 for PP2.
  for (const char* label : {"lead", "partner", "controller", "auditor", "programme"})
    BOOST_TEST(countOf(as(label).get("/api/v1/projects?findings=count"), "LLI-317") == 2, label);
  createUser("pp2-reader",
             {crossgrant::core::Grant{crossgrant::core::Role::kPartner, "", "LLI-317", "PP2"}});
  HttpTestClient pp2(server.port(), openSession("pp2-reader"));
  BOOST_TEST(countOf(pp2.get("/api/v1/projects?findings=count"), "LLI-317") == 1);
  // Without the parameter there is no count; with another value, a 400 that names it.
  BOOST_TEST(countOf(as("lead").get("/api/v1/projects"), "LLI-317") == -1);
  const HttpResult wrong = as("lead").get("/api/v1/projects?findings=all");
  BOOST_TEST(wrong.status == 400);
  BOOST_TEST(contains(wrong.body, "\"/findings\""));
}

BOOST_AUTO_TEST_CASE(permissions_say_what_the_policy_allows_each_role) {
  using Names = std::vector<std::string>;
  const auto names = [](const Json* list) {
    Names result;
    if (list != nullptr)
      for (const Json& item : list->items()) result.push_back(item.asString());
    return result;
  };
  const std::string target = "/api/v1/projects/LLI-317/permissions";
  const auto permissionsOf = [&](const char* label) {
    const HttpResult result = as(label).get(target);
    requireStatus(result, 200);
    return result.json();
  };
  const Json lead = permissionsOf("lead");
  BOOST_TEST(
      names(lead.find("project")) == (Names{"read_project", "read_project_data", "write_project"}),
      boost::test_tools::per_element());
  BOOST_TEST(
      names(lead.find("partners")->find("PP1")) ==
          (Names{"read_partner", "write_partner", "write_partner_figures", "write_partner_work"}),
      boost::test_tools::per_element());
  const Json partner = permissionsOf("partner");
  BOOST_TEST(names(partner.find("project")) == Names{"read_project"},
             boost::test_tools::per_element());
  BOOST_TEST(names(partner.find("partners")->find("PP6")) ==
                 (Names{"read_partner", "write_partner", "write_partner_work"}),
             boost::test_tools::per_element());
  BOOST_TEST(names(partner.find("partners")->find("PP1")).empty());
  const Json controller = permissionsOf("controller");
  BOOST_TEST(names(controller.find("partners")->find("PP6")) == Names{"read_partner"},
             boost::test_tools::per_element());
  // The partners a user does not see in the partner list are not named here either.
  BOOST_TEST(controller.find("partners")->members().size() == 1u);
  BOOST_TEST(partner.find("partners")->members().size() == 8u);
  // The auditor reads the project's data and its audit trail, and writes nothing.
  BOOST_TEST(names(permissionsOf("auditor").find("project")) ==
                 (Names{"read_project", "read_project_data", "read_audit"}),
             boost::test_tools::per_element());
  const Json admin = permissionsOf("admin");
  BOOST_TEST(names(admin.find("project")).size() == 5u);
  // What they answer is what the API then does: the partner's figures refused, its details not.
  const HttpResult read = as("partner").get("/api/v1/projects/LLI-317/partners/PP6/budget");
  BOOST_TEST(as("partner")
                 .put("/api/v1/projects/LLI-317/partners/PP6/budget", read.body,
                      {{"If-Match", read.header("ETag")}})
                 .status == 403);
  // A project the user cannot see is not there, its permissions neither.
  BOOST_TEST(as("partner").get("/api/v1/projects/EE-LV-042/permissions").status == 404);
}

BOOST_AUTO_TEST_CASE(the_rules_plugins_loaded_are_listed) {
  const HttpResult result = as("partner").get("/api/v1/rules");
  requireStatus(result, 200);
  std::vector<std::string> keys;
  const Json body = result.json();
  for (const Json& rule : body.find("rules")->items()) keys.push_back(text(rule, "key"));
  BOOST_TEST(std::count(keys.begin(), keys.end(), "interreg-2014-2020") == 1);
  BOOST_TEST(std::is_sorted(keys.begin(), keys.end()));
  // Each with what a programme under it has: its cost categories, target groups, event kinds.
  for (const Json& rule : body.find("rules")->items()) {
    const auto keysOf = [&](const char* list) {
      std::vector<std::string> found;
      for (const Json& item : rule.find(list)->items()) found.push_back(text(item, "key"));
      return found;
    };
    const std::vector<std::string> categories = keysOf("categories");
    BOOST_TEST(std::count(categories.begin(), categories.end(), "staff") == 1, text(rule, "key"));
    const std::vector<std::string> groups = keysOf("target_groups");
    BOOST_TEST(std::count(groups.begin(), groups.end(), "disabilities") == 1, text(rule, "key"));
    const std::vector<std::string> kinds = keysOf("event_kinds");
    BOOST_TEST(std::count(kinds.begin(), kinds.end(), "conference") == 1, text(rule, "key"));
    // Labelled in the three languages of the interface.
    const Json& youth = rule.find("target_groups")->items().at(2);
    BOOST_TEST(text(youth, "key") == "youth");
    BOOST_TEST(text(youth, "label") == "Young people");
    BOOST_TEST(text(*youth.find("labels"), "lv") == "Jaunieši");
    BOOST_TEST(text(*youth.find("labels"), "lt") == "Jaunimas");
    BOOST_TEST(rule.find("indicators")->isArray(), text(rule, "key"));
  }
}

BOOST_AUTO_TEST_SUITE_END()
