// Connection handling and HTTP/1.1 framing, over raw sockets: held connections do not shut
// other clients out, deadlines drop what does not arrive, refused bodies are not read, the
// per-address limit, and requests framed ambiguously are refused and their connection closed.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "HttpApiFixture.h"
#include "RawConnection.h"

using crossgrant::test::HttpApiFixture;
using crossgrant::test::RawConnection;
using crossgrant::test::statusOf;
using namespace std::chrono_literals;

namespace {

constexpr int kHeld = 200;
constexpr const char* kHealth = "GET /health HTTP/1.1\r\nHost: test\r\n\r\n";

long millisecondsSince(std::chrono::steady_clock::time_point start) {
  return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::steady_clock::now() - start)
                               .count());
}

/// A request from 127.0.0.1 answers 200 within a second.
void answeredWithinASecond(int port) {
  const auto start = std::chrono::steady_clock::now();
  RawConnection probe(port);
  BOOST_REQUIRE(probe.send(kHealth));
  const auto answer = probe.response(5s);
  BOOST_TEST(statusOf(answer) == 200);
  BOOST_TEST(millisecondsSince(start) < 1000);
}

/// The request is answered status at once (within 2 s, where the old server drained for
/// 30 s) and its connection closed.
void refused(int port, const std::string& request, int status = 400) {
  RawConnection connection(port);
  BOOST_REQUIRE(connection.send(request));
  const auto answer = connection.response(2s);
  BOOST_TEST(statusOf(answer) == status, answer.value_or("no answer"));
  BOOST_TEST(connection.closedWithin(1s));
}

std::string loginBody(const std::string& user, const std::string& password) {
  return crossgrant::core::Json::object().set("user", user).set("password", password).dump();
}

/// Connections held from 127.0.0.2 are neither limited nor timed out during the test.
struct HeldConnectionsFixture : HttpApiFixture {
  HeldConnectionsFixture()
      : HttpApiFixture([](crossgrant::server::Configuration& c) {
          c.http.maxConnectionsPerAddress = 1000;
          c.http.headerTimeout = 60s;
          c.http.bodyTimeout = 60s;
          c.http.keepAliveTimeout = 60s;
        }) {}

  std::vector<std::unique_ptr<RawConnection>> hold(const std::string& first) {
    std::vector<std::unique_ptr<RawConnection>> held;
    for (int i = 0; i < kHeld; ++i) {
      held.push_back(std::make_unique<RawConnection>(server.port(), "127.0.0.2"));
      BOOST_REQUIRE(held.back()->send(first));
    }
    return held;
  }
};

/// Deadlines of a second.
struct ShortDeadlinesFixture : HttpApiFixture {
  ShortDeadlinesFixture()
      : HttpApiFixture([](crossgrant::server::Configuration& c) {
          c.http.headerTimeout = 1s;
          c.http.bodyTimeout = 1s;
        }) {}
};

/// At most four connections in all.
struct TotalLimitFixture : HttpApiFixture {
  TotalLimitFixture()
      : HttpApiFixture([](crossgrant::server::Configuration& c) { c.http.maxConnections = 4; }) {}
};

struct PerAddressLimitFixture : HttpApiFixture {
  PerAddressLimitFixture()
      : HttpApiFixture(
            [](crossgrant::server::Configuration& c) { c.http.maxConnectionsPerAddress = 3; }) {}
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(http_held_connections, HeldConnectionsFixture)

BOOST_AUTO_TEST_CASE(idle_keep_alive_connections_do_not_shut_others_out) {
  auto held = hold(kHealth);
  const auto until = std::chrono::steady_clock::now() + 20s;
  int answered = 0;
  for (auto& connection : held) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    if (left.count() > 0 && statusOf(connection->response(left)) == 200) ++answered;
  }
  BOOST_TEST(answered == kHeld);
  answeredWithinASecond(server.port());
}

BOOST_AUTO_TEST_CASE(connections_dribbling_their_headers_do_not_shut_others_out) {
  auto held = hold("G");
  std::this_thread::sleep_for(1500ms);
  for (auto& connection : held) BOOST_REQUIRE(connection->send("E"));
  answeredWithinASecond(server.port());
}

