#include "CliReport.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <vector>

#include "CliActor.h"
#include "ReportService.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/reports/ReportData.h"

namespace crossgrant::server {
namespace {

/// A mistake in the options, named as the user typed it.
class OptionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

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
    int number = 0;
    const char* end = period->data() + period->size();
    const auto [stop, error] = std::from_chars(period->data(), end, number);
    if (period->empty() || error != std::errc() || stop != end || number < 1)
      throw OptionError("--period needs a period number (1, 2, ...), not \"" + *period + "\"");
    selection.period = number;
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

/// Writes bytes to path whole or not at all.
void writeFile(const std::string& path, const std::string& bytes) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream file(temporary, std::ios::binary);
    file << bytes;
    if (!file.flush()) throw std::runtime_error("cannot write " + temporary);
  }
  std::filesystem::rename(temporary, path);
}

}  // namespace

int runReportCommand(AppContext& context, const std::string& project,
                     const std::map<std::string, std::string>& options, std::ostream& out,
                     std::ostream& err) {
  try {
    const reports::ReportSelection selection = selectionOf(options);
    const auto output = optionOf(options, "output");
    if (!output || output->empty() || *output == "-")
      throw OptionError("-o FILE is required: where to write the PDF");
    ReportService service(context, commandLineActor());
    if (options.count("submit") > 0) {
      const store::SubmittedReport report = service.submit(project, selection);
      writeFile(*output, service.download(report.id).pdf);
      out << "submitted report " << report.id << " (" << report.fileName << ")\n"
          << "sha256 " << report.sha256 << "\n"
          << "wrote " << *output << " (" << report.size << " bytes)\n";
    } else {
      const RenderedReport draft = service.draft(project, selection);
      writeFile(*output, draft.pdf);
      out << "wrote draft " << *output << " (" << draft.pdf.size()
          << " bytes; not submitted: add --submit to freeze it)\n";
    }
    return 0;
  } catch (const OptionError& e) {
    err << "crossgrant report: " << e.what() << "\nRun 'crossgrant report --help' for usage.\n";
  } catch (const core::InvalidInput& e) {
    for (const core::ValidationError& error : e.errors()) {
      const std::string option = error.pointer.empty() ? "" : "--" + error.pointer.substr(1);
      err << "crossgrant report: " << (option.empty() ? "" : option + ": ") << error.message
          << "\n";
    }
  }
  return 2;
}

int runVerifyCommand(AppContext& context, const std::string& file, std::ostream& out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file);
  const std::string bytes(std::istreambuf_iterator<char>(in), {});
  ReportService service(context, commandLineActor());
  if (const auto report = service.verify(bytes)) {
    out << file << ": " << describeSubmitted(*report) << "\n";
    return 0;
  }
  out << file << ": not a submitted report\n";
  return 1;
}

}  // namespace crossgrant::server
