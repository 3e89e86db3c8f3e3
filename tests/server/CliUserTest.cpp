// `crossgrant user ...` on the real executable: adding users with a password from standard
// input or generated (printed once, and good for signing in to a running server), the password
// rules, grants with their scopes checked against what exists, revoking, listing, deleting,
// `passwd` ending the user's sessions, and every change in the audit trail as the OS user.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "CliFixture.h"
#include "crossgrant/core/Json.h"

using crossgrant::core::Json;
using crossgrant::test::Cli;
using crossgrant::test::CliResult;
using crossgrant::test::contains;
using crossgrant::test::readFile;

namespace {

struct HttpAnswer {
  int status = 0;
  std::string body;
};

HttpAnswer request(int port, const std::string& method, const std::string& path,
                   const std::string& body = "", const std::string& token = "") {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!token.empty()) request.set("Authorization", "Bearer " + token);
  if (!body.empty()) {
    request.setContentType("application/json");
    request.setContentLength64(static_cast<Poco::Int64>(body.size()));
  }
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  return {static_cast<int>(response.getStatus()),
          std::string(std::istreambuf_iterator<char>(in), {})};
}

/// The password a `user add|passwd --generate-password` printed.
std::string generatedPassword(const CliResult& result) {
  const std::string marker = "generated password (shown only now): ";
  const auto at = result.out.find(marker);
  BOOST_REQUIRE_MESSAGE(at != std::string::npos, result.out);
  const auto end = result.out.find('\n', at);
  return result.out.substr(at + marker.size(), end - at - marker.size());
}

struct UserCli : Cli {
  crossgrant::test::TempDir serverIo;
  pid_t server = 0;
  int port = 0;

  ~UserCli() {
    if (server > 0) {
      ::kill(server, SIGTERM);
      crossgrant::test::collectCli(serverIo, server);
    }
  }
  void serve() {
    server = crossgrant::test::launchCli(serverIo, databaseUrl, {"serve", "--port", "0"}, "", "");
    std::string out;
    for (int i = 0; i < 100 && !contains(out, "serving http://"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      out = readFile(serverIo.file("stdout"));
    }
    BOOST_REQUIRE_MESSAGE(contains(out, "serving http://127.0.0.1:"), out);
    port = std::stoi(out.substr(out.find("127.0.0.1:") + 10));
  }
  HttpAnswer login(const std::string& user, const std::string& password) {
    return request(port, "POST", "/api/v1/session",
                   Json::object().set("user", user).set("password", password).dump());
  }
};

std::string osUser() {
  const passwd* entry = ::getpwuid(::geteuid());
  return "os:" + std::string(entry != nullptr ? entry->pw_name : "?");
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_user, UserCli)

BOOST_AUTO_TEST_CASE(user_help_describes_every_action_and_option) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"user", "--help"},
                                               {"user", "add", "--help"},
                                               {"user", "grant", "--help"}}) {
    const CliResult help = run(args);
    BOOST_TEST(help.status == 0);
    for (const char* part :
         {"Usage: crossgrant user", "user add NAME", "user passwd NAME", "user grant NAME ROLE",
          "user revoke NAME ROLE", "user delete NAME", "user list", "--password-stdin",
          "--generate-password", "--display-name TEXT", "--programme CODE", "--project CODE",
          "--partner CODE"})
      BOOST_TEST(contains(help.out, part), part);
  }
  BOOST_TEST(contains(run({"--help"}).out, "manage users and their roles"));
  const CliResult bare = run({"user"});
  BOOST_TEST(bare.status == 2);
  const CliResult unknown = run({"user", "rename", "ilze"});
  BOOST_TEST(unknown.status == 2);
  BOOST_TEST(contains(unknown.err, "unknown action \"rename\""));
  const CliResult wrongOption = run({"user", "add", "ilze", "--project", "LLI-317"});
  BOOST_TEST(wrongOption.status == 2);
  BOOST_TEST(contains(wrongOption.err, "user add takes no --project"));
}

