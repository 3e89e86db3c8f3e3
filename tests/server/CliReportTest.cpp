// `crossgrant report` and `crossgrant verify` on the real executable: drafts, submission that
// freezes a report, verification of the written files, and clear errors that write nothing.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>

#include "CliFixture.h"
#include "crossgrant/core/AuditChain.h"

using crossgrant::test::Cli;
using crossgrant::test::CliResult;
using crossgrant::test::contains;
using crossgrant::test::readFile;
using crossgrant::test::writeFile;

BOOST_FIXTURE_TEST_SUITE(cli_report, Cli)

BOOST_AUTO_TEST_CASE(report_and_verify_have_help) {
  const CliResult help = run({"--help"});
  BOOST_TEST(contains(help.out, "report"));
  BOOST_TEST(contains(help.out, "verify"));
  const CliResult report = run({"report", "--help"});
  BOOST_TEST(report.status == 0);
  for (const char* option : {"--kind KIND", "--lang LANG", "--period N", "--partner CODE",
                             "--from DATE", "--to DATE", "--submit", "--output FILE"})
    BOOST_TEST(contains(report.out, option), option);
  const CliResult verify = run({"verify", "--help"});
  BOOST_TEST(verify.status == 0);
  BOOST_TEST(contains(verify.out, "Usage: crossgrant verify"));
}

BOOST_AUTO_TEST_CASE(a_submitted_report_verifies_and_a_draft_does_not) {
  BOOST_REQUIRE_EQUAL(importDemo().status, 0);
  const std::string submittedFile = io.file("pp6-lt.pdf");
  const CliResult submitted =
      run({"report", "LLI-317", "--kind", "partner", "--period", "2", "--partner", "PP6", "--lang",
           "lt", "-o", submittedFile, "--submit"});
  BOOST_TEST_REQUIRE(submitted.status == 0, submitted.err);
  BOOST_TEST(contains(submitted.out, "submitted report 1 "));
  const std::string bytes = readFile(submittedFile);
  BOOST_TEST(bytes.rfind("%PDF-", 0) == 0u);
  BOOST_TEST(contains(submitted.out, "sha256 " + crossgrant::core::sha256Hex(bytes)));

  const CliResult verified = run({"verify", submittedFile});
  BOOST_TEST(verified.status == 0, verified.err);
  BOOST_TEST(contains(verified.out,
                      "identical to submitted report 1 (LLI-317, partner, period 2, "
                      "PP6, lt, submitted at "));
  BOOST_TEST(contains(verified.out, " by os:"));

  const std::string draftFile = io.file("pp6-lt-draft.pdf");
  const CliResult draft = run({"report", "LLI-317", "--kind", "partner", "--period", "2",
                               "--partner", "PP6", "--lang", "lt", "-o", draftFile});
  BOOST_TEST_REQUIRE(draft.status == 0, draft.err);
  BOOST_TEST(contains(draft.out, "wrote draft"));
  const CliResult draftVerified = run({"verify", draftFile});
  BOOST_TEST(draftVerified.status == 1);
  BOOST_TEST(contains(draftVerified.out, "not a submitted report"));

  std::string changed = bytes;
  changed.back() = static_cast<char>(changed.back() ^ 0x20);
  writeFile(io.file("changed.pdf"), changed);
  BOOST_TEST(run({"verify", io.file("changed.pdf")}).status == 1);

  // Submission and the written download are in the audit trail.
  const CliResult audit = run({"audit", "export", "--project", "LLI-317"});
  BOOST_TEST(audit.status == 0);
  BOOST_TEST(
      contains(audit.out, "\"action\":\"submit\",\"object_type\":\"report\",\"object_key\":\"1\""));
  BOOST_TEST(contains(audit.out, "\"action\":\"download\",\"object_type\":\"report\""));
}

BOOST_AUTO_TEST_CASE(every_kind_renders_in_every_language) {
  BOOST_REQUIRE_EQUAL(importDemo().status, 0);
  for (const char* language : {"en", "lv", "lt"}) {
    for (const std::vector<std::string>& kind :
         {std::vector<std::string>{"--kind", "financial"},
          std::vector<std::string>{"--kind", "project", "--period", "4"},
          std::vector<std::string>{"--kind", "partner", "--period", "1", "--partner", "LP"},
          std::vector<std::string>{"--kind", "audit", "--from", "2020-01-01", "--to",
                                   "2099-12-31"}}) {
      std::vector<std::string> args{"report", "LLI-317", "--lang",
                                    language, "-o",      io.file("r.pdf")};
      args.insert(args.end(), kind.begin(), kind.end());
      const CliResult result = run(args);
      BOOST_TEST(result.status == 0, kind[1] << " " << language << ": " << result.err);
      BOOST_TEST(readFile(io.file("r.pdf")).rfind("%PDF-", 0) == 0u);
    }
  }
}

BOOST_AUTO_TEST_CASE(bad_report_command_lines_exit_2_and_write_nothing) {
  BOOST_REQUIRE_EQUAL(importDemo().status, 0);
  const std::string out = io.file("never.pdf");
  const auto refused = [&](std::vector<std::string> args, const std::string& message) {
    args.insert(args.begin(), {"report", "LLI-317"});
    const CliResult result = run(args);
    BOOST_TEST(result.status == 2, message);
    BOOST_TEST(contains(result.err, message), result.err);
    BOOST_TEST(!std::filesystem::exists(out), message);
  };
  refused({"--kind", "weekly", "--lang", "en", "-o", out}, "unknown --kind \"weekly\"");
  refused({"--lang", "en", "-o", out}, "--kind is required");
  refused({"--kind", "financial", "--lang", "de", "-o", out}, "unknown --lang \"de\"");
  refused({"--kind", "financial", "--lang", "en"}, "-o FILE is required");
  refused({"--kind", "partner", "--period", "2", "--lang", "en", "-o", out},
          "--partner: a partner report needs the partner's code");
  refused({"--kind", "partner", "--period", "2", "--partner", "PP9", "--lang", "en", "-o", out},
          "has no partner \"PP9\"");
  refused({"--kind", "project", "--period", "7", "--lang", "en", "-o", out},
          "--period: period 7 is out of range: LLI-317 has periods 1 to 4");
  refused({"--kind", "project", "--period", "two", "--lang", "en", "-o", out},
          "--period needs a period number");
  refused({"--kind", "financial", "--period", "1", "--lang", "en", "-o", out},
          "--period: a financial report is not for a period");
  refused({"--kind", "audit", "--from", "2026-02-30", "--lang", "en", "-o", out},
          "--from needs a date YYYY-MM-DD");
  const CliResult missing =
      run({"report", "NOPE", "--kind", "financial", "--lang", "en", "-o", out, "--submit"});
  BOOST_TEST(missing.status == 2);
  BOOST_TEST(contains(missing.err, "project \"NOPE\" does not exist"));
  BOOST_TEST(!std::filesystem::exists(out));
  const CliResult noFile = run({"verify", io.file("nothing.pdf")});
  BOOST_TEST(noFile.status == 2);
  BOOST_TEST(contains(noFile.err, "cannot read"));
}

BOOST_AUTO_TEST_SUITE_END()
