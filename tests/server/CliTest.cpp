// Runs build/bin/crossgrant as a separate process against a fresh database of the targeted
// backend and checks what a user sees: exit statuses, output, and what is stored.
#define BOOST_TEST_MODULE cli
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "TestSupport.h"

namespace {

using crossgrant::test::readFile;
using crossgrant::test::TempDir;
using crossgrant::test::writeFile;

struct Result {
  int status = -1;
  std::string out;
  std::string err;
};

std::string executable() { return crossgrant::test::binaryDir() + "/bin/crossgrant"; }

// Starts the executable with stdout/stderr going to files of dir; returns the child's pid.
pid_t launch(const TempDir& dir, const std::string& databaseUrl,
             const std::vector<std::string>& args, const std::string& input,
             const std::string& workingDirectory) {
  writeFile(dir.file("stdin"), input);
  const pid_t pid = ::fork();
  if (pid == 0) {
    const auto redirect = [](const std::string& path, int fd, int flags) {
      const int file = ::open(path.c_str(), flags, 0644);
      if (file < 0 || ::dup2(file, fd) < 0) ::_exit(127);
      ::close(file);
    };
    redirect(dir.file("stdin"), 0, O_RDONLY);
    redirect(dir.file("stdout"), 1, O_WRONLY | O_CREAT | O_TRUNC);
    redirect(dir.file("stderr"), 2, O_WRONLY | O_CREAT | O_TRUNC);
    if (!workingDirectory.empty() && ::chdir(workingDirectory.c_str()) != 0) ::_exit(127);
    ::setenv("CROSSGRANT_DB", databaseUrl.c_str(), 1);
    ::unsetenv("CROSSGRANT_CONFIG");
    std::vector<char*> argv;
    std::string program = executable();
    argv.push_back(program.data());
    std::vector<std::string> copies = args;
    for (std::string& arg : copies) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(program.c_str(), argv.data());
    ::_exit(127);
  }
  BOOST_REQUIRE_MESSAGE(pid > 0, "fork failed");
  return pid;
}

Result collect(const TempDir& dir, pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  Result result;
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = readFile(dir.file("stdout"));
  result.err = readFile(dir.file("stderr"));
  return result;
}

// One fresh database per test; run() executes a command line against it.
struct Cli {
  TempDir dir;
  TempDir io;
  std::string databaseUrl = crossgrant::test::freshDatabaseUrl(dir);

  Result run(const std::vector<std::string>& args, const std::string& input = "",
             const std::string& workingDirectory = "") {
    return collect(io, launch(io, databaseUrl, args, input, workingDirectory));
  }
  Result importDemo() { return run({"import", crossgrant::test::demoBundlePath()}); }
};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

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
