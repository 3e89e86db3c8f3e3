// The role matrix: every route of the router × every role (and anonymous) × an object in the
// role's scope and one outside it (another programme), and for partner routes also a sibling
// partner of the same project, against the real server. Each cell is the exact status; every
// refused write must leave the database's programmes, projects, partners, budgets,
// co-financing, users and grants exactly as they were. A route without a row fails the test,
// so a new route cannot go unchecked.
#include <boost/test/unit_test.hpp>

#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "AccessFixture.h"
#include "crossgrant/store/Database.h"
#include "crossgrant/store/UserRepository.h"

using crossgrant::core::Grant;
using crossgrant::core::Json;
using crossgrant::core::Role;
using crossgrant::test::AccessFixture;
using crossgrant::test::HttpHeaders;
using crossgrant::test::HttpResult;
using crossgrant::test::HttpTestClient;

namespace {

/// The object a request is about.
struct Target {
  std::string name;  ///< "in", "out", "sibling"
  std::string programme;
  std::string project;
  std::string partner;
};

const Target kIn{"in", AccessFixture::kProgramme, AccessFixture::kProject, AccessFixture::kPartner};
const Target kOut{"out", AccessFixture::kOtherProgramme, AccessFixture::kOtherProject,
                  AccessFixture::kPartner};
const Target kSibling{"sibling", AccessFixture::kProgramme, AccessFixture::kProject, "LP"};

struct Call {
  std::string method;
  std::string path;
  std::string body;
  HttpHeaders headers;
  std::string contentType = "application/json";  ///< of a non-empty body
};

/// What to do after a request that succeeded, so that the next cells see the same world.
enum class After { kNothing, kRestoreProject, kRenewSession, kNewPassword };

struct MatrixFixture;

struct Row {
  std::string method;
  std::string pattern;  ///< as the route is registered
  std::string in;       ///< statuses in the order of AccessFixture::roleLabels()
  std::string out;
  std::string sibling;  ///< for routes with {partner}; "" otherwise
  std::function<Call(MatrixFixture&, const Target&, const std::string& label)> call;
  After after = After::kNothing;
};

struct MatrixFixture : AccessFixture {
  int counter = 0;
  std::map<std::string, std::string> bundles;       ///< project code -> its bundle as imported
  std::map<std::string, std::string> newPasswords;  ///< label -> password a call sets

  MatrixFixture() {
    bundles[kProject] = admin().get(std::string("/api/v1/projects/") + kProject + "/bundle").body;
    bundles[kOtherProject] =
        admin().get(std::string("/api/v1/projects/") + kOtherProject + "/bundle").body;
  }

  HttpTestClient admin() { return HttpTestClient(server.port(), adminToken); }
  std::string unique(const std::string& prefix) { return prefix + std::to_string(++counter); }

  /// The object's current JSON and an If-Match header with its version, read as the admin.
  std::pair<std::string, HttpHeaders> current(const std::string& path) {
    const HttpResult result = admin().get(path);
    BOOST_REQUIRE_MESSAGE(result.status == 200, path << ": " << result.body);
    return {result.body, {{"If-Match", result.header("ETag")}}};
  }

  /// A user for a call to change (created only when the admin calls: for others it is
  /// refused anyway and a fixture user is named instead).
  std::string victim(const std::string& label, const std::vector<Grant>& grants) {
    if (label != "admin") return members.at("none").name;
    const std::string name = unique("matrix-victim-");
    createUser(name, grants);
    return name;
  }

  /// The id of a new session of the user, opened directly in the store.
  std::int64_t extraSession(const std::string& user) {
    openSession(user);
    return context.database().write([&](crossgrant::store::Connection& db) {
      const auto found = crossgrant::store::findUser(db, user).value();
      return crossgrant::store::listSessions(db, found.id).front().id;
    });
  }

  /// The id of a report of the project, submitted by the admin (once).
  std::int64_t submittedReport(const std::string& project) {
    auto found = reports.find(project);
    if (found != reports.end()) return found->second;
    const HttpResult submitted =
        admin().post("/api/v1/projects/" + project + "/reports",
                     Json::object().set("kind", "financial").set("language", "en").dump());
    BOOST_REQUIRE_MESSAGE(submitted.status == 201, submitted.body);
    return reports[project] = submitted.json().find("id")->asInteger();
  }
  std::map<std::string, std::int64_t> reports;  ///< project code -> submitted report id

