#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "CoreTestData.h"
#include "crossgrant/core/BundleCodec.h"
#include "crossgrant/core/Errors.h"

using crossgrant::core::Bundle;
using crossgrant::core::ContributionType;
using crossgrant::core::InvalidInput;
using crossgrant::core::Json;
using crossgrant::core::PartnerRole;
using crossgrant::core::ProgrammeRules;
using crossgrant::core::ValidationError;
using crossgrant::test::demoBundleText;
using crossgrant::test::interregRules;
using crossgrant::test::replaced;

namespace {

// A small valid bundle; tests replace parts of it.
const std::string kSmall = R"({
  "format": "crossgrant.bundle",
  "version": 1,
  "programme": {"code": "P", "name": "Programme", "rules": "interreg-2014-2020", "fund": "ERDF"},
  "project": {
    "code": "X-1", "acronym": "X", "title": {"lt": "Projektas"},
    "start": "2021-01-01", "end": "2021-12-31", "currency": "EUR",
    "periods": []
  },
  "partners": [
    {
      "code": "LP", "role": "lead", "name": "Kauno rajono savivaldybė", "country": "LT",
      "legal_status": "ngo", "vat_recoverable": true, "total": "100.00",
      "budget": [{"category": "staff", "amount": "100.00"}],
      "cofinancing": [{"source": "ERDF", "type": "fund", "amount": "85.00"},
                      {"source": "Savivaldybė", "type": "private", "amount": "15.00"}]
    }
  ]
})";

struct Fixture {
  ProgrammeRules rules = interregRules();
  crossgrant::core::RulesLookup lookup = crossgrant::test::lookupOf(rules);

  Bundle read(const std::string& text) { return crossgrant::core::readBundle(text, lookup); }

  // Every error reading text reports; empty when it reads.
  std::vector<ValidationError> errorsOf(const std::string& text) {
    try {
      crossgrant::core::readBundle(text, lookup);
    } catch (const InvalidInput& e) {
      return e.errors();
    }
    return {};
  }
};

// Whether errors hold one at pointer whose message contains `says`.
bool has(const std::vector<ValidationError>& errors, const std::string& pointer,
         const std::string& says) {
  for (const ValidationError& error : errors)
    if (error.pointer == pointer && error.message.find(says) != std::string::npos) return true;
  return false;
}

std::string listed(const std::vector<ValidationError>& errors) {
  std::string text;
  for (const ValidationError& error : errors) text += "\n  " + error.pointer + ": " + error.message;
  return text;
}

// Asserts that text yields exactly one error, at pointer, saying `says`.
#define CHECK_ONLY_ERROR(text, pointer, says)                                         \
  do {                                                                                \
    const auto errors_ = errorsOf(text);                                              \
    BOOST_TEST(errors_.size() == 1u, "errors:" << listed(errors_));                   \
    BOOST_TEST(has(errors_, pointer, says),                                           \
               "want " << pointer << ": " << says << "; errors:" << listed(errors_)); \
  } while (false)

#define CHECK_ERROR(errors, pointer, says) \
  BOOST_TEST(has(errors, pointer, says),   \
             "want " << pointer << ": " << says << "; errors:" << listed(errors))

