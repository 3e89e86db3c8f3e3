// Runs build/bin/crossgrant as a separate process against a fresh database of the targeted
// backend and checks what a user sees: exit statuses, output, and what is stored.
#define BOOST_TEST_MODULE cli
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "CliFixture.h"
#include "TestSupport.h"
#include "crossgrant/core/Json.h"
#include "crossgrant/store/Database.h"

namespace {

using crossgrant::test::readFile;
using crossgrant::test::TempDir;
using crossgrant::test::writeFile;

using Result = crossgrant::test::CliResult;
using crossgrant::test::Cli;
using crossgrant::test::contains;

pid_t launch(const TempDir& dir, const std::string& databaseUrl,
             const std::vector<std::string>& args, const std::string& input,
             const std::string& workingDirectory) {
  return crossgrant::test::launchCli(dir, databaseUrl, args, input, workingDirectory);
}

Result collect(const TempDir& dir, pid_t pid) { return crossgrant::test::collectCli(dir, pid); }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli, Cli)

BOOST_AUTO_TEST_CASE(help_lists_every_command_and_each_command_has_help) {
  const Result help = run({"--help"});
  BOOST_TEST(help.status == 0);
  for (const char* command :
       {"serve", "migrate", "import", "export", "check", "programmes", "projects"}) {
    BOOST_TEST(contains(help.out, command), command);
    const Result commandHelp = run({command, "--help"});
    BOOST_TEST(commandHelp.status == 0, command);
    BOOST_TEST(contains(commandHelp.out, std::string("Usage: crossgrant ") + command), command);
    BOOST_TEST(contains(commandHelp.out, "--db URL"), command);
  }
  BOOST_TEST(contains(run({"import", "--help"}).out, "--replace"));
  BOOST_TEST(contains(run({"check", "--help"}).out, "--json"));
}

BOOST_AUTO_TEST_CASE(bad_command_lines_exit_2_with_a_message) {
  const Result unknown = run({"frobnicate"});
  BOOST_TEST(unknown.status == 2);
  BOOST_TEST(contains(unknown.err, "unknown command \"frobnicate\""));
  const Result badOption = run({"check", "LLI-317", "--jsn"});
  BOOST_TEST(badOption.status == 2);
  BOOST_TEST(contains(badOption.err, "unknown option --jsn"));
  const Result missing = run({"import"});
  BOOST_TEST(missing.status == 2);
  BOOST_TEST(contains(missing.err, "expected FILE"));
  const Result noFile = run({"import", "/nonexistent/bundle.json"});
  BOOST_TEST(noFile.status == 2);
  BOOST_TEST(contains(noFile.err, "cannot read /nonexistent/bundle.json"));
}

BOOST_AUTO_TEST_CASE(migrate_reports_the_schema_version_and_is_repeatable) {
  const Result first = run({"migrate"});
  BOOST_TEST(first.status == 0, first.err);
  BOOST_TEST(contains(first.out, "schema version"));
  const Result second = run({"migrate"});
  BOOST_TEST(second.status == 0);
  BOOST_TEST(contains(second.out, "(0 migrations applied)"));
}

BOOST_AUTO_TEST_CASE(demo_import_gives_exactly_the_two_public_findings) {
  const Result imported = importDemo();
  BOOST_TEST(imported.status == 0, imported.err);
  BOOST_TEST(contains(imported.out, "imported LLI-317"));
  BOOST_TEST(contains(imported.out, "2 findings"));

  const Result json = run({"check", "LLI-317", "--json"});
  BOOST_TEST(json.status == 1);
  BOOST_TEST(json.out ==
             "{\n"
             "  \"project\": \"LLI-317\",\n"
             "  \"findings\": [\n"
             "    {\n"
             "      \"code\": \"contributions_mismatch\",\n"
             "      \"partner\": \"PP6\",\n"
             "      \"expected\": \"94535.16\",\n"
             "      \"actual\": \"94535.11\",\n"
             "      \"difference\": \"-0.05\",\n"
             "      \"message\": \"Partner PP6: co-financing sums to 94535.11, not to the "
             "approved total 94535.16.\"\n"
             "    },\n"
             "    {\n"
             "      \"code\": \"project_fund_mismatch\",\n"
             "      \"expected\": \"672567.74\",\n"
             "      \"actual\": \"672567.64\",\n"
             "      \"difference\": \"-0.10\",\n"
             "      \"message\": \"Partners' fund amounts sum to 672567.64, not to the approved "
             "fund 672567.74.\"\n"
             "    }\n"
             "  ]\n"
             "}\n");

  const Result text = run({"check", "LLI-317"});
  BOOST_TEST(text.status == 1);
  BOOST_TEST(contains(text.out,
                      "PP6  contributions_mismatch  expected 94535.16, actual 94535.11, "
                      "difference -0.05"));
  BOOST_TEST(contains(text.out,
                      "project  project_fund_mismatch  expected 672567.74, actual "
                      "672567.64, difference -0.10"));
}

