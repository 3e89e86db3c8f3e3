#include "EngineRender.h"

#include <array>
#include <optional>
#include <vector>

#include "BenchData.h"
#include "crossgrant/core/Locale.h"
#include "crossgrant/pdf/Document.h"

namespace crossgrant::bench {
namespace {

pdf::DocumentInfo benchInfo() {
  pdf::DocumentInfo info;
  info.title = "Izdevumu saraksts / Išlaidų sąrašas";
  info.project = "LLI-317 SocQuality";
  info.documentId = "BENCH-0001";
  info.generatedAt = {core::Date{2020, 1, 15}, 14, 5, 0};
  info.language = core::Language::kLv;
  info.page = pdf::PageSetup::a4Landscape();
  return info;
}

std::vector<pdf::TableColumn> benchColumns() {
  std::vector<pdf::TableColumn> columns;
  const auto titles = BenchData::titles();
  const auto widths = BenchData::widths();
  for (int c = 0; c < kColumns; ++c) {
    const auto i = static_cast<std::size_t>(c);
    columns.push_back(
        {std::string(titles[i]), widths[i], c >= 6 ? pdf::Align::kRight : pdf::Align::kLeft});
  }
  return columns;
}

pdf::BarChart totalsChart(const std::vector<std::int64_t>& declared,
                          const std::vector<std::int64_t>& verified, int rows) {
  pdf::BarChart chart;
  chart.title = "Deklarēts un pārbaudīts pa partneriem (" + std::to_string(rows) + " rindas)";
  chart.series = {{"Deklarēts", pdf::Color::rgb(31, 119, 180)},
                  {"Pārbaudīts", pdf::Color::rgb(255, 127, 14)}};
  for (int p = 0; p < BenchData::partnerCount(); ++p) {
    const auto i = static_cast<std::size_t>(p);
    chart.groups.push_back(
        {std::string(BenchData::partner(p)),
         {declared[i], verified[i]},
         {core::formatAmount(core::Amount::fromMinor(declared[i]), core::Language::kLv),
          core::formatAmount(core::Amount::fromMinor(verified[i]), core::Language::kLv)}});
  }
  return chart;
}

}  // namespace

std::string renderEngine(int rows, const core::Labels& labels, int& pages) {
  pdf::Document document(benchInfo(), labels);
  document.heading("Izdevumu saraksts");
  const std::vector<pdf::TableColumn> columns = benchColumns();
  std::optional<pdf::TableWriter> table;
  table.emplace(document.table(columns));

  BenchData data;
  BenchRow row;
  std::array<std::string_view, kColumns> cells;
  std::vector<std::int64_t> declared(static_cast<std::size_t>(BenchData::partnerCount()));
  std::vector<std::int64_t> verified(declared.size());
  int nextChart = 50;
  for (int i = 0; i < rows; ++i) {
    data.fill(i, row);
    for (std::size_t c = 0; c < cells.size(); ++c) cells[c] = row.cells[c];
    table->row(cells);
    declared[static_cast<std::size_t>(row.partner)] += row.declaredCents;
    verified[static_cast<std::size_t>(row.partner)] += row.verifiedCents;
    if (document.pageCount() >= nextChart) {
      table->end();
      table.reset();
      document.barChart(totalsChart(declared, verified, i + 1));
      table.emplace(document.table(columns));
      nextChart += 50;
    }
  }
  table->end();
  std::string bytes = document.finish();
  pages = document.pageCount();
  return bytes;
}

std::string renderSmall(const core::Labels& labels, int& pages) {
  pdf::Document document(benchInfo(), labels);
  document.heading("Zemgales plānošanas reģions");
  document.keyValues({{"Programma", "Interreg V-A Latvija–Lietuva"},
                      {"Projekts", "LLI-317 SocQuality"},
                      {"Kopā", "791 256,20 EUR"}});
  document.paragraph(
      "Sociālo pakalpojumu pieejamības un kvalitātes uzlabošana Vidus-Baltijas reģionā. "
      "Socialinių paslaugų prieinamumo ir kokybės gerinimas Vidurio Baltijos regione.");
  BenchData data;
  BenchRow row;
  std::array<std::string_view, kColumns> cells;
  std::vector<std::int64_t> declared(static_cast<std::size_t>(BenchData::partnerCount()));
  std::vector<std::int64_t> verified(declared.size());
  {
    pdf::TableWriter table = document.table(benchColumns());
    for (int i = 0; i < 60; ++i) {
      data.fill(i, row);
      for (std::size_t c = 0; c < cells.size(); ++c) cells[c] = row.cells[c];
      table.row(cells);
      declared[static_cast<std::size_t>(row.partner)] += row.declaredCents;
      verified[static_cast<std::size_t>(row.partner)] += row.verifiedCents;
    }
    table.end();
  }
  pdf::BarChart chart = totalsChart(declared, verified, 60);
  document.barChart(chart);
  chart.stacked = true;
  document.barChart(chart);
  std::string bytes = document.finish();
  pages = document.pageCount();
  return bytes;
}

}  // namespace crossgrant::bench
