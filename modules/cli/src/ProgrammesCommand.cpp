#include "Commands.h"
#include "crossgrant/app/Caller.h"
#include "crossgrant/app/Context.h"
#include "crossgrant/app/grants/ProjectService.h"

namespace crossgrant::cli {
namespace {

int execute(Invocation& inv) {
  app::ProjectService service(inv.open(DatabaseUse::kRead), app::Caller::commandLine());
  std::vector<std::vector<std::string>> rows = {{"CODE", "RULES", "FUND", "NAME"}};
  for (const core::Programme& p : service.programmes())
    rows.push_back({p.code, p.rules, p.fund, p.name});
  printTable(inv.out, rows);
  return 0;
}

}  // namespace

Command programmesCommand() {
  return {"programmes", "",     0, 0, "list programmes", "Lists the programmes in the database.",
          nullptr,      execute};
}

}  // namespace crossgrant::cli