// The demo file as the canonical writer prints it: titles sorted by language, final newline.
std::string canonicalDemo() {
  const std::string lv =
      "      \"lv\": \"Sociālo pakalpojumu pieejamības un kvalitātes uzlabošana Vidus-Baltijas "
      "reģionā\",\n";
  const std::string lt =
      "      \"lt\": \"Socialinių paslaugų prieinamumo ir kokybės gerinimas Vidurio Baltijos "
      "regione\",\n";
  const std::string en =
      "      \"en\": \"Improving accessibility and quality of social services in the Mid-Baltic "
      "region\"\n";
  std::string text = replaced(demoBundleText(), lv + lt + en, "<titles>");
  text = replaced(text, "<titles>",
                  en.substr(0, en.size() - 1) + ",\n" + lt + lv.substr(0, lv.size() - 2) + "\n");
  if (text.back() != '\n') text += '\n';
  return text;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(bundle_codec, Fixture)

BOOST_AUTO_TEST_CASE(demo_bundle_reads) {
  const Bundle bundle = read(demoBundleText());
  BOOST_TEST(bundle.programme.code == "LV-LT-2014-2020");
  BOOST_TEST(bundle.programme.rules == "interreg-2014-2020");
  BOOST_TEST(bundle.programme.fund == "ERDF");
  BOOST_TEST(bundle.project.code == "LLI-317");
  BOOST_TEST(bundle.project.programmeCode == "LV-LT-2014-2020");
  BOOST_TEST(bundle.project.acronym == "SocQuality");
  BOOST_REQUIRE(bundle.project.titles.size() == 3u);
  BOOST_TEST(bundle.project.titles[0].first == "en");
  BOOST_TEST(bundle.project.titles[1].first == "lt");
  BOOST_TEST(bundle.project.titles[2].first == "lv");
  BOOST_TEST(bundle.project.titles[2].second ==
             "Sociālo pakalpojumu pieejamības un kvalitātes uzlabošana Vidus-Baltijas reģionā");
  BOOST_TEST(bundle.project.start.toString() == "2018-03-01");
  BOOST_TEST(bundle.project.end.toString() == "2020-02-29");
  BOOST_TEST(bundle.project.currency == "EUR");
  BOOST_REQUIRE(bundle.project.approvedTotal.has_value());
  BOOST_TEST(bundle.project.approvedTotal->toString() == "791256.20");
  BOOST_TEST(bundle.project.approvedFund->toString() == "672567.74");
  BOOST_REQUIRE(bundle.project.periods.size() == 4u);
  BOOST_TEST(bundle.project.periods[3].number == 4);
  BOOST_TEST(bundle.project.periods[3].start.toString() == "2019-09-01");
  BOOST_REQUIRE(bundle.partners.size() == 8u);
  BOOST_TEST((bundle.partners[0].role == PartnerRole::kLead));
  BOOST_TEST(bundle.partners[0].name == "Zemgales plānošanas reģions");
  const auto& rokiskis = bundle.partners[6];
  BOOST_TEST(rokiskis.code == "PP6");
  BOOST_TEST(rokiskis.name == "VšĮ Rokiškio jaunimo centras");
  BOOST_TEST(rokiskis.country == "LT");
  BOOST_TEST(rokiskis.total.toString() == "94535.16");
  BOOST_REQUIRE(rokiskis.budget.size() == 6u);
  BOOST_TEST(rokiskis.budget[1].category == "office_admin");
  BOOST_TEST(rokiskis.budget[1].amount.toString() == "1701.63");
  BOOST_REQUIRE(rokiskis.cofinancing.size() == 2u);
  BOOST_TEST((rokiskis.cofinancing[0].type == ContributionType::kFund));
  BOOST_TEST(rokiskis.cofinancing[1].source == "Rokiškio rajono savivaldybė");
  BOOST_TEST(rokiskis.fundAmount().toString() == "80354.84");
  BOOST_TEST(bundle.partners[0].cofinancing[1].source == "Latvijas valsts budžets");
}

BOOST_AUTO_TEST_CASE(demo_bundle_writes_in_canonical_form) {
  const std::string written = crossgrant::core::writeBundle(read(demoBundleText()));
  BOOST_TEST(written == canonicalDemo());
}

BOOST_AUTO_TEST_CASE(write_read_write_is_byte_identical) {
  const Bundle bundle = read(demoBundleText());
  const std::string once = crossgrant::core::writeBundle(bundle);
  const Bundle again = read(once);
  BOOST_TEST((again == bundle));
  BOOST_TEST(crossgrant::core::writeBundle(again) == once);

  const std::string small = crossgrant::core::writeBundle(read(kSmall));
  BOOST_TEST(crossgrant::core::writeBundle(read(small)) == small);
  BOOST_TEST(small.find("\"approved\"") == std::string::npos);
  BOOST_TEST(small.find("\"periods\": []") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(approved_figures_are_written_only_when_present) {
  const std::string onlyFund =
      replaced(kSmall, R"("periods": [])", R"("approved": {"fund": "0.5"}, "periods": [])");
  const Bundle bundle = read(onlyFund);
  BOOST_TEST(!bundle.project.approvedTotal.has_value());
  BOOST_TEST(bundle.project.approvedFund->toString() == "0.50");
  const std::string written = crossgrant::core::writeBundle(bundle);
  BOOST_TEST(written.find("\"approved\": {\n      \"fund\": \"0.50\"\n    },") !=
             std::string::npos);
  BOOST_TEST((read(written) == bundle));
}

BOOST_AUTO_TEST_CASE(text_that_is_not_json_or_not_utf8) {
  CHECK_ONLY_ERROR(kSmall.substr(0, 100), "", "not JSON");
  CHECK_ONLY_ERROR(replaced(kSmall, "Kauno", "Kaun\xC5"), "", "UTF-8");
  CHECK_ONLY_ERROR("[]", "", "expected an object, found array");
}

BOOST_AUTO_TEST_CASE(wrong_types_are_named) {
  const std::string demo = demoBundleText();
  CHECK_ONLY_ERROR(replaced(demo, R"("acronym": "SocQuality")", R"("acronym": 5)"),
                   "/project/acronym", "expected a string, found integer");
  CHECK_ONLY_ERROR(replaced(kSmall, R"("vat_recoverable": true)", R"("vat_recoverable": "yes")"),
                   "/partners/0/vat_recoverable", "expected a boolean, found string");
  CHECK_ONLY_ERROR(replaced(kSmall, R"("periods": [])", R"("periods": {})"), "/project/periods",
                   "expected an array, found object");
  CHECK_ONLY_ERROR(replaced(kSmall, R"("budget": [)", R"("budget": [7, )"), "/partners/0/budget/0",
                   "expected an object, found integer");
}

BOOST_AUTO_TEST_CASE(unknown_fields_are_errors) {
  const auto errors =
      errorsOf(replaced(demoBundleText(), R"("total": "120000.00")", R"("totl": "120000.00")"));
  BOOST_TEST(errors.size() == 2u, listed(errors));
  CHECK_ERROR(errors, "/partners/0/totl", "unknown field \"totl\"");
  CHECK_ERROR(errors, "/partners/0/total", "missing required field \"total\"");
  CHECK_ONLY_ERROR(replaced(kSmall, R"("version": 1,)", R"("version": 1, "a/b~c": 0,)"), "/a~1b~0c",
                   "unknown field \"a/b~c\"");
}

BOOST_AUTO_TEST_CASE(missing_required_fields) {
  CHECK_ONLY_ERROR(replaced(demoBundleText(), "\"acronym\": \"SocQuality\",\n", ""),
                   "/project/acronym", "missing required field \"acronym\"");
  CHECK_ONLY_ERROR(replaced(kSmall, R"("vat_recoverable": true,)", ""),
                   "/partners/0/vat_recoverable", "missing required field");
}

BOOST_AUTO_TEST_CASE(format_and_version) {
  const std::string demo = demoBundleText();
  CHECK_ONLY_ERROR(replaced(demo, R"("crossgrant.bundle")", R"("crossgrant.bundel")"), "/format",
                   "expected \"crossgrant.bundle\", found \"crossgrant.bundel\"");
  // Versions 1 and 2 are read (bundle-v2.md; WorkPlanTest); no other.
  CHECK_ONLY_ERROR(replaced(demo, R"("version": 1)", R"("version": 3)"), "/version",
                   "expected version 1 or 2, found 3");
  CHECK_ONLY_ERROR(replaced(demo, R"("version": 1)", R"("version": "1")"), "/version",
                   "expected an integer, found string");
}

BOOST_AUTO_TEST_CASE(amounts_must_be_strings) {
  CHECK_ONLY_ERROR(replaced(demoBundleText(), R"("total": "120000.00")", R"("total": 120000.00)"),
                   "/partners/0/total", "expected an amount as a string");
  CHECK_ONLY_ERROR(replaced(kSmall, R"("amount": "85.00")", R"("amount": 85)"),
                   "/partners/0/cofinancing/0/amount", "found integer");
}

BOOST_AUTO_TEST_CASE(amounts_must_be_plain_decimals) {
  const std::string demo = demoBundleText();
  CHECK_ONLY_ERROR(replaced(demo, R"("17205.40")", R"("17,205.40")"), "/partners/6/budget/3/amount",
                   "\"17,205.40\" is not a plain decimal");
  CHECK_ONLY_ERROR(replaced(demo, R"("17205.40")", R"("17205.405")"), "/partners/6/budget/3/amount",
                   "more than 2 fraction digits");
  CHECK_ONLY_ERROR(replaced(demo, R"("791256.20")", R"("7.9e5")"), "/project/approved/total",
                   "not a plain decimal");
}

BOOST_AUTO_TEST_CASE(negative_amounts_are_errors) {
  const std::string demo = demoBundleText();
  CHECK_ONLY_ERROR(replaced(demo, R"("9453.52")", R"("-9453.52")"), "/partners/6/budget/4/amount",
                   "must not be negative");
  CHECK_ONLY_ERROR(replaced(demo, R"("14180.27")", R"("-14180.27")"),
                   "/partners/6/cofinancing/1/amount", "must not be negative");
  CHECK_ONLY_ERROR(replaced(demo, R"("672567.74")", R"("-672567.74")"), "/project/approved/fund",
                   "must not be negative");
}

BOOST_AUTO_TEST_CASE(unknown_rules_key_still_reports_the_other_errors) {
  std::string text = replaced(demoBundleText(), R"("interreg-2014-2020")", R"("interreg-2099")");
  text = replaced(text, R"("category": "external",
          "amount": "17205.40")",
                  R"("category": "extrenal",
          "amount": "-17205.40")");
  const auto errors = errorsOf(text);
  BOOST_TEST(errors.size() == 2u, listed(errors));
  CHECK_ERROR(errors, "/programme/rules", "unknown programme rules \"interreg-2099\"");
  CHECK_ERROR(errors, "/partners/6/budget/3/amount", "must not be negative");
}

BOOST_AUTO_TEST_CASE(unknown_cost_category) {
  CHECK_ONLY_ERROR(replaced(demoBundleText(), R"("category": "external",
          "amount": "17205.40")",
                            R"("category": "extrenal",
          "amount": "17205.40")"),
                   "/partners/6/budget/3/category",
                   "unknown cost category \"extrenal\" for rules \"interreg-2014-2020\"");
}

BOOST_AUTO_TEST_CASE(duplicate_budget_category_in_one_partner) {
  CHECK_ONLY_ERROR(replaced(demoBundleText(), R"("category": "equipment",
          "amount": "9453.52")",
                            R"("category": "travel",
          "amount": "9453.52")"),
                   "/partners/6/budget/4/category",
                   "duplicate cost category \"travel\" (already at /partners/6/budget/2)");
}

