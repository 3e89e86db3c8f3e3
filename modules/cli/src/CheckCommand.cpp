#include <ostream>

#include "Commands.h"
#include "crossgrant/app/Caller.h"
#include "crossgrant/app/Context.h"
#include "crossgrant/app/grants/ProjectService.h"
#include "crossgrant/core/Findings.h"

namespace crossgrant::cli {
namespace {

void printFinding(std::ostream& out, const core::Finding& f) {
  out << (f.partner ? *f.partner : std::string("project")) << "  " << f.code << "  expected "
      << f.expected.toString() << ", actual " << f.actual.toString() << ", difference "
      << f.difference().toString() << "  " << f.message << "\n";
}

int execute(Invocation& inv) {
  app::ProjectService service(inv.open(DatabaseUse::kRead), app::Caller::commandLine());
  const std::string& code = inv.positional.at(0);
  const std::vector<core::Finding> findings = service.findings(code);
  if (inv.has("json")) {
    inv.out << core::findingsToJson(code, findings).dump(true);
  } else if (findings.empty()) {
    inv.out << code << ": no findings\n";
  } else {
    inv.out << code << ": " << findings.size() << " finding" << (findings.size() == 1 ? "" : "s")
            << "\n";
    for (const core::Finding& finding : findings) printFinding(inv.out, finding);
  }
  return findings.empty() ? 0 : 1;
}

}  // namespace

Command checkCommand() {
  return {
      "check",
      "CODE",
      1,
      1,
      "list a project's findings",
      "Lists the figures of a project that do not reconcile (budget, co-financing, fund rate,\n"
      "flat rates, project totals). Exit status 0: no findings; 1: findings; 2: error.",
      [](Poco::Util::OptionSet& options) {
        options.addOption(flagOption("json", "print {\"project\", \"findings\": [...]} as JSON"));
      },
      execute};
}

}  // namespace crossgrant::cli
