// Every report kind in every language on the demo project, checked with the real tools
// (qpdf, pdffonts, pdftotext, pdftoppm), and the financial figures read back from the text
// pdftotext extracts: every printed total is the sum of its printed parts, to the cent.
#include <boost/test/unit_test.hpp>

#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "PdfTools.h"
#include "ReportsFixture.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Locale.h"
#include "crossgrant/core/RulesFingerprint.h"
#include "crossgrant/reports/Provenance.h"
#include "crossgrant/reports/ReportBuilder.h"

using crossgrant::core::Amount;
using crossgrant::core::Language;
using crossgrant::reports::ReportKind;
using crossgrant::test::countOf;
using crossgrant::test::DemoReports;
using crossgrant::test::PdfFile;
using crossgrant::test::ToolRun;

namespace {

const std::vector<std::string> kPartnerNames{
    "Zemgales plānošanas reģions",
    "Auces novada pašvaldība",
    "Dobeles novada pašvaldība",
    "Jaunjelgavas novada pašvaldība",
    "Viesītes novada pašvaldība",
    "Joniškio Algirdo Raudonikio meno mokyklos Atviras jaunimo centras",
    "VšĮ Rokiškio jaunimo centras",
    "Kretingos dienos užimtumo centras"};

/// What pdftotext makes of a formatted number: U+00A0 becomes an ordinary space.
std::string extracted(std::string text) {
  for (std::size_t at; (at = text.find("\xC2\xA0")) != std::string::npos;) text.replace(at, 2, " ");
  return text;
}

std::string formatted(std::int64_t cents, Language language) {
  return extracted(crossgrant::core::formatAmount(Amount::fromMinor(cents), language));
}

/// The key totals each kind prints, formatted for the language.
std::vector<std::int64_t> keyTotals(ReportKind kind) {
  switch (kind) {
    case ReportKind::kFinancial:
    case ReportKind::kProject:
      // The contract's total, the partners' fund, all contributions.
      return {79125620, 67256764, 79125615};
    case ReportKind::kPartner:
      // PP6: approved total and its contributions, 0.05 short.
      return {79125620, 9453516, 9453511};
    case ReportKind::kAudit:
      return {79125620, 67256774};
  }
  return {};
}

std::string layoutText(const PdfFile& file) {
  const ToolRun run = file.run("pdftotext", {"-layout", "-enc", "UTF-8", file.path(), "-"}, false);
  BOOST_REQUIRE_EQUAL(run.status, 0);
  return run.out;
}

std::vector<std::string> linesOf(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const std::size_t start = line.find_first_not_of(" \f");
    lines.push_back(start == std::string::npos ? std::string() : line.substr(start));
  }
  return lines;
}

/// Every amount on a line, in cents, in the language's format.
std::vector<std::int64_t> amountsOf(const std::string& line, Language language) {
  static const std::regex en(R"((?:^|[^\d.,])(-?)(\d{1,3}(?:,\d{3})*)\.(\d{2})(?![\d%]))");
  static const std::regex local(R"((-?)(\d{1,3}(?: \d{3})*),(\d{2})(?![\d%]))");
  std::vector<std::int64_t> amounts;
  const std::regex& pattern = language == Language::kEn ? en : local;
  for (auto it = std::sregex_iterator(line.begin(), line.end(), pattern);
       it != std::sregex_iterator(); ++it) {
    std::string digits;
    for (char c : (*it)[2].str())
      if (c >= '0' && c <= '9') digits += c;
    const std::int64_t cents = std::stoll(digits) * 100 + std::stoll((*it)[3].str());
    amounts.push_back((*it)[1].length() > 0 ? -cents : cents);
  }
  return amounts;
}

