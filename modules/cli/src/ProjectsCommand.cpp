#include "Commands.h"
#include "crossgrant/app/Caller.h"
#include "crossgrant/app/Context.h"
#include "crossgrant/app/grants/ProjectService.h"

namespace crossgrant::cli {
namespace {

int execute(Invocation& inv) {
  app::ProjectService service(inv.open(DatabaseUse::kRead), app::Caller::commandLine());
  std::vector<std::vector<std::string>> rows = {
      {"CODE", "PROGRAMME", "ACRONYM", "START", "END", "CURRENCY"}};
  for (const core::Project& p : service.projects(inv.option("programme")))
    rows.push_back(
        {p.code, p.programmeCode, p.acronym, p.start.toString(), p.end.toString(), p.currency});
  printTable(inv.out, rows);
  return 0;
}

}  // namespace

Command projectsCommand() {
  return {"projects",
          "",
          0,
          0,
          "list projects",
          "Lists the projects in the database.",
          [](Poco::Util::OptionSet& options) {
            options.addOption(
                valueOption("programme", "", "CODE", "only the projects of this programme"));
          },
          execute};
}

}  // namespace crossgrant::cli
