// A running API for a test: a fresh database on the targeted backend (migrated), the real
// plugins of the build, the default configuration, and an HttpServer on a free loopback
// port with a client connected to it, signed in as an admin (kAdminName, created with its
// session directly in the store, so that the audit trail starts empty). Bodies are limited to
// kMaxBodyBytes. The server's clock is the real one moved on by advanceClock(); 127.0.0.1 is a
// trusted proxy, so a request can name its client address in X-Forwarded-For.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "HttpTestClient.h"
#include "TestSupport.h"
#include "crossgrant/api/Api.h"
#include "crossgrant/app/Context.h"
#include "crossgrant/core/Access.h"
#include "crossgrant/core/Audit.h"
#include "crossgrant/http/Server.h"
#include "crossgrant/server/Configuration.h"
#include "crossgrant/web/Assets.h"
#include "crossgrant/web/Site.h"

namespace crossgrant::test {

class HttpApiFixture {
 public:
  static constexpr std::size_t kMaxBodyBytes = 64 * 1024;
  static constexpr const char* kDemoProject = "/api/v1/projects/LLI-317";

  static constexpr const char* kAdminName = "test-admin";

  HttpApiFixture();
  /// With settings changed by adjust before the server is built.
  explicit HttpApiFixture(const std::function<void(server::Configuration&)>& adjust);
  ~HttpApiFixture();

  /// Creates a user with grants directly in the store (no audit entries) and returns its
  /// password.
  std::string createUser(const std::string& name, const std::vector<core::Grant>& grants);
  /// Opens a session of the user directly in the store and returns its token.
  std::string openSession(const std::string& name);
  /// Signs in over HTTP and returns the session token; fails the test unless it answers 201.
  std::string login(const std::string& name, const std::string& password);
  /// Moves the server's clock on.
  void advanceClock(std::chrono::milliseconds by) { clockOffset += by.count(); }

  /// Imports data/socquality.bundle.json; fails the test unless it answers 201.
  void importDemo();
  /// What a client can see of the stored data: the demo project's export (or its error), the
  /// programme and project listings. Equal snapshots mean nothing changed.
  std::string snapshot();
  /// The If-Match header naming the stored state of project's bundle (the ETag of its export),
  /// as a replace over HTTP must send it.
  HttpHeaders basedOnExport(const std::string& project = "LLI-317");
  /// POST /api/v1/bundles?replace=true of body by client, based on the export of what is stored
  /// now.
  HttpResult replaceBundle(HttpTestClient& by, const std::string& body,
                           const std::string& project = "LLI-317");
  /// Every entry of the audit trail, in order.
  std::vector<core::AuditEntry> auditTrail();

  TempDir dir;
  std::atomic<std::int64_t> clockOffset{0};  ///< milliseconds added to the real clock
  server::Configuration settings;
  std::unique_ptr<app::Context> ownContext;
  app::Context& context;
  api::Api api;
  web::Assets assets;
  web::Site site;  ///< the API and the web interface, as crossgrant serve composes them
  http::Server server;
  std::optional<HttpTestClient> client;  ///< connected once the server runs, as the admin
  std::string adminPassword;
  std::string adminToken;
};

/// A copy of object with member key's value replaced (or appended when absent).
core::Json withMember(const core::Json& object, const std::string& key, core::Json value);
/// A copy of object without member key.
core::Json withoutMember(const core::Json& object, const std::string& key);

}  // namespace crossgrant::test
