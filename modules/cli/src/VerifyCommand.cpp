#include <ostream>

#include "Commands.h"
#include "crossgrant/app/Caller.h"
#include "crossgrant/app/Context.h"
#include "crossgrant/app/reporting/ReportService.h"
#include "crossgrant/reports/Provenance.h"

namespace crossgrant::cli {
namespace {

int execute(Invocation& inv) {
  const std::string& file = inv.positional.at(0);
  const std::string bytes = readInput(file, inv.in);
  app::ReportService service(inv.open(DatabaseUse::kRead), app::Caller::commandLine().actor);
  const auto report = service.verify(bytes);
  const reports::ContentCheck content = reports::checkContent(bytes);
  inv.out << file << ": "
          << (report ? app::describeSubmitted(*report) : app::describeNotSubmitted(bytes, content))
          << "\n"
          << file << ": " << content.message << "\n";
  return report ? 0 : 1;
}

}  // namespace

Command verifyCommand() {
  return {
      "verify",
      "FILE",
      1,
      1,
      "check a PDF against the submitted reports and its own metadata",
      "Makes two checks and prints a line for each.\n"
      "Whole file: compares FILE byte for byte with the submitted reports: \"identical to\n"
      "submitted report N (project, kind, ..., submitted at TIME by USER, rules FINGERPRINT)\"\n"
      "or \"not a submitted report: ...\" with the file's SHA-256.\n"
      "Content: a submitted report is written in two revisions, since a file cannot contain\n"
      "its own hash. Revision 1 is the pages, ending with the Submission page; revision 2,\n"
      "an incremental update appended after it, adds to the metadata the SHA-256 and the\n"
      "length of revision 1 (CrossgrantContentSHA256, CrossgrantContentLength). The check\n"
      "hashes the first CrossgrantContentLength bytes, as `head -c N FILE | sha256sum` does\n"
      "without crossgrant: \"revision 1 (N bytes) has SHA-256 X, as its metadata says\", or\n"
      "that it differs (its pages were changed after submission), or that the metadata\n"
      "names none (a draft, or another PDF). Bytes changed or appended after revision 1\n"
      "fail only the whole-file check.\n"
      "Exit status 0 when FILE is identical to a submitted report; 1 when not; 2: error.",
      nullptr,
      execute};
}

}  // namespace crossgrant::cli
