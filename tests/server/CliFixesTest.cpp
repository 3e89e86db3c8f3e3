// What the house issue asked the command line to fix, shown on the real executable: --port
// out of range or not a number is refused before anything listens; an unknown option before
// the command is named as an option; `help` and every command's help say what they take and
// where the bundle format is documented; commands on a database that does not exist, or at
// another schema version, exit 2 naming it and `crossgrant migrate`, and create nothing;
// `import --replace` says what it replaced and which grants it revoked; `user` takes the
// global options.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <iterator>
#include <string>
#include <vector>

#include "CliFixture.h"
#include "crossgrant/core/Json.h"
#include "crossgrant/store/Database.h"

using crossgrant::core::Json;
using crossgrant::test::Cli;
using crossgrant::test::CliResult;
using crossgrant::test::contains;
using crossgrant::test::readFile;
using crossgrant::test::TempDir;

namespace {

bool exists(const std::string& path) {
  std::error_code error;
  return std::filesystem::exists(path, error);
}

struct FixesCli : Cli {
  /// Runs a command line with CROSSGRANT_DB=url instead of the fixture's database.
  CliResult runOn(const std::string& url, const std::vector<std::string>& args,
                  const std::string& input = "") {
    return crossgrant::test::collectCli(io, crossgrant::test::launchCli(io, url, args, input, ""));
  }

  /// Starts a command that must end by itself within 10 s (stopped and failed otherwise).
  CliResult runBounded(const std::vector<std::string>& args) {
    crossgrant::test::ChildProcess child;
    child.adopt(crossgrant::test::launchCli(io, databaseUrl, args, "", ""));
    const bool ended = child.waitFor(std::chrono::seconds(10));
    const int status = child.stop();
    CliResult result{status, crossgrant::test::readIfThere(io.file("stdout")),
                     crossgrant::test::readIfThere(io.file("stderr"))};
    BOOST_REQUIRE_MESSAGE(ended, "still running after 10 s: " << result.out << result.err);
    return result;
  }

  /// The schema version this crossgrant needs, as `migrate` reports it.
  int latestSchemaVersion() {
    const CliResult migrated = run({"migrate"});
    BOOST_REQUIRE_MESSAGE(migrated.status == 0, migrated.err);
    const std::string marker = "schema version ";
    const auto at = migrated.out.find(marker);
    BOOST_REQUIRE_MESSAGE(at != std::string::npos, migrated.out);
    return std::stoi(migrated.out.substr(at + marker.size()));
  }
  /// How many migrations this crossgrant has (versions may leave gaps), as `migrate` of a new
  /// database reports them.
  int migrationCount() {
    TempDir place;
    const CliResult migrated = runOn("sqlite:" + place.file("count.db"), {"migrate"});
    BOOST_REQUIRE_MESSAGE(migrated.status == 0, migrated.err);
    const std::string marker = " (";
    const auto at = migrated.out.find(marker);
    BOOST_REQUIRE_MESSAGE(at != std::string::npos, migrated.out);
    return std::stoi(migrated.out.substr(at + marker.size()));
  }
};

/// The demo bundle without its last partner, whose code is set in dropped.
std::string demoWithoutLastPartner(std::string& dropped) {
  const Json demo = Json::parse(readFile(crossgrant::test::demoBundlePath()));
  Json bundle = Json::object();
  for (const auto& [name, member] : demo.members()) {
    if (name != "partners") {
      bundle.set(name, member);
      continue;
    }
    Json partners = Json::array();
    for (std::size_t i = 0; i + 1 < member.items().size(); ++i) partners.push(member.items()[i]);
    dropped = member.items().back().find("code")->asString();
    bundle.set(name, partners);
  }
  return bundle.dump();
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_fixes, FixesCli)

BOOST_AUTO_TEST_CASE(serve_refuses_a_port_out_of_range_or_not_a_number_and_listens_nowhere) {
  for (const std::string port : {"99999", "70000", "-5", "8080x"}) {
    const CliResult refused = runBounded({"serve", "--port", port});
    BOOST_TEST(refused.status == 2, port << ": " << refused.err);
    BOOST_TEST(contains(refused.err, "--port"), port << ": " << refused.err);
    BOOST_TEST(contains(refused.err, "\"" + port + "\""), port << ": " << refused.err);
    BOOST_TEST(!contains(refused.out, "serving"), port << ": " << refused.out);
  }
  // --port 0 takes any free port and serves.
  crossgrant::test::ServeProcess server;
  server.start(databaseUrl);
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server.port()));
  session.setTimeout(Poco::Timespan(10, 0));
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/health");
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::istream& body = session.receiveResponse(response);
  const std::string text(std::istreambuf_iterator<char>(body), {});
  BOOST_TEST(response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK, text);
  BOOST_TEST(server.stop() == 0, server.errors());
}

