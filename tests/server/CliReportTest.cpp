// `crossgrant report` and `crossgrant verify` on the real executable: drafts, submission that
// freezes a report, verification of the written files, and clear errors that write nothing.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "CliFixture.h"
#include "PdfTools.h"
#include "crossgrant/core/AuditChain.h"

using crossgrant::test::Cli;
using crossgrant::test::CliResult;
using crossgrant::test::contains;
using crossgrant::test::PdfFile;
using crossgrant::test::readFile;
using crossgrant::test::ToolRun;
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

// A submitted report's last page names who submitted it, when, and the rules; `verify` makes
// both checks: the whole file against the store, revision 1 against its own metadata.
BOOST_AUTO_TEST_CASE(verify_explains_the_whole_file_and_the_content_check) {
  BOOST_REQUIRE_EQUAL(importDemo().status, 0);
  const std::string file = io.file("financial-en.pdf");
  const CliResult submitted =
      run({"report", "LLI-317", "--kind", "financial", "--lang", "en", "-o", file, "--submit"});
  BOOST_TEST_REQUIRE(submitted.status == 0, submitted.err);
  const std::string bytes = readFile(file);
  // Revision 1 ends at the first %%EOF; the update after it is small.
  const std::size_t revision1 = bytes.find("%%EOF\n") + 6;
  BOOST_TEST_REQUIRE(revision1 < bytes.size());
  BOOST_TEST(bytes.size() - revision1 < 1024u);
  const std::string contentSha = crossgrant::core::sha256Hex(bytes.substr(0, revision1));

  // The last page, as pdftotext reads it.
  const PdfFile pdf(bytes);
  const std::vector<std::string> pages = pdf.pages();
  BOOST_TEST_REQUIRE(!pages.empty());
  const std::string& last = pages.back();
  BOOST_TEST(contains(last, "Submission"));
  BOOST_TEST(contains(last, "Submitted by"));
  BOOST_TEST(contains(last, "os:"));
  BOOST_TEST(contains(last, " UTC ("));
  BOOST_TEST(contains(last, "Programme rules fingerprint: "));
  const ToolRun info = pdf.run("pdfinfo", {"-custom"});
  BOOST_TEST(contains(info.out, "CrossgrantContentSHA256:" + contentSha), info.out);
  BOOST_TEST(contains(info.out, "CrossgrantContentLength:" + std::to_string(revision1)));

  const std::string intact = "revision 1 (" + std::to_string(revision1) + " bytes) has SHA-256 " +
                             contentSha + ", as its metadata says";
  const CliResult verified = run({"verify", file});
  BOOST_TEST(verified.status == 0, verified.err);
  BOOST_TEST(contains(verified.out, file + ": identical to submitted report 1 (LLI-317, "
                                           "financial, en, submitted at "),
             verified.out);
  BOOST_TEST(contains(verified.out, ", rules "));
  BOOST_TEST(contains(verified.out, file + ": " + intact + "\n"), verified.out);

  // One byte changed inside revision 1: neither check passes, and the content check says so.
  std::string changed = bytes;
  changed[revision1 / 2] = static_cast<char>(changed[revision1 / 2] ^ 0x01);
  writeFile(io.file("changed.pdf"), changed);
  const CliResult changedVerified = run({"verify", io.file("changed.pdf")});
  BOOST_TEST(changedVerified.status == 1);
  BOOST_TEST(contains(changedVerified.out,
                      "not a submitted report: no report submitted here has "
                      "exactly these bytes (SHA-256 " +
                          crossgrant::core::sha256Hex(changed) + ")\n"),
             changedVerified.out);
  BOOST_TEST(contains(changedVerified.out,
                      "revision 1 (" + std::to_string(revision1) + " bytes) has SHA-256 " +
                          crossgrant::core::sha256Hex(changed.substr(0, revision1)) + ", not " +
                          contentSha +
                          " as its metadata says: its pages were changed "
                          "after submission"),
             changedVerified.out);

  // Bytes appended after it: the whole file differs, revision 1 is intact.
  writeFile(io.file("appended.pdf"), bytes + "% appended\n");
  const CliResult appended = run({"verify", io.file("appended.pdf")});
  BOOST_TEST(appended.status == 1);
  BOOST_TEST(contains(appended.out, "not a submitted report"));
  BOOST_TEST(contains(appended.out, "revision 1 is intact"));
  BOOST_TEST(contains(appended.out, intact), appended.out);

  // A draft names no hash: there is no content to check.
  const std::string draft = io.file("draft.pdf");
  BOOST_TEST_REQUIRE(
      run({"report", "LLI-317", "--kind", "financial", "--lang", "en", "-o", draft}).status == 0);
  const CliResult draftVerified = run({"verify", draft});
  BOOST_TEST(draftVerified.status == 1);
  BOOST_TEST(contains(draftVerified.out, "its metadata names no content SHA-256"),
             draftVerified.out);
  BOOST_TEST(!contains(PdfFile(readFile(draft)).pages().back(), "Submitted by"));

  const CliResult help = run({"verify", "--help"});
  BOOST_TEST(contains(help.out, "head -c N FILE | sha256sum"));
}

BOOST_AUTO_TEST_SUITE_END()
