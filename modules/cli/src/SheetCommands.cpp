// template, export-sheet and import-sheet: the activities and events sheets of
// docs/spreadsheets.md (app/workplan/PlanSheets.h).
#include <ostream>

#include "Commands.h"
#include "crossgrant/app/Caller.h"
#include "crossgrant/app/Context.h"
#include "crossgrant/app/grants/ProjectService.h"
#include "crossgrant/app/workplan/PlanSheets.h"
#include "crossgrant/core/Errors.h"

namespace crossgrant::cli {
namespace {

app::SheetKind kindOf(const std::string& text) {
  const auto kind = app::parseSheetKind(text);
  if (!kind) throw UsageError("KIND is activities or events, not \"" + text + "\"");
  return *kind;
}

std::string languageOf(const Invocation& inv) {
  const std::string lang = inv.option("lang", "en");
  if (lang != "lv" && lang != "lt" && lang != "en")
    throw UsageError("--lang is lv, lt or en, not \"" + lang + "\"");
  return lang;
}

/// --format, else the file name's extension, else CSV.
app::SheetFormat formatOf(const Invocation& inv, const std::string& file) {
  std::string format = inv.option("format");
  if (format.empty() && file.size() > 5 && file.substr(file.size() - 5) == ".xlsx") format = "xlsx";
  if (format.empty() || format == "csv") return app::SheetFormat::kCsv;
  if (format == "xlsx") return app::SheetFormat::kXlsx;
  throw UsageError("--format is csv or xlsx, not \"" + format + "\"");
}

std::string projectOf(const Invocation& inv) {
  if (!inv.has("project")) throw UsageError("--project CODE is required");
  return inv.option("project");
}

void write(Invocation& inv, const std::string& bytes, const std::string& what) {
  if (!inv.has("output") || inv.option("output") == "-") {
    inv.out << bytes;
    return;
  }
  writeFileAtomically(inv.option("output"), bytes);
  inv.err << "wrote " << what << " to " << inv.option("output") << "\n";
}

int runTemplate(Invocation& inv) {
  const app::SheetKind kind = kindOf(inv.positional.at(0));
  app::Context& context = inv.open(DatabaseUse::kRead);
  std::string rulesKey = inv.option("rules", "interreg-2021-2027");
  if (inv.has("project")) {
    app::ProjectService projects(context, app::Caller::commandLine());
    rulesKey = projects.projectRules(inv.option("project")).key;
  }
  const std::string output = inv.option("output");
  write(inv,
        app::sheetTemplate(kind, context.rules(rulesKey), languageOf(inv), formatOf(inv, output)),
        "the " + inv.positional.at(0) + " template");
  return 0;
}

int runExport(Invocation& inv) {
  const app::SheetKind kind = kindOf(inv.positional.at(0));
  app::PlanSheets sheets(inv.open(DatabaseUse::kRead), app::Caller::commandLine());
  write(inv,
        sheets.exportSheet(projectOf(inv), kind, languageOf(inv),
                           formatOf(inv, inv.option("output"))),
        "the " + inv.positional.at(0) + " of " + projectOf(inv));
  return 0;
}

int runImport(Invocation& inv) {
  const app::SheetKind kind = kindOf(inv.positional.at(0));
  const std::string& file = inv.positional.at(1);
  app::SheetImport options;
  options.format = formatOf(inv, file);
  options.language = languageOf(inv);
  options.update = inv.has("update");
  options.partner = inv.option("partner");
  options.sheet = inv.option("sheet");
  options.fileName = file;
  if (inv.has("delimiter")) {
    const std::string delimiter = inv.option("delimiter");
    if (delimiter != "," && delimiter != ";") throw UsageError("--delimiter is , or ;");
    options.delimiter = delimiter.front();
  }
  const std::string bytes = readInput(file, inv.in);
  app::PlanSheets sheets(inv.open(DatabaseUse::kWrite), app::Caller::commandLine());
  try {
    const app::SheetImportResult result = sheets.importSheet(projectOf(inv), kind, bytes, options);
    inv.out << "imported " << file << " into " << projectOf(inv) << ": " << result.created.size()
            << " created, " << result.updated.size() << " updated\n";
    return 0;
  } catch (const core::InvalidInput& e) {
    // Each message names its row and column already.
    inv.err << file << ": " << e.errors().size() << " error" << (e.errors().size() == 1 ? "" : "s")
            << ", nothing imported:\n";
    for (const core::ValidationError& error : e.errors()) inv.err << "  " << error.message << "\n";
    return 2;
  }
}

void commonOptions(Poco::Util::OptionSet& options) {
  options.addOption(
      valueOption("lang", "", "LANG", "lv, lt or en: labels and titles (default en)"));
  options.addOption(
      valueOption("format", "", "FORMAT", "csv or xlsx (default: by the file name, else csv)"));
}

}  // namespace

Command templateCommand() {
  return {
      "template",
      "KIND",
      1,
      1,
      "write an empty activities or events sheet",
      "Writes the header row of the activities or events sheet (docs/spreadsheets.md) in the\n"
      "language of --lang; an XLSX template has a second sheet explaining every column. The\n"
      "events sheet has a column per target group of the programme rules (--rules KEY, or\n"
      "those of --project CODE; default interreg-2021-2027).",
      [](Poco::Util::OptionSet& options) {
        commonOptions(options);
        options.addOption(valueOption("rules", "", "KEY", "the programme rules' key"));
        options.addOption(valueOption("project", "", "CODE", "use this project's programme rules"));
        options.addOption(
            valueOption("output", "o", "FILE", "write to FILE instead of standard output"));
      },
      runTemplate};
}

Command exportSheetCommand() {
  return {"export-sheet",
          "KIND",
          1,
          1,
          "write a project's activities or events as a sheet",
          "Writes what the project has in the columns of the template, so that it can be edited\n"
          "and imported again with --update.",
          [](Poco::Util::OptionSet& options) {
            commonOptions(options);
            options.addOption(valueOption("project", "", "CODE", "the project (required)"));
            options.addOption(
                valueOption("output", "o", "FILE", "write to FILE instead of standard output"));
          },
          runExport};
}

Command importSheetCommand() {
  return {
      "import-sheet",
      "KIND FILE",
      2,
      2,
      "import activities or events from a CSV or XLSX sheet",
      "Creates an activity or event for each row of FILE (- for standard input), or nothing\n"
      "when any cell is wrong: every error is listed with its row and column. A row without\n"
      "a code gets the next free one; a row whose code exists changes that object with\n"
      "--update and is an error without it. Dates are 2019-02-05 or 05.02.2019. The import\n"
      "is one audit entry naming the file and its SHA-256.",
      [](Poco::Util::OptionSet& options) {
        commonOptions(options);
        options.addOption(valueOption("project", "", "CODE", "the project (required)"));
        options.addOption(valueOption("partner", "", "CODE", "every row must be this partner's"));
        options.addOption(
            valueOption("delimiter", "", "CHAR", "CSV: , or ; (default: from the header row)"));
        options.addOption(
            valueOption("sheet", "", "NAME", "XLSX: the worksheet (default: the first)"));
        options.addOption(flagOption("update", "change the objects whose codes exist"));
      },
      runImport};
}

}  // namespace crossgrant::cli
