#include "HttpApiFixture.h"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/Logger.h>

#include <boost/test/unit_test.hpp>

namespace crossgrant::test {
namespace {

server::Settings testSettings(const TempDir& dir) {
  server::Settings settings;
  settings.configFile = binaryDir() + "/config/crossgrant.properties";
  settings.databaseUrl = freshDatabaseUrl(dir);
  settings.pluginDirectory = binaryDir() + "/plugins";
  settings.httpHost = "127.0.0.1";
  settings.httpPort = 0;
  settings.httpThreads = 4;
  settings.maxBodyBytes = HttpApiFixture::kMaxBodyBytes;
  return settings;
}

}  // namespace

HttpApiFixture::HttpApiFixture()
    : config(
          new Poco::Util::PropertyFileConfiguration(binaryDir() + "/config/crossgrant.properties")),
      settings(testSettings(dir)),
      context(settings, *config),
      server(context, settings) {
  // Unexpected server failures are logged, not sent: show them in the test output.
  Poco::AutoPtr<Poco::ConsoleChannel> console(new Poco::ConsoleChannel);
  Poco::Logger::get("crossgrant.http").setChannel(console);
  context.database().migrate();
  server.start();
  client.emplace(server.port());
}

HttpApiFixture::~HttpApiFixture() { server.stop(); }

void HttpApiFixture::importDemo() {
  const HttpResult result = client->post("/api/v1/bundles", readFile(demoBundlePath()));
  BOOST_REQUIRE_MESSAGE(result.status == 201,
                        "demo import answered " << result.status << ": " << result.body);
}

std::string HttpApiFixture::snapshot() {
  std::string text;
  for (const char* target : {"/api/v1/projects/LLI-317/bundle", "/api/v1/programmes",
                             "/api/v1/projects", "/api/v1/projects/LLI-317/partners"}) {
    const HttpResult result = client->get(target);
    text += std::to_string(result.status) + " " + target + "\n" + result.body + "\n";
  }
  return text;
}

core::Json withMember(const core::Json& object, const std::string& key, core::Json value) {
  core::Json copy = core::Json::object();
  bool replaced = false;
  for (const auto& [name, member] : object.members()) {
    if (name == key) {
      copy.set(name, value);
      replaced = true;
    } else {
      copy.set(name, member);
    }
  }
  if (!replaced) copy.set(key, std::move(value));
  return copy;
}

}  // namespace crossgrant::test
