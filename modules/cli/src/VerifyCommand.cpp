#include <ostream>

#include "Commands.h"
#include "crossgrant/app/Caller.h"
#include "crossgrant/app/Context.h"
#include "crossgrant/app/reporting/ReportService.h"

namespace crossgrant::cli {
namespace {

int execute(Invocation& inv) {
  const std::string& file = inv.positional.at(0);
  const std::string bytes = readInput(file, inv.in);
  app::ReportService service(inv.open(DatabaseUse::kRead), app::Caller::commandLine().actor);
  if (const auto report = service.verify(bytes)) {
    inv.out << file << ": " << app::describeSubmitted(*report) << "\n";
    return 0;
  }
  inv.out << file << ": not a submitted report\n";
  return 1;
}

}  // namespace

Command verifyCommand() {
  return {"verify",
          "FILE",
          1,
          1,
          "say whether a PDF is a submitted report",
          "Compares FILE byte for byte with the submitted reports. Exit status 0 and \"identical "
          "to\nsubmitted report N (...)\" when it is one; 1 and \"not a submitted report\" when "
          "not;\n2: error.",
          nullptr,
          execute};
}

}  // namespace crossgrant::cli
