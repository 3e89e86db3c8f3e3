// Two real `crossgrant serve` processes on one database, as behind a load balancer: what one
// server does, the other knows at once, because sessions, versions and failed-login counts
// live in the database. A session opened on one is valid on the other and a logout on either
// ends it; an edit on one makes a copy read before it stale on the other (409 with the
// current state); failed logins on both count toward one throttle. Runs on both backends.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <iterator>
#include <map>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "CliFixture.h"
#include "crossgrant/core/Json.h"

using crossgrant::core::Json;
using crossgrant::test::Cli;
using crossgrant::test::CliResult;
using crossgrant::test::contains;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

constexpr const char* kUser = "ilze";
constexpr const char* kPassword = "Kurzeme-Vidzeme-31";
constexpr const char* kPartner = "/api/v1/projects/LLI-317/partners/PP2";

using Server = crossgrant::test::ServeProcess;

struct Answer {
  int status = 0;
  std::map<std::string, std::string> headers;  ///< names as sent
  std::string body;

  std::string header(const std::string& name) const {
    const auto found = headers.find(name);
    return found == headers.end() ? std::string() : found->second;
  }
  Json json() const { return Json::parse(body); }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

/// One request on a new loopback connection, with a 10 s timeout.
Answer call(const Server& server, const std::string& method, const std::string& target,
            const std::string& body = "", const Headers& headers = {}) {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server.port()));
  session.setTimeout(Poco::Timespan(10, 0));
  Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : headers) request.set(name, value);
  if (!body.empty() || method == "POST" || method == "PUT") {
    request.setContentType("application/json");
    request.setContentLength64(static_cast<Poco::Int64>(body.size()));
  }
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  Answer answer;
  answer.status = static_cast<int>(response.getStatus());
  for (const auto& [name, value] : response) answer.headers[name] = value;
  answer.body.assign(std::istreambuf_iterator<char>(in), {});
  return answer;
}

Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

Headers bearer(const std::string& token, const std::string& etag) {
  return {{"Authorization", "Bearer " + token}, {"If-Match", etag}};
}

Answer login(const Server& server, const std::string& password) {
  return call(server, "POST", "/api/v1/session",
              Json::object().set("user", kUser).set("password", password).dump());
}

std::string tokenOf(const Answer& answer) {
  BOOST_REQUIRE_MESSAGE(answer.status == 201, answer.status << " " << answer.body);
  const Json body = answer.json();
  BOOST_REQUIRE(body.find("token") != nullptr);
  return body.find("token")->asString();
}

/// object with member key set to value (replaced where it is, else added).
Json withMember(const Json& object, const std::string& key, Json value) {
  Json copy = Json::object();
  bool replaced = false;
  for (const auto& [name, member] : object.members()) {
    copy.set(name, name == key ? value : member);
    replaced = replaced || name == key;
  }
  if (!replaced) copy.set(key, std::move(value));
  return copy;
}

