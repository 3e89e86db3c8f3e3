// evidence list|add|get: the evidence files of activities and events (app/workplan/
// EvidenceService.h), for who adds a season's attendance lists by script or takes one out.
#include <ostream>

#include "Commands.h"
#include "crossgrant/app/Caller.h"
#include "crossgrant/app/Context.h"
#include "crossgrant/app/workplan/EvidenceService.h"

namespace crossgrant::cli {
namespace {

std::string yesNo(bool value) { return value ? "yes" : "no"; }

void requireArguments(const Invocation& inv, std::size_t count, const char* usage) {
  if (inv.positional.size() != count) throw UsageError(std::string("usage: crossgrant ") + usage);
}

int list(Invocation& inv) {
  requireArguments(inv, 2, "evidence list CODE");
  app::EvidenceService evidence(inv.open(DatabaseUse::kRead), app::Caller::commandLine());
  const std::vector<app::EvidenceEntry> entries = evidence.list(inv.positional.at(1));
  if (inv.has("json")) {
    core::Json files = core::Json::array();
    for (const app::EvidenceEntry& entry : entries)
      files.push(app::evidenceRecord(entry.file).set("object_exists", entry.objectExists));
    inv.out << core::Json::object().set("files", std::move(files)).dump() << "\n";
    return 0;
  }
  if (entries.empty()) {
    inv.out << "no evidence files in " << inv.positional.at(1) << "\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows = {
      {"ID", "OBJECT", "PARTNER", "FILE", "BYTES", "PERSONAL", "SHARED", "UPLOADED", "SHA-256"}};
  for (const app::EvidenceEntry& entry : entries) {
    const store::EvidenceFile& f = entry.file;
    rows.push_back({std::to_string(f.id),
                    f.objectKind + " " + f.objectCode + (entry.objectExists ? "" : " (deleted)"),
                    f.partner, f.fileName, std::to_string(f.size), yesNo(f.personalData),
                    yesNo(f.shared), f.uploadedAt.substr(0, 10) + " " + f.uploadedBy, f.sha256});
  }
  printTable(inv.out, rows);
  return 0;
}

int add(Invocation& inv) {
  requireArguments(inv, 5, "evidence add CODE activity|event OBJECT FILE");
  const std::string& kind = inv.positional.at(2);
  if (kind != "activity" && kind != "event")
    throw UsageError("the object is an activity or an event, not \"" + kind + "\"");
  const std::string& file = inv.positional.at(4);
  if (file == "-") throw UsageError("evidence add reads a file: its name is the file's name");
  const std::string bytes = readInput(file, inv.in);
  const auto slash = file.find_last_of('/');
  const std::string name =
      inv.option("name", slash == std::string::npos ? file : file.substr(slash + 1));
  app::EvidenceService evidence(inv.open(DatabaseUse::kWrite), app::Caller::commandLine());
  const store::EvidenceFile stored = evidence.upload(
      inv.positional.at(1), kind, inv.positional.at(3), bytes, name, inv.has("personal-data"));
  inv.out << "added " << stored.fileName << " (" << stored.contentType << ", " << stored.size
          << " bytes, SHA-256 " << stored.sha256 << ") to " << kind << " " << inv.positional.at(3)
          << " as evidence file " << stored.id << (stored.personalData ? ", personal data" : "")
          << "\n";
  return 0;
}

int get(Invocation& inv) {
  requireArguments(inv, 3, "evidence get CODE ID -o FILE");
  std::int64_t id = 0;
  try {
    std::size_t used = 0;
    id = std::stoll(inv.positional.at(2), &used);
    if (used != inv.positional.at(2).size() || id < 1) throw std::invalid_argument("id");
  } catch (const std::logic_error&) {
    throw UsageError("ID is the number `evidence list` shows, not \"" + inv.positional.at(2) +
                     "\"");
  }
  const std::string output = inv.option("output");
  if (output.empty() || output == "-")
    throw UsageError("evidence get writes the file named by -o FILE");
  app::EvidenceService evidence(inv.open(DatabaseUse::kRead), app::Caller::commandLine());
  const app::EvidenceDownload download = evidence.download(inv.positional.at(1), id);
  writeFileAtomically(output, download.bytes);
  inv.err << "wrote " << download.file.fileName << " (" << download.file.size
          << " bytes, SHA-256 checked) to " << output << "\n";
  return 0;
}

int execute(Invocation& inv) {
  const std::string& action = inv.positional.at(0);
  if (action == "list") return list(inv);
  if (action == "add") return add(inv);
  if (action == "get") return get(inv);
  throw UsageError("unknown evidence command \"" + action + "\": expected list, add or get");
}

}  // namespace

Command evidenceCommand() {
  return {"evidence",
          "list CODE | add CODE activity|event OBJECT FILE | get CODE ID",
          2,
          5,
          "list, add or take out evidence files",
          "Evidence files are attendance lists, agendas, photos and minutes of a project's\n"
          "activities and events: PDF, JPEG, PNG, or ODF and OOXML documents, checked against\n"
          "their bytes, at most files.max_mib (20 MiB by default).\n"
          "evidence list CODE prints the project's files (--json: as the API lists them),\n"
          "those of deleted activities and events included.\n"
          "evidence add CODE activity|event OBJECT FILE adds FILE to the object; --name sets\n"
          "the name it is downloaded as, --personal-data marks it as holding personal data\n"
          "(then only the partner, its controller and the lead download it).\n"
          "evidence get CODE ID -o FILE writes one file, checked against its SHA-256.\n"
          "Each addition and each download of a personal-data file is an audit entry.",
          [](Poco::Util::OptionSet& options) {
            options.addOption(flagOption("json", "list: print JSON"));
            options.addOption(valueOption("name", "", "NAME", "add: the file's name"));
            options.addOption(flagOption("personal-data", "add: the file holds personal data"));
            options.addOption(valueOption("output", "o", "FILE", "get: write the file to FILE"));
          },
          execute};
}

}  // namespace crossgrant::cli