BOOST_AUTO_TEST_CASE(duplicate_partner_codes) {
  CHECK_ONLY_ERROR(replaced(demoBundleText(), R"("code": "PP2")", R"("code": "PP1")"),
                   "/partners/2/code", "duplicate partner code \"PP1\" (already at /partners/1)");
}

BOOST_AUTO_TEST_CASE(exactly_one_lead_partner) {
  const std::string demo = demoBundleText();
  CHECK_ONLY_ERROR(replaced(demo, R"("role": "lead")", R"("role": "partner")"), "/partners",
                   "no partner has role \"lead\"");
  CHECK_ONLY_ERROR(replaced(demo, R"("code": "PP7",
      "role": "partner")",
                            R"("code": "PP7",
      "role": "lead")"),
                   "/partners/7/role",
                   "a second lead partner (the lead is already at /partners/0)");
  // An unreadable role is reported once, not also as a missing lead.
  CHECK_ONLY_ERROR(replaced(demo, R"("role": "lead")", R"("role": "leader")"), "/partners/0/role",
                   "expected one of lead, partner, found \"leader\"");
}

BOOST_AUTO_TEST_CASE(no_partners) {
  const std::string none = R"("partners": [])";
  const auto at = kSmall.find("\"partners\": [");
  CHECK_ONLY_ERROR(kSmall.substr(0, at) + none + "}", "/partners", "expected at least one partner");
}

