#include "AppFixture.h"

#include <boost/test/unit_test.hpp>

#include "crossgrant/app/audit/AuditService.h"
#include "crossgrant/app/identity/UserService.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/store/AuditLog.h"

namespace crossgrant::test {
namespace {

using core::Grant;
using core::Role;

std::int64_t realNowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

server::Configuration testConfiguration(const TempDir& dir) {
  server::Configuration configuration = server::loadConfiguration(
      binaryDir() + "/config/crossgrant.properties", freshDatabaseUrl(dir));
  configuration.app.auditKeyFile = dir.file("audit.key");
  return configuration;
}

}  // namespace

AppFixture::AppFixture()
    : configuration(testConfiguration(dir)),
      ownContext(server::makeContext(configuration)),
      context(*ownContext),
      clockMillis(realNowMillis()) {
  context.setClock([this] { return clockMillis.load(); });
  context.database().migrate();
  app::AuditService(context).prepareKey(core::Actor{"os:test", "", "cli"});
}

AppFixture::~AppFixture() = default;

app::Caller AppFixture::admin() const {
  return caller("app-admin", {Grant{Role::kAdmin, "", "", ""}}, "admin");
}

app::Caller AppFixture::caller(const std::string& user, std::vector<Grant> grants,
                               const std::string& role) const {
  app::Caller who;
  who.principal.user = user;
  who.principal.grants = std::move(grants);
  who.actor = core::Actor{user, role, kClient};
  return who;
}

app::Caller AppFixture::leadOf(const std::string& project, const std::string& programme) const {
  return caller("lead-of-" + project, {Grant{Role::kLead, programme, project, ""}}, "lead");
}

app::Caller AppFixture::partnerOf(const std::string& partner) const {
  return caller("staff-of-" + partner, {Grant{Role::kPartner, kProgramme, kProject, partner}},
                "partner");
}

core::Bundle AppFixture::demoBundle() { return asAdmin().readBundle(readFile(demoBundlePath())); }

core::Bundle AppFixture::otherBundle() {
  core::Bundle bundle = demoBundle();
  bundle.programme.code = kOtherProgramme;
  bundle.programme.name = "Interreg V-A Estonia–Latvia Programme 2014–2020";
  bundle.project.code = kOtherProject;
  bundle.project.programmeCode = kOtherProgramme;
  bundle.project.acronym = "Riverways";
  return bundle;
}

void AppFixture::importDemo() {
  const app::ImportResult result = asAdmin().importBundle(demoBundle(), false);
  BOOST_REQUIRE(!result.replaced);
}

std::string AppFixture::createUser(const std::string& name, const std::vector<Grant>& grants) {
  app::UserService users(context, core::Actor{"os:test", "", "cli"});
  const std::string password = users.generatePassword(name);
  users.create(name, "", password);
  for (const Grant& grant : grants) users.grant(name, grant);
  return password;
}

std::vector<core::AuditEntry> AppFixture::auditTrail() {
  return context.database().read([](store::Reader& db) { return store::readAudit(db, {}); });
}

std::string AppFixture::state() {
  app::ProjectService service = asAdmin();
  std::string text;
  for (const core::Programme& programme : service.programmes())
    text += "programme " + programme.code + " " + programme.name + " v" +
            std::to_string(service.programme(programme.code).version) + "\n";
  for (const core::Project& project : service.projects()) {
    text += "project " + project.code + " v" +
            std::to_string(service.project(project.code).version) + "\n" +
            service.exportBundle(project.code) + "\n";
    for (const core::Partner& partner : service.partners(project.code))
      text += "partner " + partner.code + " v" +
              std::to_string(service.partner(project.code, partner.code).version) + "\n";
  }
  for (const app::UserView& user : app::UserService(context, admin().actor).list()) {
    text += "user " + user.user.name + " v" + std::to_string(user.user.version) + ":";
    for (const Grant& grant : user.grants)
      text += " " + std::string(core::toString(grant.role)) + "(" + grant.programme + "/" +
              grant.project + "/" + grant.partner + ")";
    text += "\n";
  }
  text += "audit entries " + std::to_string(auditTrail().size()) + "\n";
  return text;
}

}  // namespace crossgrant::test
