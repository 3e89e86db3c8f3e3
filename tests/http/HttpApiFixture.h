// A running API for a test: a fresh database on the targeted backend (migrated), the real
// plugins of the build, the default configuration, and an HttpServer on a free loopback
// port with a client connected to it. Bodies are limited to kMaxBodyBytes.
#pragma once

#include <Poco/AutoPtr.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <cstddef>
#include <optional>
#include <string>

#include "AppContext.h"
#include "HttpServer.h"
#include "HttpTestClient.h"
#include "TestSupport.h"

namespace crossgrant::test {

class HttpApiFixture {
 public:
  static constexpr std::size_t kMaxBodyBytes = 64 * 1024;
  static constexpr const char* kDemoProject = "/api/v1/projects/LLI-317";

  HttpApiFixture();
  ~HttpApiFixture();

  /// Imports data/socquality.bundle.json; fails the test unless it answers 201.
  void importDemo();
  /// What a client can see of the stored data: the demo project's export (or its error), the
  /// programme and project listings. Equal snapshots mean nothing changed.
  std::string snapshot();

  TempDir dir;
  Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> config;
  server::Settings settings;
  server::AppContext context;
  server::HttpServer server;
  std::optional<HttpTestClient> client;  ///< connected once the server runs
};

/// A copy of object with member key's value replaced (or appended when absent).
core::Json withMember(const core::Json& object, const std::string& key, core::Json value);

}  // namespace crossgrant::test