BOOST_AUTO_TEST_CASE(bad_iso_dates) {
  const std::string demo = demoBundleText();
  CHECK_ONLY_ERROR(replaced(demo, R"("start": "2018-03-01",
    "end")",
                            R"("start": "2018-02-30",
    "end")"),
                   "/project/start", "found \"2018-02-30\"");
  CHECK_ONLY_ERROR(replaced(kSmall, R"("end": "2021-12-31")", R"("end": "31.12.2021")"),
                   "/project/end", "expected an ISO date");
}

BOOST_AUTO_TEST_CASE(start_after_end) {
  CHECK_ONLY_ERROR(replaced(kSmall, R"("end": "2021-12-31")", R"("end": "2020-12-31")"),
                   "/project/end", "project ends 2020-12-31, before it starts 2021-01-01");
}

BOOST_AUTO_TEST_CASE(periods_are_numbered_one_to_n) {
  CHECK_ONLY_ERROR(replaced(demoBundleText(), R"("number": 3)", R"("number": 5)"),
                   "/project/periods/2/number", "expected period number 3, found 5");
}

BOOST_AUTO_TEST_CASE(periods_are_contiguous) {
  CHECK_ONLY_ERROR(
      replaced(demoBundleText(), R"("start": "2018-09-01")", R"("start": "2018-09-02")"),
      "/project/periods/1/start",
      "expected 2018-09-01, the day after period 1 ends, found 2018-09-02");
  CHECK_ONLY_ERROR(replaced(demoBundleText(), R"("start": "2019-03-01",
        "end": "2019-08-31")",
                            R"("start": "2019-03-01",
        "end": "2019-02-28")"),
                   "/project/periods/2/end", "period ends 2019-02-28, before it starts 2019-03-01");
}

