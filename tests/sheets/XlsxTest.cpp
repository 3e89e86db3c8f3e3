// XLSX read from workbooks other software wrote (openpyxl, run with Debian's Python) and from
// those crossgrant writes itself: shared and inline strings, numbers as their shortest
// decimals, dates in the 1900 system, booleans, formulas by their cached values.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <string>

#include "TestSupport.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/sheets/Xlsx.h"

using crossgrant::core::InvalidInput;
using crossgrant::sheets::Cell;
using crossgrant::sheets::readXlsx;
using crossgrant::sheets::Sheet;
using crossgrant::test::TempDir;

namespace {

/// A workbook made by openpyxl from a Python script that fills sheet "ws" of workbook "wb".
std::string openpyxlWorkbook(const TempDir& dir, const std::string& fill) {
  const std::string script = dir.file("make.py");
  const std::string out = dir.file("book.xlsx");
  crossgrant::test::writeFile(script,
                              "import datetime, openpyxl\n"
                              "wb = openpyxl.Workbook()\n"
                              "ws = wb.active\n" +
                                  fill + "\nwb.save('" + out + "')\n");
  const int status = std::system(("/usr/bin/python3 " + script).c_str());
  BOOST_REQUIRE_MESSAGE(status == 0, "openpyxl (python3-openpyxl) could not write the workbook");
  return crossgrant::test::readFile(out);
}

const Cell& at(const Sheet& sheet, std::size_t row, std::size_t column) {
  static const Cell kEmpty;
  if (row >= sheet.rows.size() || column >= sheet.rows[row].cells.size()) return kEmpty;
  return sheet.rows[row].cells[column];
}

}  // namespace

BOOST_AUTO_TEST_SUITE(xlsx)

BOOST_AUTO_TEST_CASE(a_workbook_written_by_other_software_reads_cell_by_cell) {
  TempDir dir;
  const Sheet sheet = readXlsx(openpyxlWorkbook(dir, R"(
ws.title = 'Pasākumi'
ws.append(['code', 'title', 'start', 'participants', 'online', 'share'])
ws.append(['E1', 'Atklāšanas pasākums', datetime.date(2018, 5, 16), 64, False, 0.1])
ws.append([12, 'Ziemas nometne „Viesīte“', datetime.date(2020, 2, 29), 1234.5, True, '=1/3'])
ws['F3'].value = '=D3*2'
ws.append([])
ws.append(['E3', None, '05.02.2019', 0, None, 7])
ws['C5'].number_format = 'dd.mm.yyyy'
ws['A6'] = 'after a gap'
)"));
  BOOST_TEST_REQUIRE(sheet.rows.size() == 5u);
  BOOST_TEST(at(sheet, 1, 1).value == "Atklāšanas pasākums");
  BOOST_TEST((at(sheet, 1, 2).kind == Cell::Kind::kDate));
  BOOST_TEST(at(sheet, 1, 2).value == "2018-05-16");
  BOOST_TEST(at(sheet, 2, 2).value == "2020-02-29");
  BOOST_TEST(at(sheet, 1, 3).value == "64");
  BOOST_TEST(at(sheet, 2, 3).value == "1234.5");
  BOOST_TEST(at(sheet, 1, 5).value == "0.1");  // the shortest decimal of the stored double
  BOOST_TEST(at(sheet, 1, 4).value == "false");
  BOOST_TEST((at(sheet, 2, 4).kind == Cell::Kind::kBoolean));
  // A code typed as a number reads without a decimal point.
  BOOST_TEST(at(sheet, 2, 0).value == "12");
  BOOST_TEST(at(sheet, 2, 1).value == "Ziemas nometne „Viesīte“");
  // A text in a cell formatted as a date stays text; empty rows are left out, numbers kept.
  BOOST_TEST(at(sheet, 3, 2).value == "05.02.2019");
  BOOST_TEST((at(sheet, 3, 2).kind == Cell::Kind::kText));
  BOOST_TEST(sheet.rows[3].number == 5);
  BOOST_TEST(sheet.rows[4].number == 6);
  BOOST_TEST(at(sheet, 4, 0).value == "after a gap");
}

BOOST_AUTO_TEST_CASE(a_sheet_is_found_by_name_and_a_missing_one_is_named) {
  TempDir dir;
  const std::string book = openpyxlWorkbook(dir, R"(
ws.title = 'Instructions'
ws.append(['read me'])
other = wb.create_sheet('Events')
other.append(['code'])
other.append(['E1'])
)");
  BOOST_TEST(at(readXlsx(book), 0, 0).value == "read me");
  BOOST_TEST(at(readXlsx(book, "Events"), 1, 0).value == "E1");
  try {
    readXlsx(book, "Activities");
    BOOST_FAIL("a missing sheet was read");
  } catch (const InvalidInput& e) {
    BOOST_TEST(
        std::string(e.what()).find("no sheet \"Activities\"; its sheets are \"Instructions\", "
                                   "\"Events\"") != std::string::npos,
        e.what());
  }
}

BOOST_AUTO_TEST_CASE(what_crossgrant_writes_reads_back) {
  crossgrant::sheets::SheetToWrite events{
      "Pasākumi",
      {{"code", "title", "participants"}, {"E1", "Atklāšana", "64"}, {"E2", "0042", "7"}},
      {false, false, true},
      {10, 40, 12}};
  crossgrant::sheets::SheetToWrite help{
      "Paskaidrojumi", {{"column", "meaning"}, {"code", "kods"}}, {}, {}};
  const std::string bytes = crossgrant::sheets::writeXlsx({events, help});
  BOOST_TEST(bytes.substr(0, 2) == "PK");
  const Sheet sheet = readXlsx(bytes);
  BOOST_TEST_REQUIRE(sheet.rows.size() == 3u);
  BOOST_TEST(at(sheet, 1, 1).value == "Atklāšana");
  BOOST_TEST((at(sheet, 1, 2).kind == Cell::Kind::kNumber));
  BOOST_TEST(at(sheet, 1, 2).value == "64");
  BOOST_TEST(at(sheet, 2, 1).value == "0042");  // text stays text
  BOOST_TEST(at(readXlsx(bytes, "Paskaidrojumi"), 1, 1).value == "kods");
}

BOOST_AUTO_TEST_CASE(a_workbook_counting_dates_from_1904_is_refused_not_misread) {
  TempDir dir;
  const std::string book = openpyxlWorkbook(dir, R"(
from openpyxl.utils.datetime import CALENDAR_MAC_1904
wb.epoch = CALENDAR_MAC_1904
ws.append(['start'])
ws.append([datetime.date(2019, 2, 5)])
)");
  try {
    readXlsx(book);
    BOOST_FAIL("a 1904 workbook was read");
  } catch (const InvalidInput& e) {
    BOOST_TEST(std::string(e.what()).find("1904") != std::string::npos, e.what());
  }
}

BOOST_AUTO_TEST_CASE(a_file_that_is_no_workbook_is_refused_saying_so) {
  for (const std::string& bytes : {std::string("code,title\n"), std::string("PK\x03\x04broken")}) {
    try {
      readXlsx(bytes);
      BOOST_FAIL("not a workbook, but read");
    } catch (const InvalidInput& e) {
      BOOST_TEST(std::string(e.what()).find("not an XLSX workbook") != std::string::npos, e.what());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
