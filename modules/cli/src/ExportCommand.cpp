#include <ostream>

#include "Commands.h"
#include "crossgrant/app/Caller.h"
#include "crossgrant/app/Context.h"
#include "crossgrant/app/grants/ProjectService.h"

namespace crossgrant::cli {
namespace {

int execute(Invocation& inv) {
  app::ProjectService service(inv.open(DatabaseUse::kRead), app::Caller::commandLine());
  const std::string text = service.exportBundle(inv.positional.at(0));
  if (!inv.has("output") || inv.option("output") == "-") {
    inv.out << text;
    return 0;
  }
  const std::string path = inv.option("output");
  writeFileAtomically(path, text);
  inv.err << "exported " << inv.positional.at(0) << " to " << path << "\n";
  return 0;
}

}  // namespace

Command exportCommand() {
  return {"export",
          "CODE",
          1,
          1,
          "write a project's bundle",
          "Writes the project's bundle in canonical form (stable key order, amounts as strings,\n"
          "UTF-8) to standard output, or with -o FILE to FILE (written whole or not at all).",
          [](Poco::Util::OptionSet& options) {
            options.addOption(
                valueOption("output", "o", "FILE", "write to FILE instead of standard output"));
          },
          execute};
}

}  // namespace crossgrant::cli
