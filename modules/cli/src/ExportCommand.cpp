#include <ostream>

#include "Commands.h"
#include "crossgrant/app/Caller.h"
#include "crossgrant/app/Context.h"
#include "crossgrant/app/grants/ProjectArchive.h"
#include "crossgrant/app/grants/ProjectService.h"

namespace crossgrant::cli {
namespace {

int writeArchive(Invocation& inv) {
  const std::string path = inv.option("archive");
  if (path.empty() || path == "-")
    throw UsageError("--archive names the file to write, e.g. --archive LLI-317.zip");
  if (inv.has("output")) throw UsageError("--archive and --output are one or the other");
  app::ProjectArchive archive(inv.open(DatabaseUse::kRead), app::Caller::commandLine());
  app::ArchiveContents contents;
  writeFileAtomically(
      path, [&](std::ostream& out) { contents = archive.write(inv.positional.at(0), out); });
  inv.err << "archived " << contents.projectCode << " with " << contents.files << " evidence file"
          << (contents.files == 1 ? "" : "s") << " (" << contents.fileBytes << " bytes) to " << path
          << "\n";
  return 0;
}

int execute(Invocation& inv) {
  if (inv.has("archive")) return writeArchive(inv);
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
          "UTF-8) to standard output, or with -o FILE to FILE (written whole or not at all).\n"
          "With --archive FILE.zip it writes the project's archive instead: the bundle and\n"
          "every evidence file, each checked against its SHA-256, with a manifest\n"
          "(docs/archive.md); `crossgrant import FILE.zip` restores it in another\n"
          "installation. The archive holds personal data where files do: keep it as such.",
          [](Poco::Util::OptionSet& options) {
            options.addOption(
                valueOption("output", "o", "FILE", "write to FILE instead of standard output"));
            options.addOption(valueOption("archive", "", "FILE.zip",
                                          "write the bundle and its evidence files as one ZIP"));
          },
          execute};
}

}  // namespace crossgrant::cli
