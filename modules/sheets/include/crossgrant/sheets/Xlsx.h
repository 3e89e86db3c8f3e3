// XLSX workbooks (Office Open XML): read from the ZIP's parts with POCO's Zip and SAX parser,
// written with libxlsxwriter.
//
// Reading (docs/spreadsheets.md): the first worksheet, or the one named; shared and inline
// strings, numbers, booleans, formulas by their cached values, and dates in the 1900 date
// system (a number in a cell formatted as a date). A file that is not an XLSX workbook, or a
// sheet name it does not have, is core::InvalidInput at "" saying so.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/sheets/Sheet.h"

namespace crossgrant::sheets {

Sheet readXlsx(const std::string& bytes, std::string_view sheetName = {});

/// One worksheet to write: its rows of text, the header first (written bold); the cells of the
/// numeric columns that hold a whole number are written as numbers, all others as text.
struct SheetToWrite {
  std::string name;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numericColumns;  ///< per column; missing ones are text
  std::vector<double> widths;        ///< per column, in characters; missing ones default
};

/// The workbook's bytes.
std::string writeXlsx(const std::vector<SheetToWrite>& sheets);

}  // namespace crossgrant::sheets
