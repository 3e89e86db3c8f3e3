// The web interface beside the API on one port, over real HTTP: / and every page path give the
// interface's index.html, /assets/NAME its files exactly as they are in the build's web
// directory, with ETags a browser revalidates (304); every response, the API's included, has
// the strict security headers; nothing outside the assets is reachable, and the interface takes
// no request bodies.
#include <boost/test/unit_test.hpp>

#include <string>

#include "HttpApiFixture.h"
#include "TestSupport.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/Errors.h"

using crossgrant::test::HttpApiFixture;
using crossgrant::test::HttpResult;
using crossgrant::test::HttpTestClient;

namespace {

std::string webFile(const HttpApiFixture& f, const std::string& name) {
  return crossgrant::test::readFile(f.settings.webDirectory + "/" + name);
}

void requireSecurityHeaders(const HttpResult& result, const std::string& what) {
  const std::string policy = result.header("content-security-policy");
  BOOST_TEST(policy.find("default-src 'self'") != std::string::npos, what << ": " << policy);
  BOOST_TEST(policy.find("frame-ancestors 'none'") != std::string::npos, what);
  BOOST_TEST(policy.find("unsafe-inline") == std::string::npos, what);
  BOOST_TEST(policy.find("unsafe-eval") == std::string::npos, what);
  BOOST_TEST(result.header("x-content-type-options") == "nosniff", what);
  BOOST_TEST(result.header("referrer-policy") == "same-origin", what);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(web, HttpApiFixture)

BOOST_AUTO_TEST_CASE(pages_are_the_interface_and_assets_its_files) {
  HttpTestClient browser(server.port());
  const std::string index = webFile(*this, "index.html");
  for (const char* path : {"/", "/projects/LLI-317", "/no/such/page"}) {
    const HttpResult page = browser.get(path);
    BOOST_TEST(page.status == 200, path);
    BOOST_TEST(page.header("content-type") == "text/html; charset=utf-8", path);
    BOOST_TEST((page.body == index), path);
    requireSecurityHeaders(page, path);
  }
  const HttpResult script = browser.get("/assets/app.js");
  BOOST_TEST(script.status == 200);
  BOOST_TEST(script.header("content-type") == "text/javascript; charset=utf-8");
  BOOST_TEST((script.body == webFile(*this, "app.js")));
  const HttpResult latvian = browser.get("/assets/i18n/lv.json");
  BOOST_TEST(latvian.header("content-type") == "application/json; charset=utf-8");
  BOOST_TEST(latvian.body.find("Pieteikties") != std::string::npos);
  BOOST_TEST(browser.get("/assets/app.css").header("content-type") == "text/css; charset=utf-8");
  // The page names its script and style as files, never inline.
  BOOST_TEST(index.find("<script type=\"module\" src=\"/assets/app.js\"></script>") !=
             std::string::npos);
  BOOST_TEST(index.find("<style") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_browser_keeps_files_and_asks_again_cheaply) {
  HttpTestClient browser(server.port());
  const HttpResult first = browser.get("/assets/app.js");
  const std::string etag = first.header("etag");
  BOOST_TEST(etag == "\"" + crossgrant::core::sha256Hex(first.body) + "\"");
  BOOST_TEST(first.header("cache-control") == "no-cache");
  const HttpResult again = browser.send("GET", "/assets/app.js", "", "", false,
                                        {{"If-None-Match", "\"other\", " + etag}});
  BOOST_TEST(again.status == 304);
  BOOST_TEST(again.body.empty());
  BOOST_TEST(again.header("etag") == etag);
  const HttpResult changed =
      browser.send("GET", "/assets/app.js", "", "", false, {{"If-None-Match", "\"other\""}});
  BOOST_TEST(changed.status == 200);
  BOOST_TEST((changed.body == first.body));
}

BOOST_AUTO_TEST_CASE(nothing_but_the_assets_is_reachable) {
  HttpTestClient browser(server.port());
  for (const char* path :
       {"/assets/nothing.js", "/assets/../config/crossgrant.properties",
        "/assets/%2e%2e/%2e%2e/config/crossgrant.properties", "/assets/", "/assets/i18n"}) {
    const HttpResult result = browser.get(path);
    BOOST_TEST(result.status == 404, path << ": " << result.status);
    BOOST_TEST(result.body.find("database") == std::string::npos, path);
    requireSecurityHeaders(result, path);
  }
  const HttpResult posted = browser.post("/", "{}");
  BOOST_TEST(posted.status == 405);
  BOOST_TEST(posted.header("allow") == "GET, HEAD");
  BOOST_TEST(browser.send("DELETE", "/assets/app.js", "", "").status == 405);
}

BOOST_AUTO_TEST_CASE(the_api_beside_it_is_unchanged_and_secured_too) {
  HttpTestClient anonymous(server.port());
  const HttpResult health = anonymous.get("/health");
  BOOST_TEST(health.status == 200);
  requireSecurityHeaders(health, "/health");
  const HttpResult refused = anonymous.get("/api/v1/projects");
  BOOST_TEST(refused.status == 401);
  BOOST_TEST(refused.header("content-type").find("application/json") == 0u);
  requireSecurityHeaders(refused, "/api/v1/projects");
  const HttpResult unknown = anonymous.get("/api/v1/no-such-resource");
  BOOST_TEST(unknown.status == 404);
  BOOST_TEST(unknown.header("content-type").find("application/json") == 0u);
  requireSecurityHeaders(client->get("/api/v1/projects"), "signed-in /api/v1/projects");
}

BOOST_AUTO_TEST_CASE(a_missing_or_incomplete_web_directory_stops_start_up_with_its_name) {
  crossgrant::test::TempDir empty;
  BOOST_CHECK_EXCEPTION(crossgrant::web::Assets::load(empty.path() + "/missing"),
                        crossgrant::core::ConfigurationError,
                        [](const crossgrant::core::ConfigurationError& e) {
                          return std::string(e.what()).find("web.directory") != std::string::npos;
                        });
  BOOST_CHECK_EXCEPTION(crossgrant::web::Assets::load(empty.path()),
                        crossgrant::core::ConfigurationError,
                        [](const crossgrant::core::ConfigurationError& e) {
                          return std::string(e.what()).find("no index.html") != std::string::npos;
                        });
  crossgrant::test::writeFile(empty.file("index.html"), "<!doctype html>");
  crossgrant::test::writeFile(empty.file("tool.exe"), "MZ");
  BOOST_CHECK_EXCEPTION(crossgrant::web::Assets::load(empty.path()),
                        crossgrant::core::ConfigurationError,
                        [](const crossgrant::core::ConfigurationError& e) {
                          return std::string(e.what()).find("tool.exe") != std::string::npos;
                        });
}

BOOST_AUTO_TEST_SUITE_END()
