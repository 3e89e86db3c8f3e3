// Whole documents rendered by the engine and checked with the real tools: qpdf --check,
// pdffonts, pdftotext, pdfinfo and pdftoppm, with nothing on poppler's stderr.
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "PdfTools.h"
#include "crossgrant/core/Labels.h"
#include "crossgrant/core/Locale.h"
#include "crossgrant/pdf/ContentSection.h"
#include "crossgrant/pdf/Document.h"
#include "crossgrant/pdf/PdfError.h"
#include "crossgrant/pdf/Report.h"

using crossgrant::core::Amount;
using crossgrant::core::Date;
using crossgrant::core::formatAmount;
using crossgrant::core::formatMoney;
using crossgrant::core::formatMoneyWithEuro;
using crossgrant::core::Labels;
using crossgrant::core::Language;
using crossgrant::pdf::Align;
using crossgrant::pdf::BarChart;
using crossgrant::pdf::Color;
using crossgrant::pdf::ContentSection;
using crossgrant::pdf::Document;
using crossgrant::pdf::DocumentInfo;
using crossgrant::pdf::PdfError;
using crossgrant::pdf::ProgressChart;
using crossgrant::pdf::Report;
using crossgrant::pdf::RowKind;
using crossgrant::pdf::Section;
using crossgrant::pdf::Table;
using crossgrant::pdf::TableColumn;
using crossgrant::pdf::TableWriter;
using crossgrant::test::countOf;
using crossgrant::test::PdfFile;
using crossgrant::test::ToolRun;

namespace {

const std::string kI18n = CROSSGRANT_SOURCE_DIR "/reports/i18n";

// Between them, every letter of the Latvian and the Lithuanian alphabet.
constexpr const char* kLatvianPangram = "Glāžšķūņa rūķīši dzērumā čiepj Baha koncertflīģeļu vākus";
constexpr const char* kLatvianPangramCapitals =
    "GLĀŽŠĶŪŅA RŪĶĪŠI DZĒRUMĀ ČIEPJ BAHA KONCERTFLĪĢEĻU VĀKUS";
constexpr const char* kLithuanianPangram =
    "Įlinkdama fechtuotojo špaga sublykčiojusi pragręžė apvalų arbūzą";
// Single letters between spaces: pdftotext's default layout reads evenly spaced letters as
// one letter-spaced word, so these are checked in its -raw mode.
constexpr const char* kLetters = "ā č ē ģ ī ķ ļ ņ š ū ž ą ę ė į ų Ą Č Ę Ė Į Ų";

constexpr int kLongRows = 160;
constexpr int kTallLines = 150;

const std::vector<std::string> kPartners{
    "Zemgales plānošanas reģions",
    "Auces novada pašvaldība",
    "Dobeles novada pašvaldība",
    "Jaunjelgavas novada pašvaldība",
    "Viesītes novada pašvaldība",
    "Joniškio Algirdo Raudonikio meno mokyklos Atviras jaunimo centras",
    "VšĮ Rokiškio jaunimo centras",
    "Kretingos dienos užimtumo centras"};
// Their approved totals in cents: they add up to 791 256.20.
const std::vector<std::int64_t> kTotals{23000000, 6500000,  6500000,  6500000,
                                        6500000,  12000000, 10625620, 7500000};

const Labels& labelsFor(Language language) {
  static std::map<Language, Labels> cache;
  auto found = cache.find(language);
  if (found == cache.end()) found = cache.emplace(language, Labels::load(kI18n, language)).first;
  return found->second;
}

std::string marker(char letter, int row) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%c%04d", letter, row);
  return buffer;
}

std::string pageOf(Language language, int page, int pages) {
  return labelsFor(language).format(
      "engine.page_of", {{"page", std::to_string(page)}, {"pages", std::to_string(pages)}});
}

