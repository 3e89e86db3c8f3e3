// The progress reports of the demo of version 2, read back from the PDFs' text: the statements
// the lead and the partners wrote, the activities with their period's progress, the events of
// the period with their participants by target group, the indicators' progress, the findings
// marked at their rows (⚠ and the finding's number) and the declaration, in lv, lt and en.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "PdfTools.h"
#include "ReportsFixture.h"
#include "TestSupport.h"
#include "crossgrant/core/Locale.h"

using crossgrant::core::Language;
using crossgrant::reports::ReportKind;
using crossgrant::test::countOf;
using crossgrant::test::DemoReports;
using crossgrant::test::PdfFile;

namespace {

/// pdftotext's text of the report, with U+00A0 as a space and each run of white space as one.
std::string textOf(const crossgrant::reports::ReportData& data) {
  const PdfFile file(DemoReports::instance().render(data));
  const auto run = file.run("pdftotext", {"-enc", "UTF-8", file.path(), "-"}, false);
  BOOST_TEST_REQUIRE(run.status == 0, run.err);
  std::string raw = run.out;
  for (std::size_t at; (at = raw.find("\xC2\xA0")) != std::string::npos;) raw.replace(at, 2, " ");
  std::string text;
  bool space = false;
  for (const char c : raw) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\f') {
      space = true;
      continue;
    }
    if (space && !text.empty()) text += ' ';
    space = false;
    text += c;
  }
  return text;
}

bool has(const std::string& text, const std::string& part) { return countOf(text, part) > 0; }

}  // namespace

BOOST_AUTO_TEST_SUITE(progress_reports)

BOOST_AUTO_TEST_CASE(the_project_report_shows_the_periods_events_and_the_indicators_progress) {
  struct Expected {
    Language language;
    std::string conference, people, progress, total, summary;
  };
  const std::vector<Expected> expected = {
      {Language::kLv, "E19 Projekta noslēguma konference",
       "Apmeklējumi: 77, cilvēki: 77; Speciālisti 52", "104,6 %", "1 046,00",
       "Noslēguma konference noslēdza projektu."},
      {Language::kLt, "E19 Baigiamoji projekto konferencija",
       "Apsilankymų: 77, žmonių: 77; Specialistai 52", "104,6 %", "1 046,00",
       "The final conference closed the project. [anglų]"},
      {Language::kEn, "E19 Final conference", "Attendances: 77, people: 77; Professionals 52",
       "104.6%", "1,046.00", "The final conference closed the project."}};
  for (const Expected& e : expected) {
    BOOST_TEST_CONTEXT(crossgrant::core::toString(e.language)) {
      const std::string text =
          textOf(DemoReports::instance().progress(ReportKind::kProject, e.language, 4));
      BOOST_TEST(has(text, e.conference), text);
      BOOST_TEST(has(text, e.people));
      BOOST_TEST(has(text, e.progress));
      BOOST_TEST(has(text, e.total));
      BOOST_TEST(has(text, e.summary));
      // Period 4's events only: the opening event of 2018 is period 1's.
      BOOST_TEST(has(text, "E20 "));
      BOOST_TEST(!has(text, "E1 "));
      BOOST_TEST(!has(text, "E14 "));
      // Every partner's activity, with PP6's progress of the period.
      BOOST_TEST(has(text, "A1.1"));
      BOOST_TEST(has(text, "Jaunimo centras veikė visą laikotarpį."));
    }
  }
  // The totals by target group add up the period's six events.
  const std::string en =
      textOf(DemoReports::instance().progress(ReportKind::kProject, Language::kEn, 4));
  BOOST_TEST(has(en, "Events in all: 6 528"), en);
  BOOST_TEST(has(en, "One exchange visit moved to October."));
  BOOST_TEST(has(en, "representing the lead partner LP Zemgales plānošanas reģions"));
}

BOOST_AUTO_TEST_CASE(a_partner_report_shows_its_own_work_and_the_projects_indicators) {
  const std::string text =
      textOf(DemoReports::instance().progress(ReportKind::kPartner, Language::kLt, 4));
  BOOST_TEST(has(text, "E20 Paslaugų kokybės aptarimas su jaunimu"), text);
  BOOST_TEST(!has(text, "E19 "));
  BOOST_TEST(has(text, "A4.7"));
  BOOST_TEST(!has(text, "A1.1"));
  BOOST_TEST(has(text, "Aptarėme paslaugų kokybę su jaunimu."));
  BOOST_TEST(has(text, "Jaunimo centras veikė visą laikotarpį."));
  BOOST_TEST(!has(text, "The final conference closed the project."));
  BOOST_TEST(has(text, "Projekto rodikliai, kuriuos partneris padeda pasiekti."));
  BOOST_TEST(has(text, "atstovaudamas (-a) PP6 VšĮ Rokiškio jaunimo centras"));
}

BOOST_AUTO_TEST_CASE(a_period_without_statements_or_events_says_so) {
  auto data = DemoReports::instance().progress(ReportKind::kPartner, Language::kEn, 2);
  data.selection.partner = "PP2";
  const std::string text = textOf(data);
  BOOST_TEST(has(text, "Not written for this period."), text);
  // PP2's one event of period 2 (E8, 22 January 2019).
  BOOST_TEST(has(text, "E8 Konsultācijas ģimenēm [Latvian]"));
  data.selection.partner = "PP6";
  data.selection.period = 2;
  BOOST_TEST(has(textOf(data), "No events in this period."));
}

BOOST_AUTO_TEST_CASE(a_finding_about_an_event_is_marked_at_its_row) {
  auto data = DemoReports::instance().progress(ReportKind::kProject, Language::kLv, 4);
  crossgrant::core::Finding finding;
  finding.code = "event_outside_activity";
  finding.object = "event";
  finding.key = "E19";
  finding.message = "event E19 is outside its activity";
  data.findings.push_back(finding);
  const std::string number = std::to_string(data.findings.size());
  const std::string text = textOf(data);
  // The mark ends the event's cell (pdftotext reads a row's cells line by line, and may drop
  // the no-break space after the sign).
  const bool marked =
      has(text, "konference \u26A0 " + number) || has(text, "konference \u26A0" + number);
  BOOST_TEST(marked, text);
}

BOOST_AUTO_TEST_SUITE_END()
