// Long work on the server's own threads: requests the handler calls long (PDF renders) wait
// for the long-work threads in order, hold none of the workers, and lose no answer to a
// deadline while they wait; a quick request is answered meanwhile. Without long-work threads,
// two renders on two workers shut everyone else out: what the lane is for.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "RawConnection.h"
#include "crossgrant/http/Server.h"

namespace http = crossgrant::http;
using crossgrant::test::RawConnection;
using crossgrant::test::statusOf;
using namespace std::chrono_literals;

namespace {

constexpr const char* kSlow = "GET /render HTTP/1.1\r\nHost: test\r\n\r\n";
constexpr const char* kQuick = "GET /health HTTP/1.1\r\nHost: test\r\n\r\n";

/// /render blocks until released, as a long render would; everything else answers at once.
class RenderingHandler : public http::Handler {
 public:
  http::Response handle(http::Request& request) override {
    if (request.path != "/render")
      return http::Response::json(200, crossgrant::core::Json::object().set("ok", true));
    ++started_;
    std::unique_lock lock(mutex_);
    released_.wait_for(lock, 20s, [this] { return release_; });
    return http::Response::bytes(200, "application/pdf", "%PDF-1.4 rendered");
  }
  bool takesLong(http::Request& request) override { return request.path == "/render"; }

  void release() {
    {
      const std::lock_guard lock(mutex_);
      release_ = true;
    }
    released_.notify_all();
  }
  int started() const { return started_.load(); }

 private:
  std::mutex mutex_;
  std::condition_variable released_;
  bool release_ = false;
  std::atomic<int> started_{0};
};

struct LongWorkFixture {
  RenderingHandler handler;
  std::unique_ptr<http::Server> server;

  void start(int workers, int longThreads) {
    http::ServerSettings settings;
    settings.port = 0;
    settings.threads = workers;
    settings.longThreads = longThreads;
    // Short deadlines: a render waiting longer than these must still be answered.
    settings.headerTimeout = 300ms;
    settings.keepAliveTimeout = 300ms;
    server = std::make_unique<http::Server>(handler, settings);
    server->start();
  }
  ~LongWorkFixture() {
    handler.release();
    if (server) server->stop();
  }
  void waitForStarted(int count) {
    const auto until = std::chrono::steady_clock::now() + 5s;
    while (handler.started() < count && std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(5ms);
    BOOST_REQUIRE_EQUAL(handler.started(), count);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(long_work, LongWorkFixture)

BOOST_AUTO_TEST_CASE(renders_wait_for_the_long_threads_and_quick_requests_go_on) {
  start(2, 1);
  std::vector<std::unique_ptr<RawConnection>> renders;
  for (int i = 0; i < 4; ++i) {
    renders.push_back(std::make_unique<RawConnection>(server->port()));
    BOOST_REQUIRE(renders.back()->send(kSlow));
  }
  waitForStarted(1);  // one long thread: one render runs, three wait

  for (int i = 0; i < 3; ++i) {
    RawConnection quick(server->port());
    BOOST_REQUIRE(quick.send(kQuick));
    BOOST_TEST(statusOf(quick.response(1000ms)) == 200);
  }
  BOOST_TEST(handler.started() == 1);

  // Longer than every deadline: the waiting renders are owed their answers all the same.
  std::this_thread::sleep_for(800ms);
  handler.release();
  for (const auto& render : renders) {
    const std::optional<std::string> answer = render->response(5000ms);
    BOOST_TEST(statusOf(answer) == 200);
    BOOST_TEST(answer.value_or("").find("%PDF-1.4 rendered") != std::string::npos);
  }
  BOOST_TEST(handler.started() == 4);

  // The connection goes on as a worker's would: keep-alive, the next request answered.
  BOOST_REQUIRE(renders.front()->send(kQuick));
  BOOST_TEST(statusOf(renders.front()->response(1000ms)) == 200);
}

BOOST_AUTO_TEST_CASE(without_long_threads_renders_hold_the_workers) {
  start(2, 0);
  RawConnection first(server->port());
  RawConnection second(server->port());
  BOOST_REQUIRE(first.send(kSlow));
  BOOST_REQUIRE(second.send(kSlow));
  waitForStarted(2);
  RawConnection quick(server->port());
  BOOST_REQUIRE(quick.send(kQuick));
  BOOST_TEST(!quick.response(500ms).has_value());
  handler.release();
  BOOST_TEST(statusOf(first.response(5000ms)) == 200);
  BOOST_TEST(statusOf(quick.response(5000ms)) == 200);
}

BOOST_AUTO_TEST_CASE(stopping_lets_a_running_render_finish_and_closes_those_waiting) {
  start(1, 1);
  RawConnection running(server->port());
  RawConnection waiting(server->port());
  BOOST_REQUIRE(running.send(kSlow));
  waitForStarted(1);
  BOOST_REQUIRE(waiting.send(kSlow));
  std::this_thread::sleep_for(100ms);  // queued behind the running one
  std::thread stopper([this] { server->stop(); });
  std::this_thread::sleep_for(100ms);
  handler.release();
  stopper.join();
  BOOST_TEST(statusOf(running.response(2000ms)) == 200);
  BOOST_TEST(waiting.closedWithin(2000ms));
  BOOST_TEST(handler.started() == 1);
}

BOOST_AUTO_TEST_SUITE_END()