BOOST_AUTO_TEST_CASE(periods_lie_within_the_project) {
  const std::string onePeriod =
      R"("periods": [{"number": 1, "start": "2020-12-01", "end": "2022-01-31"}])";
  const auto errors = errorsOf(replaced(kSmall, R"("periods": [])", onePeriod));
  BOOST_TEST(errors.size() == 2u, listed(errors));
  CHECK_ERROR(errors, "/project/periods/0/start",
              "period starts 2020-12-01, before the project starts 2021-01-01");
  CHECK_ERROR(errors, "/project/periods/0/end",
              "period ends 2022-01-31, after the project ends 2021-12-31");
}

BOOST_AUTO_TEST_CASE(currency_must_be_known) {
  CHECK_ONLY_ERROR(replaced(kSmall, R"("currency": "EUR")", R"("currency": "USD")"),
                   "/project/currency", "expected EUR, LVL or LTL, found \"USD\"");
  BOOST_TEST(
      read(replaced(kSmall, R"("currency": "EUR")", R"("currency": "LTL")")).project.currency ==
      "LTL");
}

BOOST_AUTO_TEST_CASE(country_is_two_upper_case_letters) {
  for (const char* country : {"Lt", "LTU", "", "Ł1"}) {
    BOOST_TEST_CONTEXT("country " << country) {
      CHECK_ONLY_ERROR(
          replaced(kSmall, R"("country": "LT")", std::string("\"country\": \"") + country + "\""),
          "/partners/0/country", "expected an ISO 3166-1 alpha-2 code");
    }
  }
}