BOOST_AUTO_TEST_CASE(posts_that_never_send_their_body_do_not_shut_others_out) {
  auto held = hold(
      "POST /api/v1/session HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
      "Content-Length: 1000\r\n\r\n");
  std::this_thread::sleep_for(500ms);
  answeredWithinASecond(server.port());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(http_deadlines, ShortDeadlinesFixture)

BOOST_AUTO_TEST_CASE(headers_not_complete_in_time_drop_the_connection) {
  RawConnection slow(server.port());
  const auto start = std::chrono::steady_clock::now();
  // One byte every 200 ms: each byte is on time, the head as a whole is not.
  bool closed = false;
  const std::string head = "GET /health HTTP/1.1\r\nHost: test\r\nX-Slow: abcdefghij\r\n";
  for (char c : head) {
    if (!slow.send(std::string(1, c)) || slow.closedWithin(200ms)) {
      closed = true;
      break;
    }
  }
  const long took = millisecondsSince(start);
  BOOST_TEST(closed);
  BOOST_TEST(took >= 900);
  BOOST_TEST(took < 4000);
}

BOOST_AUTO_TEST_CASE(a_body_not_complete_in_time_drops_the_connection) {
  RawConnection slow(server.port());
  BOOST_REQUIRE(
      slow.send("POST /api/v1/session HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                "Content-Length: 100\r\n\r\n{\"user\":"));
  const auto start = std::chrono::steady_clock::now();
  BOOST_TEST(slow.closedWithin(4s));
  BOOST_TEST(millisecondsSince(start) >= 700);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(http_refused_bodies, HttpApiFixture)

BOOST_AUTO_TEST_CASE(a_body_over_the_limit_is_refused_at_once_without_reading_it) {
  refused(server.port(),
          "POST /api/v1/bundles HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " + adminToken +
              "\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n",
          413);
}

BOOST_AUTO_TEST_CASE(an_unauthenticated_post_is_refused_at_once_without_reading_its_body) {
  refused(server.port(),
          "POST /api/v1/programmes HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
          "Content-Length: 60000\r\n\r\n{",
          401);
}

BOOST_AUTO_TEST_CASE(a_refused_expect_100_continue_gets_no_100) {
  // The first answer is the refusal, not 100 Continue.
  refused(server.port(),
          "POST /api/v1/programmes HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
          "Content-Length: 20\r\nExpect: 100-continue\r\n\r\n",
          401);
}

BOOST_AUTO_TEST_CASE(an_accepted_expect_100_continue_gets_100_then_the_answer) {
  RawConnection connection(server.port());
  const std::string body = loginBody(kAdminName, adminPassword);
  BOOST_REQUIRE(connection.send(
      "POST /api/v1/session HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\nExpect: 100-continue\r\n\r\n"));
  BOOST_TEST(statusOf(connection.response(2s)) == 100);
  BOOST_REQUIRE(connection.send(body));
  const auto answer = connection.response(5s);
  BOOST_TEST(statusOf(answer) == 201, answer.value_or("no answer"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(http_connection_limit, PerAddressLimitFixture)

BOOST_AUTO_TEST_CASE(connections_beyond_the_per_address_limit_are_503_and_others_get_in) {
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(std::make_unique<RawConnection>(server.port(), "127.0.0.2"));
    BOOST_REQUIRE(held.back()->send(kHealth));
    BOOST_REQUIRE(statusOf(held.back()->response(5s)) == 200);
  }
  RawConnection beyond(server.port(), "127.0.0.2");
  beyond.send(kHealth);
  const auto refused = beyond.response(2s);
  BOOST_TEST(statusOf(refused) == 503);
  BOOST_TEST(refused.value_or("").find("Retry-After:") != std::string::npos);
  BOOST_TEST(beyond.closedWithin(1s));

  RawConnection other(server.port(), "127.0.0.3");
  BOOST_REQUIRE(other.send(kHealth));
  BOOST_TEST(statusOf(other.response(2s)) == 200);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(http_total_connection_limit, TotalLimitFixture)

BOOST_AUTO_TEST_CASE(connections_beyond_the_total_limit_are_503_whatever_their_address) {
  std::vector<std::unique_ptr<RawConnection>> held;
  for (const char* from : {"127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"}) {
    held.push_back(std::make_unique<RawConnection>(server.port(), from));
    BOOST_REQUIRE(held.back()->send(kHealth));
    BOOST_REQUIRE(statusOf(held.back()->response(5s)) == 200);
  }
  RawConnection beyond(server.port(), "127.0.0.6");
  beyond.send(kHealth);
  BOOST_TEST(statusOf(beyond.response(2s)) == 503);
  BOOST_TEST(beyond.closedWithin(1s));
  // A connection that ends makes room again.
  held.pop_back();
  bool answered = false;
  for (int attempt = 0; attempt < 20 && !answered; ++attempt) {
    RawConnection again(server.port(), "127.0.0.6");
    answered = again.send(kHealth) && statusOf(again.response(2s)) == 200;
    if (!answered) std::this_thread::sleep_for(100ms);
  }
  BOOST_TEST(answered);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(http_framing, HttpApiFixture)

BOOST_AUTO_TEST_CASE(heads_over_their_limits_are_414_and_431_and_closed) {
  refused(server.port(), "GET /" + std::string(9 * 1024, 'a') + " HTTP/1.1\r\nHost: test\r\n\r\n",
          414);
  refused(
      server.port(),
      "GET /health HTTP/1.1\r\nHost: test\r\nX-Big: " + std::string(65 * 1024, 'b') + "\r\n\r\n",
      431);
  std::string many = "GET /health HTTP/1.1\r\nHost: test\r\n";
  for (int i = 0; i < 101; ++i) many += "X-Field-" + std::to_string(i) + ": v\r\n";
  refused(server.port(), many + "\r\n", 431);
}

BOOST_AUTO_TEST_CASE(other_http_versions_are_505_and_a_1_1_request_needs_a_host) {
  refused(server.port(), "GET /health HTTP/2.0\r\nHost: test\r\n\r\n", 505);
  refused(server.port(), "GET /health HTTP/1.1\r\n\r\n", 400);
  // HTTP/1.0 needs no Host.
  RawConnection old(server.port());
  BOOST_REQUIRE(old.send("GET /health HTTP/1.0\r\n\r\n"));
  BOOST_TEST(statusOf(old.response(2s)) == 200);
}

BOOST_AUTO_TEST_CASE(content_length_with_chunked_is_400_and_closed) {
  refused(server.port(),
          "POST /api/v1/session HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
          "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
}

BOOST_AUTO_TEST_CASE(two_content_lengths_are_400_and_closed) {
  refused(server.port(),
          "POST /api/v1/session HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
          "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}");
  refused(server.port(),
          "POST /api/v1/session HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
          "Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}");
  refused(server.port(),
          "POST /api/v1/session HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
          "Content-Length: +2\r\n\r\n{}");
}

BOOST_AUTO_TEST_CASE(bare_line_feeds_are_400_and_closed) {
  refused(server.port(), "GET /health HTTP/1.1\nHost: test\n\n");
  refused(server.port(), "GET /health HTTP/1.1\r\nHost: test\n\r\n");
}

BOOST_AUTO_TEST_CASE(folded_headers_are_400_and_other_encodings_501) {
  refused(server.port(), "GET /health HTTP/1.1\r\nHost: test\r\nX-A: b\r\n c\r\n\r\n");
  refused(server.port(),
          "POST /api/v1/session HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
          "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
          501);
}

BOOST_AUTO_TEST_CASE(a_body_with_line_feeds_arriving_with_its_head_is_read) {
  RawConnection connection(server.port());
  const std::string body = "{\n  \"user\": \"" + std::string(kAdminName) +
                           "\",\n  \"password\": \"" + adminPassword + "\"\n}\n";
  BOOST_REQUIRE(connection.send(
      "POST /api/v1/session HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body));
  const auto answer = connection.response(5s);
  BOOST_TEST(statusOf(answer) == 201, answer.value_or("no answer"));
}

BOOST_AUTO_TEST_CASE(a_chunked_json_body_is_read) {
  RawConnection connection(server.port());
  const std::string body = loginBody(kAdminName, adminPassword);
  const std::string first = body.substr(0, 10);
  const std::string rest = body.substr(10);
  char sizes[64];
  std::snprintf(sizes, sizeof sizes, "%zx;ext=1\r\n", first.size());
  std::string request =
      "POST /api/v1/session HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n" +
      std::string(sizes) + first + "\r\n";
  std::snprintf(sizes, sizeof sizes, "%zx\r\n", rest.size());
  request += std::string(sizes) + rest + "\r\n0\r\nX-Trailer: dropped\r\n\r\n";
  BOOST_REQUIRE(connection.send(request));
  const auto answer = connection.response(5s);
  BOOST_TEST(statusOf(answer) == 201, answer.value_or("no answer"));
  // The connection stays usable.
  BOOST_REQUIRE(connection.send(kHealth));
  BOOST_TEST(statusOf(connection.response(5s)) == 200);
}

BOOST_AUTO_TEST_SUITE_END()