BOOST_AUTO_TEST_CASE(an_unknown_option_before_the_command_is_named_as_an_option) {
  const CliResult result = runBounded({"--prot", "9000", "serve"});
  BOOST_TEST(result.status == 2);
  BOOST_TEST(contains(result.err, "unknown option --prot"), result.err);
  BOOST_TEST(!contains(result.err, "unknown command"), result.err);
  BOOST_TEST(!contains(result.out, "serving"), result.out);
}

BOOST_AUTO_TEST_CASE(help_lists_the_commands_and_shows_each_ones_usage) {
  const CliResult help = run({"help"});
  BOOST_TEST(help.status == 0, help.err);
  for (const char* command : {"serve", "migrate", "import", "export", "check", "programmes",
                              "projects", "audit", "user", "report", "verify", "help"})
    BOOST_TEST(contains(help.out, std::string("\n  ") + command + " "), command);

  const CliResult exportHelp = run({"help", "export"});
  BOOST_TEST(exportHelp.status == 0, exportHelp.err);
  BOOST_TEST(contains(exportHelp.out, "Usage: crossgrant export [OPTIONS] CODE"), exportHelp.out);
  BOOST_TEST(contains(exportHelp.out, "-o, --output FILE"), exportHelp.out);
  BOOST_TEST(run({"export", "--help"}).out == exportHelp.out);

  const CliResult importHelp = run({"import", "--help"});
  BOOST_TEST(importHelp.status == 0);
  BOOST_TEST(contains(importHelp.out, "docs/bundle-v1.md"), importHelp.out);

  const CliResult unknown = run({"help", "frobnicate"});
  BOOST_TEST(unknown.status == 2);
  BOOST_TEST(contains(unknown.err, "unknown command \"frobnicate\""), unknown.err);
}

BOOST_AUTO_TEST_CASE(commands_on_a_database_that_does_not_exist_create_nothing) {
  TempDir place;
  const std::string directory = place.file("missing");
  const std::string url = "sqlite:" + directory + "/x.db";
  const std::string pdf = place.file("financial.pdf");
  BOOST_REQUIRE(importDemo().status == 0);  // the project exists, elsewhere
  const std::vector<std::vector<std::string>> commands = {
      {"projects"},
      {"programmes"},
      {"export", "LLI-317"},
      {"check", "LLI-317"},
      {"report", "LLI-317", "--kind", "financial", "--lang", "en", "-o", pdf},
      {"audit", "verify"},
      {"import", crossgrant::test::demoBundlePath()},
      {"user", "add", "ilze", "--password-stdin"}};
  for (const std::vector<std::string>& args : commands) {
    const CliResult result = runOn(url, args, "Kurzeme-Vidzeme-31\n");
    BOOST_TEST(result.status == 2, args.front() << ": " << result.out << result.err);
    BOOST_TEST(contains(result.err, url), args.front() << ": " << result.err);
    BOOST_TEST(contains(result.err, "does not exist"), args.front() << ": " << result.err);
    BOOST_TEST(contains(result.err, "crossgrant migrate"), args.front() << ": " << result.err);
    BOOST_TEST(!exists(directory), args.front() << " created " << directory);
  }
  BOOST_TEST(!exists(pdf));
  // The same with --db, the environment naming the existing database.
  const CliResult viaOption = run({"--db", url, "projects"});
  BOOST_TEST(viaOption.status == 2);
  BOOST_TEST(contains(viaOption.err, url), viaOption.err);
  BOOST_TEST(!exists(directory));
}

BOOST_AUTO_TEST_CASE(an_older_schema_is_refused_naming_both_versions_and_migrate) {
  const int latest = latestSchemaVersion();
  TempDir place;
  const std::string file = place.file("empty.db");
  crossgrant::test::writeFile(file, "");  // an empty file is an SQLite database, version 0
  const std::string url = "sqlite:" + file;
  const std::string expected = "schema version 0; this crossgrant needs " + std::to_string(latest);
  for (const std::vector<std::string>& args : {std::vector<std::string>{"serve", "--port", "0"},
                                               {"import", crossgrant::test::demoBundlePath()},
                                               {"projects"}}) {
    crossgrant::test::ChildProcess child;
    child.adopt(crossgrant::test::launchCli(io, url, args, "", ""));
    const bool ended = child.waitFor(std::chrono::seconds(10));
    const int status = child.stop();
    const std::string out = crossgrant::test::readIfThere(io.file("stdout"));
    const std::string err = crossgrant::test::readIfThere(io.file("stderr"));
    BOOST_TEST(ended, args.front() << " still running: " << out);
    BOOST_TEST(status == 2, args.front() << ": " << err);
    BOOST_TEST(contains(err, expected), args.front() << ": " << err);
    BOOST_TEST(contains(err, "crossgrant migrate"), args.front() << ": " << err);
    BOOST_TEST(!contains(out, "serving"), args.front() << ": " << out);
    // Refused without a byte written: the file is still empty.
    BOOST_TEST(std::filesystem::file_size(file) == 0u, args.front());
  }
  // Nothing was applied: migrate starts from version 0.
  const CliResult migrated = runOn(url, {"migrate"});
  BOOST_TEST(migrated.status == 0, migrated.err);
  BOOST_TEST(contains(migrated.out, "schema version " + std::to_string(latest) + " (" +
                                        std::to_string(migrationCount()) + " migrations applied)"),
             migrated.out);
}

