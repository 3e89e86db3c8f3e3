// The activities and events sheets of docs/spreadsheets.md: a template to fill in, the stored
// objects exported in the same columns, and a filled sheet imported (CSV or XLSX) as one change,
// all or nothing. The CLI (template, export-sheet, import-sheet) and the API share these.
//
// Columns are named by key or by their label in lv, lt or en; every cell is checked with the
// bundle's rules (WorkPlanService.h) and every error names its row as the spreadsheet numbers
// it and its column as the header writes it (core::InvalidInput, each error's pointer
// "/rows/N/COLUMN", its message starting "row N, column …"; at most 1,000, then a count).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/app/Caller.h"
#include "crossgrant/core/ProgrammeRules.h"

namespace crossgrant::app {

class Context;

enum class SheetKind { kActivities, kEvents };
/// "activities" or "events"; nullopt for another name.
std::optional<SheetKind> parseSheetKind(std::string_view text);

enum class SheetFormat { kCsv, kXlsx };

struct SheetImport {
  SheetFormat format = SheetFormat::kCsv;
  std::string language = "en";    ///< of the titles and of labels typed for keys
  std::optional<char> delimiter;  ///< CSV: else found from the header row
  std::string sheet;              ///< XLSX: the worksheet's name, else the first
  bool update = false;            ///< a row whose code exists changes that object
  std::string partner;            ///< every row must be this partner's ("" any)
  std::string fileName;           ///< recorded in the audit trail
};

struct SheetImportResult {
  std::vector<std::string> created;  ///< codes, in row order
  std::vector<std::string> updated;
};

/// An empty sheet: the header row in language; an XLSX has a second sheet explaining each
/// column. rules gives the target-group columns of the events sheet.
std::string sheetTemplate(SheetKind kind, const core::ProgrammeRules& rules,
                          std::string_view language, SheetFormat format);

class PlanSheets {
 public:
  PlanSheets(Context& context, Caller caller);

  /// What the project has, in the template's columns (the header in language).
  std::string exportSheet(std::string_view project, SheetKind kind, std::string_view language,
                          SheetFormat format);
  /// Creates (and with update changes) the objects the sheet's rows describe, in one unit, or
  /// nothing; one audit entry with the file's name, its SHA-256 and the codes.
  SheetImportResult importSheet(std::string_view project, SheetKind kind, const std::string& bytes,
                                const SheetImport& options);

 private:
  Context& context_;
  Caller caller_;
};

}  // namespace crossgrant::app