  /// A PDF with personal data uploaded by the admin to the event of the target's partner; its
  /// path (its version is 1).
  std::string evidence(const Target& t) {
    const std::string path = "/api/v1/projects/" + t.project + "/events/" +
                             (t.partner == "LP" ? "E1" : "E3") +
                             "/evidence?name=attendance.pdf&personal_data=true";
    const HttpResult made = admin().send("POST", path, "%PDF-1.4\n%%EOF\n", "application/pdf");
    BOOST_REQUIRE_MESSAGE(made.status == 201, path << ": " << made.body);
    return made.header("Location");
  }

  /// A new object POSTed by the admin to a collection of the target's project; its path.
  std::string fresh(const Target& t, const std::string& collection, const std::string& body) {
    const std::string path = "/api/v1/projects/" + t.project + "/" + collection;
    const HttpResult made = admin().post(path, body);
    BOOST_REQUIRE_MESSAGE(made.status == 201, path << ": " << made.body);
    return made.header("Location");
  }

  void restoreProject(const Target& target) {
    HttpTestClient restorer = admin();
    const bool exists =
        restorer.get("/api/v1/projects/" + target.project + "/bundle").status == 200;
    const HttpResult result =
        exists ? replaceBundle(restorer, bundles.at(target.project), target.project)
               : restorer.post("/api/v1/bundles", bundles.at(target.project));
    BOOST_REQUIRE_MESSAGE(result.status == 200 || result.status == 201, result.body);
    restoreGrants();
  }
};

std::string projectPath(const Target& t) { return "/api/v1/projects/" + t.project; }
std::string partnerPath(const Target& t) { return projectPath(t) + "/partners/" + t.partner; }

Call get(const std::string& path) { return {"GET", path, "", {}}; }

/// A PUT of the object exactly as stored (the admin's read), with its version.
Call putAsStored(MatrixFixture& f, const std::string& path) {
  auto [body, headers] = f.current(path);
  return {"PUT", path, body, headers};
}

Call deleteAtVersion(MatrixFixture& f, const std::string& path) {
  return {"DELETE", path, "", f.current(path).second};
}

std::string newProject(const std::string& programme, const std::string& code) {
  return Json::object()
      .set("programme", programme)
      .set("code", code)
      .set("acronym", "Matrica")
      .set("title", Json::object().set("lv", "Matricas projekts").set("lt", "Matricos projektas"))
      .set("start", "2019-01-01")
      .set("end", "2020-12-31")
      .set("currency", "EUR")
      .set("approved", Json::object().set("total", "1000.00").set("fund", "850.00"))
      .set("periods",
           Json::array().push(
               Json::object().set("number", 1).set("start", "2019-01-01").set("end", "2020-12-31")))
      .dump();
}

std::string newPartner(const std::string& code) {
  return Json::object()
      .set("code", code)
      .set("role", "partner")
      .set("name", "Kretingos rajono socialinių paslaugų centras")
      .set("country", "LT")
      .set("legal_status", "public")
      .set("vat_recoverable", false)
      .set("total", "1000.00")
      .set("budget",
           Json::array().push(Json::object().set("category", "staff").set("amount", "1000.00")))
      .set("cofinancing",
           Json::array()
               .push(
                   Json::object().set("source", "ERDF").set("type", "fund").set("amount", "850.00"))
               .push(Json::object()
                         .set("source", "Kretingos rajono savivaldybė")
                         .set("type", "public")
                         .set("amount", "150.00")))
      .dump();
}

// The demo's work plan (data/socquality.v2.bundle.json), in both projects: what each target
// partner is responsible for. PP6 runs activity A4.7 of WP4 with its event E3; the lead LP
// activity A2.1 of WP2 with its event E1.
struct Work {
  std::string workPackage;
  std::string activity;
  std::string event;
};
Work workOf(const Target& t) {
  if (t.partner == "LP") return {"WP2", "A2.1", "E1"};
  return {"WP4", "A4.7", "E3"};
}

std::string newWorkPackage(const std::string& code) {
  return Json::object()
      .set("code", code)
      .set("title", Json::object().set("lv", "Matricas darba pakete"))
      .set("lead", "LP")
      .dump();
}

std::string newActivity(const Target& t, const std::string& code) {
  return Json::object()
      .set("work_package", workOf(t).workPackage)
      .set("code", code)
      .set("title", Json::object().set("lt", "Matricos veikla"))
      .set("partner", t.partner)
      .set("status", "planned")
      .set("planned", Json::object().set("start", "2019-01-01").set("end", "2019-06-30"))
      .dump();
}

std::string newEvent(const Target& t, const std::string& code) {
  return Json::object()
      .set("code", code)
      .set("activity", workOf(t).activity)
      .set("kind", "meeting")
      .set("title", Json::object().set("en", "Matrix meeting"))
      .set("start", "2019-03-04")
      .set("partner", t.partner)
      .set("participants", Json::object().set("total", 12).set("unique", 10))
      .dump();
}

std::string newIndicator(const std::string& code) {
  return Json::object()
      .set("code", code)
      .set("name", Json::object().set("en", "Matrix indicator"))
      .set("unit", "people")
      .set("kind", "output")
      .set("baseline", "0")
      .set("target", "10")
      .set("source", "recorded")
      .set("values", Json::array())
      .dump();
}

std::string grantBody(const Target& t) {
  return Json::object().set("role", "auditor").set("programme", t.programme).dump();
}

// Columns: anonymous admin programme auditor lead partner controller none.
const char* const kAllSignedIn = "401 200 200 200 200 200 200 200";
const char* const kAdminOnly = "401 200 403 403 403 403 403 403";
const char* const kAdminElsewhere = "401 200 404 404 404 404 404 404";

std::vector<Row> rows() {
  return {
      {"GET", "/health", "200 200 200 200 200 200 200 200", "200 200 200 200 200 200 200 200", "",
       [](MatrixFixture&, const Target&, const std::string&) { return get("/health"); }},
      {"GET", "/api/v1/openapi.json", kAllSignedIn, kAllSignedIn, "",
       [](MatrixFixture&, const Target&, const std::string&) {
         return get("/api/v1/openapi.json");
       }},

      // Sessions: one's own, whatever the roles.
      {"POST", "/api/v1/session", "401 201 201 201 201 201 201 201",
       "401 201 201 201 201 201 201 201", "",
       [](MatrixFixture& f, const Target&, const std::string& label) {
         const bool anonymous = label == "anonymous";
         const Json body =
             Json::object()
                 .set("user", anonymous ? "matrix-ghost" : f.members.at(label).name)
                 .set("password", anonymous ? "Not-a-password-42" : f.members.at(label).password);
         return Call{"POST", "/api/v1/session", body.dump(), {}};
       }},
      {"GET", "/api/v1/session", kAllSignedIn, kAllSignedIn, "",
       [](MatrixFixture&, const Target&, const std::string&) { return get("/api/v1/session"); }},
      {"DELETE", "/api/v1/session", "401 204 204 204 204 204 204 204",
       "401 204 204 204 204 204 204 204", "",
       [](MatrixFixture&, const Target&, const std::string&) {
         return Call{"DELETE", "/api/v1/session", "", {}};
       },
       After::kRenewSession},
      {"POST", "/api/v1/session/password", "401 204 204 204 204 204 204 204",
       "401 204 204 204 204 204 204 204", "",
       [](MatrixFixture& f, const Target&, const std::string& label) {
         const std::string current =
             label == "anonymous" ? "Not-a-password-42" : f.members.at(label).password;
         const std::string next = f.unique("Ūdens-kvalitāte-");
         f.newPasswords[label] = next;
         return Call{"POST",
                     "/api/v1/session/password",
                     Json::object().set("current", current).set("new", next).dump(),
                     {}};
       },
       After::kNewPassword},
      {"GET", "/api/v1/sessions", kAllSignedIn, kAllSignedIn, "",
       [](MatrixFixture&, const Target&, const std::string&) { return get("/api/v1/sessions"); }},
      // In scope: another session of one's own; out of scope: another user's.
      {"DELETE", "/api/v1/sessions/{id}", "401 204 204 204 204 204 204 204",
       "401 404 404 404 404 404 404 404", "",
       [](MatrixFixture& f, const Target& t, const std::string& label) {
         const std::string own = label == "anonymous" ? "none" : label;
         const std::string other = own == "none" ? "admin" : "none";
         const std::int64_t id = f.extraSession(f.members.at(t.name == "in" ? own : other).name);
         return Call{"DELETE", "/api/v1/sessions/" + std::to_string(id), "", {}};
       }},

      // Users: admins only.
      {"GET", "/api/v1/users", kAdminOnly, kAdminOnly, "",
       [](MatrixFixture&, const Target&, const std::string&) { return get("/api/v1/users"); }},
      {"POST", "/api/v1/users", "401 201 403 403 403 403 403 403",
       "401 201 403 403 403 403 403 403", "",
       [](MatrixFixture& f, const Target&, const std::string&) {
         return Call{"POST",
                     "/api/v1/users",
                     Json::object().set("name", f.unique("matrix-new-")).dump(),
                     {}};
       }},
      {"GET", "/api/v1/users/{name}", kAdminOnly, kAdminOnly, "",
       [](MatrixFixture& f, const Target& t, const std::string& label) {
         const std::string own = label == "anonymous" ? "none" : label;
         return get("/api/v1/users/" + f.members.at(t.name == "in" ? own : "admin").name);
       }},
      {"DELETE", "/api/v1/users/{name}", "401 204 403 403 403 403 403 403",
       "401 204 403 403 403 403 403 403", "",
       [](MatrixFixture& f, const Target&, const std::string& label) {
         return Call{"DELETE", "/api/v1/users/" + f.victim(label, {}), "", {}};
       }},
      {"POST", "/api/v1/users/{name}/grants", kAdminOnly, kAdminOnly, "",
       [](MatrixFixture& f, const Target& t, const std::string& label) {
         return Call{"POST", "/api/v1/users/" + f.victim(label, {}) + "/grants", grantBody(t), {}};
       }},
      {"DELETE", "/api/v1/users/{name}/grants", kAdminOnly, kAdminOnly, "",
       [](MatrixFixture& f, const Target& t, const std::string& label) {
         const Grant held{Role::kAuditor, t.programme, "", ""};
         std::string user = f.victim(label, {held});
         if (label != "admin") user = f.members.at("auditor").name;
         return Call{"DELETE", "/api/v1/users/" + user + "/grants", grantBody(t), {}};
       }},

      // Programmes.
      {"GET", "/api/v1/programmes", kAllSignedIn, kAllSignedIn, "",
       [](MatrixFixture&, const Target&, const std::string&) { return get("/api/v1/programmes"); }},
      {"POST", "/api/v1/programmes", "401 201 403 403 403 403 403 403",
       "401 201 403 403 403 403 403 403", "",
       [](MatrixFixture& f, const Target&, const std::string&) {
         const Json programme = Json::object()
                                    .set("code", f.unique("MATRIX-"))
                                    .set("name", "Matricas programma")
                                    .set("rules", "interreg-2021-2027")
                                    .set("fund", "ERDF");
         return Call{"POST", "/api/v1/programmes", programme.dump(), {}};
       }},
      {"GET", "/api/v1/rules", kAllSignedIn, kAllSignedIn, "",
       [](MatrixFixture&, const Target&, const std::string&) { return get("/api/v1/rules"); }},
      {"GET", "/api/v1/programmes/{code}", "401 200 200 200 200 200 200 404", kAdminElsewhere, "",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get("/api/v1/programmes/" + t.programme);
       }},
      {"PUT", "/api/v1/programmes/{code}", "401 200 403 403 403 403 403 404", kAdminElsewhere, "",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return putAsStored(f, "/api/v1/programmes/" + t.programme);
       }},
      // The admin gets 409: a programme with projects cannot be deleted.
      {"DELETE", "/api/v1/programmes/{code}", "401 409 403 403 403 403 403 404",
       "401 409 404 404 404 404 404 404", "",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return deleteAtVersion(f, "/api/v1/programmes/" + t.programme);
       }},

      // Projects.
      {"GET", "/api/v1/projects", kAllSignedIn, kAllSignedIn, "",
       [](MatrixFixture&, const Target&, const std::string&) { return get("/api/v1/projects"); }},
      {"POST", "/api/v1/projects", "401 201 403 403 403 403 403 403",
       "401 201 403 403 403 403 403 403", "",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return Call{"POST", "/api/v1/projects", newProject(t.programme, f.unique("MATRIX-P")), {}};
       }},
      {"GET", "/api/v1/projects/{code}", "401 200 200 200 200 200 200 404", kAdminElsewhere, "",
       [](MatrixFixture&, const Target& t, const std::string&) { return get(projectPath(t)); }},
      {"GET", "/api/v1/projects/{code}/permissions", "401 200 200 200 200 200 200 404",
       kAdminElsewhere, "",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get(projectPath(t) + "/permissions");
       }},
      {"PUT", "/api/v1/projects/{code}", "401 200 403 403 200 403 403 404", kAdminElsewhere, "",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return putAsStored(f, projectPath(t));
       }},
      {"DELETE", "/api/v1/projects/{code}", "401 200 403 403 403 403 403 404",
       "401 204 404 404 404 404 404 404", "",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return deleteAtVersion(f, projectPath(t));
       },
       After::kRestoreProject},

      // Partners.
      {"GET", "/api/v1/projects/{code}/partners", "401 200 200 200 200 200 200 404",
       kAdminElsewhere, "",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get(projectPath(t) + "/partners");
       }},
      {"POST", "/api/v1/projects/{code}/partners", "401 201 403 403 201 403 403 404",
       "401 201 404 404 404 404 404 404", "",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return Call{"POST", projectPath(t) + "/partners", newPartner(f.unique("PM")), {}};
       }},
      {"GET", "/api/v1/projects/{code}/partners/{partner}", "401 200 200 200 200 200 200 404",
       kAdminElsewhere, "401 200 200 200 200 403 403 404",
       [](MatrixFixture&, const Target& t, const std::string&) { return get(partnerPath(t)); }},
      {"PUT", "/api/v1/projects/{code}/partners/{partner}", "401 200 403 403 200 200 403 404",
       kAdminElsewhere, "401 200 403 403 200 403 403 404",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return putAsStored(f, partnerPath(t));
       }},
      // Deleting a partner that has staff revokes their grants: 200 with "revoked".
      {"DELETE", "/api/v1/projects/{code}/partners/{partner}", "401 200 403 403 200 403 403 404",
       "401 204 404 404 404 404 404 404", "401 204 403 403 204 403 403 404",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return deleteAtVersion(f, partnerPath(t));
       },
       After::kRestoreProject},
      {"GET", "/api/v1/projects/{code}/partners/{partner}/budget",
       "401 200 200 200 200 200 200 404", kAdminElsewhere, "401 200 200 200 200 403 403 404",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get(partnerPath(t) + "/budget");
       }},
      {"PUT", "/api/v1/projects/{code}/partners/{partner}/budget",
       "401 200 403 403 200 403 403 404", kAdminElsewhere, "401 200 403 403 200 403 403 404",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return putAsStored(f, partnerPath(t) + "/budget");
       }},
      {"GET", "/api/v1/projects/{code}/partners/{partner}/cofinancing",
       "401 200 200 200 200 200 200 404", kAdminElsewhere, "401 200 200 200 200 403 403 404",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get(partnerPath(t) + "/cofinancing");
       }},
      {"PUT", "/api/v1/projects/{code}/partners/{partner}/cofinancing",
       "401 200 403 403 200 403 403 404", kAdminElsewhere, "401 200 403 403 200 403 403 404",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return putAsStored(f, partnerPath(t) + "/cofinancing");
       }},

      // The work plan: read by everyone who sees the project; work packages and indicators
      // changed by the lead; activities and events also by their own partner (PP6 on "in",
      // not the lead's on "sibling").
      {"GET", "/api/v1/projects/{code}/work-plan", "401 200 200 200 200 200 200 404",
       kAdminElsewhere, "",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get(projectPath(t) + "/work-plan");
       }},
      {"POST", "/api/v1/projects/{code}/work-packages", "401 201 403 403 201 403 403 404",
       "401 201 404 404 404 404 404 404", "",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return Call{
             "POST", projectPath(t) + "/work-packages", newWorkPackage(f.unique("WPM")), {}};
       }},
      {"GET", "/api/v1/projects/{code}/work-packages/{wp}", "401 200 200 200 200 200 200 404",
       kAdminElsewhere, "",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get(projectPath(t) + "/work-packages/WP1");
       }},
      {"PUT", "/api/v1/projects/{code}/work-packages/{wp}", "401 200 403 403 200 403 403 404",
       kAdminElsewhere, "",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return putAsStored(f, projectPath(t) + "/work-packages/WP1");
       }},
      {"DELETE", "/api/v1/projects/{code}/work-packages/{wp}", "401 204 403 403 204 403 403 404",
       "401 204 404 404 404 404 404 404", "",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return deleteAtVersion(f, f.fresh(t, "work-packages", newWorkPackage(f.unique("WPD"))));
       }},
      {"GET", "/api/v1/projects/{code}/activities", "401 200 200 200 200 200 200 404",
       kAdminElsewhere, "",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get(projectPath(t) + "/activities");
       }},
      {"POST", "/api/v1/projects/{code}/activities", "401 201 403 403 201 201 403 404",
       "401 201 404 404 404 404 404 404", "401 201 403 403 201 403 403 404",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return Call{"POST", projectPath(t) + "/activities", newActivity(t, f.unique("AM")), {}};
       }},
      {"GET", "/api/v1/projects/{code}/activities/{activity}", "401 200 200 200 200 200 200 404",
       kAdminElsewhere, "401 200 200 200 200 200 200 404",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get(projectPath(t) + "/activities/" + workOf(t).activity);
       }},
      {"PUT", "/api/v1/projects/{code}/activities/{activity}", "401 200 403 403 200 200 403 404",
       kAdminElsewhere, "401 200 403 403 200 403 403 404",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return putAsStored(f, projectPath(t) + "/activities/" + workOf(t).activity);
       }},
      {"DELETE", "/api/v1/projects/{code}/activities/{activity}", "401 204 403 403 204 204 403 404",
       "401 204 404 404 404 404 404 404", "401 204 403 403 204 403 403 404",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return deleteAtVersion(f, f.fresh(t, "activities", newActivity(t, f.unique("AD"))));
       }},
      {"GET", "/api/v1/projects/{code}/events", "401 200 200 200 200 200 200 404", kAdminElsewhere,
       "",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get(projectPath(t) + "/events?period=2");
       }},
      {"POST", "/api/v1/projects/{code}/events", "401 201 403 403 201 201 403 404",
       "401 201 404 404 404 404 404 404", "401 201 403 403 201 403 403 404",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return Call{"POST", projectPath(t) + "/events", newEvent(t, f.unique("EM")), {}};
       }},
      {"GET", "/api/v1/projects/{code}/events/{event}", "401 200 200 200 200 200 200 404",
       kAdminElsewhere, "401 200 200 200 200 200 200 404",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get(projectPath(t) + "/events/" + workOf(t).event);
       }},
      {"PUT", "/api/v1/projects/{code}/events/{event}", "401 200 403 403 200 200 403 404",
       kAdminElsewhere, "401 200 403 403 200 403 403 404",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return putAsStored(f, projectPath(t) + "/events/" + workOf(t).event);
       }},
      {"DELETE", "/api/v1/projects/{code}/events/{event}", "401 204 403 403 204 204 403 404",
       "401 204 404 404 404 404 404 404", "401 204 403 403 204 403 403 404",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return deleteAtVersion(f, f.fresh(t, "events", newEvent(t, f.unique("ED"))));
       }},
      {"GET", "/api/v1/projects/{code}/indicators", "401 200 200 200 200 200 200 404",
       kAdminElsewhere, "",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get(projectPath(t) + "/indicators");
       }},
      {"POST", "/api/v1/projects/{code}/indicators", "401 201 403 403 201 403 403 404",
       "401 201 404 404 404 404 404 404", "",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return Call{"POST", projectPath(t) + "/indicators", newIndicator(f.unique("IM")), {}};
       }},
      {"GET", "/api/v1/projects/{code}/indicators/{indicator}", "401 200 200 200 200 200 200 404",
       kAdminElsewhere, "",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get(projectPath(t) + "/indicators/O1");
       }},
      {"PUT", "/api/v1/projects/{code}/indicators/{indicator}", "401 200 403 403 200 403 403 404",
       kAdminElsewhere, "",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return putAsStored(f, projectPath(t) + "/indicators/O1");
       }},
      {"DELETE", "/api/v1/projects/{code}/indicators/{indicator}",
       "401 204 403 403 204 403 403 404", "401 204 404 404 404 404 404 404", "",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return deleteAtVersion(f, f.fresh(t, "indicators", newIndicator(f.unique("ID"))));
       }},

      // Sheets: read by everyone who sees the project; a sheet's rows are imported by who may
      // change the work of each row's partner (a PP6 sheet with the lead's row: that row refused).
      {"GET", "/api/v1/projects/{code}/sheets/{kind}", "401 200 200 200 200 200 200 404",
       kAdminElsewhere, "",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get(projectPath(t) + "/sheets/events?format=csv");
       }},
      {"POST", "/api/v1/projects/{code}/sheets/{kind}", "401 200 403 403 200 200 403 404",
       "401 200 404 404 404 404 404 404", "401 200 403 403 200 400 403 404",
       [](MatrixFixture&, const Target& t, const std::string&) {
         const std::string csv = "code,activity,kind,title,start,partner,participants\n,";
         return Call{"POST",
                     projectPath(t) + "/sheets/events",
                     csv + workOf(t).activity + ",meeting,Matrix,2019-03-04," + t.partner + ",5\n",
                     {},
                     "text/csv"};
       }},

      // Progress statements: the project's read by everyone who sees the project; a partner's by
      // who reads the partner in full, written by who may change the partner's work.
      {"GET", "/api/v1/projects/{code}/periods/{period}/statements",
       "401 200 200 200 200 200 200 404", kAdminElsewhere, "",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get(projectPath(t) + "/periods/2/statements");
       }},
      {"GET", "/api/v1/projects/{code}/periods/{period}/statements/{partner}",
       "401 200 200 200 200 200 200 404", kAdminElsewhere, "401 200 200 200 200 403 403 404",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get(projectPath(t) + "/periods/2/statements/" + t.partner);
       }},
      {"PUT", "/api/v1/projects/{code}/periods/{period}/statements/{partner}",
       "401 200 403 403 200 200 403 404", kAdminElsewhere, "401 200 403 403 200 403 403 404",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         const std::string path = projectPath(t) + "/periods/2/statements/" + t.partner;
         // Written by an earlier cell, it is changed under its version; else it needs none.
         const std::string tag = f.admin().get(path).header("ETag");
         return Call{"PUT", path, R"({"summary": {"en": "Matrix"}})",
                     tag.empty() ? HttpHeaders{} : HttpHeaders{{"If-Match", tag}}};
       }},

      // Evidence: uploaded, flagged and removed by who may change the object partner's work;
      // listed by everyone who sees the project; a file with personal data downloaded by its
      // partner's staff and controller and the lead (programme staff once the lead shares it).
      {"POST", "/api/v1/projects/{code}/activities/{activity}/evidence",
       "401 201 403 403 201 201 403 404", "401 201 404 404 404 404 404 404",
       "401 201 403 403 201 403 403 404",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return Call{
             "POST",
             projectPath(t) + "/activities/" + workOf(t).activity + "/evidence?name=agenda.pdf",
             "%PDF-1.4\n%%EOF\n",
             {},
             "application/pdf"};
       }},
      {"POST", "/api/v1/projects/{code}/events/{event}/evidence", "401 201 403 403 201 201 403 404",
       "401 201 404 404 404 404 404 404", "401 201 403 403 201 403 403 404",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return Call{"POST",
                     projectPath(t) + "/events/" + workOf(t).event + "/evidence?name=photo.png",
                     std::string("\x89PNG\r\n\x1A\n", 8) + "picture",
                     {},
                     "image/png"};
       }},
      {"GET", "/api/v1/projects/{code}/activities/{activity}/evidence",
       "401 200 200 200 200 200 200 404", kAdminElsewhere, "401 200 200 200 200 200 200 404",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get(projectPath(t) + "/activities/" + workOf(t).activity + "/evidence");
       }},
      {"GET", "/api/v1/projects/{code}/events/{event}/evidence", "401 200 200 200 200 200 200 404",
       kAdminElsewhere, "401 200 200 200 200 200 200 404",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get(projectPath(t) + "/events/" + workOf(t).event + "/evidence");
       }},
      {"GET", "/api/v1/projects/{code}/evidence", "401 200 200 200 200 200 200 404",
       kAdminElsewhere, "",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get(projectPath(t) + "/evidence");
       }},
      {"GET", "/api/v1/projects/{code}/evidence/{id}", "401 200 403 403 200 200 200 404",
       kAdminElsewhere, "401 200 403 403 200 403 403 404",
       [](MatrixFixture& f, const Target& t, const std::string&) { return get(f.evidence(t)); }},
      {"PUT", "/api/v1/projects/{code}/evidence/{id}", "401 200 403 403 200 200 403 404",
       kAdminElsewhere, "401 200 403 403 200 403 403 404",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return Call{"PUT",
                     f.evidence(t),
                     Json::object().set("personal_data", false).set("shared", false).dump(),
                     {{"If-Match", "\"1\""}}};
       }},
      {"DELETE", "/api/v1/projects/{code}/evidence/{id}", "401 204 403 403 204 204 403 404",
       "401 204 404 404 404 404 404 404", "401 204 403 403 204 403 403 404",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return Call{"DELETE", f.evidence(t), "", {{"If-Match", "\"1\""}}};
       }},

      // Bundles and findings. An import names its project in the body: replacing a project
      // one may not is refused alike, whether or not it is visible.
      {"POST", "/api/v1/bundles", "401 200 403 403 200 403 403 403",
       "401 200 403 403 403 403 403 403", "",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return Call{"POST", "/api/v1/bundles?replace=true", f.bundles.at(t.project),
                     f.basedOnExport(t.project)};
       }},
      {"GET", "/api/v1/projects/{code}/bundle", "401 200 200 200 200 403 403 404", kAdminElsewhere,
       "",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get(projectPath(t) + "/bundle");
       }},
      {"GET", "/api/v1/projects/{code}/findings", "401 200 200 200 200 200 200 404",
       kAdminElsewhere, "",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get(projectPath(t) + "/findings");
       }},

      // The audit trail, project by project.
      {"GET", "/api/v1/audit", "401 200 403 200 403 403 403 404", kAdminElsewhere, "",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get("/api/v1/audit?project=" + t.project);
       }},
      // Verifying the whole trail: admins and auditors of the whole installation.
      {"GET", "/api/v1/audit/verify", kAdminOnly, kAdminOnly, "",
       [](MatrixFixture&, const Target&, const std::string&) {
         return get("/api/v1/audit/verify");
       }},

      // Reports: leads and admins submit; whoever reads the whole project lists and downloads;
      // a partner drafts its own partner's report; anyone signed in may ask whether a file is
      // a submitted report.
      {"POST", "/api/v1/projects/{code}/reports", "401 201 403 403 201 403 403 404",
       "401 201 404 404 404 404 404 404", "",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return Call{"POST",
                     projectPath(t) + "/reports",
                     Json::object().set("kind", "financial").set("language", "en").dump(),
                     {}};
       }},
      {"GET", "/api/v1/projects/{code}/reports", "401 200 200 200 200 403 403 404", kAdminElsewhere,
       "",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get(projectPath(t) + "/reports");
       }},
      // A programme's reports, its deleted projects' included, to who reads the whole programme.
      {"GET", "/api/v1/programmes/{code}/reports", "401 200 200 200 403 403 403 404",
       kAdminElsewhere, "",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get("/api/v1/programmes/" + t.programme + "/reports");
       }},
      {"GET", "/api/v1/projects/{code}/reports/draft", "401 200 200 200 200 200 200 404",
       kAdminElsewhere, "",
       [](MatrixFixture&, const Target& t, const std::string&) {
         return get(projectPath(t) +
                    "/reports/draft?kind=partner&period=1&language=lv&partner=" + t.partner);
       }},
      {"GET", "/api/v1/reports/{id}/pdf", "401 200 200 200 200 403 403 404", kAdminElsewhere, "",
       [](MatrixFixture& f, const Target& t, const std::string&) {
         return get("/api/v1/reports/" + std::to_string(f.submittedReport(t.project)) + "/pdf");
       }},
      {"POST", "/api/v1/reports/verify", kAllSignedIn, kAllSignedIn, "",
       [](MatrixFixture&, const Target&, const std::string&) {
         // Small enough for the fixture's body limit: the answer is {"submitted": false}.
         return Call{"POST", "/api/v1/reports/verify", "%PDF-1.4\n%%EOF\n", {}, "application/pdf"};
       }},
  };
}