BOOST_AUTO_TEST_CASE(user_takes_the_global_options_like_every_command) {
  const CliResult added = run({"user", "add", "juris", "--generate-password", "--db", databaseUrl});
  BOOST_TEST(added.status == 0, added.err);
  const CliResult listed = run({"--db", databaseUrl, "user", "list"});
  BOOST_TEST(listed.status == 0, listed.err);
  BOOST_TEST(contains(listed.out, "juris"));
}

BOOST_AUTO_TEST_CASE(a_generated_password_is_printed_once_and_signs_in) {
  const CliResult added =
      run({"user", "add", "ilze", "--display-name", "Ilze Kalniņa", "--generate-password"});
  BOOST_TEST(added.status == 0, added.err);
  BOOST_TEST(contains(added.out, "created user ilze"));
  const std::string password = generatedPassword(added);
  BOOST_TEST(password.size() == 20u);
  const CliResult listed = run({"user", "list"});
  BOOST_TEST(!contains(listed.out, password));
  BOOST_TEST(contains(listed.out, "Ilze Kalniņa"));

  serve();
  const HttpAnswer signedIn = login("ilze", password);
  BOOST_TEST(signedIn.status == 201, signedIn.body);
  const std::string token = Json::parse(signedIn.body).find("token")->asString();
  BOOST_TEST(request(port, "GET", "/api/v1/session", "", token).status == 200);

  // passwd ends every session of the user; the new password signs in, the old one not.
  const CliResult changed =
      run({"user", "passwd", "ilze", "--password-stdin"}, "Jaunā-parole-Rīgā\n");
  BOOST_TEST(changed.status == 0, changed.err);
  BOOST_TEST(contains(changed.out, "its sessions are ended"));
  BOOST_TEST(request(port, "GET", "/api/v1/session", "", token).status == 401);
  BOOST_TEST(login("ilze", password).status == 401);
  BOOST_TEST(login("ilze", "Jaunā-parole-Rīgā").status == 201);
}

BOOST_AUTO_TEST_CASE(passwords_from_standard_input_must_meet_the_rules) {
  const CliResult weak = run({"user", "add", "janis", "--password-stdin"}, "password1234\n");
  BOOST_TEST(weak.status == 2);
  BOOST_TEST(contains(weak.err, "password: is one of the most common passwords; nothing changed"),
             weak.err);
  BOOST_TEST(!contains(weak.err + weak.out, "password1234"));
  const CliResult named = run({"user", "add", "janis", "--password-stdin"}, "janis-Berzins-1\n");
  BOOST_TEST(named.status == 2);
  BOOST_TEST(contains(named.err, "must not contain the user name"));
  const CliResult twoLines =
      run({"user", "add", "janis", "--password-stdin"}, "Zemgales-pl4ns\nsecond\n");
  BOOST_TEST(twoLines.status == 2);
  BOOST_TEST(contains(twoLines.err, "one line"));
  const CliResult none = run({"user", "add", "janis"});
  BOOST_TEST(none.status == 2);
  BOOST_TEST(contains(none.err, "no password given"));
  BOOST_TEST(!contains(run({"user", "list"}).out, "janis"));

  const CliResult badName = run({"user", "add", "os:root", "--generate-password"});
  BOOST_TEST(badName.status == 2);
  BOOST_TEST(contains(badName.err, "NAME: must not contain"));

  BOOST_TEST(run({"user", "add", "janis", "--password-stdin"}, "Zemgales-pl4ns\n").status == 0);
  const CliResult twice = run({"user", "add", "janis", "--password-stdin"}, "Zemgales-pl4ns\n");
  BOOST_TEST(twice.status == 2);
  BOOST_TEST(contains(twice.err, "already exists"));
}