BOOST_AUTO_TEST_CASE(titles) {
  CHECK_ONLY_ERROR(replaced(kSmall, R"({"lt": "Projektas"})", R"({"de": "Projekt"})"),
                   "/project/title", "expected a title in at least one of en, lv, lt");
  CHECK_ONLY_ERROR(replaced(kSmall, R"({"lt": "Projektas"})", "{}"), "/project/title",
                   "at least one of en, lv, lt");
  CHECK_ONLY_ERROR(replaced(kSmall, R"({"lt": "Projektas"})", R"({"lt": ""})"), "/project/title/lt",
                   "expected a non-empty title");
  CHECK_ONLY_ERROR(replaced(kSmall, R"({"lt": "Projektas"})", R"({"lt": "P", "EN": "P"})"),
                   "/project/title/EN", "expected a language code");
  const Bundle bundle =
      read(replaced(kSmall, R"({"lt": "Projektas"})", R"({"lv": "Projekts", "de": "Projekt"})"));
  BOOST_REQUIRE(bundle.project.titles.size() == 2u);
  BOOST_TEST(bundle.project.titles[0].first == "de");
  BOOST_TEST(bundle.project.titles[1].second == "Projekts");
}

BOOST_AUTO_TEST_CASE(empty_codes_and_names) {
  const std::string demo = demoBundleText();
  CHECK_ONLY_ERROR(replaced(demo, R"("code": "LLI-317")", R"("code": "")"), "/project/code",
                   "expected a non-empty string");
  CHECK_ONLY_ERROR(replaced(demo, R"("name": "VšĮ Rokiškio jaunimo centras")", R"("name": "")"),
                   "/partners/6/name", "expected a non-empty string");
  CHECK_ONLY_ERROR(replaced(demo, R"("code": "LV-LT-2014-2020")", R"("code": "")"),
                   "/programme/code", "expected a non-empty string");
  CHECK_ONLY_ERROR(replaced(kSmall, R"("code": "LP")", R"("code": "")"), "/partners/0/code",
                   "expected a non-empty string");
}

BOOST_AUTO_TEST_CASE(unknown_enumeration_values) {
  CHECK_ONLY_ERROR(replaced(kSmall, R"("legal_status": "ngo")", R"("legal_status": "NGO")"),
                   "/partners/0/legal_status",
                   "expected one of public, public_equivalent, private, ngo, found \"NGO\"");
  CHECK_ONLY_ERROR(replaced(kSmall, R"("type": "private")", R"("type": "grant")"),
                   "/partners/0/cofinancing/1/type",
                   "expected one of fund, public, automatic_public, private, found \"grant\"");
}

BOOST_AUTO_TEST_CASE(one_fund_entry_per_fund_and_partner) {
  const std::string demo = demoBundleText();
  CHECK_ONLY_ERROR(replaced(demo, R"("source": "Savivaldybės biudžetas",
          "type": "public",
          "amount": "15000.00")",
                            R"("source": "ERDF",
          "type": "fund",
          "amount": "15000.00")"),
                   "/partners/5/cofinancing/1/source",
                   "a second \"fund\" entry from \"ERDF\" (already at /partners/5/cofinancing/0)");
  // Every partner has its entry from the programme's fund; a misspelt source is not it.
  CHECK_ONLY_ERROR(replaced(kSmall, R"("source": "ERDF", "type": "fund")",
                            R"("source": "ERDF", "type": "public")"),
                   "/partners/0/cofinancing",
                   "no entry of type \"fund\" from the programme's fund \"ERDF\"");
  CHECK_ONLY_ERROR(replaced(kSmall, R"("source": "ERDF", "type": "fund")",
                            R"("source": "EFRR", "type": "fund")"),
                   "/partners/0/cofinancing",
                   "no entry of type \"fund\" from the programme's fund \"ERDF\"");
  // Two funds, or the same source as a non-fund entry, are fine.
  read(replaced(kSmall, R"("source": "Savivaldybė", "type": "private")",
                R"("source": "Interreg NEXT", "type": "fund")"));
  read(replaced(kSmall, R"("source": "Savivaldybė", "type": "private")",
                R"("source": "ERDF", "type": "public")"));
}

