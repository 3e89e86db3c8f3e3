#include <fstream>
#include <ostream>

#include "Commands.h"
#include "crossgrant/app/Caller.h"
#include "crossgrant/app/Context.h"
#include "crossgrant/app/grants/ProjectArchive.h"
#include "crossgrant/app/grants/ProjectService.h"
#include "crossgrant/core/Errors.h"

namespace crossgrant::cli {
namespace {

void printRevoked(std::ostream& out, const std::vector<app::RevokedGrant>& revoked) {
  for (const app::RevokedGrant& held : revoked) {
    out << "revoked " << core::toString(held.grant.role) << " of " << held.userName;
    if (!held.grant.partner.empty()) out << " for partner " << held.grant.partner;
    out << " (the partner is no longer in the project)\n";
  }
}

void printErrors(std::ostream& err, const std::string& file, const core::InvalidInput& e) {
  err << file << ": " << e.errors().size() << " error" << (e.errors().size() == 1 ? "" : "s")
      << ", nothing imported:\n";
  for (const core::ValidationError& error : e.errors())
    err << "  " << (error.pointer.empty() ? "(document)" : error.pointer) << ": " << error.message
        << "\n";
}

/// Whether the file is a ZIP: a project archive, read from the file (it may be large) rather
/// than into memory.
bool isArchive(const std::string& file) {
  if (file == "-") return false;
  std::ifstream in(file, std::ios::binary);
  char start[4] = {};
  in.read(start, sizeof start);
  return app::looksLikeArchive(std::string_view(start, static_cast<std::size_t>(in.gcount())));
}

int restoreArchive(Invocation& inv, const std::string& file) {
  if (inv.has("replace"))
    throw UsageError(
        "an archive restores a project that is not in this installation; "
        "--replace is for bundles");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw UsageError("cannot read " + file);
  app::ProjectArchive archive(inv.open(DatabaseUse::kWrite), app::Caller::commandLine());
  try {
    const app::ArchiveImport restored = archive.restore(in);
    const app::ImportResult& result = restored.bundle;
    inv.out << "imported " << result.projectCode << " from the archive " << file << " with "
            << restored.contents.files << " evidence file"
            << (restored.contents.files == 1 ? "" : "s") << " (" << restored.contents.fileBytes
            << " bytes, each SHA-256 checked); " << result.findings.size() << " finding"
            << (result.findings.size() == 1 ? "" : "s") << "\n";
    return 0;
  } catch (const core::InvalidInput& e) {
    printErrors(inv.err, file, e);
    return 2;
  } catch (const core::Conflict& e) {
    inv.err << file << ": " << e.what() << "; nothing imported\n";
    return 2;
  }
}

int execute(Invocation& inv) {
  const std::string& file = inv.positional.at(0);
  if (isArchive(file)) return restoreArchive(inv, file);
  const std::string text = readInput(file, inv.in);
  app::ProjectService service(inv.open(DatabaseUse::kWrite), app::Caller::commandLine());
  try {
    const core::Bundle bundle = service.readBundle(text);
    const app::ImportResult result = service.importBundle(bundle, inv.has("replace"));
    inv.out << (result.replaced ? "replaced " : "imported ") << result.projectCode;
    if (result.replaced)
      inv.out << " (project version " << result.previousVersion << " → " << result.version
              << "; partners " << result.previousPartners << " → " << result.partners << ")";
    inv.out << " from " << file << "; " << result.findings.size() << " finding"
            << (result.findings.size() == 1 ? "" : "s");
    if (!result.findings.empty())
      inv.out << " (see: crossgrant check " << result.projectCode << ")";
    inv.out << "\n";
    printRevoked(inv.out, result.revoked);
    return 0;
  } catch (const core::InvalidInput& e) {
    printErrors(inv.err, file, e);
    return 2;
  } catch (const core::Conflict& e) {
    inv.err << file << ": " << e.what() << "; nothing imported (use --replace to replace it)\n";
    return 2;
  }
}

}  // namespace

Command importCommand() {
  return {"import",
          "FILE",
          1,
          1,
          "import a project bundle",
          "Reads a project bundle (FILE may be - for standard input), validates it and stores\n"
          "it in one transaction. The format is docs/bundle-v1.md in the repository. Any error:\n"
          "every error is printed with its JSON Pointer, nothing is stored, exit status 2. A\n"
          "project whose code exists is refused unless --replace, which overwrites it as it is\n"
          "stored now (edits made since your copy are lost; the output says which grants of\n"
          "dropped partners were revoked).\n"
          "FILE may also be a project archive (`crossgrant export CODE --archive FILE.zip`):\n"
          "the project is restored with every evidence file, each checked against the SHA-256\n"
          "its manifest names, into an installation that does not have it.",
          [](Poco::Util::OptionSet& options) {
            options.addOption(flagOption("replace", "replace a project with the same code"));
          },
          execute};
}

}  // namespace crossgrant::cli
