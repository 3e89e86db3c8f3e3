// The one mapping from exceptions to HTTP error responses.
#include <boost/test/unit_test.hpp>

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>

#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "HttpTestClient.h"
#include "crossgrant/http/Server.h"

#include "crossgrant/core/Errors.h"
#include "crossgrant/http/ErrorResponse.h"
#include "crossgrant/http/HttpError.h"
#include "crossgrant/store/Database.h"

using crossgrant::core::Json;
using crossgrant::http::HttpError;
using ApiResponse = crossgrant::http::Response;

namespace {

template <typename Exception>
ApiResponse responseFor(const Exception& exception) {
  return crossgrant::http::errorResponse(std::make_exception_ptr(exception), "TEST /x");
}

const Json& errorOf(const Json& body) {
  const Json* error = body.find("error");
  BOOST_REQUIRE(error != nullptr);
  BOOST_REQUIRE(error->isObject());
  return *error;
}

std::string text(const Json& object, const char* key) {
  const Json* member = object.find(key);
  return member != nullptr && member->isString() ? member->asString() : "<missing>";
}

/// Keeps what the "crossgrant.http" logger writes while it lives, then gives the logger its
/// channel back.
class CapturedLog {
 public:
  CapturedLog() : logger_(Poco::Logger::get("crossgrant.http")), previous_(logger_.getChannel()) {
    if (previous_) previous_->duplicate();
    logger_.setChannel(channel_);
  }
  ~CapturedLog() {
    logger_.setChannel(previous_);
    if (previous_) previous_->release();
  }
  CapturedLog(const CapturedLog&) = delete;
  CapturedLog& operator=(const CapturedLog&) = delete;

  std::vector<std::string> lines() const { return channel_->lines(); }

 private:
  class Channel : public Poco::Channel {
   public:
    void log(const Poco::Message& message) override {
      std::lock_guard<std::mutex> lock(mutex_);
      lines_.push_back(message.getText());
    }
    std::vector<std::string> lines() const {
      std::lock_guard<std::mutex> lock(mutex_);
      return lines_;
    }

   private:
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
  };