// A section that streams a long table, as later reports will: row R<n> ends its wrapped
// description with E<n>, so a test can see that a row never spans two pages.
class LongTableSection : public Section {
 public:
  void render(Document& document) const override {
    document.heading("Izdevumu saraksts / Išlaidų sąrašas", 2);
    TableWriter table = document.table({{"Nr.", 0.7f},
                                        {"Partneris", 2.4f},
                                        {"Apraksts", 3.2f},
                                        {"Datums", 1.1f},
                                        {"Summa", 1.3f, Align::kRight}});
    for (int row = 1; row <= kLongRows; ++row) {
      std::string description = "Apmācību vadītāja honorārs un ceļa izdevumi";
      for (int extra = 0; extra < row % 4; ++extra) description += " pagal sutartį su tiekėju";
      description += " " + marker('E', row);
      const Date date{2019, 1 + row % 12, 1 + row % 28};
      table.row({marker('R', row), kPartners[static_cast<std::size_t>(row) % kPartners.size()],
                 description, date.toString(),
                 formatAmount(Amount::fromMinor(row * 104729), document.language())});
    }
    table.end();
  }
};

// One row taller than a page: it must split between lines, with the header repeated.
class TallRowSection : public Section {
 public:
  void render(Document& document) const override {
    document.pageBreak();
    document.heading("Garā rinda", 2);
    TableWriter table = document.table({{"Kolonna A", 1.0f}, {"Kolonna B", 3.0f}});
    std::string lines;
    for (int line = 1; line <= kTallLines; ++line) {
      char buffer[16];
      std::snprintf(buffer, sizeof buffer, "line %03d", line);
      lines += (line > 1 ? "\n" : "") + std::string(buffer);
    }
    table.row({"tall", lines});
    table.row({"after", "the row after the tall one"});
    table.end();
  }
};

Report sampleReport(Language language) {
  const Labels& labels = labelsFor(language);
  DocumentInfo info;
  info.title = std::string(labels.get("report.financial_statement.title"));
  info.project = "LLI-317 SocQuality";
  info.subject = "Interreg V-A Latvia–Lithuania";
  info.documentId = "FS-LLI-317-0001";
  info.generatedAt = {Date{2020, 1, 15}, 14, 5, 0};
  info.language = language;
  Report report(info);

  const auto money = [&](std::int64_t cents) {
    return formatMoney(Amount::fromMinor(cents), "EUR", language);
  };
  ContentSection& intro = report.emplace<ContentSection>();
  intro.heading(std::string(labels.get("report.financial_statement.title")))
      .keyValues(
          {{std::string(labels.get("common.programme")), "Interreg V-A Latvija–Lietuva 2014–2020"},
           {std::string(labels.get("common.project")), "LLI-317 SocQuality"},
           {std::string(labels.get("fin.approved_total")), money(79125620)},
           {std::string(labels.get("fin.euro_equivalent")),
            formatMoneyWithEuro(Amount::parse("70.28"), "LVL", language)}})
      .paragraph(kLatvianPangram)
      .paragraph(kLatvianPangramCapitals)
      .paragraph(kLithuanianPangram)
      .paragraph(kLetters)
      .paragraph(
          "Sociālo pakalpojumu pieejamības un kvalitātes uzlabošana Vidus-Baltijas reģionā. "
          "Socialinių paslaugų prieinamumo ir kokybės gerinimas Vidurio Baltijos regione. "
          "This paragraph is long enough to wrap over several lines of the page, so that the "
          "engine has to break it at spaces between words rather than anywhere else.");

  Table partners;
  partners.columns = {{std::string(labels.get("common.partner")), 4.0f},
                      {std::string(labels.get("fin.approved_total")), 1.6f, Align::kRight}};
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < kPartners.size(); ++i) {
    partners.rows.push_back({{kPartners[i], money(kTotals[i])}});
    sum += kTotals[i];
  }
  partners.rows.push_back({{std::string(labels.get("common.total")), money(sum)}, RowKind::kTotal});
  ContentSection& partnersSection = report.emplace<ContentSection>();
  partnersSection.heading(std::string(labels.get("common.partners")), 2).table(partners);

  BarChart bars;
  bars.title = std::string(labels.get("fin.budget_by_category"));
  bars.series = {{std::string(labels.get("fin.approved")), Color::rgb(31, 119, 180)},
                 {std::string(labels.get("fin.declared")), Color::rgb(255, 127, 14)}};
  for (std::size_t i = 0; i < 3; ++i)
    bars.groups.push_back(
        {kPartners[i], {kTotals[i], kTotals[i] / 2}, {money(kTotals[i]), money(kTotals[i] / 2)}});
  BarChart stacked = bars;
  stacked.stacked = true;
  for (auto& group : stacked.groups) group.valueLabels = {"stacked-" + group.valueLabels[0]};
  ProgressChart progress;
  progress.title = "Progress";
  progress.items = {{kPartners[6], 634, 1000, "63,4 %"}, {kPartners[7], 1500, 1000, "150 %"}};
  ContentSection& charts = report.emplace<ContentSection>();
  charts.barChart(bars).barChart(stacked).progressChart(progress);

  report.emplace<LongTableSection>();
  report.emplace<TallRowSection>();
  return report;
}