BOOST_AUTO_TEST_CASE(approved_needs_total_or_fund) {
  CHECK_ONLY_ERROR(replaced(kSmall, R"("periods": [])", R"("approved": {}, "periods": [])"),
                   "/project/approved", "expected at least one of \"total\", \"fund\"");
  CHECK_ONLY_ERROR(replaced(kSmall, R"("periods": [])",
                            R"("approved": {"total": "1", "ERDF": "1"}, "periods": [])"),
                   "/project/approved/ERDF", "unknown field \"ERDF\"");
}

BOOST_AUTO_TEST_CASE(every_error_of_a_document_is_reported) {
  std::string text = demoBundleText();
  text = replaced(text, R"("crossgrant.bundle")", R"("crossgrant")");
  text = replaced(text, R"("currency": "EUR")", R"("currency": "eur")");
  text = replaced(text, R"("number": 2)", R"("number": "2")");
  text = replaced(text, R"("code": "PP3")", R"("code": "PP2")");
  text = replaced(text, R"("country": "LV",
      "legal_status": "public",
      "vat_recoverable": false,
      "total": "120000.00")",
                  R"("country": "LV",
      "legal_status": "public",
      "vat_recoverable": false,
      "total": "120000")");
  text = replaced(text, R"("9453.52")", R"("9453.52 EUR")");
  text = replaced(text, R"("category": "infrastructure",
          "amount": "38430.38")",
                  R"("categry": "infrastructure",
          "amount": "38430.38")");
  const auto errors = errorsOf(text);
  BOOST_TEST(errors.size() == 7u, listed(errors));
  CHECK_ERROR(errors, "/format", "expected \"crossgrant.bundle\"");
  CHECK_ERROR(errors, "/project/currency", "found \"eur\"");
  CHECK_ERROR(errors, "/project/periods/1/number", "expected an integer, found string");
  CHECK_ERROR(errors, "/partners/3/code",
              "duplicate partner code \"PP2\" (already at /partners/2)");
  CHECK_ERROR(errors, "/partners/6/budget/4/amount", "not a plain decimal");
  CHECK_ERROR(errors, "/partners/7/budget/5/categry", "unknown field \"categry\"");
  CHECK_ERROR(errors, "/partners/7/budget/5/category", "missing required field");
  BOOST_TEST(!has(errors, "/partners/0/total", ""), "\"120000\" is a valid amount");
}