  Poco::Logger& logger_;
  Poco::Channel* previous_;
  Poco::AutoPtr<Channel> channel_{new Channel};
};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// A handler that fails as a bug would: with an exception that is no core::Error.
class FailingHandler : public crossgrant::http::Handler {
 public:
  ApiResponse handle(crossgrant::http::Request&) override {
    throw std::out_of_range("vector::at: index 7 >= size 3");
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(api_error)

BOOST_AUTO_TEST_CASE(invalid_input_is_400_with_every_error_and_its_pointer) {
  const ApiResponse response =
      responseFor(crossgrant::core::InvalidInput(std::vector<crossgrant::core::ValidationError>{
          {"/partners/3/budget/2/amount",
           "expected a decimal amount like \"12.50\", found \"12,50\""},
          {"/project/end", "is before start"}}));
  BOOST_TEST(response.status == 400);
  BOOST_TEST(response.contentType == "application/json; charset=utf-8");
  const Json body = Json::parse(response.body);
  const Json& error = errorOf(body);
  BOOST_TEST(text(error, "code") == "invalid");
  BOOST_TEST(text(error, "pointer") == "/partners/3/budget/2/amount");
  const Json* errors = error.find("errors");
  BOOST_REQUIRE(errors != nullptr);
  BOOST_REQUIRE(errors->items().size() == 2u);
  BOOST_TEST(text(errors->items()[1], "pointer") == "/project/end");
  BOOST_TEST(text(errors->items()[1], "message") == "is before start");
}

BOOST_AUTO_TEST_CASE(typed_errors_map_to_their_status) {
  const auto notFound = responseFor(crossgrant::core::NotFound("project \"X\" does not exist"));
  BOOST_TEST(notFound.status == 404);
  BOOST_TEST(text(errorOf(Json::parse(notFound.body)), "code") == "not_found");
  BOOST_TEST(text(errorOf(Json::parse(notFound.body)), "message") ==
             "project \"X\" does not exist");
  BOOST_TEST(errorOf(Json::parse(notFound.body)).find("pointer") == nullptr);

  const auto conflict = responseFor(crossgrant::core::Conflict("exists"));
  BOOST_TEST(conflict.status == 409);
  BOOST_TEST(text(errorOf(Json::parse(conflict.body)), "code") == "conflict");

  const auto unavailable = responseFor(crossgrant::store::StoreError("connection lost: secret"));
  BOOST_TEST(unavailable.status == 503);
  BOOST_TEST(unavailable.body.find("secret") == std::string::npos);

  auto methodError =
      HttpError(crossgrant::core::ErrorKind::kMethodNotAllowed, "no").withHeader("Allow", "GET");
  const auto method = responseFor(methodError);
  BOOST_TEST(method.status == 405);
  BOOST_REQUIRE(method.headers.size() == 1u);
  BOOST_TEST(method.headers[0].second == "GET");
}

BOOST_AUTO_TEST_CASE(unexpected_exceptions_are_500_without_their_text) {
  const auto response = responseFor(std::runtime_error("password=hunter2 in /etc/secret"));
  BOOST_TEST(response.status == 500);
  BOOST_TEST(text(errorOf(Json::parse(response.body)), "code") == "internal");
  BOOST_TEST(response.body.find("hunter2") == std::string::npos);
  BOOST_TEST(response.body.find("/etc/secret") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_500_names_its_incident_in_the_answer_and_the_message) {
  const auto first = responseFor(std::logic_error("bug"));
  const auto second = responseFor(std::logic_error("bug"));
  const std::string incident = text(errorOf(Json::parse(first.body)), "incident");
  BOOST_TEST(incident.size() == 16u);
  BOOST_TEST(incident != text(errorOf(Json::parse(second.body)), "incident"));
  BOOST_TEST(text(errorOf(Json::parse(first.body)), "message").find(incident) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_error_kind_has_one_status_and_exit_code) {
  using crossgrant::core::ErrorKind;
  const std::pair<ErrorKind, int> expected[] = {
      {ErrorKind::kInvalid, 400},          {ErrorKind::kUnauthenticated, 401},
      {ErrorKind::kForbidden, 403},        {ErrorKind::kNotFound, 404},
      {ErrorKind::kMethodNotAllowed, 405}, {ErrorKind::kConflict, 409},
      {ErrorKind::kTooLarge, 413},         {ErrorKind::kUnsupportedMediaType, 415},
      {ErrorKind::kVersionRequired, 428},  {ErrorKind::kThrottled, 429},
      {ErrorKind::kConfiguration, 500},    {ErrorKind::kInternal, 500},
      {ErrorKind::kUnavailable, 503}};
  for (const auto& [kind, status] : expected) {
    BOOST_TEST(crossgrant::core::reportOf(kind).httpStatus == status);
    BOOST_TEST(crossgrant::core::reportOf(kind).exitStatus == 2);
    const auto response = responseFor(crossgrant::core::Error(kind, "x"));
    BOOST_TEST(response.status == status);
  }
  // Throttling and an exhausted pool say when to come back.
  const auto throttled = responseFor(crossgrant::core::Throttled("slow down", 7));
  BOOST_TEST(throttled.status == 429);
  bool retry = false;
  for (const auto& [name, value] : throttled.headers)
    retry = retry || (name == "Retry-After" && value == "7");
  BOOST_TEST(retry);
}

BOOST_AUTO_TEST_CASE(a_500_is_logged_with_the_same_incident_and_the_request) {
  const CapturedLog log;
  const auto bug = responseFor(std::logic_error("the bug's own words"));
  const auto internal =
      responseFor(crossgrant::core::Error(crossgrant::core::ErrorKind::kInternal, "broken"));
  const auto configuration = responseFor(crossgrant::core::ConfigurationError("no plugin dir"));
  const std::vector<std::string> lines = log.lines();
  BOOST_REQUIRE_EQUAL(lines.size(), 3u);
  const std::pair<const ApiResponse*, const char*> expected[] = {
      {&bug, "the bug's own words"}, {&internal, "broken"}, {&configuration, "no plugin dir"}};
  for (std::size_t i = 0; i < 3; ++i) {
    BOOST_TEST(expected[i].first->status == 500);
    const std::string incident = text(errorOf(Json::parse(expected[i].first->body)), "incident");
    BOOST_TEST(incident.size() == 16u);
    // The log line names the request, the incident and what was thrown; the answer only the
    // incident.
    BOOST_TEST(contains(lines[i], "TEST /x"), lines[i]);
    BOOST_TEST(contains(lines[i], "incident " + incident), lines[i]);
    BOOST_TEST(contains(lines[i], expected[i].second), lines[i]);
    BOOST_TEST(!contains(expected[i].first->body, expected[i].second));
  }
  // An error the client made is not an incident and is not logged.
  const auto invalid = responseFor(crossgrant::core::InvalidInput("/name", "is empty"));
  BOOST_TEST(invalid.status == 400);
  BOOST_TEST(errorOf(Json::parse(invalid.body)).find("incident") == nullptr);
  BOOST_TEST(log.lines().size() == 3u);
}

BOOST_AUTO_TEST_CASE(a_handler_that_fails_answers_500_with_the_incident_the_log_names) {
  FailingHandler handler;
  crossgrant::http::ServerSettings settings;
  settings.host = "127.0.0.1";
  settings.port = 0;
  settings.threads = 2;
  crossgrant::http::Server server(handler, settings);
  const CapturedLog log;
  server.start();
  crossgrant::test::HttpTestClient client(server.port());
  const crossgrant::test::HttpResult first = client.get("/api/v1/anything?page=2");
  const crossgrant::test::HttpResult second = client.get("/api/v1/anything?page=2");
  server.stop();

  BOOST_TEST(first.status == 500);
  BOOST_TEST(first.contentType == "application/json; charset=utf-8");
  const std::string incident = text(errorOf(first.json()), "incident");
  BOOST_TEST(incident.size() == 16u);
  BOOST_TEST(text(errorOf(first.json()), "code") == "internal");
  BOOST_TEST(!contains(first.body, "vector::at"));
  BOOST_TEST(second.status == 500);  // the connection stays usable
  const std::string other = text(errorOf(second.json()), "incident");
  BOOST_TEST(other != incident);

  const std::vector<std::string> lines = log.lines();
  BOOST_REQUIRE_EQUAL(lines.size(), 2u);
  BOOST_TEST(contains(lines[0], "GET /api/v1/anything?page=2"), lines[0]);
  BOOST_TEST(contains(lines[0], "incident " + incident), lines[0]);
  BOOST_TEST(contains(lines[0], "vector::at: index 7 >= size 3"), lines[0]);
  BOOST_TEST(contains(lines[1], "incident " + other), lines[1]);
}

BOOST_AUTO_TEST_SUITE_END()