bool startsWith(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

/// The lines from the one equal to heading up to the next line equal to one of stops.
std::vector<std::string> sectionLines(const std::vector<std::string>& lines,
                                      const std::string& heading,
                                      const std::vector<std::string>& stops) {
  std::vector<std::string> section;
  bool inside = false;
  for (const std::string& line : lines) {
    if (line == heading) {
      inside = true;
      continue;
    }
    if (inside) {
      for (const std::string& stop : stops)
        if (startsWith(line, stop)) return section;
      section.push_back(line);
    }
  }
  BOOST_TEST_REQUIRE(inside, "heading \"" << heading << "\" not found");
  return section;
}

/// A label of the partner overview: a partner report, which shows one partner, has the
/// singular one (key + "_one").
std::string overviewLabel(ReportKind kind, const crossgrant::core::Labels& labels,
                          const std::string& key) {
  return std::string(labels.get(kind == ReportKind::kPartner ? key + "_one" : key));
}

/// Checks a table whose rows carry `columns` amounts: body rows start with a partner code and
/// add up to that partner's subtotal row (labelled "Total CODE") when there is one, and every
/// partner's rows add up to the row starting with the total label. Returns the total row.
std::vector<std::int64_t> checkSums(const std::vector<std::string>& lines, std::size_t columns,
                                    Language language, const crossgrant::core::Labels& labels,
                                    bool subtotals) {
  const std::string totalLabel(labels.get("common.total"));
  std::map<std::string, std::vector<std::int64_t>> body;
  std::vector<std::int64_t> sum(columns, 0);
  std::vector<std::int64_t> total;
  int subtotalRows = 0;
  for (const std::string& line : lines) {
    const std::vector<std::int64_t> amounts = amountsOf(line, language);
    if (amounts.size() != columns) continue;
    if (startsWith(line, totalLabel + " ")) {
      total = amounts;
      continue;
    }
    const std::string code = line.substr(0, line.find(' '));
    const std::string subtotalLabel = labels.format("fin.partner_total", {{"partner", code}});
    if (subtotals && line.find(subtotalLabel) != std::string::npos) {
      ++subtotalRows;
      BOOST_TEST(body[code] == amounts, "subtotal of " << code << " is the sum of its rows");
      for (std::size_t i = 0; i < columns; ++i) sum[i] += amounts[i];
      body.erase(code);
      continue;
    }
    std::vector<std::int64_t>& rows = body[code];
    rows.resize(columns, 0);
    for (std::size_t i = 0; i < columns; ++i) rows[i] += amounts[i];
    if (!subtotals)
      for (std::size_t i = 0; i < columns; ++i) sum[i] += amounts[i];
  }
  if (subtotals) {
    BOOST_TEST(subtotalRows > 0);
    BOOST_TEST(body.empty(), "every partner's rows end in its subtotal");
  }
  BOOST_TEST_REQUIRE(!total.empty(), "the table has a total row");
  BOOST_TEST(total == sum, "the total is the sum of the printed rows");
  return total;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(reports)

BOOST_AUTO_TEST_CASE(every_kind_in_every_language_passes_the_tools) {
  const DemoReports& demo = DemoReports::instance();
  const std::regex labelKey(
      R"(\b(engine|report|common|fin|findings|finding|audit|category|contribution|role|language|legal_status|progress|declaration|status)\.[a-z_]+)");
  for (const ReportKind kind : crossgrant::reports::kReportKinds) {
    for (const Language language : crossgrant::core::kLanguages) {
      BOOST_TEST_CONTEXT(crossgrant::reports::toString(kind)
                         << " in " << crossgrant::core::toString(language)) {
        const PdfFile file(demo.render(demo.data(kind, language)));
        const ToolRun check = file.run("qpdf", {"--check"});
        BOOST_TEST(check.status == 0, check.out << check.err);
        BOOST_TEST(check.err.empty());

        const ToolRun fonts = file.run("pdffonts");
        BOOST_TEST(fonts.status == 0);
        BOOST_TEST(fonts.err.empty(), fonts.err);
        std::istringstream rows(fonts.out);
        std::string row;
        int fontRows = 0;
        for (int skip = 0; skip < 2 && std::getline(rows, row); ++skip) {
        }
        while (std::getline(rows, row)) {
          if (row.empty()) continue;
          ++fontRows;
          std::istringstream cells(row);
          std::vector<std::string> words;
          for (std::string word; cells >> word;) words.push_back(word);
          // name type encoding emb sub uni object ID: emb is fifth from the end.
          BOOST_TEST_REQUIRE(words.size() >= 7u);
          BOOST_TEST(words[words.size() - 5] == "yes", "embedded: " << row);
        }
        BOOST_TEST(fontRows >= 1);

        const ToolRun text = file.run("pdftotext", {"-enc", "UTF-8", file.path(), "-"}, false);
        BOOST_TEST(text.status == 0);
        BOOST_TEST(text.err.empty(), "poppler warns: " << text.err);
        if (kind == ReportKind::kPartner) {
          BOOST_TEST(crossgrant::test::countOf(text.out, "VšĮ Rokiškio jaunimo centras") >= 1);
        } else {
          for (const std::string& name : kPartnerNames)
            BOOST_TEST(crossgrant::test::countOf(text.out, name) >= 1, name);
        }
        for (const std::int64_t cents : keyTotals(kind)) {
          const std::string number = formatted(cents, language);
          BOOST_TEST(crossgrant::test::countOf(text.out, number) >= 1, number);
        }
        if (language != Language::kEn)
          BOOST_TEST(crossgrant::test::countOf(text.out, "791,256.20") == 0);
        BOOST_TEST(!std::regex_search(text.out, labelKey), "every label is translated");
        BOOST_TEST(file.darkShareOfPage(1) > 0.005, "page 1 is not blank");
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(every_total_is_the_sum_of_its_printed_parts) {
  const DemoReports& demo = DemoReports::instance();
  for (const ReportKind kind :
       {ReportKind::kFinancial, ReportKind::kProject, ReportKind::kPartner}) {
    for (const Language language : crossgrant::core::kLanguages) {
      BOOST_TEST_CONTEXT(crossgrant::reports::toString(kind)
                         << " in " << crossgrant::core::toString(language)) {
        const crossgrant::core::Labels& labels = demo.labels(language);
        const PdfFile file(demo.render(demo.data(kind, language)));
        const std::vector<std::string> lines = linesOf(layoutText(file));
        const std::string overview = overviewLabel(kind, labels, "fin.partner_overview");
        const std::string contributions(labels.get("fin.contributions"));
        const std::string budget(labels.get("fin.budget_by_category"));
        const std::string findings(labels.get("findings.title"));
        const std::vector<std::string> headings{overview, contributions, budget, findings,
                                                overviewLabel(kind, labels, "fin.total_approved")};

        const std::vector<std::int64_t> partners =
            checkSums(sectionLines(lines, overview, headings), 3, language, labels, false);
        const std::vector<std::int64_t> byCategory =
            checkSums(sectionLines(lines, budget, headings), 4, language, labels, true);
        const std::vector<std::int64_t> byContribution =
            checkSums(sectionLines(lines, contributions, headings), 1, language, labels, true);
        // Approved by category, approved total and the contributions describe the same money;
        // the demo's PP6 contributions are 0.05 short of its total (a finding).
        BOOST_TEST(byCategory[0] == partners[0]);
        BOOST_TEST(byCategory[3] == partners[0], "remaining = approved while nothing is verified");
        BOOST_TEST(byContribution[0] == partners[1] + partners[2]);
        BOOST_TEST(byContribution[0] == partners[0] - 5);
        if (kind != ReportKind::kPartner) BOOST_TEST(partners[0] == 79125620);

        // The totals block repeats the table's totals with the currency.
        const std::string block = layoutText(file);
        BOOST_TEST(crossgrant::test::countOf(block, formatted(partners[0], language) + " EUR") >=
                   1);
      }
    }
  }
}

// Every finding prints numbered, with its title (not its code) and its sentence in the
// report's language, the amounts formatted for the language.
BOOST_AUTO_TEST_CASE(every_finding_is_printed) {
  const DemoReports& demo = DemoReports::instance();
  const std::map<Language, std::vector<std::string>> sentences{
      {Language::kEn, {"Partner PP6: the co-financing", "The partners' fund amounts"}},
      {Language::kLv, {"Partnera PP6 līdzfinansējuma", "Partneru fonda finansējuma"}},
      {Language::kLt, {"Partnerio PP6 įnašų suma", "Partnerių fondo lėšų suma"}}};
  for (const Language language : crossgrant::core::kLanguages) {
    BOOST_TEST_CONTEXT(crossgrant::core::toString(language)) {
      const PdfFile file(demo.render(demo.data(ReportKind::kFinancial, language)));
      const std::string text = extracted(layoutText(file));
      const std::vector<std::string> lines = linesOf(text);
      const auto findings = demo.data(ReportKind::kFinancial, language).findings;
      BOOST_TEST_REQUIRE(findings.size() == 2u);
      int number = 0;
      for (const auto& finding : findings) {
        ++number;
        bool found = false;
        for (const std::string& line : lines) {
          if (!startsWith(line, std::to_string(number) + " ")) continue;
          std::vector<std::int64_t> amounts = amountsOf(line, language);
          if (amounts.size() > 3) amounts.resize(3);
          found =
              amounts == std::vector<std::int64_t>{finding.expected.minor(), finding.actual.minor(),
                                                   finding.difference().minor()};
          if (found) break;
        }
        BOOST_TEST(found, finding.code << " numbered " << number
                                       << " with expected, actual and difference");
        // The title, not the code.
        BOOST_TEST(countOf(text, finding.code) == 0, finding.code);
        const std::string title(demo.labels(language).get("finding." + finding.code));
        BOOST_TEST(countOf(text, title.substr(0, title.find(' '))) >= 1, title);
        BOOST_TEST(countOf(text, sentences.at(language)[static_cast<std::size_t>(number - 1)]) ==
                   1);
        // The figures in the sentence, formatted for the language, once in the columns and
        // once in the sentence.
        BOOST_TEST(countOf(text, formatted(finding.actual.minor(), language)) >= 2);
        // Never the checker's English sentence with its unformatted amounts.
        if (language != Language::kEn) {
          BOOST_TEST(countOf(text, finding.message.substr(0, 20)) == 0);
          BOOST_TEST(countOf(text, finding.actual.toString()) == 0, finding.actual.toString());
        }
      }
    }
  }
}

// A row whose figures do not add up carries the mark of its finding's number: PP6's
// contributions (finding 1) and, in the reports of the whole project, the partners' fund
// (finding 2) beside the contract's fund.
BOOST_AUTO_TEST_CASE(a_row_that_does_not_add_up_points_to_its_finding) {
  const DemoReports& demo = DemoReports::instance();
  for (const ReportKind kind :
       {ReportKind::kFinancial, ReportKind::kProject, ReportKind::kPartner}) {
    for (const Language language : crossgrant::core::kLanguages) {
      BOOST_TEST_CONTEXT(crossgrant::reports::toString(kind)
                         << " in " << crossgrant::core::toString(language)) {
        const crossgrant::core::Labels& labels = demo.labels(language);
        const PdfFile file(demo.render(demo.data(kind, language)));
        const std::vector<std::string> lines = linesOf(extracted(layoutText(file)));
        const std::string overview = overviewLabel(kind, labels, "fin.partner_overview");
        const std::string contributions(labels.get("fin.contributions"));
        const std::vector<std::string> stops{overview, contributions,
                                             std::string(labels.get("fin.budget_by_category")),
                                             std::string(labels.get("findings.title"))};
        // The mark "⚠ n" (pdftotext may drop the no-break space in it).
        const auto marks = [](const std::string& line, int number) {
          return std::regex_search(line, std::regex("\u26A0 ?" + std::to_string(number) + "\\b"));
        };
        const auto rowOf = [&](const std::vector<std::string>& section, const std::string& start,
                               const std::string& contains) {
          for (const std::string& line : section)
            if (startsWith(line, start) && line.find(contains) != std::string::npos) return line;
          return std::string();
        };
        const std::string pp6 =
            rowOf(sectionLines(lines, overview, stops), "PP6 ", "VšĮ Rokiškio jaunimo centras");
        BOOST_TEST(marks(pp6, 1), pp6);
        const std::string subtotal =
            rowOf(sectionLines(lines, contributions, stops), "PP6 ",
                  labels.format("fin.partner_total", {{"partner", "PP6"}}));
        BOOST_TEST(marks(subtotal, 1), subtotal);
        // Rows that add up carry none.
        if (kind != ReportKind::kPartner) {
          const std::string pp1 =
              rowOf(sectionLines(lines, overview, stops), "PP1 ", "Auces novada pašvaldība");
          BOOST_TEST(!pp1.empty());
          BOOST_TEST(pp1.find("\u26A0") == std::string::npos, pp1);
        }
        const std::string total = rowOf(sectionLines(lines, overview, stops),
                                        std::string(labels.get("common.total")), "");
        if (kind == ReportKind::kPartner) {
          BOOST_TEST(total.find("\u26A0") == std::string::npos, total);
        } else {
          BOOST_TEST(marks(total, 2), total);
          BOOST_TEST(countOf(extracted(layoutText(file)), "672 567,74 EUR \u26A0 2") +
                         countOf(extracted(layoutText(file)), "672,567.74 EUR \u26A0 2") >=
                     1);
        }
        BOOST_TEST(countOf(extracted(layoutText(file)),
                           std::string(labels.get("findings.mark_note"))) >= 1);
      }
    }
  }
}

// Page 1 starts with the report's title (under the running header), then the project; a
// draft says so on every page; a partner report names its one partner in the singular.
BOOST_AUTO_TEST_CASE(page_one_starts_with_the_title_and_every_page_of_a_draft_says_draft) {
  const DemoReports& demo = DemoReports::instance();
  for (const ReportKind kind : crossgrant::reports::kReportKinds) {
    for (const Language language : crossgrant::core::kLanguages) {
      BOOST_TEST_CONTEXT(crossgrant::reports::toString(kind)
                         << " in " << crossgrant::core::toString(language)) {
        const crossgrant::core::Labels& labels = demo.labels(language);
        const auto data = demo.data(kind, language);
        const PdfFile file(demo.render(data));
        const std::string title(labels.get(crossgrant::reports::definitionOf(kind).titleKey));
        const std::string mark(labels.get("engine.draft"));
        int pages = 0;
        for (int page = 1;; ++page) {
          const ToolRun run = file.run("pdftotext",
                                       {"-layout", "-enc", "UTF-8", "-f", std::to_string(page),
                                        "-l", std::to_string(page), file.path(), "-"},
                                       false);
          if (run.status != 0 || run.out.find_first_not_of(" \f\n") == std::string::npos) break;
          ++pages;
          BOOST_TEST_CONTEXT("page " << page) {
            const std::vector<std::string> lines = linesOf(run.out);
            // The running header: project, draft mark, title.
            BOOST_TEST(countOf(lines.front(), mark) == 1, lines.front());
            BOOST_TEST(countOf(run.out, data.documentId) == 1);
            if (page == 1) {
              std::vector<std::string> content;
              for (std::size_t i = 1; i < lines.size(); ++i)
                if (!lines[i].empty()) content.push_back(lines[i]);
              BOOST_TEST_REQUIRE(content.size() >= 2u);
              BOOST_TEST(content[0] == title);
              BOOST_TEST(content[1] == "LLI-317 SocQuality");
            }
          }
          if (page > 50) break;
        }
        BOOST_TEST(pages >= 2);
        if (kind == ReportKind::kPartner) {
          const std::string text = layoutText(file);
          BOOST_TEST(countOf(text, overviewLabel(kind, labels, "fin.partner_overview")) == 1);
          BOOST_TEST(countOf(text, std::string(labels.get("fin.partner_overview"))) == 0);
          BOOST_TEST(countOf(text, std::string(labels.get("fin.total_fund"))) == 0);
          for (const std::string& line : linesOf(text))
            BOOST_TEST(line != std::string(labels.get("common.partners")));
        }
      }
    }
  }
  // A final report has no mark.
  auto final = demo.data(ReportKind::kFinancial, Language::kEn);
  final.draft = false;
  final.documentId = "FS-LLI-317-0001";
  BOOST_TEST(countOf(layoutText(PdfFile(demo.render(final))), "DRAFT") == 0);
}

BOOST_AUTO_TEST_CASE(a_legacy_currency_prints_the_euro_equivalent_beside_the_totals) {
  const DemoReports& demo = DemoReports::instance();
  for (const Language language : crossgrant::core::kLanguages) {
    auto data = demo.data(ReportKind::kFinancial, language);
    data.bundle.project.currency = "LVL";
    const PdfFile file(demo.render(data));
    const std::string text = file.run("pdftotext", {"-enc", "UTF-8", file.path(), "-"}, false).out;
    const Amount total = Amount::fromMinor(79125620);
    const std::string withEuro =
        extracted(crossgrant::core::formatMoneyWithEuro(total, "LVL", language));
    BOOST_TEST(withEuro.find("EUR)") != std::string::npos);
    BOOST_TEST(crossgrant::test::countOf(text, withEuro) >= 2, withEuro);
    BOOST_TEST(crossgrant::test::countOf(text, " LVL") >= 1);
  }
}

BOOST_AUTO_TEST_CASE(the_identification_prints_the_rules_fingerprint_in_every_language) {
  const DemoReports& demo = DemoReports::instance();
  const std::string fingerprint = crossgrant::core::describeRules(demo.rules()).fingerprint;
  BOOST_REQUIRE_EQUAL(fingerprint.size(), 64u);
  const std::map<Language, std::string> labels{
      {Language::kEn, "Programme rules fingerprint"},
      {Language::kLv, "Programmas noteikumu nospiedums"},
      {Language::kLt, "Programos taisyklių kontrolinė suma"}};
  for (const ReportKind kind : crossgrant::reports::kReportKinds) {
    for (const auto& [language, label] : labels) {
      BOOST_TEST_CONTEXT(crossgrant::reports::toString(kind)
                         << " " << crossgrant::core::toString(language)) {
        const auto data = demo.data(kind, language);
        BOOST_TEST(data.rulesFingerprint == fingerprint);
        const PdfFile file(demo.render(data));
        const std::string text = layoutText(file);
        BOOST_TEST(crossgrant::test::countOf(text, fingerprint) == 1);
        BOOST_TEST(crossgrant::test::countOf(text, label) == 1);
      }
    }
  }
  // Without a fingerprint the line is left out.
  auto data = demo.data(ReportKind::kFinancial, Language::kEn);
  data.rulesFingerprint.clear();
  BOOST_TEST(crossgrant::test::countOf(layoutText(PdfFile(demo.render(data))),
                                       "Programme rules fingerprint") == 0);
}

BOOST_AUTO_TEST_CASE(the_audit_extract_translates_actions_and_object_types) {
  const DemoReports& demo = DemoReports::instance();
  // Every action and object type the server records (modules/app recordChange, the store's
  // seal) has its label in every language.
  const std::vector<std::string> actions{"create",
                                         "update",
                                         "delete",
                                         "import",
                                         "import_sheet",
                                         "submit",
                                         "download",
                                         "upload",
                                         "login",
                                         "login_failed",
                                         "login_refused",
                                         "login_refused_window",
                                         "logout",
                                         "set_password",
                                         "change_password",
                                         "change_password_failed",
                                         "change_password_refused",
                                         "grant",
                                         "revoke",
                                         "seal"};
  const std::vector<std::string> objects{
      "programme", "rules",      "project", "partner", "budget",     "cofinancing", "work_package",
      "activity",  "activities", "event",   "events",  "indicator",  "evidence",    "bundle",
      "report",    "user",       "session", "grant",   "audit_trail"};
  for (const Language language : crossgrant::core::kLanguages) {
    const crossgrant::core::Labels& labels = demo.labels(language);
    for (const std::string& action : actions)
      BOOST_TEST(labels.contains("audit.action." + action), action);
    for (const std::string& object : objects)
      BOOST_TEST(labels.contains("audit.object." + object), object);
  }
  const std::map<Language, std::vector<std::string>> expected{
      {Language::kLv,
       {"Izveide", "Augšupielāde", "Pieteikšanās", "Labošana", "Projekts LLI-317",
        "Apliecinošs dokuments", "Sesija 12", "Partneris LLI-317/PP2"}},
      {Language::kLt,
       {"Sukūrimas", "Įkėlimas", "Prisijungimas", "Atnaujinimas", "Projektas LLI-317",
        "Patvirtinantis dokumentas", "Sesija 12", "Partneris LLI-317/PP2"}}};
  for (const auto& [language, words] : expected) {
    BOOST_TEST_CONTEXT(crossgrant::core::toString(language)) {
      auto data = demo.data(ReportKind::kAudit, language);
      BOOST_TEST_REQUIRE(data.auditEntries.size() == 3u);
      auto extra = data.auditEntries;
      extra[0].action = "create";
      extra[0].objectType = "project";
      extra[0].objectKey = "LLI-317";
      extra[1].action = "upload";
      extra[1].objectType = "evidence";
      extra[1].objectKey = "LLI-317/7";
      extra[2].action = "login";
      extra[2].objectType = "session";
      extra[2].objectKey = "12";
      auto unknown = extra[2];
      unknown.action = "frobnicate";
      unknown.objectType = "gizmo";
      unknown.objectKey = "G1";
      data.auditEntries.insert(data.auditEntries.end(), extra.begin(), extra.end());
      data.auditEntries.push_back(unknown);
      const std::string text = extracted(layoutText(PdfFile(demo.render(data))));
      for (const std::string& word : words) BOOST_TEST(countOf(text, word) >= 1, word);
      // The raw words are gone; an unknown one prints as it is.
      BOOST_TEST(countOf(text, " update ") == 0);
      BOOST_TEST(countOf(text, "partner LLI-317") == 0);
      BOOST_TEST(countOf(text, "evidence LLI-317") == 0);
      BOOST_TEST(countOf(text, "frobnicate") == 1);
      BOOST_TEST(countOf(text, "gizmo G1") == 1);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_same_data_renders_the_same_bytes) {
  const DemoReports& demo = DemoReports::instance();
  const auto data = demo.data(ReportKind::kProject, Language::kLv);
  BOOST_TEST((demo.render(data) == demo.render(data)));
}

BOOST_AUTO_TEST_CASE(a_selection_that_does_not_fit_is_refused_with_the_field) {
  const DemoReports& demo = DemoReports::instance();
  const auto errorOf = [&](const crossgrant::reports::ReportData& data) -> std::string {
    try {
      demo.render(data);
    } catch (const crossgrant::core::InvalidInput& e) {
      return e.errors().front().pointer + " " + e.errors().front().message;
    }
    return "";
  };
  auto partner = demo.data(ReportKind::kPartner, Language::kEn);
  partner.selection.partner.clear();
  BOOST_TEST(errorOf(partner).find("/partner") == 0u);
  partner.selection.partner = "PP99";
  BOOST_TEST(errorOf(partner).find("no partner \"PP99\"") != std::string::npos);
  auto project = demo.data(ReportKind::kProject, Language::kEn);
  project.selection.period = 5;
  BOOST_TEST(errorOf(project) == "/period period 5 is out of range: LLI-317 has periods 1 to 4");
  project.selection.period.reset();
  BOOST_TEST(errorOf(project).find("/period") == 0u);
  auto financial = demo.data(ReportKind::kFinancial, Language::kEn);
  financial.selection.partner = "PP1";
  BOOST_TEST(errorOf(financial).find("/partner") == 0u);
  auto audit = demo.data(ReportKind::kAudit, Language::kEn);
  audit.selection.from = crossgrant::core::Date{2026, 12, 1};
  BOOST_TEST(errorOf(audit).find("/to") == 0u);
}

BOOST_AUTO_TEST_CASE(report_kinds_have_names_and_ordered_sections) {
  for (const ReportKind kind : crossgrant::reports::kReportKinds) {
    BOOST_TEST((crossgrant::reports::parseReportKind(crossgrant::reports::toString(kind)) == kind));
    const auto& definition = crossgrant::reports::definitionOf(kind);
    BOOST_TEST_REQUIRE(!definition.sections.empty());
    BOOST_TEST(definition.sections.front().name == "identification");
  }
  BOOST_TEST(!crossgrant::reports::parseReportKind("weekly"));
}

// A submitted report ends with the Submission page and carries revision 1's SHA-256 in its
// metadata (reports/Provenance.h); a draft has neither.
BOOST_AUTO_TEST_CASE(a_submitted_report_ends_with_who_submitted_it_and_when_and_a_draft_does_not) {
  const DemoReports& demo = DemoReports::instance();
  const std::string fingerprint = crossgrant::core::describeRules(demo.rules()).fingerprint;
  const std::map<Language, std::vector<std::string>> expected{
      {Language::kEn,
       {"Submission", "Submitted by", "Submitted at", "25 November 2026, 11:40 UTC",
        "Programme rules fingerprint", "How to check this file"}},
      {Language::kLv,
       {"Iesniegšana", "Iesniedza", "Iesniegts", "2026. gada 25. novembris, 11:40 UTC",
        "Programmas noteikumu nospiedums", "Kā pārbaudīt šo failu"}},
      {Language::kLt,
       {"Pateikimas", "Pateikė", "Pateikta", "2026 m. lapkričio 25 d., 11:40 UTC",
        "Programos taisyklių kontrolinė suma", "Kaip patikrinti šį failą"}}};
  const std::regex labelKey(R"(\bsubmission\.[a-z_]+)");
  for (const ReportKind kind : crossgrant::reports::kReportKinds) {
    for (const auto& [language, labels] : expected) {
      BOOST_TEST_CONTEXT(crossgrant::reports::toString(kind)
                         << " " << crossgrant::core::toString(language)) {
        const crossgrant::reports::ReportData draft = demo.data(kind, language);
        crossgrant::reports::ReportData data = draft;
        data.draft = false;
        data.documentId = "LLI-317-" + std::string(crossgrant::reports::toString(kind)) +
                          "-20261125T114007Z-0a1b2c3d";
        data.submittedBy = "ilze";
        data.submitterName = "Ilze Bērziņa";
        data.submittedAt = {crossgrant::core::Date{2026, 11, 25}, 11, 40, 7};
        const std::string bytes = demo.render(data);
        const PdfFile file(bytes);
        const ToolRun check = file.run("qpdf", {"--check"});
        BOOST_TEST(check.status == 0, check.out << check.err);
        BOOST_TEST(check.err.empty());

        const std::vector<std::string> pages = file.pages();
        BOOST_TEST_REQUIRE(!pages.empty());
        const std::string last = extracted(pages.back());
        for (const std::string& label : labels)
          BOOST_TEST(crossgrant::test::countOf(last, label) >= 1, label << " in\n" << last);
        BOOST_TEST(crossgrant::test::countOf(last, "Ilze Bērziņa (ilze)") == 1);
        BOOST_TEST(crossgrant::test::countOf(last, "(2026-11-25T11:40:07Z)") == 1);
        BOOST_TEST(crossgrant::test::countOf(last, data.documentId) >= 1);
        BOOST_TEST(crossgrant::test::countOf(last, fingerprint) == 1);
        BOOST_TEST(crossgrant::test::countOf(last, "CrossgrantContentSHA256") >= 1);
        BOOST_TEST(crossgrant::test::countOf(last, "head -c N") == 1);
        BOOST_TEST(crossgrant::test::countOf(last, "crossgrant verify") == 1);
        BOOST_TEST(!std::regex_search(last, labelKey), "every label is translated");
        // Only the last page: the pages before it are the draft's.
        for (std::size_t page = 0; page + 1 < pages.size(); ++page)
          BOOST_TEST(crossgrant::test::countOf(pages[page], "CrossgrantContentSHA256") == 0);

        // The metadata names revision 1's hash, which the check finds intact.
        const crossgrant::reports::ContentCheck content = crossgrant::reports::checkContent(bytes);
        BOOST_TEST(crossgrant::reports::toString(content.result) == "matches", content.message);
        BOOST_TEST(content.recorded == crossgrant::core::sha256Hex(bytes.substr(
                                           0, static_cast<std::size_t>(content.length))));
        const ToolRun info = file.run("pdfinfo", {"-custom"});
        BOOST_TEST(crossgrant::test::countOf(info.out,
                                             "CrossgrantContentSHA256:" + content.recorded) == 1);

        // A draft has no such page and no such metadata.
        const std::string draftBytes = demo.render(draft);
        const PdfFile draftFile(draftBytes);
        const std::vector<std::string> draftPages = draftFile.pages();
        BOOST_TEST(draftPages.size() + 1 == pages.size());
        BOOST_TEST(crossgrant::test::countOf(extracted(draftPages.back()), labels[0]) == 0);
        BOOST_TEST(crossgrant::test::countOf(draftPages.back(), "CrossgrantContentSHA256") == 0);
        BOOST_TEST(crossgrant::reports::toString(
                       crossgrant::reports::checkContent(draftBytes).result) == "none");
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_changed_byte_in_revision_1_fails_the_content_check) {
  const DemoReports& demo = DemoReports::instance();
  auto data = demo.data(ReportKind::kFinancial, Language::kEn);
  data.draft = false;
  data.submittedBy = "os:auditor";
  data.submittedAt = data.generatedAt;
  const std::string bytes = demo.render(data);
  BOOST_TEST((bytes == demo.render(data)), "the same data renders the same bytes");
  const auto content = crossgrant::reports::checkContent(bytes);
  BOOST_TEST_REQUIRE(crossgrant::reports::toString(content.result) == "matches");
  BOOST_TEST(content.message == "revision 1 (" + std::to_string(content.length) +
                                    " bytes) has SHA-256 " + content.recorded +
                                    ", as its metadata says");

  std::string changed = bytes;
  changed[changed.size() / 3] = static_cast<char>(changed[changed.size() / 3] ^ 0x01);
  const auto differs = crossgrant::reports::checkContent(changed);
  BOOST_TEST(crossgrant::reports::toString(differs.result) == "differs");
  BOOST_TEST(differs.recorded == content.recorded);
  BOOST_TEST(differs.actual != content.recorded);
  BOOST_TEST(crossgrant::test::countOf(differs.message, "changed after submission") == 1);

  // Bytes appended after the update leave revision 1 intact.
  BOOST_TEST(crossgrant::reports::toString(
                 crossgrant::reports::checkContent(bytes + "\n% appended\n").result) == "matches");
  // A file cut inside revision 1 is shorter than the metadata says, or unreadable.
  const auto cut = crossgrant::reports::checkContent(
      bytes.substr(0, static_cast<std::size_t>(content.length) - 10) +
      bytes.substr(static_cast<std::size_t>(content.length)));
  BOOST_TEST(crossgrant::reports::toString(cut.result) != "matches", cut.message);
  BOOST_TEST(crossgrant::reports::toString(crossgrant::reports::checkContent("not a pdf").result) ==
             "unreadable");
}

BOOST_AUTO_TEST_SUITE_END()
