// The route table on its own: matching, decoded parameters, 404/405, registration rules; and
// the API's check that a route's scope rule finds the parameters it reads.
#include <boost/test/unit_test.hpp>

#include <stdexcept>

#include "crossgrant/api/Route.h"
#include "crossgrant/http/HttpError.h"
#include "crossgrant/http/Request.h"
#include "crossgrant/http/Router.h"

using crossgrant::http::HttpError;
using Router = crossgrant::http::Router<std::string>;

namespace {

std::string bodyOf(const Router::Match& match) { return *match.target; }

/// The HttpError that match throws, or a failed test when it throws none.
HttpError matchError(const Router& router, const std::string& method, const std::string& path) {
  try {
    router.match(method, path);
  } catch (const HttpError& e) {
    return e;
  }
  BOOST_FAIL(method << " " << path << " matched although it should not");
  throw std::logic_error("unreachable");
}

int statusOf(const HttpError& error) { return crossgrant::core::reportOf(error.kind()).httpStatus; }

Router sampleRouter() {
  Router router;
  router.add("GET", "/api/v1/projects/{code}", "project");
  router.add("PUT", "/api/v1/projects/{code}", "update");
  router.add("GET", "/api/v1/projects/{code}/partners/{partner}", "partner");
  router.add("GET", "/api/v1/projects/export", "export");
  return router;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(router)

BOOST_AUTO_TEST_CASE(parameters_are_percent_decoded_utf8) {
  const Router router = sampleRouter();
  const auto match =
      router.match("GET", "/api/v1/projects/LLI%2D317/partners/VP%C5%A1%C4%AE%20Roki%C5%A1kis%2F1");
  BOOST_TEST(bodyOf(match) == "partner");
  BOOST_TEST(match.params.at("code") == "LLI-317");
  BOOST_TEST(match.params.at("partner") == "VPšĮ Rokiškis/1");
}

BOOST_AUTO_TEST_CASE(method_selects_among_routes_of_one_path) {
  const Router router = sampleRouter();
  BOOST_TEST(bodyOf(router.match("GET", "/api/v1/projects/LLI-317")) == "project");
  BOOST_TEST(bodyOf(router.match("PUT", "/api/v1/projects/LLI-317")) == "update");
}

BOOST_AUTO_TEST_CASE(literal_segment_wins_over_parameter_whatever_the_order) {
  const Router router = sampleRouter();
  BOOST_TEST(bodyOf(router.match("GET", "/api/v1/projects/export")) == "export");
  // The literal route has no PUT, but the path is the literal's: 405, not the {code} route.
  const HttpError error = matchError(router, "PUT", "/api/v1/projects/export");
  BOOST_TEST(statusOf(error) == 405);
}

BOOST_AUTO_TEST_CASE(unknown_path_is_404) {
  const Router router = sampleRouter();
  for (const char* path : {"/api/v1/projects", "/api/v1/projects/LLI-317/x", "/api/v1/projects/",
                           "/", "/api/v2/projects/LLI-317"}) {
    const HttpError error = matchError(router, "GET", path);
    BOOST_TEST(statusOf(error) == 404, path);
    BOOST_TEST(error.code() == "not_found", path);
  }
}

BOOST_AUTO_TEST_CASE(known_path_with_other_method_is_405_with_allow) {
  const Router router = sampleRouter();
  const HttpError error = matchError(router, "DELETE", "/api/v1/projects/LLI-317");
  BOOST_TEST(statusOf(error) == 405);
  BOOST_TEST(error.code() == "method_not_allowed");
  BOOST_REQUIRE(error.headers().size() == 1u);
  BOOST_TEST(error.headers()[0].first == "Allow");
  BOOST_TEST(error.headers()[0].second == "GET, PUT");
}

BOOST_AUTO_TEST_CASE(malformed_path_encoding_is_400) {
  const Router router = sampleRouter();
  for (const char* path : {"/api/v1/projects/%ZZ", "/api/v1/projects/%C4", "/api/v1/projects/%4",
                           "/api/v1/projects/%C0%80"}) {
    const HttpError error = matchError(router, "GET", path);
    BOOST_TEST(statusOf(error) == 400, path);
    BOOST_TEST(error.code() == "invalid", path);
  }
}

BOOST_AUTO_TEST_CASE(registration_refuses_duplicates_and_bad_patterns) {
  Router router = sampleRouter();
  BOOST_CHECK_THROW(router.add("GET", "/api/v1/projects/{other}", "again"), std::invalid_argument);
  BOOST_CHECK_THROW(router.add("GET", "api/v1", "x"), std::invalid_argument);
  BOOST_CHECK_THROW(router.add("GET", "/a/{x}/{x}", "x"), std::invalid_argument);
  BOOST_CHECK_THROW(router.add("GET", "/a//b", "x"), std::invalid_argument);
  BOOST_CHECK_THROW(router.add("", "/a", "x"), std::invalid_argument);
  router.add("DELETE", "/api/v1/projects/{code}", "delete");
  BOOST_TEST(router.targets().size() == 5u);
  BOOST_TEST(bodyOf(router.match("DELETE", "/api/v1/projects/X")) == "delete");
}

BOOST_AUTO_TEST_CASE(a_scope_rule_needs_the_parameters_naming_its_object) {
  using namespace crossgrant::api;
  using crossgrant::core::Operation;
  const auto handler = [](Call&) { return crossgrant::http::Response::noContent(); };
  const auto check = [](const Route& route) {
    crossgrant::http::RouteTable table;
    table.add(route.method, route.pattern);
    checkDeclaration(route, table.parameters(0));
  };
  BOOST_CHECK_THROW(check({"GET", "/api/v1/projects",
                           Access::allowed(Operation::kReadProject, scopes::project()), handler}),
                    std::invalid_argument);
  BOOST_CHECK_THROW(check({"GET", "/api/v1/projects/{code}/partners",
                           Access::allowed(Operation::kReadPartner, scopes::partner()), handler}),
                    std::invalid_argument);
  BOOST_CHECK_THROW(check({"PUT", "/api/v1/programmes/{name}",
                           Access::allowed(Operation::kManage, scopes::programme()), handler}),
                    std::invalid_argument);
  BOOST_CHECK_THROW(check({"GET", "/api/v1/users", Access::signedIn(), nullptr}),
                    std::invalid_argument);
  BOOST_CHECK_NO_THROW(
      check({"GET", "/api/v1/projects/{code}/partners/{partner}",
             Access::allowed(Operation::kReadPartner, scopes::partner()), handler}));
  BOOST_CHECK_NO_THROW(
      check({"GET", "/api/v1/users", Access::allowed(Operation::kManage), handler}));
}

BOOST_AUTO_TEST_CASE(segment_encoding_round_trips) {
  const std::string name = "Zemgales plānošanas reģions/VšĮ ąčęėįšųūž?&%";
  const std::string encoded = crossgrant::http::encodeSegment(name);
  BOOST_TEST(encoded.find_first_of("/ ?&") == std::string::npos);
  BOOST_TEST(crossgrant::http::decodeSegment(encoded).value() == name);
  const auto query = crossgrant::http::parseQuery("a=b+c&d=e%2Bf");
  BOOST_REQUIRE(query.size() == 2u);
  BOOST_TEST(query[0].second == "b c");
  BOOST_TEST(query[1].second == "e+f");
  BOOST_TEST(crossgrant::http::decodeSegment("a+b").value() == "a+b");
  BOOST_TEST(!crossgrant::http::decodeSegment("50%").has_value());
  BOOST_CHECK_THROW(crossgrant::http::parseQuery("a=50%"), HttpError);
}

BOOST_AUTO_TEST_SUITE_END()