/// The demo project and the lead user ilze, set up through the executable, and two servers.
struct TwoServers : Cli {
  TwoServers() {
    const CliResult imported = importDemo();
    BOOST_REQUIRE_MESSAGE(imported.status == 0, imported.err);
    const CliResult added =
        run({"user", "add", kUser, "--password-stdin"}, std::string(kPassword) + "\n");
    BOOST_REQUIRE_MESSAGE(added.status == 0, added.err);
    const CliResult granted = run({"user", "grant", kUser, "lead", "--project", "LLI-317"});
    BOOST_REQUIRE_MESSAGE(granted.status == 0, granted.err);
    a.start(databaseUrl);
    b.start(databaseUrl);
  }
  // Stopped by their destructors however the test ends, a failed start included.
  Server a;
  Server b;
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(two_servers, TwoServers)

BOOST_AUTO_TEST_CASE(a_session_from_one_server_is_valid_on_the_other_until_a_logout_on_either) {
  BOOST_TEST(a.port() != b.port());
  const std::string token = tokenOf(login(a, kPassword));

  const Answer onB = call(b, "GET", "/api/v1/session", "", bearer(token));
  BOOST_TEST(onB.status == 200, onB.body);
  BOOST_TEST(contains(onB.body, kUser), onB.body);
  BOOST_TEST(call(a, "GET", "/api/v1/session", "", bearer(token)).status == 200);

  const Answer logout = call(b, "DELETE", "/api/v1/session", "", bearer(token));
  BOOST_TEST(logout.status == 204, logout.body);
  const Answer afterOnA = call(a, "GET", "/api/v1/session", "", bearer(token));
  BOOST_TEST(afterOnA.status == 401, afterOnA.body);
  BOOST_TEST(call(b, "GET", "/api/v1/session", "", bearer(token)).status == 401);
  BOOST_TEST(call(a, "GET", kPartner, "", bearer(token)).status == 401);

  BOOST_TEST(a.stop() == 0, a.errors());
  BOOST_TEST(b.stop() == 0, b.errors());
}

BOOST_AUTO_TEST_CASE(an_if_match_gone_stale_by_a_change_on_the_other_server_is_409) {
  const std::string token = tokenOf(login(a, kPassword));
  const Answer read = call(a, "GET", kPartner, "", bearer(token));
  BOOST_REQUIRE_MESSAGE(read.status == 200, read.body);
  const std::string etag = read.header("ETag");
  BOOST_REQUIRE(!etag.empty());
  const Json partner = read.json();
  BOOST_REQUIRE(partner.find("name") != nullptr);

  const std::string nameOnA = "Kretingos rajono savivaldybė (A)";
  const Answer changed =
      call(a, "PUT", kPartner, withMember(partner, "name", nameOnA).dump(), bearer(token, etag));
  BOOST_REQUIRE_MESSAGE(changed.status == 200, changed.body);
  const std::string newEtag = changed.header("ETag");
  BOOST_TEST(!newEtag.empty());
  BOOST_TEST(newEtag != etag);
  BOOST_TEST(changed.json().find("name")->asString() == nameOnA);

  // B has the same stale copy: refused, with A's change as the current state.
  const Answer stale = call(b, "PUT", kPartner,
                            withMember(partner, "name", "Rokiškio rajono savivaldybė (B)").dump(),
                            bearer(token, etag));
  BOOST_TEST(stale.status == 409, stale.body);
  const Json body = stale.json();
  BOOST_REQUIRE_MESSAGE(body.find("current") != nullptr, stale.body);
  BOOST_TEST(body.find("current")->find("name")->asString() == nameOnA);
  BOOST_TEST(body.find("current")->dump() == changed.json().dump());
  BOOST_TEST(stale.header("ETag") == newEtag);

  // Nothing of B's change is stored; either server shows A's.
  for (const Server* server : {&a, &b}) {
    const Answer now = call(*server, "GET", kPartner, "", bearer(token));
    BOOST_TEST(now.status == 200);
    BOOST_TEST(now.json().find("name")->asString() == nameOnA);
    BOOST_TEST(now.header("ETag") == newEtag);
  }
  // B re-reads (through B) and redoes its change with the current ETag: accepted.
  const Answer redone =
      call(b, "PUT", kPartner,
           withMember(*body.find("current"), "name", "Rokiškio rajono savivaldybė (B)").dump(),
           bearer(token, newEtag));
  BOOST_TEST(redone.status == 200, redone.body);
}

BOOST_AUTO_TEST_CASE(failed_logins_on_both_servers_count_toward_one_throttle) {
  // Five wrong passwords for one account from one address, alternating between the servers:
  // each is checked (401); the fifth blocks the account at the address for 1 s.
  for (int i = 0; i < 5; ++i) {
    const Answer failed = login(i % 2 == 0 ? a : b, "wrong-password-" + std::to_string(i));
    BOOST_REQUIRE_MESSAGE(failed.status == 401,
                          "failure " << i + 1 << ": " << failed.status << " " << failed.body);
  }
  // The next attempt, on B, is refused without checking; so is the right password on A.
  const Answer blocked = login(b, "wrong-password-5");
  BOOST_TEST(blocked.status == 429, blocked.body);
  BOOST_TEST(!blocked.header("Retry-After").empty());
  const Answer refused = login(a, kPassword);
  BOOST_TEST(refused.status == 429, refused.body);
  const std::string retryAfter = refused.header("Retry-After");
  BOOST_REQUIRE_MESSAGE(!retryAfter.empty(), refused.body);
  BOOST_TEST(std::stoi(retryAfter) >= 1);
  BOOST_TEST(std::stoi(retryAfter) <= 2);

  // Once the block is over, the right password signs in on either server.
  Answer signedIn = login(a, kPassword);
  for (int tries = 0; signedIn.status == 429 && tries < 3; ++tries) {
    std::this_thread::sleep_for(seconds(std::stoi(signedIn.header("Retry-After"))) +
                                milliseconds(50));
    signedIn = login(a, kPassword);
  }
  BOOST_TEST(signedIn.status == 201, signedIn.body);
  BOOST_TEST(login(b, kPassword).status == 201);
}

BOOST_AUTO_TEST_SUITE_END()
