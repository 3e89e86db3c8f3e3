// Every kind of rejected request over real HTTP: the right status, the error JSON (with a
// pointer where there is one), and the stored data exactly as before.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "HttpApiFixture.h"
#include "RawConnection.h"

using crossgrant::core::Json;
using namespace std::chrono_literals;
using crossgrant::test::HttpApiFixture;
using crossgrant::test::HttpResult;
using crossgrant::test::withMember;
using crossgrant::test::withoutMember;

namespace {

constexpr const char* kJsonType = "application/json; charset=utf-8";

/// Checks status, JSON error body and code; returns the "error" object.
Json expectError(const HttpResult& result, int status, const std::string& code) {
  BOOST_TEST(result.status == status, "body: " << result.body);
  BOOST_TEST(result.contentType == kJsonType);
  const Json body = result.json();
  const Json* error = body.find("error");
  BOOST_REQUIRE_MESSAGE(error != nullptr && error->isObject(), "no error object: " << result.body);
  const Json* actual = error->find("code");
  BOOST_REQUIRE(actual != nullptr && actual->isString());
  BOOST_TEST(actual->asString() == code);
  const Json* message = error->find("message");
  BOOST_TEST((message != nullptr && message->isString() && !message->asString().empty()));
  return *error;
}

std::string pointerOf(const Json& error) {
  const Json* pointer = error.find("pointer");
  return pointer != nullptr && pointer->isString() ? pointer->asString() : "<none>";
}

/// The pointers of the "errors" list.
std::vector<std::string> pointersOf(const Json& error) {
  std::vector<std::string> pointers;
  if (const Json* errors = error.find("errors")) {
    for (const Json& item : errors->items()) pointers.push_back(pointerOf(item));
  }
  return pointers;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

const char* kLeadPartner = "/api/v1/projects/LLI-317/partners/LP";

}  // namespace

BOOST_FIXTURE_TEST_SUITE(http_errors, HttpApiFixture)

BOOST_AUTO_TEST_CASE(malformed_json_is_400_invalid_json) {
  importDemo();
  const std::string before = snapshot();
  expectError(client->post("/api/v1/programmes", "{\"code\": \"X\","), 400, "invalid_json");
  expectError(client->put(kLeadPartner, "{\"code\": \"LP\" \"role\": 1}"), 400, "invalid_json");
  expectError(client->post("/api/v1/bundles?replace=true", "not json"), 400, "invalid_json");
  expectError(client->post("/api/v1/bundles?replace=true", "\xC4\x81\xFF"), 400, "invalid_json");
  expectError(client->post("/api/v1/programmes", ""), 400, "invalid_json");
  BOOST_TEST(snapshot() == before);
}

BOOST_AUTO_TEST_CASE(wrong_types_are_400_with_pointers) {
  importDemo();
  const std::string before = snapshot();
  const Json lead = client->get(kLeadPartner).json();
  const Json error = expectError(
      client->put(kLeadPartner, withMember(lead, "vat_recoverable", "no").dump()), 400, "invalid");
  BOOST_TEST(pointerOf(error) == "/vat_recoverable");

  const Json numeric = expectError(
      client->put(kLeadPartner, withMember(lead, "total", 120000).dump()), 400, "invalid");
  BOOST_TEST(pointerOf(numeric) == "/total");

  expectError(client->put(kLeadPartner, "[]"), 400, "invalid");
  BOOST_TEST(snapshot() == before);
}

BOOST_AUTO_TEST_CASE(unknown_fields_are_400_with_pointers) {
  importDemo();
  const std::string before = snapshot();
  const Json programme = Json::object()
                             .set("code", "EE-LV-2021-2027")
                             .set("name", "Igaunijas–Latvijas programma")
                             .set("rules", "interreg-2021-2027")
                             .set("fund", "ERDF")
                             .set("colour", "zaļš");
  const Json error =
      expectError(client->post("/api/v1/programmes", programme.dump()), 400, "invalid");
  BOOST_TEST(pointerOf(error) == "/colour");

  const Json lead = client->get(kLeadPartner).json();
  const Json partnerError =
      expectError(client->put(kLeadPartner, withMember(lead, "vat", false).dump()), 400, "invalid");
  BOOST_TEST(pointerOf(partnerError) == "/vat");
  BOOST_TEST(snapshot() == before);
}

BOOST_AUTO_TEST_CASE(invalid_amounts_are_400_and_a_failed_replace_keeps_the_project) {
  importDemo();
  const std::string before = snapshot();
  const Json budget =
      Json::array().push(Json::object().set("category", "staff").set("amount", "12,50"));
  const Json error = expectError(client->put(std::string(kLeadPartner) + "/budget", budget.dump()),
                                 400, "invalid");
  BOOST_TEST(pointerOf(error) == "/0/amount");

  // A whole bundle with two bad amounts: nothing of it is stored, the old project survives,
  // and both errors are reported with their pointers.
  const Json demo = client->get("/api/v1/projects/LLI-317/bundle").json();
  const Json firstPartner = demo.find("partners")->items()[0];
  Json partners = Json::array();
  partners.push(withMember(withMember(firstPartner, "total", "12,50"), "name", "Jauns nosaukums"));
  for (std::size_t i = 1; i < demo.find("partners")->items().size(); ++i) {
    const Json& partner = demo.find("partners")->items()[i];
    partners.push(i == 2 ? withMember(partner, "total", "1e3") : partner);
  }
  const Json broken = withMember(demo, "partners", partners);
  const Json bundleError =
      expectError(client->post("/api/v1/bundles?replace=true", broken.dump()), 400, "invalid");
  const std::vector<std::string> pointers = pointersOf(bundleError);
  BOOST_TEST(contains(pointers, "/partners/0/total"));
  BOOST_TEST(contains(pointers, "/partners/2/total"));
  BOOST_TEST(snapshot() == before);
}

BOOST_AUTO_TEST_CASE(oversized_bodies_are_413_with_or_without_content_length) {
  importDemo();
  const std::string before = snapshot();
  std::string big = crossgrant::test::readFile(crossgrant::test::demoBundlePath());
  big.append(kMaxBodyBytes + 1 - big.size(), ' ');
  BOOST_REQUIRE(big.size() == kMaxBodyBytes + 1);
  // Refused with the connection closed and the rest of the body unread: the client sees the
  // answer once it reads. With a declared length the body is not read at all.
  const std::string head =
      "POST /api/v1/bundles?replace=true HTTP/1.1\r\nHost: test\r\n"
      "Authorization: Bearer " +
      adminToken + "\r\nContent-Type: application/json\r\n";
  char chunk[32];
  std::snprintf(chunk, sizeof chunk, "%zx\r\n", big.size() / 2);
  const std::string half = std::string(chunk) + big.substr(0, big.size() / 2) + "\r\n";
  for (const std::string& request :
       {head + "Content-Length: " + std::to_string(big.size()) + "\r\n\r\n",
        head + "Content-Length: " + std::to_string(8 * kMaxBodyBytes) + "\r\n\r\n",
        head + "Transfer-Encoding: chunked\r\n\r\n" + half + half + "2\r\n  \r\n0\r\n\r\n"}) {
    crossgrant::test::RawConnection connection(server.port());
    BOOST_REQUIRE(connection.send(request));
    const auto answer = connection.response(5s);
    BOOST_TEST(crossgrant::test::statusOf(answer) == 413);
    BOOST_TEST(answer.value_or("").find("\"body_too_large\"") != std::string::npos);
    BOOST_TEST(connection.closedWithin(2s));
  }
  BOOST_TEST(snapshot() == before);

  // Exactly at the limit is accepted.
  big.pop_back();
  BOOST_TEST(replaceBundle(*client, big).status == 200);
  BOOST_TEST(snapshot() == before);
}

BOOST_AUTO_TEST_CASE(bodies_must_be_application_json) {
  importDemo();
  const std::string before = snapshot();
  const std::string demo = crossgrant::test::readFile(crossgrant::test::demoBundlePath());
  const Json lead = client->get(kLeadPartner).json();
  const std::string renamed = withMember(lead, "name", "Zemgales reģions").dump();
  expectError(client->post("/api/v1/bundles?replace=true", demo, "text/plain"), 415,
              "unsupported_media_type");
  expectError(client->put(kLeadPartner, renamed, "application/x-www-form-urlencoded"), 415,
              "unsupported_media_type");
  expectError(client->put(kLeadPartner, renamed, "application/json; charset=iso-8859-1"), 415,
              "unsupported_media_type");
  expectError(client->send("PUT", kLeadPartner, renamed, ""), 415, "unsupported_media_type");
  BOOST_TEST(snapshot() == before);

  const HttpResult accepted = client->put(kLeadPartner, renamed, "Application/JSON; charset=UTF-8");
  BOOST_TEST(accepted.status == 200, accepted.body);
  BOOST_TEST(snapshot() != before);
}

BOOST_AUTO_TEST_CASE(unknown_routes_are_404) {
  importDemo();
  const std::string before = snapshot();
  expectError(client->get("/api/v1/nothing"), 404, "not_found");
  expectError(client->get("/api/v1/projects/LLI-317/partners/LP/extra"), 404, "not_found");
  expectError(client->post("/api/v2/bundles", "{}"), 404, "not_found");
  expectError(client->get("/api/v1/projects/NO-SUCH"), 404, "not_found");
  expectError(client->del("/api/v1/projects/LLI-317/partners/NO-SUCH"), 404, "not_found");
  BOOST_TEST(snapshot() == before);
}

BOOST_AUTO_TEST_CASE(wrong_methods_are_405_with_allow) {
  importDemo();
  const std::string before = snapshot();
  const HttpResult collection = client->del("/api/v1/projects");
  expectError(collection, 405, "method_not_allowed");
  BOOST_TEST(collection.header("Allow") == "GET, POST");
  const HttpResult item =
      client->send("PATCH", "/api/v1/projects/LLI-317", "{}", "application/json");
  expectError(item, 405, "method_not_allowed");
  BOOST_TEST(item.header("Allow") == "GET, PUT, DELETE");
  const HttpResult bundles = client->get("/api/v1/bundles");
  expectError(bundles, 405, "method_not_allowed");
  BOOST_TEST(bundles.header("Allow") == "POST");
  BOOST_TEST(snapshot() == before);
}

BOOST_AUTO_TEST_CASE(conflicts_and_bad_queries_change_nothing) {
  importDemo();
  const std::string before = snapshot();
  const Json programme =
      withoutMember(client->get("/api/v1/programmes/LV-LT-2014-2020").json(), "version");
  expectError(client->post("/api/v1/programmes", programme.dump()), 409, "conflict");
  expectError(client->post("/api/v1/bundles?replce=true", "{}"), 400, "invalid");
  expectError(client->post("/api/v1/bundles?replace=yes", "{}"), 400, "invalid");
  const Json moved = withMember(client->get("/api/v1/projects/LLI-317").json(), "code", "LLI-318");
  const Json error =
      expectError(client->put("/api/v1/projects/LLI-317", moved.dump()), 400, "invalid");
  BOOST_TEST(pointerOf(error) == "/code");
  BOOST_TEST(snapshot() == before);
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

constexpr std::chrono::milliseconds kAcquireTimeout{400};

/// The API on a pool of one connection that waits kAcquireTimeout for it.
struct OneConnectionFixture : HttpApiFixture {
  OneConnectionFixture()
      : HttpApiFixture([](crossgrant::server::Configuration& settings) {
          settings.pool.maxConnections = 1;
          settings.pool.acquireTimeout = kAcquireTimeout;
        }) {}
};

/// Holds the pool's one connection in a read unit on a thread of its own until release() or
/// destruction.
class HeldConnection {
 public:
  explicit HeldConnection(crossgrant::app::Context& context)
      : thread_([this, &context] {
          context.database().read([this](crossgrant::store::Reader& reader) {
            reader.query("SELECT 1");
            held_.count_down();
            release_.wait();
          });
        }) {
    held_.wait();
  }
  ~HeldConnection() { release(); }
  HeldConnection(const HeldConnection&) = delete;
  HeldConnection& operator=(const HeldConnection&) = delete;

  void release() {
    if (!released_) release_.count_down();
    released_ = true;
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::latch held_{1};
  std::latch release_{1};
  bool released_ = false;
  std::thread thread_;
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(http_pool, OneConnectionFixture)

BOOST_AUTO_TEST_CASE(an_exhausted_pool_is_503_with_retry_after_and_changes_nothing) {
  importDemo();
  const std::string before = snapshot();
  const std::size_t entries = auditTrail().size();
  HttpResult read;
  HttpResult write;
  std::chrono::milliseconds waited{0};
  {
    HeldConnection held(context);
    BOOST_TEST(context.database().poolStatus().open == 1u);
    BOOST_TEST(context.database().poolStatus().idle == 0u);
    const auto start = std::chrono::steady_clock::now();
    read = client->get(kDemoProject);
    waited = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    write = client->put(std::string(kDemoProject) + "/partners/PP6",
                        R"({"version": 1, "code": "PP6"})");
  }
  // The GET waited for the connection for the acquire timeout, then told the client to come
  // back: 503 with Retry-After (the timeout in whole seconds, at least 1) and no details.
  const Json error = expectError(read, 503, "unavailable");
  BOOST_TEST(read.header("Retry-After") == "1");
  BOOST_TEST(waited >= kAcquireTimeout);
  BOOST_TEST(read.body.find(context.database().displayUrl()) == std::string::npos);
  BOOST_TEST(pointerOf(error) == "<none>");
  // A change is refused the same way (its session cannot even be looked up).
  expectError(write, 503, "unavailable");
  BOOST_TEST(write.header("Retry-After") == "1");

  // With the connection free again the same client is served, and nothing had changed.
  BOOST_TEST(client->get(kDemoProject).status == 200);
  BOOST_TEST(snapshot() == before);
  BOOST_TEST(auditTrail().size() == entries);
}

BOOST_AUTO_TEST_CASE(every_read_answers_on_a_pool_of_one_connection) {
  // A GET is one read unit: whatever it reads joins that unit, so one connection is enough.
  // (A use case that opened a unit of another kind inside it would need a second one, and wait
  // for itself until the acquire timeout.)
  importDemo();
  const std::string v1 = "/api/v1";
  for (const std::string& target :
       {v1 + "/programmes", v1 + "/programmes/LV-LT-2014-2020", v1 + "/projects",
        v1 + "/projects?programme=LV-LT-2014-2020", std::string(kDemoProject),
        std::string(kDemoProject) + "/partners", std::string(kDemoProject) + "/partners/PP6",
        std::string(kDemoProject) + "/partners/PP6/budget",
        std::string(kDemoProject) + "/partners/PP6/cofinancing",
        std::string(kDemoProject) + "/bundle", std::string(kDemoProject) + "/findings",
        std::string(kDemoProject) + "/reports", v1 + "/audit", v1 + "/audit?project=LLI-317",
        v1 + "/users", v1 + "/users/" + kAdminName, v1 + "/session", v1 + "/sessions"}) {
    const HttpResult result = client->get(target);
    BOOST_TEST(result.status == 200, target << ": " << result.status << " " << result.body);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(http_keep_alive, HttpApiFixture)

BOOST_AUTO_TEST_CASE(a_test_client_idle_past_the_servers_keep_alive_timeout_is_still_answered) {
  // The server closes a keep-alive connection idle for 5 s; a test client that sat idle longer
  // (the fixture's admin client while a long test works through other clients) must open a
  // new one rather than send into the closed one and get no answer.
  BOOST_TEST(client->get("/health").status == 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(6500));
  BOOST_TEST(client->get("/health").status == 200);
  BOOST_TEST(client->get("/api/v1/session").status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