BOOST_AUTO_TEST_CASE(grants_need_the_scope_their_role_names_and_it_must_exist) {
  BOOST_REQUIRE(importDemo().status == 0);
  BOOST_REQUIRE(run({"user", "add", "ruta", "--generate-password"}).status == 0);

  const auto refused = [&](const std::vector<std::string>& args, const std::string& message) {
    const CliResult result = run(args);
    BOOST_TEST(result.status == 2);
    BOOST_TEST(contains(result.err, message), result.err);
  };
  refused({"user", "grant", "ruta", "lead"}, "--project: the lead role needs a project");
  refused({"user", "grant", "ruta", "lead", "--project", "LLI-317", "--partner", "PP6"},
          "--partner: the lead role takes no partner");
  refused({"user", "grant", "ruta", "lead", "--project", "NOPE-1"},
          "--project: project \"NOPE-1\" does not exist");
  refused({"user", "grant", "ruta", "partner", "--project", "LLI-317", "--partner", "PP99"},
          "--partner: partner \"PP99\" does not exist in project \"LLI-317\"");
  refused({"user", "grant", "ruta", "programme", "--programme", "LV-LT-2021-2027"},
          "--programme: programme \"LV-LT-2021-2027\" does not exist");
  refused({"user", "grant", "ruta", "admin", "--programme", "LV-LT-2014-2020"},
          "--programme: the admin role takes no programme");
  refused({"user", "grant", "ruta", "overlord"}, "unknown role \"overlord\"");
  refused({"user", "grant", "nobody", "admin"}, "user \"nobody\" does not exist");

  for (const std::vector<std::string>& grant :
       {std::vector<std::string>{"partner", "--project", "LLI-317", "--partner", "PP6"},
        {"controller", "--project", "LLI-317", "--partner", "PP6"},
        {"auditor"},
        {"programme", "--programme", "LV-LT-2014-2020"}}) {
    std::vector<std::string> args = {"user", "grant", "ruta"};
    args.insert(args.end(), grant.begin(), grant.end());
    const CliResult result = run(args);
    BOOST_TEST(result.status == 0, result.err);
  }
  refused({"user", "grant", "ruta", "auditor"}, "already holds role auditor");
  const CliResult listed = run({"user", "list"});
  BOOST_TEST(contains(listed.out,
                      "auditor all, controller LLI-317/PP6, partner LLI-317/PP6, "
                      "programme LV-LT-2014-2020"),
             listed.out);

  BOOST_TEST(run({"user", "revoke", "ruta", "partner", "--project", "LLI-317", "--partner", "PP6"})
                 .status == 0);
  refused({"user", "revoke", "ruta", "lead", "--project", "LLI-317"},
          "does not hold role lead in project LLI-317");
  BOOST_TEST(!contains(run({"user", "list"}).out, "partner LLI-317/PP6"));

  BOOST_TEST(run({"user", "delete", "ruta"}).status == 0);
  BOOST_TEST(!contains(run({"user", "list"}).out, "ruta"));
  refused({"user", "delete", "ruta"}, "user \"ruta\" does not exist");
}

BOOST_AUTO_TEST_CASE(user_changes_are_audited_as_the_operating_system_user) {
  BOOST_REQUIRE(importDemo().status == 0);
  BOOST_REQUIRE(run({"user", "add", "egle", "--generate-password"}).status == 0);
  BOOST_REQUIRE(run({"user", "grant", "egle", "lead", "--project", "LLI-317"}).status == 0);
  BOOST_REQUIRE(run({"user", "passwd", "egle", "--generate-password"}).status == 0);
  const CliResult exported = run({"audit", "export"});
  BOOST_REQUIRE(exported.status == 0);
  std::vector<Json> entries;
  for (std::size_t start = 0; start < exported.out.size();) {
    const std::size_t end = exported.out.find('\n', start);
    entries.push_back(Json::parse(exported.out.substr(start, end - start)));
    start = end + 1;
  }
  std::vector<std::string> actions;
  for (const Json& entry : entries) {
    if (entry.find("object_type")->asString() != "user") continue;
    actions.push_back(entry.find("action")->asString());
    BOOST_TEST(entry.find("user")->asString() == osUser());
    BOOST_TEST(entry.find("client")->asString() == "cli");
    BOOST_TEST(entry.find("object_key")->asString() == "egle");
  }
  BOOST_TEST(actions == (std::vector<std::string>{"create", "grant", "set_password"}),
             boost::test_tools::per_element());
  BOOST_TEST(!contains(exported.out, "argon2"));
}

BOOST_AUTO_TEST_SUITE_END()
