// The one mapping from exceptions to HTTP error responses.
#include <boost/test/unit_test.hpp>

#include <stdexcept>

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

BOOST_AUTO_TEST_SUITE_END()
