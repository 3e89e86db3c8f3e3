#include <ostream>

#include "Commands.h"
#include "crossgrant/app/Caller.h"
#include "crossgrant/app/Context.h"
#include "crossgrant/app/grants/ProjectService.h"
#include "crossgrant/core/Findings.h"

namespace crossgrant::cli {
namespace {

// A finding about amounts is at its partner (or the project); one about an object at the
// object, its partner after it where there is one.
void printFinding(std::ostream& out, const core::Finding& f) {
  if (f.aboutAmounts()) {
    out << (f.partner ? *f.partner : std::string("project")) << "  " << f.code << "  expected "
        << f.expected.toString() << ", actual " << f.actual.toString() << ", difference "
        << f.difference().toString() << "  " << f.message << "\n";
    return;
  }
  out << f.object << " " << f.key << (f.partner ? " (" + *f.partner + ")" : std::string()) << "  "
      << f.code << "  expected " << f.expectedText << ", actual " << f.actualText << "  "
      << f.message << "\n";
}

std::optional<core::Date> asOfOption(const Invocation& inv) {
  if (!inv.has("as-of")) return std::nullopt;
  const std::string text = inv.option("as-of");
  const std::optional<core::Date> date = core::Date::parse(text);
  if (!date) throw UsageError("--as-of needs a date YYYY-MM-DD, not \"" + text + "\"");
  return date;
}

int execute(Invocation& inv) {
  app::ProjectService service(inv.open(DatabaseUse::kRead), app::Caller::commandLine());
  const std::string& code = inv.positional.at(0);
  const std::vector<core::Finding> findings = service.findings(code, asOfOption(inv));
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
      "flat rates, project totals) and, for a project with a work plan, activities outside\n"
      "their plan, events outside their activity and indicators behind their target at the\n"
      "latest period ended by --as-of. Exit status 0: no findings; 1: findings; 2: error.",
      [](Poco::Util::OptionSet& options) {
        options.addOption(flagOption("json", "print {\"project\", \"findings\": [...]} as JSON"));
        options.addOption(valueOption("as-of", "", "DATE",
                                      "judge indicators at DATE, YYYY-MM-DD (default: today)"));
      },
      execute};
}

}  // namespace crossgrant::cli
