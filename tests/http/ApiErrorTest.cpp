// The one mapping from exceptions to HTTP error responses.
#include <boost/test/unit_test.hpp>

#include <stdexcept>

#include "ApiError.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/store/Database.h"

using crossgrant::core::Json;
using crossgrant::server::ApiError;
using crossgrant::server::ApiResponse;

namespace {

template <typename Exception>
ApiResponse responseFor(const Exception& exception) {
  return crossgrant::server::errorResponse(std::make_exception_ptr(exception), "TEST /x");
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

  auto methodError = ApiError(405, "method_not_allowed", "no").withHeader("Allow", "GET");
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

BOOST_AUTO_TEST_SUITE_END()