BOOST_AUTO_TEST_CASE(check_of_a_reconciling_project_exits_0_and_unknown_project_2) {
  std::string bundle = readFile(crossgrant::test::demoBundlePath());
  // Make the figures reconcile: PP6's municipality pays the missing 0.05, approved fund as summed.
  const auto replace = [&](const std::string& from, const std::string& to) {
    const auto at = bundle.find(from);
    BOOST_REQUIRE(at != std::string::npos);
    bundle.replace(at, from.size(), to);
  };
  replace("\"14180.27\"", "\"14180.32\"");
  replace("\"fund\": \"672567.74\"", "\"fund\": \"672567.64\"");
  const Result imported = run({"import", "-"}, bundle);
  BOOST_TEST(imported.status == 0, imported.err);
  const Result check = run({"check", "LLI-317"});
  BOOST_TEST(check.status == 0);
  BOOST_TEST(check.out == "LLI-317: no findings\n");
  BOOST_TEST(run({"check", "LLI-317", "--json"}).out ==
             "{\n  \"project\": \"LLI-317\",\n  \"findings\": []\n}\n");
  const Result unknown = run({"check", "NOPE-1"});
  BOOST_TEST(unknown.status == 2);
  BOOST_TEST(contains(unknown.err, "project \"NOPE-1\" does not exist"));
}

BOOST_AUTO_TEST_CASE(export_import_export_is_byte_identical_and_keeps_baltic_text) {
  BOOST_REQUIRE_EQUAL(importDemo().status, 0);
  const Result first = run({"export", "LLI-317"});
  BOOST_TEST(first.status == 0, first.err);
  for (const char* name : {"Zemgales plānošanas reģions", "VšĮ Rokiškio jaunimo centras",
                           "Kretingos dienos užimtumo centras", "Latvijas valsts budžets",
                           "Sociālo pakalpojumu pieejamības un kvalitātes uzlabošana"}) {
    BOOST_TEST(contains(first.out, name), name);
  }
  BOOST_TEST(contains(first.out, "\"total\": \"791256.20\""));

  Cli other;  // an empty database
  writeFile(io.file("export.json"), first.out);
  const Result reimported = other.run({"import", io.file("export.json")});
  BOOST_TEST(reimported.status == 0, reimported.err);
  const Result second = other.run({"export", "LLI-317", "-o", other.io.file("second.json")});
  BOOST_TEST(second.status == 0, second.err);
  BOOST_TEST(readFile(other.io.file("second.json")) == first.out);
}

BOOST_AUTO_TEST_CASE(the_version_2_demo_round_trips_and_is_checked_at_a_date) {
  const std::string v2 = readFile(crossgrant::test::demoBundleV2Path());
  const Result imported = run({"import", crossgrant::test::demoBundleV2Path()});
  BOOST_TEST(imported.status == 0, imported.err);
  const Result first = run({"export", "LLI-317"});
  BOOST_TEST(first.status == 0, first.err);
  BOOST_TEST(first.out == v2);

  Cli other;  // another installation
  writeFile(io.file("v2.json"), first.out);
  BOOST_TEST(other.run({"import", io.file("v2.json")}).status == 0);
  BOOST_TEST(other.run({"export", "LLI-317"}).out == v2);

  // After period 1 no partner institution had its quality system yet: R1 is behind.
  const Result early = run({"check", "LLI-317", "--as-of", "2018-09-01"});
  BOOST_TEST(early.status == 1);
  BOOST_TEST(contains(early.out, "LLI-317: 3 findings"), early.out);
  BOOST_TEST(contains(early.out, "indicator R1  indicator_behind  expected 1.76, actual 0.00"),
             early.out);
  const Result late = run({"check", "LLI-317", "--as-of", "2020-03-01", "--json"});
  BOOST_TEST(!contains(late.out, "indicator_behind"), late.out);
  const Result bad = run({"check", "LLI-317", "--as-of", "2018-02-30"});
  BOOST_TEST(bad.status == 2);
  BOOST_TEST(contains(bad.err, "--as-of needs a date YYYY-MM-DD, not \"2018-02-30\""), bad.err);
}

