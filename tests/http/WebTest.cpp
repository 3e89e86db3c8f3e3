// The web interface beside the API on one port, over real HTTP: / and every page path give the
// interface's index.html, /assets/NAME its files as they are in the build's web directory
// (scripts and the page naming the files they use by versioned names), with ETags a browser
// revalidates (304), and for good under a versioned name; every response, the API's included,
// has the strict security headers; nothing outside the assets is reachable, and the interface
// takes no request bodies.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>

#include "HttpApiFixture.h"
#include "TestSupport.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/web/Assets.h"

using crossgrant::test::HttpApiFixture;
using crossgrant::test::HttpResult;
using crossgrant::test::HttpTestClient;

namespace {

std::string webFile(const HttpApiFixture& f, const std::string& name) {
  return crossgrant::test::readFile(f.settings.webDirectory + "/" + name);
}

std::string webFileText(const crossgrant::test::TempDir& directory, const std::string& name) {
  return crossgrant::test::readFile(directory.file(name));
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
  const std::string index = browser.get("/").body;
  for (const char* path : {"/", "/projects/LLI-317", "/no/such/page"}) {
    const HttpResult page = browser.get(path);
    BOOST_TEST(page.status == 200, path);
    BOOST_TEST(page.header("content-type") == "text/html; charset=utf-8", path);
    BOOST_TEST((page.body == index), path);
    requireSecurityHeaders(page, path);
  }
  // The page is the file, its script's and style's names versioned.
  BOOST_TEST(index.find("<script type=\"module\" src=\"/assets/app.js?v=") != std::string::npos);
  BOOST_TEST(index.find("href=\"/assets/app.css?v=") != std::string::npos);
  BOOST_TEST(index.find("crossgrant needs JavaScript") != std::string::npos);
  const HttpResult script = browser.get("/assets/app.js");
  BOOST_TEST(script.status == 200);
  BOOST_TEST(script.header("content-type") == "text/javascript; charset=utf-8");
  // The script is the file, its imports named by version ("./lib/api.js" as
  // "/assets/lib/api.js?v=...").
  const std::string source = webFile(*this, "app.js");
  BOOST_TEST(source.find("from \"./lib/api.js\"") != std::string::npos);
  BOOST_TEST(script.body.find("from \"/assets/lib/api.js?v=") != std::string::npos);
  BOOST_TEST(script.body.find("from \"./") == std::string::npos);
  BOOST_TEST(script.body.size() > source.size());
  const HttpResult latvian = browser.get("/assets/i18n/lv.json");
  BOOST_TEST(latvian.header("content-type") == "application/json; charset=utf-8");
  BOOST_TEST(latvian.body.find("Pieteikties") != std::string::npos);
  BOOST_TEST(browser.get("/assets/app.css").header("content-type") == "text/css; charset=utf-8");
  // The page names its script and style as files, never inline.
  BOOST_TEST(index.find("<style") == std::string::npos);
  BOOST_TEST(index.find("<script>") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(versioned_names_are_kept_for_good_and_change_with_what_they_import) {
  // A page, a module and what the module imports, as files of a web directory.
  crossgrant::test::TempDir directory;
  std::filesystem::create_directories(directory.file("lib"));
  crossgrant::test::writeFile(directory.file("index.html"),
                              "<script type=\"module\" src=\"/assets/app.js\"></script>");
  crossgrant::test::writeFile(directory.file("app.js"),
                              "import { f } from \"./lib/f.js\";\nf();\n");
  crossgrant::test::writeFile(directory.file("lib/f.js"), "export function f() { return 1; }\n");
  const auto versionOf = [](const crossgrant::web::Assets& assets, const char* name) {
    return assets.find(name)->version;
  };
  const crossgrant::web::Assets before = crossgrant::web::Assets::load(directory.path());
  const std::string module = before.find("app.js")->bytes;
  BOOST_TEST(module == "import { f } from \"/assets/lib/f.js?v=" + versionOf(before, "lib/f.js") +
                           "\";\nf();\n");
  BOOST_TEST(before.find("index.html")->bytes == "<script type=\"module\" src=\"/assets/app.js?v=" +
                                                     versionOf(before, "app.js") + "\"></script>");
  BOOST_TEST(versionOf(before, "lib/f.js") ==
             crossgrant::core::sha256Hex(webFileText(directory, "lib/f.js")).substr(0, 16));
  // A change of the imported module changes the name of the module that imports it.
  crossgrant::test::writeFile(directory.file("lib/f.js"), "export function f() { return 2; }\n");
  const crossgrant::web::Assets after = crossgrant::web::Assets::load(directory.path());
  BOOST_TEST(versionOf(after, "lib/f.js") != versionOf(before, "lib/f.js"));
  BOOST_TEST(versionOf(after, "app.js") != versionOf(before, "app.js"));
  // An import of a file that is not there stops the start, naming both.
  crossgrant::test::writeFile(directory.file("app.js"), "import \"./lib/gone.js\";\n");
  BOOST_CHECK_EXCEPTION(crossgrant::web::Assets::load(directory.path()),
                        crossgrant::core::ConfigurationError,
                        [](const crossgrant::core::ConfigurationError& e) {
                          const std::string what = e.what();
                          return what.find("app.js") != std::string::npos &&
                                 what.find("lib/gone.js") != std::string::npos;
                        });

  // Over HTTP: the current versioned name is kept for good, any other asked again.
  HttpTestClient browser(server.port());
  const std::string index = browser.get("/").body;
  const std::size_t at = index.find("/assets/app.js?v=");
  BOOST_REQUIRE(at != std::string::npos);
  const std::string versioned = index.substr(at, index.find('"', at) - at);
  const HttpResult kept = browser.get(versioned);
  BOOST_TEST(kept.status == 200);
  BOOST_TEST(kept.header("cache-control") == "public, max-age=31536000, immutable");
  BOOST_TEST(browser.get("/assets/app.js?v=0000000000000000").header("cache-control") ==
             "no-cache");
  BOOST_TEST(browser.get("/").header("cache-control") == "no-cache");
  // The page names the current versions: it is never kept, whatever it is asked as.
  const std::string pageVersion =
      crossgrant::core::sha256Hex(browser.get("/assets/index.html").body).substr(0, 16);
  BOOST_TEST(browser.get("/assets/index.html?v=" + pageVersion).header("cache-control") ==
             "no-cache");
  BOOST_TEST(browser.get("/?v=" + pageVersion).header("cache-control") == "no-cache");

  // An import that would not be versioned (single quotes, import(...)) stops the start.
  for (const char* form :
       {"import { f } from './lib/f.js';\n", "const m = import(\"./lib/f.js\");\n"}) {
    crossgrant::test::writeFile(directory.file("app.js"), form);
    BOOST_CHECK_THROW(crossgrant::web::Assets::load(directory.path()),
                      crossgrant::core::ConfigurationError);
  }
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