const std::string& rendered(Language language) {
  static std::map<Language, std::string> cache;
  auto found = cache.find(language);
  if (found == cache.end())
    found = cache.emplace(language, sampleReport(language).render(labelsFor(language))).first;
  return found->second;
}

// The page (from 1) whose text contains needle; 0 if none, -1 if several.
int pageWith(const std::vector<std::string>& pages, const std::string& needle) {
  int page = 0;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (pages[i].find(needle) == std::string::npos) continue;
    if (page != 0) return -1;
    page = static_cast<int>(i) + 1;
  }
  return page;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(document)

BOOST_AUTO_TEST_CASE(qpdf_finds_nothing_wrong) {
  for (Language language : crossgrant::core::kLanguages) {
    BOOST_TEST_CONTEXT(toString(language)) {
      PdfFile file(rendered(language));
      const ToolRun check = file.run("qpdf", {"--check"});
      BOOST_TEST(check.status == 0);
      BOOST_TEST(check.out.find("No syntax or stream encoding errors found") != std::string::npos);
      BOOST_TEST(check.err == "");
    }
  }
}

BOOST_AUTO_TEST_CASE(every_font_is_embedded_with_a_unicode_map) {
  PdfFile file(rendered(Language::kLv));
  const ToolRun fonts = file.run("pdffonts");
  BOOST_TEST(fonts.status == 0);
  BOOST_TEST(fonts.err == "");
  // name, type (two words), encoding, emb, sub, uni, object number, generation.
  int count = 0;
  std::size_t start = fonts.out.find('\n', fonts.out.find("-----"));
  while (start != std::string::npos && start + 1 < fonts.out.size()) {
    const std::size_t end = fonts.out.find('\n', start + 1);
    const std::string line = fonts.out.substr(start + 1, end - start - 1);
    start = end;
    if (line.empty()) continue;
    ++count;
    BOOST_TEST_CONTEXT(line) {
      BOOST_TEST(line.find("DejaVuSans") != std::string::npos);
      BOOST_TEST(line.find("CID TrueType      Identity-H       yes yes yes") != std::string::npos);
    }
  }
  BOOST_TEST(count == 2);
}