BOOST_AUTO_TEST_CASE(a_bundle_whose_sums_overflow_is_refused_with_their_pointers_and_not_stored) {
  std::string bundle = readFile(crossgrant::test::demoBundlePath());
  // The lead partner's first two budget lines, each valid, overflow when added.
  for (const std::string from : {"\"amount\": \"60000.00\"", "\"amount\": \"9000.00\""}) {
    const auto at = bundle.find(from);
    BOOST_REQUIRE(at != std::string::npos);
    bundle.replace(at, from.size(), "\"amount\": \"92233720368547758.07\"");
  }
  const Result result = run({"import", "-"}, bundle);
  BOOST_TEST(result.status == 2);
  BOOST_TEST(contains(result.err, "/partners/0/budget: "), result.err);
  BOOST_TEST(contains(result.err, "the largest amount crossgrant stores"), result.err);
  BOOST_TEST(contains(result.err, "nothing imported"), result.err);
  BOOST_TEST(run({"export", "LLI-317"}).status == 2);
  BOOST_TEST(!contains(run({"projects"}).out, "LLI-317"));
  BOOST_TEST(!contains(run({"programmes"}).out, "LV-LT-2014-2020"));
}

BOOST_AUTO_TEST_CASE(invalid_bundle_reports_every_error_with_its_pointer_and_stores_nothing) {
  std::string bundle = readFile(crossgrant::test::demoBundlePath());
  const auto replace = [&](const std::string& from, const std::string& to) {
    const auto at = bundle.find(from);
    BOOST_REQUIRE(at != std::string::npos);
    bundle.replace(at, from.size(), to);
  };
  replace("\"total\": \"120000.00\"", "\"total\": \"120 000,00\"");   // /partners/0/total
  replace("\"category\": \"travel\"", "\"category\": \"catering\"");  // /partners/0/budget/2
  replace("\"role\": \"partner\"", "\"role\": \"lead\"");             // a second lead
  const Result result = run({"import", "-"}, bundle);
  BOOST_TEST(result.status == 2);
  BOOST_TEST(contains(result.err, "/partners/0/total"), result.err);
  BOOST_TEST(contains(result.err, "/partners/0/budget/2/category"), result.err);
  BOOST_TEST(contains(result.err, "lead"), result.err);
  BOOST_TEST(contains(result.err, "nothing imported"));
  BOOST_TEST(run({"export", "LLI-317"}).status == 2);
  BOOST_TEST(!contains(run({"projects"}).out, "LLI-317"));
  BOOST_TEST(!contains(run({"programmes"}).out, "LV-LT-2014-2020"));

  const Result notJson = run({"import", "-"}, "{\"format\": ");
  BOOST_TEST(notJson.status == 2);
  BOOST_TEST(contains(notJson.err, "not JSON"));
}

BOOST_AUTO_TEST_CASE(existing_project_needs_replace) {
  BOOST_REQUIRE_EQUAL(importDemo().status, 0);
  const Result again = importDemo();
  BOOST_TEST(again.status == 2);
  BOOST_TEST(contains(again.err, "--replace"));
  const Result replaced = run({"import", "--replace", crossgrant::test::demoBundlePath()});
  BOOST_TEST(replaced.status == 0, replaced.err);
  BOOST_TEST(contains(replaced.out, "replaced LLI-317"));
  const Result projects = run({"projects"});
  BOOST_TEST(projects.status == 0);
  BOOST_TEST(contains(projects.out, "LLI-317"));
  BOOST_TEST(contains(projects.out, "SocQuality"));
  const Result programmes = run({"programmes"});
  BOOST_TEST(contains(programmes.out, "Interreg V-A Latvia–Lithuania"));
  BOOST_TEST(contains(programmes.out, "interreg-2014-2020"));
}

BOOST_AUTO_TEST_CASE(works_from_any_working_directory) {
  BOOST_REQUIRE_EQUAL(importDemo().status, 0);
  const Result fromRoot = run({"check", "LLI-317", "--json"}, "", "/");
  BOOST_TEST(fromRoot.status == 1, fromRoot.err);
  BOOST_TEST(contains(fromRoot.out, "project_fund_mismatch"));
}

