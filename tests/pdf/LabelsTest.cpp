#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

#include "crossgrant/core/Labels.h"

using crossgrant::core::LabelError;
using crossgrant::core::Labels;
using crossgrant::core::Language;

namespace {

const std::string kDirectory = CROSSGRANT_SOURCE_DIR "/reports/i18n";

std::string parseError(const std::string& text) {
  try {
    Labels::parse(text, "test.properties");
  } catch (const LabelError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(labels)

BOOST_AUTO_TEST_CASE(parses_keys_values_comments_and_escapes) {
  const Labels labels = Labels::parse(
      "\xEF\xBB\xBF# comment\n"
      "\n"
      "a.key = Value with = sign  \n"
      "  b_2=tight\n"
      "c = two\\nlines and a \\\\ backslash\r\n"
      "empty =\n",
      "test");
  BOOST_TEST(labels.get("a.key") == "Value with = sign");
  BOOST_TEST(labels.get("b_2") == "tight");
  BOOST_TEST(labels.get("c") == "two\nlines and a \\ backslash");
  BOOST_TEST(labels.get("empty") == "");
  BOOST_TEST(labels.contains("empty"));
  BOOST_TEST(!labels.contains("missing"));
  BOOST_TEST(labels.keys().size() == 4u);
}

BOOST_AUTO_TEST_CASE(malformed_files_are_rejected_with_file_and_line) {
  BOOST_TEST(parseError("a = 1\nno equals sign\n").find("test.properties:2:") != std::string::npos);
  BOOST_TEST(parseError("a = 1\na = 2\n").find("duplicate key \"a\"") != std::string::npos);
  BOOST_TEST(parseError("A = 1\n").find("characters other than") != std::string::npos);
  BOOST_TEST(parseError(" = 1\n").find("empty key") != std::string::npos);
  BOOST_TEST(parseError("a = \\t\n").find("unknown escape") != std::string::npos);
  BOOST_CHECK_THROW(Labels::loadFile(kDirectory + "/xx.properties"), LabelError);
}

BOOST_AUTO_TEST_CASE(format_fills_placeholders) {
  const Labels labels = Labels::parse("page = Page {page} of {pages}\nodd = {unknown} {\n", "t");
  BOOST_TEST(labels.format("page", {{"page", "3"}, {"pages", "12"}}) == "Page 3 of 12");
  BOOST_TEST(labels.format("odd", {{"page", "3"}}) == "{unknown} {");
  BOOST_TEST(Labels::placeholders("{page}. lapa no {pages}") ==
                 (std::vector<std::string>{"page", "pages"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_missing_translation_falls_back_to_english_then_to_the_key) {
  const Labels latvian = Labels::load(kDirectory, Language::kLv);
  BOOST_TEST(latvian.get("engine.page_of") == "{page}. lapa no {pages}");
  BOOST_TEST(latvian.get("no.such.key") == "no.such.key");
  const Labels english = Labels::load(kDirectory, Language::kEn);
  BOOST_TEST(english.format("engine.page_of", {{"page", "1"}, {"pages", "2"}}) == "Page 1 of 2");
}

// A missing translation fails here, not in a report.
BOOST_AUTO_TEST_CASE(every_english_key_is_translated_into_latvian_and_lithuanian) {
  const Labels english = Labels::loadFile(kDirectory + "/en.properties");
  const std::vector<std::string> keys = english.keys();
  BOOST_TEST(keys.size() > 60u);
  for (const char* language : {"lv", "lt"}) {
    const Labels translated = Labels::loadFile(kDirectory + "/" + language + ".properties");
    for (const std::string& key : keys) {
      BOOST_TEST_CONTEXT(language << ".properties, key " << key) {
        BOOST_TEST(translated.contains(key));
        BOOST_TEST(!translated.get(key).empty());
        const auto expected = Labels::placeholders(english.get(key));
        const auto actual = Labels::placeholders(translated.get(key));
        BOOST_TEST(std::multiset<std::string>(expected.begin(), expected.end()) ==
                   std::multiset<std::string>(actual.begin(), actual.end()));
      }
    }
    for (const std::string& key : translated.keys()) {
      BOOST_TEST_CONTEXT(language << ".properties has a key English does not: " << key) {
        BOOST_TEST(english.contains(key));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(the_engine_and_the_financial_statement_have_their_labels) {
  const Labels english = Labels::loadFile(kDirectory + "/en.properties");
  for (const char* key : {"engine.page_of",     "engine.generated",
                          "engine.document_id", "common.partner",
                          "fin.approved_total", "fin.fund",
                          "fin.contribution",   "fin.rate",
                          "fin.declared",       "fin.verified",
                          "fin.remaining",      "common.total",
                          "findings.title",     "common.period",
                          "category.staff",     "category.office_admin",
                          "category.travel",    "category.external",
                          "category.equipment", "category.infrastructure"}) {
    BOOST_TEST_CONTEXT(key) { BOOST_TEST(english.contains(key)); }
  }
}

BOOST_AUTO_TEST_SUITE_END()
