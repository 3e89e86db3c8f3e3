#include <optional>
#include <ostream>
#include <vector>

#include "Commands.h"
#include "crossgrant/app/Caller.h"
#include "crossgrant/app/Context.h"
#include "crossgrant/app/reporting/ReportService.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Text.h"
#include "crossgrant/reports/ReportData.h"

namespace crossgrant::cli {
namespace {

/// A mistake in the options, named as the user typed it.
using OptionError = UsageError;

std::optional<std::string> optionOf(const std::map<std::string, std::string>& options,
                                    const std::string& name) {
  const auto found = options.find(name);
  if (found == options.end()) return std::nullopt;
  return found->second;
}

reports::ReportSelection selectionOf(const std::map<std::string, std::string>& options) {
  reports::ReportSelection selection;
  const auto kind = optionOf(options, "kind");
  if (!kind) throw OptionError("--kind is required: financial, partner, project or audit");
  const auto parsedKind = reports::parseReportKind(*kind);
  if (!parsedKind)
    throw OptionError("unknown --kind \"" + *kind +
                      "\": expected financial, partner, project or audit");
  selection.kind = *parsedKind;
  const auto language = optionOf(options, "lang");
  if (!language) throw OptionError("--lang is required: en, lv or lt");
  const auto parsedLanguage = core::parseLanguage(*language);
  if (!parsedLanguage)
    throw OptionError("unknown --lang \"" + *language + "\": expected en, lv or lt");
  selection.language = *parsedLanguage;
  if (const auto period = optionOf(options, "period")) {
    const auto number = core::parseInteger(*period, 1, 1'000'000);
    if (!number)
      throw OptionError("--period needs a period number (1, 2, ...), not \"" + *period + "\"");
    selection.period = static_cast<int>(*number);
  }
  selection.partner = optionOf(options, "partner").value_or("");
  for (const char* name : {"from", "to"}) {
    const auto text = optionOf(options, name);
    if (!text) continue;
    const auto date = core::Date::parse(*text);
    if (!date)
      throw OptionError("--" + std::string(name) + " needs a date YYYY-MM-DD, not \"" + *text +
                        "\"");
    (std::string(name) == "from" ? selection.from : selection.to) = date;
  }
  return selection;
}

int execute(Invocation& inv) {
  const std::string& project = inv.positional.at(0);
  const std::map<std::string, std::string>& options = inv.options;
  std::ostream& out = inv.out;
  std::ostream& err = inv.err;
  try {
    const reports::ReportSelection selection = selectionOf(options);
    const auto output = optionOf(options, "output");
    if (!output || output->empty() || *output == "-")
      throw OptionError("-o FILE is required: where to write the PDF");
    const bool submit = options.count("submit") > 0;
    app::ReportService service(inv.open(submit ? DatabaseUse::kWrite : DatabaseUse::kRead),
                               app::Caller::commandLine().actor);
    if (submit) {
      const store::SubmittedReport report = service.submit(project, selection);
      writeFileAtomically(*output, service.download(report.id).pdf);
      out << "submitted report " << report.id << " (" << report.fileName << ")\n"
          << "sha256 " << report.sha256 << "\n"
          << "rules fingerprint " << report.rulesFingerprint << "\n"
          << "wrote " << *output << " (" << report.size << " bytes)\n";
    } else {
      const app::RenderedReport draft = service.draft(project, selection);
      writeFileAtomically(*output, draft.pdf);
      out << "wrote draft " << *output << " (" << draft.pdf.size()
          << " bytes; not submitted: add --submit to freeze it)\n";
    }
    return 0;
  } catch (const core::InvalidInput& e) {
    for (const core::ValidationError& error : e.errors()) {
      const std::string option = error.pointer.empty() ? "" : "--" + error.pointer.substr(1);
      err << "crossgrant report: " << (option.empty() ? "" : option + ": ") << error.message
          << "\n";
    }
  }
  return 2;
}

}  // namespace

Command reportCommand() {
  return {
      "report",
      "CODE",
      1,
      1,
      "render a PDF report, or submit one",
      "Renders a report of project CODE as PDF into FILE: a draft, rendered now and not "
      "stored.\nWith --submit the report is frozen instead: rendered once, stored with its "
      "SHA-256 (and\nan audit entry), and written to FILE; its id, SHA-256 and the fingerprint of "
      "the\nprogramme rules it was computed with are printed. "
      "Kinds:\n"
      "  financial  financial statement of the project\n"
      "  partner    progress report of one partner (--partner) for one period (--period)\n"
      "  project    progress report of the project for one period (--period)\n"
      "  audit      audit-trail extract, all entries or those --from/--to (UTC days)\n"
      "Exit status 0: written; 2: error (nothing written or stored).",
      [](Poco::Util::OptionSet& options) {
        options.addOption(valueOption("kind", "", "KIND", "financial, partner, project or audit"));
        options.addOption(valueOption("lang", "", "LANG", "the report's language: en, lv or lt"));
        options.addOption(valueOption("output", "o", "FILE", "where to write the PDF"));
        options.addOption(valueOption(
            "period", "", "N", "partner and project reports: the reporting period's number"));
        options.addOption(
            valueOption("partner", "", "CODE", "partner reports: the partner's code"));
        options.addOption(
            valueOption("from", "", "DATE", "audit extracts: the first day (YYYY-MM-DD)"));
        options.addOption(
            valueOption("to", "", "DATE", "audit extracts: the last day (YYYY-MM-DD)"));
        options.addOption(flagOption("submit",
                                     "freeze the report: store it and print its id, SHA-256 and "
                                     "rules fingerprint"));
      },
      execute};
}

}  // namespace crossgrant::cli
