#include "AccessFixture.h"
#include "crossgrant/store/UserRepository.h"

#include <algorithm>

#include <boost/test/unit_test.hpp>

#include "crossgrant/store/Database.h"

namespace crossgrant::test {
namespace {

using core::Grant;
using core::Json;
using core::Role;

std::string cellText(const store::Value& value) {
  if (store::isNull(value)) return "NULL";
  if (const auto* number = std::get_if<std::int64_t>(&value)) return std::to_string(*number);
  return "'" + std::get<std::string>(value) + "'";
}

}  // namespace

const std::vector<std::string>& AccessFixture::roleLabels() {
  static const std::vector<std::string> kLabels = {"anonymous", "admin",   "programme",  "auditor",
                                                   "lead",      "partner", "controller", "none"};
  return kLabels;
}

std::string otherProgrammeBundle() {
  const Json demo = Json::parse(readFile(demoBundleV2Path()));
  const Json programme =
      withMember(withMember(*demo.find("programme"), "code", AccessFixture::kOtherProgramme),
                 "name", "Interreg V-A Estonia–Latvia Programme 2014–2020");
  const Json project =
      withMember(withMember(*demo.find("project"), "code", AccessFixture::kOtherProject), "acronym",
                 "Riverways");
  return withMember(withMember(demo, "programme", programme), "project", project).dump();
}

AccessFixture::AccessFixture() {
  const HttpResult demo = client->post("/api/v1/bundles", readFile(demoBundleV2Path()));
  BOOST_REQUIRE_MESSAGE(demo.status == 201, demo.body);
  const HttpResult other = client->post("/api/v1/bundles", otherProgrammeBundle());
  BOOST_REQUIRE_MESSAGE(other.status == 201, other.body);
  const std::map<std::string, std::vector<Grant>> grants = {
      {"admin", {{Role::kAdmin, "", "", ""}}},
      {"programme", {{Role::kProgramme, kProgramme, "", ""}}},
      {"auditor", {{Role::kAuditor, kProgramme, "", ""}}},
      {"lead", {{Role::kLead, "", kProject, ""}}},
      {"partner", {{Role::kPartner, "", kProject, kPartner}}},
      {"controller", {{Role::kController, "", kProject, kPartner}}},
      {"none", {}},
  };
  for (const auto& [label, held] : grants) {
    Member member;
    member.name = "matrix-" + label;
    member.password = createUser(member.name, held);
    member.token = openSession(member.name);
    member.grants = held;
    members.emplace(label, std::move(member));
  }
}

HttpTestClient AccessFixture::as(const std::string& label) {
  if (label == "anonymous") return HttpTestClient(server.port());
  return HttpTestClient(server.port(), members.at(label).token);
}

void AccessFixture::restoreGrants() {
  context.database().write([&](store::Connection& db) {
    for (const auto& [label, member] : members) {
      const store::UserRecord user = store::findUser(db, member.name).value();
      const std::vector<Grant> held = store::listGrants(db, user.id);
      for (const Grant& grant : member.grants)
        if (std::find(held.begin(), held.end(), grant) == held.end())
          store::insertGrant(db, user.id, grant, "2026-01-01T00:00:00.000Z");
    }
  });
}

void AccessFixture::renewSession(const std::string& label) {
  Member& member = members.at(label);
  member.token = openSession(member.name);
}

std::string AccessFixture::dump() {
  std::string text;
  context.database().write([&](store::Connection& db) {
    for (const char* table : {"programmes",
                              "projects",
                              "project_titles",
                              "periods",
                              "partners",
                              "budget_lines",
                              "cofinancing",
                              "work_packages",
                              "activities",
                              "events",
                              "event_participants",
                              "indicators",
                              "indicator_filters",
                              "indicator_values",
                              "object_texts",
                              "evidence_files",
                              "progress_statements",
                              "progress_texts",
                              "users",
                              "role_grants"}) {
      text += table;
      text += "\n";
      for (const store::Row& row :
           db.query(std::string("SELECT * FROM ") + table + " ORDER BY 1, 2")) {
        for (const store::Value& value : row) text += cellText(value) + " ";
        text += "\n";
      }
    }
  });
  return text;
}

}  // namespace crossgrant::test
