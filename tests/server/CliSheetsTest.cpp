// The activities and events sheets from the command line (docs/spreadsheets.md): templates in
// each language and format, a partner's CSV with comma or semicolon, with or without BOM,
// refused whole with every error at its row and column, imported, exported and imported
// again unchanged; an XLSX sheet written by other software imported the same way.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <string>

#include "CliFixture.h"

using crossgrant::test::Cli;
using crossgrant::test::CliResult;
using crossgrant::test::contains;
using crossgrant::test::readFile;
using crossgrant::test::writeFile;

namespace {

struct SheetCli : Cli {
  SheetCli() {
    const CliResult imported = run({"import", crossgrant::test::demoBundleV2Path()});
    BOOST_REQUIRE_MESSAGE(imported.status == 0, imported.err);
  }
  CliResult importSheet(const std::string& kind, const std::string& name, const std::string& bytes,
                        std::vector<std::string> extra = {}) {
    writeFile(io.file(name), bytes);
    std::vector<std::string> args = {"import-sheet", kind, io.file(name), "--project", "LLI-317"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run(args);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_sheets, SheetCli)

BOOST_AUTO_TEST_CASE(templates_name_their_columns_in_the_language) {
  const CliResult lv = run({"template", "events", "--lang", "lv"});
  BOOST_TEST(lv.status == 0, lv.err);
  BOOST_TEST(lv.out.rfind("Pasākums;Aktivitāte;Veids;Nosaukums;Sākums;Beigas;Laiks;", 0) == 0,
             lv.out);
  BOOST_TEST(contains(lv.out, ";Cilvēki ar invaliditāti;"), lv.out);
  const CliResult en = run({"template", "activities"});
  BOOST_TEST(en.out.rfind("Work package,Work package title,Activity,Title,Partner,Status,", 0) == 0,
             en.out);
  const CliResult xlsx = run({"template", "events", "--lang", "lt", "-o", io.file("events.xlsx")});
  BOOST_TEST(xlsx.status == 0, xlsx.err);
  BOOST_TEST(readFile(io.file("events.xlsx")).substr(0, 2) == "PK");
  const CliResult bad = run({"template", "budgets"});
  BOOST_TEST(bad.status == 2);
  BOOST_TEST(contains(bad.err, "KIND is activities or events"), bad.err);
}

BOOST_AUTO_TEST_CASE(a_bad_sheet_is_refused_whole_with_each_error_at_its_row_and_column) {
  const std::string before = run({"export", "LLI-317"}).out;
  const std::string sheet =
      "\xEF\xBB\xBF"
      "Pasākums;Aktivitāte;Veids;Nosaukums;Sākums;Partneris;Dalībnieki;Unikālie "
      "dalībnieki;Jaunieši\r\n"
      ";A4.7;Diskusija;Jauniešu forums;14.06.2019;PP6;40;38;35\r\n"
      ";A4.7;Pikniks;Vasaras svētki;2/5/2019;PP6;desmit;;\r\n"
      ";A9.9;Diskusija;Forums;2021-01-10;PP6;10;12;11\r\n";
  const CliResult refused = importSheet("events", "events.csv", sheet, {"--lang", "lv"});
  BOOST_TEST(refused.status == 2);
  BOOST_TEST(contains(refused.err, "events.csv: 6 errors, nothing imported"), refused.err);
  BOOST_TEST(contains(refused.err, "row 3, column \"Sākums\": \"2/5/2019\" is ambiguous"),
             refused.err);
  BOOST_TEST(contains(refused.err, "row 3, column \"Dalībnieki\": expected a whole number"),
             refused.err);
  BOOST_TEST(contains(refused.err, "row 4, column \"Aktivitāte\": no activity \"A9.9\""),
             refused.err);
  BOOST_TEST(contains(refused.err, "row 4, column \"Sākums\": 2021-01-10 is outside the project"),
             refused.err);
  BOOST_TEST(contains(refused.err, "row 4, column \"Unikālie dalībnieki\": is 12, more than"),
             refused.err);
  BOOST_TEST(contains(refused.err, "row 4, column \"Jaunieši\": is 11, more than"), refused.err);
  BOOST_TEST(run({"export", "LLI-317"}).out == before);

  const CliResult unknown = importSheet("events", "typo.csv", "Event,Activty\nE40,A4.7\n");
  BOOST_TEST(unknown.status == 2);
  BOOST_TEST(contains(unknown.err, "row 1, column \"Activty\": unknown column"), unknown.err);
}

BOOST_AUTO_TEST_CASE(a_partner_sheet_imports_exports_and_imports_again_unchanged) {
  const std::string sheet =
      "Event,Activity,Kind,Title,Start,End,Online,Partner,Participants,Unique participants,Young "
      "people\n"
      ",A4.7,discussion,\"Youth forum, Rokiškis\",2019-06-14,,no,PP6,40,38,35\n"
      ",A4.7,Training,\"=HYPERLINK(\"\"http://example.invalid\"\")\",15.06.2019,16.06.2019,yes,PP6,"
      "12,,\n";
  const CliResult imported = importSheet("events", "pp6.csv", sheet, {"--partner", "PP6"});
  BOOST_TEST(imported.status == 0, imported.err);
  BOOST_TEST(contains(imported.out, "2 created, 0 updated"), imported.out);
  // The next free codes after E20.
  const std::string bundle = run({"export", "LLI-317"}).out;
  BOOST_TEST(contains(bundle, "\"code\": \"E21\""));
  BOOST_TEST(contains(bundle, "\"code\": \"E22\""));
  BOOST_TEST(contains(bundle, "\"title\": {\n        \"en\": \"Youth forum, Rokiškis\""), bundle);

  // A title a spreadsheet would run as a formula is exported as text, and reads back as typed.
  const std::string csv = run({"export-sheet", "events", "--project", "LLI-317"}).out;
  BOOST_TEST(contains(csv, ",\"'=HYPERLINK(\"\"http://example.invalid\"\")\","), csv);
  // What is exported reads back as what is stored: importing it again changes nothing.
  for (const std::string format : {"csv", "xlsx"}) {
    const CliResult exported = run({"export-sheet", "events", "--project", "LLI-317", "--lang",
                                    "lt", "--format", format, "-o", io.file("all." + format)});
    BOOST_TEST(exported.status == 0, exported.err);
    const CliResult again = run({"import-sheet", "events", io.file("all." + format), "--project",
                                 "LLI-317", "--lang", "lt", "--update"});
    BOOST_TEST(again.status == 0, again.err);
    BOOST_TEST(contains(again.out, "0 created, 22 updated"), again.out);
    BOOST_TEST(run({"export", "LLI-317"}).out == bundle, format);
  }
  // Without --update an existing code is an error.
  const CliResult twice =
      run({"import-sheet", "events", io.file("all.csv"), "--project", "LLI-317", "--lang", "lt"});
  BOOST_TEST(twice.status == 2);
  BOOST_TEST(contains(twice.err, "E1 exists already"), twice.err);
  // Another partner's rows are refused for a PP6 sheet.
  const CliResult others = importSheet("events", "lp.csv",
                                       "Event,Activity,Kind,Title,Start,Partner,Participants\n"
                                       ",A2.1,meeting,Board,2018-05-20,LP,5\n",
                                       {"--partner", "PP6"});
  BOOST_TEST(others.status == 2);
  BOOST_TEST(
      contains(others.err, "row 2, column \"Partner\": is LP, but this sheet is partner PP6's"),
      others.err);
}

BOOST_AUTO_TEST_CASE(an_xlsx_sheet_from_other_software_imports_with_new_activities) {
  const std::string script = io.file("make.py");
  const std::string book = io.file("activities.xlsx");
  writeFile(
      script,
      "import datetime, openpyxl\n"
      "wb = openpyxl.Workbook()\nws = wb.active\n"
      "ws.append(['Darba pakete', 'Darba paketes nosaukums', 'Aktivitāte', 'Nosaukums',"
      " 'Partneris', 'Statuss', 'Plānotais sākums', 'Plānotās beigas', 'Faktiskais sākums'])\n"
      "ws.append(['WP5', 'Ilgtspēja', None, 'Pieredzes izplatīšana', 'PP2', 'Notiek',"
      " datetime.date(2019, 9, 1), datetime.date(2020, 2, 29), datetime.date(2019, 9, 15)])\n"
      "ws.append(['WP4', None, None, 'Jauna aktivitāte', 'PP4', 'Plānota', '01.10.2019',"
      " '31.12.2019', None])\n"
      "wb.save('" +
          book + "')\n");
  BOOST_REQUIRE(std::system(("/usr/bin/python3 " + script).c_str()) == 0);
  const CliResult imported =
      run({"import-sheet", "activities", book, "--project", "LLI-317", "--lang", "lv"});
  BOOST_TEST(imported.status == 0, imported.err);
  BOOST_TEST(contains(imported.out, "2 created"), imported.out);
  const std::string bundle = run({"export", "LLI-317"}).out;
  BOOST_TEST(contains(bundle, "\"code\": \"WP5\""));
  BOOST_TEST(contains(bundle, "\"code\": \"A5.1\""), bundle);
  BOOST_TEST(contains(bundle, "\"code\": \"A4.9\""), bundle);
  BOOST_TEST(contains(bundle, "\"lv\": \"Pieredzes izplatīšana\""));
  BOOST_TEST(contains(bundle, "\"status\": \"ongoing\""));
}

BOOST_AUTO_TEST_SUITE_END()
