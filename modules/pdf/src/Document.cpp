#include "crossgrant/pdf/Document.h"

#include "DocumentImpl.h"

namespace crossgrant::pdf {

Document::Document(DocumentInfo info, const core::Labels& labels)
    : impl_(std::make_unique<DocumentImpl>(std::move(info), labels)) {}

Document::~Document() = default;

const DocumentInfo& Document::info() const { return impl_->info(); }

const core::Labels& Document::labels() const { return impl_->labels(); }

void Document::heading(std::string_view text, int level) { impl_->heading(text, level); }

void Document::paragraph(std::string_view text, const TextStyle& style) {
  impl_->paragraph(text, style);
}

void Document::keyValues(const std::vector<KeyValue>& entries) { impl_->keyValues(entries); }

TableWriter Document::table(std::vector<TableColumn> columns) {
  return impl_->openTable(std::move(columns));
}

void Document::barChart(const BarChart& chart) { impl_->barChart(chart); }

void Document::progressChart(const ProgressChart& chart) { impl_->progressChart(chart); }

void Document::space(float points) {
  impl_->requireOpen("space");
  impl_->space(points);
}

void Document::pageBreak() {
  impl_->requireOpen("a page break");
  impl_->breakPage();
}

int Document::pageCount() const { return impl_->pageCount(); }

float Document::spaceLeft() const { return impl_->spaceLeft(); }

float Document::contentWidth() const { return impl_->width(); }

std::string Document::finish() { return impl_->finish(); }

}  // namespace crossgrant::pdf