BOOST_AUTO_TEST_CASE(parts_read_with_pointers_relative_to_the_part) {
  const Json partner = Json::parse(R"({
    "code": "PP9", "role": "partner", "name": "Ūdens", "country": "LV", "legal_status": "private",
    "vat_recoverable": false, "total": "10",
    "budget": [{"category": "staff", "amount": "10"}, {"category": "catering", "amount": "x"}],
    "cofinancing": []})");
  try {
    crossgrant::core::readPartner(partner, rules);
    BOOST_FAIL("readPartner accepted a bad partner");
  } catch (const InvalidInput& e) {
    BOOST_TEST(e.errors().size() == 2u, listed(e.errors()));
    CHECK_ERROR(e.errors(), "/budget/1/category", "unknown cost category \"catering\"");
    CHECK_ERROR(e.errors(), "/budget/1/amount", "not a plain decimal");
  }
  const auto budget = crossgrant::core::readBudget(
      Json::parse(R"([{"category": "travel", "amount": "0.5"}])"), rules);
  BOOST_REQUIRE(budget.size() == 1u);
  BOOST_TEST(budget[0].amount.toString() == "0.50");
  BOOST_CHECK_THROW(crossgrant::core::readCofinancing(Json::parse("{}")), InvalidInput);
  try {
    crossgrant::core::readProgramme(
        Json::parse(R"({"code": "C", "name": "N", "rules": "nope", "fund": "F"})"), lookup);
    BOOST_FAIL("readProgramme accepted unknown rules");
  } catch (const InvalidInput& e) {
    BOOST_TEST(e.errors().size() == 1u);
    CHECK_ERROR(e.errors(), "/rules", "unknown programme rules \"nope\"");
  }
  const Json project = Json::parse(crossgrant::core::writeBundle(read(kSmall))).find("project")[0];
  const auto readBack = crossgrant::core::readProject(project);
  BOOST_TEST(readBack.code == "X-1");
  BOOST_TEST(readBack.programmeCode.empty());
  BOOST_TEST((crossgrant::core::projectToJson(readBack) == project));
}

BOOST_AUTO_TEST_CASE(names_in_any_script_survive_byte_for_byte) {
  const std::string name =
      "Ąžuolų ėjimo įstaiga, Ķekavas ģimnāzija: ā č ē ģ ī ķ ļ ņ š ū ž ą ę ė į ų";
  const Bundle bundle = read(replaced(kSmall, R"("Kauno rajono savivaldybė")", "\"" + name + "\""));
  BOOST_TEST(bundle.partners[0].name == name);
  const std::string written = crossgrant::core::writeBundle(bundle);
  BOOST_TEST(written.find("\"name\": \"" + name + "\"") != std::string::npos);
  BOOST_TEST(read(written).partners[0].name == name);
}

BOOST_AUTO_TEST_CASE(sums_that_overflow_are_errors_at_the_object_whose_sum_it_is) {
  const std::string largest = "92233720368547758.07";
  // Each amount is valid; the budget lines, the co-financing and the partners' totals are not
  // when added.
  std::string text = replaced(kSmall, R"("budget": [{"category": "staff", "amount": "100.00"}])",
                              R"("budget": [{"category": "staff", "amount": ")" + largest +
                                  R"("}, {"category": "travel", "amount": ")" + largest + R"("}])");
  text = replaced(text, R"("type": "private", "amount": "15.00")",
                  R"("type": "private", "amount": ")" + largest + R"(")");
  const std::vector<ValidationError> errors = errorsOf(text);
  BOOST_TEST(has(errors, "/partners/0/budget", "the largest amount crossgrant stores"),
             listed(errors));
  BOOST_TEST(has(errors, "/partners/0/cofinancing", "the largest amount crossgrant stores"),
             listed(errors));

  // One partner's figures fit; in a legacy currency their euro equivalent does not.
  const std::string near = "90000000000000000.00";
  std::string legacy = replaced(kSmall, R"("currency": "EUR")", R"("currency": "LVL")");
  legacy = replaced(legacy, R"("total": "100.00")", R"("total": ")" + near + R"(")");
  const std::vector<ValidationError> euro = errorsOf(legacy);
  BOOST_TEST(has(euro, "/partners", "in euro"), listed(euro));

  // Each part of a partner on its own.
  BOOST_CHECK_EXCEPTION(
      crossgrant::core::readBudget(Json::parse(R"([{"category": "staff", "amount": ")" + largest +
                                               R"("}, {"category": "travel", "amount": "0.01"}])"),
                                   rules),
      InvalidInput, [](const InvalidInput& e) {
        return has(e.errors(), "", "the largest amount crossgrant stores");
      });
}

BOOST_AUTO_TEST_SUITE_END()
