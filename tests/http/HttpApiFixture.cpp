#include "HttpApiFixture.h"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/Logger.h>

#include <boost/test/unit_test.hpp>

#include "crossgrant/app/audit/AuditService.h"
#include "crossgrant/app/identity/AuthService.h"
#include "crossgrant/app/identity/PasswordHasher.h"
#include "crossgrant/app/identity/SecureRandom.h"
#include "crossgrant/app/identity/UserService.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/Date.h"
#include "crossgrant/store/AuditLog.h"
#include "crossgrant/store/UserRepository.h"

namespace crossgrant::test {
namespace {

server::Configuration testSettings(const TempDir& dir) {
  server::Configuration settings = server::loadConfiguration(
      binaryDir() + "/config/crossgrant.properties", freshDatabaseUrl(dir));
  settings.http.host = "127.0.0.1";
  settings.http.port = 0;
  settings.http.threads = 4;
  settings.http.maxBodyBytes = HttpApiFixture::kMaxBodyBytes;
  settings.http.trustedProxies = {"127.0.0.1"};
  settings.app.auditKeyFile = dir.file("audit.key");
  settings.app.evidenceDirectory = dir.file("evidence");
  settings.app.maxEvidenceBytes = 1024 * 1024;
  return settings;
}

server::Configuration adjusted(server::Configuration settings,
                               const std::function<void(server::Configuration&)>& adjust) {
  adjust(settings);
  return settings;
}

}  // namespace

HttpApiFixture::HttpApiFixture() : HttpApiFixture([](server::Configuration&) {}) {}

HttpApiFixture::HttpApiFixture(const std::function<void(server::Configuration&)>& adjust)
    : settings(adjusted(testSettings(dir), adjust)),
      ownContext(server::makeContext(settings)),
      context(*ownContext),
      api(context, settings.api),
      assets(web::Assets::load(settings.webDirectory)),
      site(api, assets),
      server(site, settings.http) {
  // Unexpected server failures are logged, not sent: show them in the test output.
  Poco::AutoPtr<Poco::ConsoleChannel> console(new Poco::ConsoleChannel);
  Poco::Logger::get("crossgrant.http").setChannel(console);
  context.setClock([this] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
               .count() +
           clockOffset.load();
  });
  context.database().migrate();
  app::AuditService(context).prepareKey(core::Actor{"os:test", "", "cli"});
  adminPassword = createUser(kAdminName, {core::Grant{core::Role::kAdmin, "", "", ""}});
  adminToken = openSession(kAdminName);
  server.start();
  client.emplace(server.port(), adminToken);
}

std::string HttpApiFixture::createUser(const std::string& name,
                                       const std::vector<core::Grant>& grants) {
  const std::string password =
      app::UserService(context, core::Actor{"os:test", "", "cli"}).generatePassword(name);
  const std::string now = core::utcTimestamp(context.nowMillis());
  store::UserRecord user;
  user.name = name;
  user.displayName = name;
  user.passwordHash = app::hashPassword(password);
  user.createdAt = now;
  user.changedAt = now;
  context.database().write([&](store::Connection& db) {
    const std::int64_t id = store::insertUser(db, user);
    for (const core::Grant& grant : grants) store::insertGrant(db, id, grant, now);
  });
  return password;
}

std::string HttpApiFixture::openSession(const std::string& name) {
  const std::string token = app::randomToken();
  const std::int64_t now = context.nowMillis();
  context.database().write([&](store::Connection& db) {
    store::SessionRecord session;
    session.userId = store::findUser(db, name).value().id;
    session.csrfHash = core::sha256Hex(app::randomToken());
    session.createdAt = now;
    session.lastSeenAt = now;
    session.expiresAt = now + settings.app.sessionAbsoluteSeconds * 1000;
    session.clientAddress = "127.0.0.1";
    store::insertSession(db, session, core::sha256Hex(token));
  });
  return token;
}

std::string HttpApiFixture::login(const std::string& name, const std::string& password) {
  HttpTestClient anonymous(server.port());
  const HttpResult result = anonymous.post(
      "/api/v1/session", core::Json::object().set("user", name).set("password", password).dump());
  BOOST_REQUIRE_MESSAGE(result.status == 201, "login of " << name << " answered " << result.status
                                                          << ": " << result.body);
  return result.json().find("token")->asString();
}

HttpApiFixture::~HttpApiFixture() { server.stop(); }

void HttpApiFixture::importDemo() {
  const HttpResult result = client->post("/api/v1/bundles", readFile(demoBundlePath()));
  BOOST_REQUIRE_MESSAGE(result.status == 201,
                        "demo import answered " << result.status << ": " << result.body);
}

HttpHeaders HttpApiFixture::basedOnExport(const std::string& project) {
  const HttpResult exported = client->get("/api/v1/projects/" + project + "/bundle");
  BOOST_REQUIRE_MESSAGE(exported.status == 200,
                        "export of " << project << " answered " << exported.status);
  return {{"If-Match", exported.header("ETag")}};
}

HttpResult HttpApiFixture::replaceBundle(HttpTestClient& by, const std::string& body,
                                         const std::string& project) {
  return by.send("POST", "/api/v1/bundles?replace=true", body, "application/json", false,
                 basedOnExport(project));
}

std::vector<core::AuditEntry> HttpApiFixture::auditTrail() {
  return context.database().write([](store::Connection& db) { return store::readAudit(db, {}); });
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

core::Json withoutMember(const core::Json& object, const std::string& key) {
  core::Json copy = core::Json::object();
  for (const auto& [name, member] : object.members())
    if (name != key) copy.set(name, member);
  return copy;
}

}  // namespace crossgrant::test
