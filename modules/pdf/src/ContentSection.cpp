#include "crossgrant/pdf/ContentSection.h"

#include <type_traits>

namespace crossgrant::pdf {

ContentSection& ContentSection::heading(std::string text, int level) {
  blocks_.emplace_back(Heading{std::move(text), level});
  return *this;
}

ContentSection& ContentSection::paragraph(std::string text, TextStyle style) {
  blocks_.emplace_back(Paragraph{std::move(text), style});
  return *this;
}

ContentSection& ContentSection::keyValues(std::vector<KeyValue> entries) {
  blocks_.emplace_back(std::move(entries));
  return *this;
}

ContentSection& ContentSection::table(Table table) {
  blocks_.emplace_back(std::move(table));
  return *this;
}

ContentSection& ContentSection::barChart(BarChart chart) {
  blocks_.emplace_back(std::move(chart));
  return *this;
}

ContentSection& ContentSection::progressChart(ProgressChart chart) {
  blocks_.emplace_back(std::move(chart));
  return *this;
}

ContentSection& ContentSection::space(float points) {
  blocks_.emplace_back(Space{points});
  return *this;
}

ContentSection& ContentSection::pageBreak() {
  blocks_.emplace_back(PageBreak{});
  return *this;
}

void ContentSection::render(Document& document) const {
  for (const Block& block : blocks_) {
    std::visit(
        [&](const auto& content) {
          using T = std::decay_t<decltype(content)>;
          if constexpr (std::is_same_v<T, Heading>) {
            document.heading(content.text, content.level);
          } else if constexpr (std::is_same_v<T, Paragraph>) {
            document.paragraph(content.text, content.style);
          } else if constexpr (std::is_same_v<T, std::vector<KeyValue>>) {
            document.keyValues(content);
          } else if constexpr (std::is_same_v<T, Table>) {
            TableWriter writer = document.table(content.columns);
            for (const TableRow& row : content.rows) writer.row(row.cells, row.kind);
            writer.end();
          } else if constexpr (std::is_same_v<T, BarChart>) {
            document.barChart(content);
          } else if constexpr (std::is_same_v<T, ProgressChart>) {
            document.progressChart(content);
          } else if constexpr (std::is_same_v<T, Space>) {
            document.space(content.points);
          } else {
            document.pageBreak();
          }
        },
        block);
  }
}

}  // namespace crossgrant::pdf
