#include <ostream>

#include "Commands.h"
#include "crossgrant/app/Caller.h"
#include "crossgrant/app/Context.h"
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

int execute(Invocation& inv) {
  const std::string& file = inv.positional.at(0);
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
    inv.err << file << ": " << e.errors().size() << " error" << (e.errors().size() == 1 ? "" : "s")
            << ", nothing imported:\n";
    for (const core::ValidationError& error : e.errors())
      inv.err << "  " << (error.pointer.empty() ? "(document)" : error.pointer) << ": "
              << error.message << "\n";
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
          "dropped partners were revoked).",
          [](Poco::Util::OptionSet& options) {
            options.addOption(flagOption("replace", "replace a project with the same code"));
          },
          execute};
}

}  // namespace crossgrant::cli
