// The route table on its own: matching, decoded parameters, 404/405, registration rules.
#include <boost/test/unit_test.hpp>

#include <stdexcept>

#include "ApiError.h"
#include "Router.h"

using crossgrant::server::ApiError;
using crossgrant::server::ApiRequest;
using crossgrant::server::ApiResponse;
using crossgrant::server::Permission;
using crossgrant::server::Route;
using crossgrant::server::Router;

namespace {

/// A handler that answers with the given text, so a test can tell which route matched.
crossgrant::server::Handler answering(const std::string& text) {
  return [text](const ApiRequest&) { return ApiResponse::jsonText(200, text); };
}

std::string bodyOf(const Router::Match& match) { return match.route->handler(ApiRequest{}).body; }

/// The ApiError that match throws, or a failed test when it throws none.
ApiError matchError(const Router& router, const std::string& method, const std::string& path) {
  try {
    router.match(method, path);
  } catch (const ApiError& e) {
    return e;
  }
  BOOST_FAIL(method << " " << path << " matched although it should not");
  throw std::logic_error("unreachable");
}

Router sampleRouter() {
  Router router;
  router.add(Route("GET", "/api/v1/projects/{code}", Permission::kPublic, answering("project")));
  router.add(Route("PUT", "/api/v1/projects/{code}", Permission::kPublic, answering("update")));
  router.add(Route("GET", "/api/v1/projects/{code}/partners/{partner}", Permission::kPublic,
                   answering("partner")));
  router.add(Route("GET", "/api/v1/projects/export", Permission::kPublic, answering("export")));
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
  const ApiError error = matchError(router, "PUT", "/api/v1/projects/export");
  BOOST_TEST(error.status() == 405);
}

BOOST_AUTO_TEST_CASE(unknown_path_is_404) {
  const Router router = sampleRouter();
  for (const char* path : {"/api/v1/projects", "/api/v1/projects/LLI-317/x", "/api/v1/projects/",
                           "/", "/api/v2/projects/LLI-317"}) {
    const ApiError error = matchError(router, "GET", path);
    BOOST_TEST(error.status() == 404, path);
    BOOST_TEST(error.code() == "not_found", path);
  }
}

BOOST_AUTO_TEST_CASE(known_path_with_other_method_is_405_with_allow) {
  const Router router = sampleRouter();
  const ApiError error = matchError(router, "DELETE", "/api/v1/projects/LLI-317");
  BOOST_TEST(error.status() == 405);
  BOOST_TEST(error.code() == "method_not_allowed");
  BOOST_REQUIRE(error.headers().size() == 1u);
  BOOST_TEST(error.headers()[0].first == "Allow");
  BOOST_TEST(error.headers()[0].second == "GET, PUT");
}

BOOST_AUTO_TEST_CASE(malformed_path_encoding_is_400) {
  const Router router = sampleRouter();
  for (const char* path : {"/api/v1/projects/%ZZ", "/api/v1/projects/%C4", "/api/v1/projects/%4",
                           "/api/v1/projects/%C0%80"}) {
    const ApiError error = matchError(router, "GET", path);
    BOOST_TEST(error.status() == 400, path);
    BOOST_TEST(error.code() == "invalid", path);
  }
}

BOOST_AUTO_TEST_CASE(registration_refuses_duplicates_and_bad_patterns) {
  Router router = sampleRouter();
  BOOST_CHECK_THROW(
      router.add(Route("GET", "/api/v1/projects/{other}", Permission::kPublic, answering("again"))),
      std::invalid_argument);
  BOOST_CHECK_THROW(router.add(Route("GET", "api/v1", Permission::kPublic, answering("x"))),
                    std::invalid_argument);
  BOOST_CHECK_THROW(router.add(Route("GET", "/a/{x}/{x}", Permission::kPublic, answering("x"))),
                    std::invalid_argument);
  BOOST_CHECK_THROW(router.add(Route("GET", "/a//b", Permission::kPublic, answering("x"))),
                    std::invalid_argument);
  BOOST_CHECK_THROW(router.add(Route("GET", "/a", Permission::kPublic, nullptr)),
                    std::invalid_argument);
  router.add(Route("DELETE", "/api/v1/projects/{code}", Permission::kPublic, answering("delete")));
  BOOST_TEST(router.routes().size() == 5u);
  BOOST_TEST(bodyOf(router.match("DELETE", "/api/v1/projects/X")) == "delete");
}

BOOST_AUTO_TEST_CASE(a_permission_on_an_object_needs_the_parameters_naming_it) {
  Router router;
  BOOST_CHECK_THROW(
      router.add(Route("GET", "/api/v1/projects", Permission::kProjectRead, answering("x"))),
      std::invalid_argument);
  BOOST_CHECK_THROW(router.add(Route("GET", "/api/v1/projects/{code}/partners",
                                     Permission::kPartnerRead, answering("x"))),
                    std::invalid_argument);
  BOOST_CHECK_THROW(router.add(Route("PUT", "/api/v1/programmes/{name}",
                                     Permission::kProgrammeWrite, answering("x"))),
                    std::invalid_argument);
  router.add(Route("GET", "/api/v1/projects/{code}/partners/{partner}", Permission::kPartnerRead,
                   answering("partner")));
  router.add(Route("GET", "/api/v1/users", Permission::kAdmin, answering("users")));
  BOOST_TEST(router.routes().size() == 2u);
}

BOOST_AUTO_TEST_CASE(segment_encoding_round_trips) {
  const std::string name = "Zemgales plānošanas reģions/VšĮ ąčęėįšųūž?&%";
  const std::string encoded = crossgrant::server::percentEncodeSegment(name);
  BOOST_TEST(encoded.find_first_of("/ ?&") == std::string::npos);
  BOOST_TEST(crossgrant::server::percentDecode(encoded).value() == name);
  BOOST_TEST(crossgrant::server::percentDecode("a+b", true).value() == "a b");
  BOOST_TEST(crossgrant::server::percentDecode("a+b").value() == "a+b");
  BOOST_TEST(!crossgrant::server::percentDecode("50%").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
