// A general-purpose section holding a fixed list of content blocks: headings, paragraphs,
// key-value blocks, whole tables, charts, space and page breaks, rendered in order. Reports
// use it for content that is known before rendering; sections that stream large tables or
// compute as they go implement Section themselves.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "crossgrant/pdf/Chart.h"
#include "crossgrant/pdf/Document.h"
#include "crossgrant/pdf/Section.h"
#include "crossgrant/pdf/TableWriter.h"

namespace crossgrant::pdf {

struct TableRow {
  std::vector<std::string> cells;
  RowKind kind = RowKind::kBody;
};

struct Table {
  std::vector<TableColumn> columns;
  std::vector<TableRow> rows;
};

class ContentSection : public Section {
 public:
  ContentSection& heading(std::string text, int level = 1);
  ContentSection& paragraph(std::string text, TextStyle style = {});
  ContentSection& keyValues(std::vector<KeyValue> entries);
  ContentSection& table(Table table);
  ContentSection& barChart(BarChart chart);
  ContentSection& progressChart(ProgressChart chart);
  ContentSection& space(float points);
  ContentSection& pageBreak();

  void render(Document& document) const override;

 private:
  struct Heading {
    std::string text;
    int level;
  };
  struct Paragraph {
    std::string text;
    TextStyle style;
  };
  struct Space {
    float points;
  };
  struct PageBreak {};
  using Block = std::variant<Heading, Paragraph, std::vector<KeyValue>, Table, BarChart,
                             ProgressChart, Space, PageBreak>;

  std::vector<Block> blocks_;
};

}  // namespace crossgrant::pdf