BOOST_AUTO_TEST_CASE(legacy_currency_project_is_checked_in_its_currency) {
  std::string bundle = readFile(crossgrant::test::demoBundlePath());
  const auto at = bundle.find("\"currency\": \"EUR\"");
  BOOST_REQUIRE(at != std::string::npos);
  bundle.replace(at, 17, "\"currency\": \"LVL\"");
  BOOST_TEST(run({"import", "-"}, bundle).status == 0);
  const Result exported = run({"export", "LLI-317"});
  BOOST_TEST(contains(exported.out, "\"currency\": \"LVL\""));
  BOOST_TEST(run({"check", "LLI-317"}).status == 1);
}

BOOST_AUTO_TEST_CASE(serve_answers_health_and_stops_on_sigterm) {
  BOOST_REQUIRE_EQUAL(run({"migrate"}).status, 0);
  const pid_t pid = launch(io, databaseUrl, {"serve", "--port", "0"}, "", "");
  std::string out;
  for (int i = 0; i < 100 && !contains(out, "serving http://"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    out = readFile(io.file("stdout"));
  }
  BOOST_REQUIRE_MESSAGE(contains(out, "serving http://127.0.0.1:"),
                        out + readFile(io.file("stderr")));
  const auto portAt = out.find("127.0.0.1:") + 10;
  const int port = std::stoi(out.substr(portAt));
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/health");
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::istream& body = session.receiveResponse(response);
  std::string text(std::istreambuf_iterator<char>(body), {});
  BOOST_TEST(response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK);
  BOOST_TEST(contains(text, "\"status\""));
  ::kill(pid, SIGTERM);
  const Result stopped = collect(io, pid);
  BOOST_TEST(stopped.status == 0, stopped.err);
}

BOOST_AUTO_TEST_SUITE_END()

// The audit trail from the command line: changes are recorded as the operating-system user,
// `audit verify` exits 0 while the chain holds and 1 with the first break after tampering,
// and `audit export` writes one parseable JSON object per line.
namespace {

std::string operatingSystemUser() {
  const passwd* entry = ::getpwuid(::geteuid());
  return "os:" + std::string(entry != nullptr ? entry->pw_name : "?");
}

std::vector<crossgrant::core::Json> jsonLines(const std::string& text) {
  std::vector<crossgrant::core::Json> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    BOOST_REQUIRE_MESSAGE(end != std::string::npos, "the last line has no newline");
    lines.push_back(crossgrant::core::Json::parse(text.substr(start, end - start)));
    start = end + 1;
  }
  return lines;
}

struct AuditCli : Cli {
  /// Runs sql straight on the database, as someone with access to it could.
  void tamper(const std::string& sql) {
    const auto db = crossgrant::store::Database::open(databaseUrl);
    db->write([&](crossgrant::store::Connection& c) { c.execute(sql); });
  }
  /// The demo imported, then replaced: two entries.
  void importTwice() {
    BOOST_REQUIRE(importDemo().status == 0);
    const Result replaced = run({"import", "--replace", crossgrant::test::demoBundlePath()});
    BOOST_REQUIRE_MESSAGE(replaced.status == 0, replaced.err);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_audit, AuditCli)

BOOST_AUTO_TEST_CASE(audit_help_describes_verify_and_export) {
  const Result help = run({"audit", "--help"});
  BOOST_TEST(help.status == 0);
  for (const char* part : {"Usage: crossgrant audit", "verify", "export", "--project CODE",
                           "--from DATE", "--to DATE", "--output FILE"})
    BOOST_TEST(contains(help.out, part), part);
  BOOST_TEST(contains(run({"--help"}).out, "audit"));
}

BOOST_AUTO_TEST_CASE(verify_is_0_on_an_intact_trail_and_export_lines_parse) {
  BOOST_TEST(run({"migrate"}).status == 0);
  const Result empty = run({"audit", "verify"});
  BOOST_TEST(empty.status == 0, empty.err);
  BOOST_TEST(contains(empty.out, "audit trail intact: 0 entries in 1 chain checked"), empty.out);

  importTwice();
  const Result verified = run({"audit", "verify"});
  BOOST_TEST(verified.status == 0, verified.err);
  BOOST_TEST(contains(verified.out, "audit trail intact: 2 entries in 2 chains checked"),
             verified.out);

  const Result exported = run({"audit", "export"});
  BOOST_TEST(exported.status == 0, exported.err);
  const std::vector<crossgrant::core::Json> lines = jsonLines(exported.out);
  BOOST_REQUIRE(lines.size() == 2u);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const crossgrant::core::Json& entry = lines[i];
    BOOST_TEST(entry.find("sequence")->asInteger() == static_cast<std::int64_t>(i + 1));
    BOOST_TEST(entry.find("user")->asString() == operatingSystemUser());
    BOOST_TEST(entry.find("client")->asString() == "cli");
    BOOST_TEST(entry.find("action")->asString() == "import");
    BOOST_TEST(entry.find("project")->asString() == "LLI-317");
    BOOST_TEST(entry.find("hash")->asString().size() == 64u);
    BOOST_TEST(entry.find("chain")->asString().rfind("project:", 0) == 0u);
  }
  BOOST_TEST(lines[0].find("before")->isNull());
  BOOST_TEST(lines[1].find("before")->dump() == lines[0].find("after")->dump());
  BOOST_TEST(lines[1].find("previous_hash")->asString() == lines[0].find("hash")->asString());
  // Compact, one object per line, UTF-8 as is.
  BOOST_TEST(contains(exported.out, "Zemgales plānošanas reģions"));
  BOOST_TEST(!contains(exported.out, "\\u"));
  BOOST_TEST(!contains(exported.out, "\n "));

  BOOST_TEST(run({"audit", "export", "--project", "NO-SUCH"}).out.empty());
  const std::string today = lines[0].find("at")->asString().substr(0, 10);
  const std::string file = io.file("audit.jsonl");
  const Result toFile =
      run({"audit", "export", "--project", "LLI-317", "--from", today, "--to", today, "-o", file});
  BOOST_TEST(toFile.status == 0, toFile.err);
  BOOST_TEST(contains(toFile.err, "exported 2 entries to " + file));
  BOOST_TEST(readFile(file) == exported.out);
  BOOST_TEST(run({"audit", "export", "--to", "2000-01-01"}).out.empty());
  // An open end as far as dates go still includes everything.
  BOOST_TEST(run({"audit", "export", "--to", "9999-12-31"}).out == exported.out);
}

BOOST_AUTO_TEST_CASE(verify_is_1_after_an_entry_is_altered_in_the_database) {
  importTwice();
  tamper(
      "UPDATE audit_entries SET after_json = '{\"project\":{\"acronym\":\"forged\"}}' "
      "WHERE sequence = 1");
  const Result verified = run({"audit", "verify"});
  BOOST_TEST(verified.status == 1, verified.out << verified.err);
  BOOST_TEST(contains(verified.out, "audit trail broken at entry 1"), verified.out);
  BOOST_TEST(contains(verified.out, "altered"), verified.out);
}

BOOST_AUTO_TEST_CASE(verify_is_1_after_an_entry_is_removed_in_the_database) {
  importTwice();
  BOOST_REQUIRE(run({"import", "--replace", crossgrant::test::demoBundlePath()}).status == 0);
  tamper("DELETE FROM audit_entries WHERE sequence = 2");
  const Result verified = run({"audit", "verify"});
  BOOST_TEST(verified.status == 1, verified.out << verified.err);
  BOOST_TEST(contains(verified.out, "audit trail broken at entry 2 of chain project:"),
             verified.out);
  BOOST_TEST(contains(verified.out, "entry 2 of the chain of project LLI-317"), verified.out);
  BOOST_TEST(contains(verified.out, "is missing"), verified.out);
  BOOST_TEST(contains(verified.out, "1 entry before it checked and intact"), verified.out);
}

BOOST_AUTO_TEST_CASE(bad_audit_command_lines_exit_2) {
  BOOST_TEST(run({"migrate"}).status == 0);
  const Result unknown = run({"audit", "repair"});
  BOOST_TEST(unknown.status == 2);
  BOOST_TEST(contains(unknown.err, "expected verify, head or export"), unknown.err);
  const Result option = run({"audit", "verify", "--project", "LLI-317"});
  BOOST_TEST(option.status == 2);
  BOOST_TEST(contains(option.err, "audit verify takes no --project"), option.err);
  const Result date = run({"audit", "export", "--from", "2026-02-30"});
  BOOST_TEST(date.status == 2);
  BOOST_TEST(contains(date.err, "--from: expected a date YYYY-MM-DD"), date.err);
  BOOST_TEST(run({"audit"}).status == 2);
}

BOOST_AUTO_TEST_SUITE_END()