BOOST_AUTO_TEST_CASE(a_schema_newer_than_the_build_is_refused_naming_newer) {
  // As a newer crossgrant would have left it: one more migration recorded.
  crossgrant::store::Database::open(databaseUrl)->write([](crossgrant::store::Connection& c) {
    c.execute(
        "INSERT INTO schema_migrations (version, applied_at) VALUES (999, "
        "'2030-01-01T00:00:00Z')");
  });
  for (const std::vector<std::string>& args : {std::vector<std::string>{"serve", "--port", "0"},
                                               {"import", crossgrant::test::demoBundlePath()},
                                               {"projects"},
                                               {"migrate"}}) {
    const CliResult result = runBounded(args);
    BOOST_TEST(result.status == 2, args.front() << ": " << result.err);
    BOOST_TEST(contains(result.err, "schema version 999"), args.front() << ": " << result.err);
    BOOST_TEST(contains(result.err, "newer"), args.front() << ": " << result.err);
    BOOST_TEST(!contains(result.out, "serving"), args.front() << ": " << result.out);
  }
}

BOOST_AUTO_TEST_CASE(import_replace_says_what_it_replaced) {
  BOOST_REQUIRE(importDemo().status == 0);
  const CliResult same = run({"import", "--replace", crossgrant::test::demoBundlePath()});
  BOOST_TEST(same.status == 0, same.err);
  BOOST_TEST(contains(same.out, "replaced LLI-317 (project version 1 → 2; partners 8 → 8)"),
             same.out);
  BOOST_TEST(!contains(same.out, "revoked"), same.out);

  std::string dropped;
  const std::string smaller = demoWithoutLastPartner(dropped);
  BOOST_REQUIRE(!dropped.empty());
  const CliResult added = run({"user", "add", "rasa", "--password-stdin"}, "Kurzeme-Vidzeme-31\n");
  BOOST_REQUIRE_MESSAGE(added.status == 0, added.err);
  const CliResult granted =
      run({"user", "grant", "rasa", "partner", "--project", "LLI-317", "--partner", dropped});
  BOOST_REQUIRE_MESSAGE(granted.status == 0, granted.err);
  const CliResult lead = run({"user", "grant", "rasa", "lead", "--project", "LLI-317"});
  BOOST_REQUIRE_MESSAGE(lead.status == 0, lead.err);

  const CliResult replaced = run({"import", "--replace", "-"}, smaller);
  BOOST_TEST(replaced.status == 0, replaced.err);
  BOOST_TEST(contains(replaced.out, "replaced LLI-317 (project version 2 → 3; partners 8 → 7)"),
             replaced.out);
  BOOST_TEST(contains(replaced.out, "revoked partner of rasa for partner " + dropped +
                                        " (the partner is no longer in the project)"),
             replaced.out);
  // Only the grant on the dropped partner: the lead grant stays.
  BOOST_TEST(!contains(replaced.out, "revoked lead"), replaced.out);
  const CliResult listed = run({"user", "list"});
  BOOST_TEST(listed.status == 0, listed.err);
  BOOST_TEST(!contains(listed.out, dropped), listed.out);
  BOOST_TEST(contains(listed.out, "lead"), listed.out);
  // A first import says "imported", with no versions.
  Cli other;
  const CliResult fresh = other.importDemo();
  BOOST_TEST(contains(fresh.out, "imported LLI-317 from "), fresh.out);
}

BOOST_AUTO_TEST_CASE(user_takes_db_before_or_after_its_action) {
  // The environment names a database that does not exist: only --db can make these work.
  TempDir place;
  const std::string missing = "sqlite:" + place.file("missing/x.db");
  const CliResult added =
      runOn(missing, {"user", "add", "juris", "--db", databaseUrl, "--password-stdin"},
            "Kurzeme-Vidzeme-31\n");
  BOOST_TEST(added.status == 0, added.err);
  const CliResult listed = runOn(missing, {"--db", databaseUrl, "user", "list"});
  BOOST_TEST(listed.status == 0, listed.err);
  BOOST_TEST(contains(listed.out, "juris"), listed.out);
  BOOST_TEST(!exists(place.file("missing")));
  BOOST_TEST(contains(run({"user", "list"}).out, "juris"));
}

BOOST_AUTO_TEST_SUITE_END()