std::vector<int> statuses(const std::string& text) {
  std::vector<int> out;
  std::istringstream in(text);
  for (int status = 0; in >> status;) out.push_back(status);
  return out;
}

bool isWrite(const std::string& method) { return method != "GET"; }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(role_matrix, MatrixFixture)

BOOST_AUTO_TEST_CASE(every_route_has_a_row_and_every_row_a_route) {
  std::set<std::string> routed;
  for (const auto& route : api.routes()) routed.insert(route.method + " " + route.pattern);
  std::set<std::string> covered;
  for (const Row& row : rows()) covered.insert(row.method + " " + row.pattern);
  for (const std::string& route : routed)
    BOOST_TEST(covered.count(route) == 1u, route << " has no row in the role matrix");
  for (const std::string& row : covered)
    BOOST_TEST(routed.count(row) == 1u, row << " is in the role matrix but not routed");
}

BOOST_AUTO_TEST_CASE(every_route_every_role_in_and_out_of_scope) {
  const std::vector<std::string>& labels = roleLabels();
  std::set<std::string> routed;
  for (const auto& route : api.routes()) routed.insert(route.method + " " + route.pattern);
  int cells = 0;
  for (const Row& row : rows()) {
    if (routed.count(row.method + " " + row.pattern) == 0) continue;
    std::vector<std::pair<Target, std::string>> targets = {{kIn, row.in}, {kOut, row.out}};
    if (!row.sibling.empty()) targets.emplace_back(kSibling, row.sibling);
    for (const auto& [target, expectedText] : targets) {
      const std::vector<int> expected = statuses(expectedText);
      BOOST_REQUIRE_MESSAGE(expected.size() == labels.size(), row.method << " " << row.pattern);
      for (std::size_t i = 0; i < labels.size(); ++i) {
        const std::string& label = labels[i];
        const Call call = row.call(*this, target, label);
        const std::string before = isWrite(call.method) ? dump() : "";
        HttpTestClient user = as(label);
        const HttpResult result =
            user.send(call.method, call.path, call.body, call.body.empty() ? "" : call.contentType,
                      false, call.headers);
        ++cells;
        BOOST_TEST(result.status == expected[i],
                   row.method << " " << row.pattern << " as " << label << " on " << target.name
                              << " (" << call.path << "): expected " << expected[i] << ", got "
                              << result.status << " " << result.body.substr(0, 300));
        const bool succeeded = result.status >= 200 && result.status < 300;
        if (isWrite(call.method) && !succeeded)
          BOOST_TEST(dump() == before, row.method << " " << row.pattern << " as " << label << " on "
                                                  << target.name
                                                  << " was refused but changed the database");
        if (!succeeded || label == "anonymous") continue;
        switch (row.after) {
          case After::kNothing:
            break;
          case After::kRestoreProject:
            restoreProject(target);
            break;
          case After::kNewPassword:
            members.at(label).password = newPasswords.at(label);
            renewSession(label);
            break;
          case After::kRenewSession:
            renewSession(label);
            break;
        }
      }
    }
  }
  BOOST_TEST_MESSAGE(cells << " cells checked");
  BOOST_TEST(cells > 500);
}

BOOST_AUTO_TEST_SUITE_END()