BOOST_AUTO_TEST_CASE(poppler_prints_no_warning) {
  for (Language language : crossgrant::core::kLanguages) {
    BOOST_TEST_CONTEXT(toString(language)) {
      PdfFile file(rendered(language));
      const std::string out = file.directory() + "/render";
      for (const ToolRun& run :
           {file.run("pdftotext", {file.path(), "-"}, false), file.run("pdfinfo"),
            file.run("pdffonts"),
            file.run("pdftoppm", {"-r", "50", "-png", file.path(), out}, false),
            file.run("pdftoppm", {"-r", "50", "-gray", file.path(), out}, false)}) {
        BOOST_TEST(run.status == 0);
        BOOST_TEST(run.err == "");
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(latvian_and_lithuanian_text_extracts_byte_exact) {
  for (Language language : crossgrant::core::kLanguages) {
    BOOST_TEST_CONTEXT(toString(language)) {
      PdfFile file(rendered(language));
      const ToolRun text = file.run("pdftotext", {"-enc", "UTF-8", file.path(), "-"}, false);
      for (const char* expected :
           {"Zemgales plānošanas reģions", "VšĮ Rokiškio jaunimo centras",
            "Kretingos dienos užimtumo centras", kLatvianPangram, kLatvianPangramCapitals,
            kLithuanianPangram, "Interreg V-A Latvija–Lietuva"}) {
        BOOST_TEST(countOf(text.out, expected) >= 1, expected);
      }
      const ToolRun raw = file.run("pdftotext", {"-raw", "-enc", "UTF-8", file.path(), "-"}, false);
      BOOST_TEST(countOf(raw.out, kLetters) == 1);
    }
  }
}

BOOST_AUTO_TEST_CASE(totals_extract_formatted_for_the_language) {
  // pdftotext turns the no-break space that groups the digits into an ordinary space.
  const std::map<Language, std::vector<std::string>> expected{
      {Language::kEn, {"791,256.20 EUR", "70.28 LVL (100.00 EUR)", "Total", "230,000.00 EUR"}},
      {Language::kLv, {"791 256,20 EUR", "70,28 LVL (100,00 EUR)", "Kopā", "230 000,00 EUR"}},
      {Language::kLt, {"791 256,20 EUR", "70,28 LVL (100,00 EUR)", "Iš viso", "230 000,00 EUR"}}};
  for (const auto& [language, strings] : expected) {
    PdfFile file(rendered(language));
    const ToolRun text = file.run("pdftotext", {"-enc", "UTF-8", file.path(), "-"}, false);
    for (const std::string& string : strings)
      BOOST_TEST(countOf(text.out, string) >= 1, toString(language) << ": " << string);
  }
}

BOOST_AUTO_TEST_CASE(every_page_says_page_x_of_y) {
  for (Language language : crossgrant::core::kLanguages) {
    BOOST_TEST_CONTEXT(toString(language)) {
      PdfFile file(rendered(language));
      const std::vector<std::string> pages = file.pages();
      const int count = static_cast<int>(pages.size());
      BOOST_TEST(count >= 6);
      for (int page = 1; page <= count; ++page) {
        BOOST_TEST_CONTEXT("page " << page) {
          const std::string& text = pages[static_cast<std::size_t>(page - 1)];
          BOOST_TEST(countOf(text, pageOf(language, page, count)) == 1);
          BOOST_TEST(countOf(text, "LLI-317 SocQuality") >= 1);
          BOOST_TEST(countOf(text, "FS-LLI-317-0001") == 1);
        }
      }
      BOOST_TEST(countOf(pages.back(), pageOf(language, count + 1, count)) == 0);
      const ToolRun info = file.run("pdfinfo");
      BOOST_TEST(info.out.find("Pages:           " + std::to_string(count) + "\n") !=
                 std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(footers_carry_the_generation_time_and_document_id) {
  PdfFile english(rendered(Language::kEn));
  BOOST_TEST(english.pages().front().find(
                 "Generated 15 January 2020, 14:05 UTC · Document ID FS-LLI-317-0001") !=
             std::string::npos);
  PdfFile latvian(rendered(Language::kLv));
  BOOST_TEST(latvian.pages().front().find(
                 "Sagatavots 2020. gada 15. janvārī, 14:05 UTC · Dokumenta ID FS-LLI-317-0001") !=
             std::string::npos);
  PdfFile lithuanian(rendered(Language::kLt));
  BOOST_TEST(lithuanian.pages().front().find("Parengta 2020 m. sausio 15 d., 14:05 UTC") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_long_table_repeats_its_header_and_never_splits_a_row) {
  PdfFile file(rendered(Language::kLv));
  const std::vector<std::string> pages = file.pages();
  std::set<int> tablePages;
  for (int row = 1; row <= kLongRows; ++row) {
    BOOST_TEST_CONTEXT("row " << row) {
      const int start = pageWith(pages, marker('R', row));
      const int end = pageWith(pages, marker('E', row));
      BOOST_TEST(start > 0);
      BOOST_TEST(start == end);
      tablePages.insert(start);
    }
  }
  BOOST_TEST(tablePages.size() >= 3u);
  for (int page : tablePages) {
    BOOST_TEST_CONTEXT("page " << page) {
      const std::string& text = pages[static_cast<std::size_t>(page - 1)];
      for (const char* title : {"Nr.", "Partneris", "Apraksts", "Datums", "Summa"})
        BOOST_TEST(countOf(text, title) >= 1, title);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_row_taller_than_a_page_splits_between_lines) {
  PdfFile file(rendered(Language::kEn));
  const std::vector<std::string> pages = file.pages();
  std::string all;
  for (const std::string& page : pages) all += page;
  std::set<int> spanned;
  std::size_t previous = 0;
  for (int line = 1; line <= kTallLines; ++line) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "line %03d", line);
    BOOST_TEST_CONTEXT(buffer) {
      BOOST_TEST(countOf(all, buffer) == 1);
      const std::size_t at = all.find(buffer);
      BOOST_TEST(at > previous);
      previous = at;
      const int page = pageWith(pages, buffer);
      BOOST_TEST(page > 0);
      spanned.insert(page);
    }
  }
  BOOST_TEST(spanned.size() >= 2u);
  for (int page : spanned) {
    BOOST_TEST_CONTEXT("page " << page) {
      BOOST_TEST(countOf(pages[static_cast<std::size_t>(page - 1)], "Kolonna B") == 1);
    }
  }
  BOOST_TEST(pageWith(pages, "the row after the tall one") == *spanned.rbegin());
}

BOOST_AUTO_TEST_CASE(a_header_row_never_stands_alone_at_the_foot_of_a_page) {
  DocumentInfo info;
  info.generatedAt = {Date{2020, 1, 15}, 0, 0, 0};
  Document document(info, labelsFor(Language::kEn));
  int filler = 0;
  while (filler == 0 || document.spaceLeft() > 60.0f)
    document.paragraph("filler paragraph " + std::to_string(++filler));
  // Room for the header and two lines of a row, not for the whole three-line row.
  document.space(document.spaceLeft() - 39.0f);
  BOOST_TEST(document.spaceLeft() == 39.0f, boost::test_tools::tolerance(0.01f));
  BOOST_TEST(document.pageCount() == 1);
  {
    TableWriter table = document.table({{"Lonely header", 1.0f}, {"Other", 1.0f}});
    table.row({"R0001", "three\nline\nrow"});
    table.row({"R0002", "two\nlines"});
  }
  document.paragraph("after the table, whose writer ended it");
  PdfFile file(document.finish());
  const std::vector<std::string> pages = file.pages();
  BOOST_TEST(pages.size() == 2u);
  BOOST_TEST(pageWith(pages, "Lonely header") == 2);
  BOOST_TEST(pageWith(pages, "R0001") == 2);
  BOOST_TEST(pageWith(pages, "after the table, whose writer ended it") == 2);
}

// A column narrower than its header's widest word gets that word's width (plus padding) from
// the widest columns, so that no header word is ever broken.
BOOST_AUTO_TEST_CASE(a_header_word_never_breaks_in_a_narrow_column) {
  DocumentInfo info;
  info.generatedAt = {Date{2020, 1, 15}, 0, 0, 0};
  Document document(info, labelsFor(Language::kEn));
  {
    TableWriter table = document.table({{"Nr.", 0.3f},
                                        {"Partnerorganisation", 0.4f},
                                        {"Sadarbības partneris", 0.3f, Align::kRight},
                                        {"Description of the row", 8.0f}});
    table.row({"1", "PP6", "94 535,11", "a description that is long enough to fill its column"});
    table.end();
  }
  PdfFile file(document.finish());
  const ToolRun run = file.run("pdftotext", {"-layout", "-enc", "UTF-8", file.path(), "-"}, false);
  BOOST_TEST(run.status == 0);
  BOOST_TEST(countOf(run.out, "Partnerorganisation") == 1, run.out);
  BOOST_TEST(countOf(run.out, "Sadarbības") == 1);
  BOOST_TEST(countOf(run.out, "partneris") == 1);
  BOOST_TEST(countOf(run.out, "Nr.") == 1);
  BOOST_TEST(countOf(run.out, "94 535,11") == 1);
  BOOST_TEST(countOf(run.out, "a description that is long enough to fill its column") == 1);
}

// A draft's mark is in every page's running header; a document ID too long to share the
// footer's line with the generation time gets a line of its own, whole on every page.
BOOST_AUTO_TEST_CASE(every_page_of_a_draft_shows_the_mark_and_the_whole_document_id) {
  const std::string id =
      "FS-LLI-317-financial-2026-12-01T09:30:00Z-0123456789abcdef0123456789abcdef-rev-0042";
  for (Language language : crossgrant::core::kLanguages) {
    BOOST_TEST_CONTEXT(toString(language)) {
      DocumentInfo info;
      info.title = std::string(labelsFor(language).get("report.financial_statement.title"));
      info.project = "LLI-317 SocQuality";
      info.documentId = id;
      info.draft = true;
      info.generatedAt = {Date{2026, 12, 1}, 9, 30, 0};
      info.language = language;
      Document document(info, labelsFor(language));
      for (int i = 1; i <= 160; ++i) document.paragraph("filler paragraph " + std::to_string(i));
      PdfFile file(document.finish());
      const std::vector<std::string> pages = file.pages();
      BOOST_TEST(pages.size() >= 3u);
      const std::string mark(labelsFor(language).get("engine.draft"));
      for (std::size_t page = 0; page < pages.size(); ++page) {
        BOOST_TEST_CONTEXT("page " << page + 1) {
          BOOST_TEST(countOf(pages[page], mark) == 1);
          BOOST_TEST(countOf(pages[page], id) == 1);
          BOOST_TEST(countOf(pages[page], "\u2026") == 0, "nothing is cut");
        }
      }
      // Not a draft: no mark.
      info.draft = false;
      Document final(info, labelsFor(language));
      final.paragraph("final");
      PdfFile finalFile(final.finish());
      BOOST_TEST(countOf(finalFile.pages().front(), mark) == 0);
    }
  }
}

BOOST_AUTO_TEST_CASE(rendered_pages_are_not_blank) {
  PdfFile file(rendered(Language::kLt));
  const int pages = static_cast<int>(file.pages().size());
  for (int page : {1, 2, pages}) {
    BOOST_TEST_CONTEXT("page " << page) {
      const double dark = file.darkShareOfPage(page);
      // A page with its header and footer only has about 0.0004 % dark pixels.
      BOOST_TEST(dark > 0.001);
      BOOST_TEST(dark < 0.5);
    }
  }
}

BOOST_AUTO_TEST_CASE(charts_print_their_labels_and_legend) {
  PdfFile file(rendered(Language::kEn));
  const ToolRun text = file.run("pdftotext", {"-enc", "UTF-8", file.path(), "-"}, false);
  for (const char* expected :
       {"Budget by cost category", "Approved", "Declared", "230,000.00 EUR", "115,000.00 EUR",
        "stacked-230,000.00 EUR", "Progress", "63,4 %", "150 %"})
    BOOST_TEST(countOf(text.out, expected) >= 1, expected);
}

BOOST_AUTO_TEST_CASE(metadata_names_title_author_and_the_given_creation_date) {
  PdfFile file(rendered(Language::kLv));
  const ToolRun info = file.run("pdfinfo", {"-isodates"});
  BOOST_TEST(info.err == "");
  for (const char* expected :
       {"Title:           Finanšu pārskats\n", "Subject:         Interreg V-A Latvia–Lithuania\n",
        "Author:          crossgrant\n", "Creator:         crossgrant\n",
        "CreationDate:    2020-01-15T14:05:00Z\n"})
    BOOST_TEST(info.out.find(expected) != std::string::npos, expected);
}

BOOST_AUTO_TEST_CASE(the_same_input_renders_the_same_bytes) {
  const Report report = sampleReport(Language::kLt);
  BOOST_TEST((report.render(labelsFor(Language::kLt)) == rendered(Language::kLt)));
}

BOOST_AUTO_TEST_CASE(documents_render_at_once_on_several_threads) {
  const Report english = sampleReport(Language::kEn);
  const Report latvian = sampleReport(Language::kLv);
  const Labels& englishLabels = labelsFor(Language::kEn);
  const Labels& latvianLabels = labelsFor(Language::kLv);
  const std::string expectedEnglish = rendered(Language::kEn);
  const std::string expectedLatvian = rendered(Language::kLv);
  std::vector<std::string> results(6);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      results[i] = i % 2 == 0 ? english.render(englishLabels) : latvian.render(latvianLabels);
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (std::size_t i = 0; i < results.size(); ++i)
    BOOST_TEST((results[i] == (i % 2 == 0 ? expectedEnglish : expectedLatvian)), "thread " << i);
}

BOOST_AUTO_TEST_CASE(unprintable_text_draws_as_replacement_characters) {
  DocumentInfo info;
  info.title = "Bad \xFF text";
  info.generatedAt = {Date{2020, 1, 15}, 0, 0, 0};
  Document document(info, labelsFor(Language::kEn));
  document.paragraph("smile \U0001F600 broken \xC4 control \x01 end");
  PdfFile file(document.finish());
  const ToolRun text = file.run("pdftotext", {"-enc", "UTF-8", file.path(), "-"}, false);
  BOOST_TEST(text.err == "");
  // The control character is dropped; pdftotext reads the two spaces left as one.
  BOOST_TEST(countOf(text.out, "smile \uFFFD broken \uFFFD control end") == 1);
  BOOST_TEST(file.run("qpdf", {"--check"}).status == 0);
}

BOOST_AUTO_TEST_CASE(an_empty_document_is_one_valid_page) {
  DocumentInfo info;
  info.generatedAt = {Date{2020, 1, 15}, 0, 0, 0};
  Document document(info, labelsFor(Language::kEn));
  PdfFile file(document.finish());
  BOOST_TEST(file.run("qpdf", {"--check"}).status == 0);
  const std::vector<std::string> pages = file.pages();
  BOOST_TEST(pages.size() == 1u);
  BOOST_TEST(countOf(pages.front(), "Page 1 of 1") == 1);
}

BOOST_AUTO_TEST_CASE(misuse_is_a_pdf_error) {
  DocumentInfo info;
  info.generatedAt = {Date{2020, 1, 15}, 0, 0, 0};
  Document document(info, labelsFor(Language::kEn));
  {
    TableWriter table = document.table({{"A", 1.0f}, {"B", 1.0f}});
    BOOST_CHECK_THROW(document.paragraph("while a table is open"), PdfError);
    BOOST_CHECK_THROW(table.row({"1", "2", "3"}), PdfError);
    table.row({"only one cell"});
    table.end();
    BOOST_CHECK_THROW(table.row({"after the end"}), PdfError);
  }
  BOOST_CHECK_THROW(document.table({}), PdfError);
  BOOST_CHECK_THROW(document.table({{"no width", 0.0f}}), PdfError);
  BarChart chart;
  chart.series = {{"one", Color{}}};
  chart.groups = {{"two values", {1, 2}, {}}};
  BOOST_CHECK_THROW(document.barChart(chart), PdfError);
  document.finish();
  BOOST_CHECK_THROW(document.heading("after finish"), PdfError);
  BOOST_CHECK_THROW(document.finish(), PdfError);

  DocumentInfo badTime = info;
  badTime.generatedAt.hour = 24;
  BOOST_CHECK_THROW((Document{badTime, labelsFor(Language::kEn)}), PdfError);
  DocumentInfo noFonts = info;
  noFonts.fontDirectory = "/nonexistent";
  BOOST_CHECK_THROW((Document{noFonts, labelsFor(Language::kEn)}), PdfError);
}

BOOST_AUTO_TEST_SUITE_END()
