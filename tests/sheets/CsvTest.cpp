#define BOOST_TEST_MODULE sheets
// CSV as spreadsheets save it (docs/spreadsheets.md): either delimiter, with or without a BOM,
// quoted cells with delimiters, quotes and line breaks, row numbers as the spreadsheet counts
// them; anything else refused with what to do.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "crossgrant/core/Errors.h"
#include "crossgrant/sheets/Csv.h"

using crossgrant::core::InvalidInput;
using crossgrant::sheets::Cell;
using crossgrant::sheets::readCsv;
using crossgrant::sheets::Sheet;
using crossgrant::sheets::writeCsv;

namespace {

/// Each row as "number: cell|cell|…" (an empty cell as "").
std::vector<std::string> shown(const Sheet& sheet) {
  std::vector<std::string> out;
  for (const auto& row : sheet.rows) {
    std::string line = std::to_string(row.number) + ":";
    for (std::size_t i = 0; i < row.cells.size(); ++i) line += (i ? "|" : " ") + row.cells[i].value;
    out.push_back(line);
  }
  return out;
}

std::string refusal(const std::string& bytes) {
  try {
    readCsv(bytes);
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "(read)";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(csv)

BOOST_AUTO_TEST_CASE(comma_and_semicolon_with_and_without_bom_read_alike) {
  const std::vector<std::string> expected = {"1: code|title|participants", "2: E1|Atklāšana|64",
                                             "4: E2|Nometne; Viesīte|42"};
  BOOST_TEST(
      shown(readCsv("code,title,participants\nE1,Atklāšana,64\n\nE2,Nometne; Viesīte,42\n")) ==
          expected,
      boost::test_tools::per_element());
  BOOST_TEST(shown(readCsv("\xEF\xBB\xBF"
                           "code;title;participants\r\nE1;Atklāšana;64\r\n;;\r\nE2;\"Nometne; "
                           "Viesīte\";42")) == expected,
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(quoted_cells_hold_quotes_delimiters_and_line_breaks) {
  const Sheet sheet = readCsv(
      "code,title,place\n"
      "E9,\"Pieredzes apmaiņa \"\"Jelgava\"\"\",\"Jelgava,\nZemgale\"\n"
      "E10,,\"\"\n");
  BOOST_TEST_REQUIRE(sheet.rows.size() == 3u);
  BOOST_TEST(sheet.rows[1].cells[1].value == "Pieredzes apmaiņa \"Jelgava\"");
  BOOST_TEST(sheet.rows[1].cells[2].value == "Jelgava,\nZemgale");
  // The record after a line break inside quotes is still row 3.
  BOOST_TEST(sheet.rows[2].number == 3);
  BOOST_TEST(sheet.rows[2].cells[1].empty());
  // "" is no value, as programs that quote every text cell write an empty one.
  BOOST_TEST(sheet.rows[2].cells[2].empty());
  BOOST_TEST(readCsv("\"code\",\"title\"\n\"\",\"\"\n\"E1\",\"x\"\n").rows.size() == 2u);
}

BOOST_AUTO_TEST_CASE(what_cannot_be_read_is_refused_with_what_to_do) {
  BOOST_TEST(refusal("code;title,place\nE1;x,y\n").find("--delimiter") != std::string::npos);
  // "Rokiškis" saved as Windows-1257: š is the byte 0xF0.
  const std::string cp1257 = "code,place\nE3,Roki\xF0kis\n";
  const std::string message = refusal(cp1257);
  BOOST_TEST(message.find("not UTF-8 (line 2") != std::string::npos, message);
  BOOST_TEST(message.find("save it as UTF-8") != std::string::npos, message);
  BOOST_TEST(refusal("code,title\nE1,\"open\n").find("never closes") != std::string::npos);
  BOOST_TEST(refusal("code,title\nE1,ab\"c\n").find("row 2") != std::string::npos);
  // One delimiter given, the other is text, in the header too.
  BOOST_TEST(readCsv("code;title, en\nE1;a,b\n", ';').rows[1].cells[1].value == "a,b");
  BOOST_TEST(readCsv("code;title, en\nE1;a,b\n", ';').rows[0].cells[1].value == "title, en");
}

BOOST_AUTO_TEST_CASE(what_is_written_reads_back) {
  const std::vector<std::vector<std::string>> rows = {
      {"code", "title", "place"},
      {"E1", "Vasaras nometne \"Viesīte\"", " leading space"},
      {"E2", "a;b", "two\nlines"}};
  for (char delimiter : {',', ';'}) {
    const Sheet sheet = readCsv(writeCsv(rows, delimiter), delimiter);
    BOOST_TEST_REQUIRE(sheet.rows.size() == 3u);
    for (std::size_t r = 0; r < rows.size(); ++r)
      for (std::size_t c = 0; c < rows[r].size(); ++c)
        BOOST_TEST(sheet.rows[r].cells[c].value == rows[r][c]);
  }
}

BOOST_AUTO_TEST_SUITE_END()
