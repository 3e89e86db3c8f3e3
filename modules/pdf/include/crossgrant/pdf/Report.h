// A report: the document's identification (DocumentInfo) and its sections in order.
// render() lays the sections out one after another into a new Document and returns the PDF.
// A Report is immutable while it renders, so the same Report may render on several threads
// at once (each render has its own Document).
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "crossgrant/core/Labels.h"
#include "crossgrant/pdf/Document.h"
#include "crossgrant/pdf/Section.h"

namespace crossgrant::pdf {

class Report {
 public:
  explicit Report(DocumentInfo info) : info_(std::move(info)) {}

  const DocumentInfo& info() const { return info_; }
  DocumentInfo& info() { return info_; }

  /// Appends a section, which the report then owns.
  Report& add(std::unique_ptr<Section> section) {
    sections_.push_back(std::move(section));
    return *this;
  }
  /// Appends a new section of type S and returns it for filling in.
  template <typename S, typename... Args>
  S& emplace(Args&&... args) {
    auto section = std::make_unique<S>(std::forward<Args>(args)...);
    S& added = *section;
    sections_.push_back(std::move(section));
    return added;
  }
  const std::vector<std::unique_ptr<Section>>& sections() const { return sections_; }

  /// The PDF bytes. Throws PdfError.
  std::string render(const core::Labels& labels) const;

 private:
  DocumentInfo info_;
  std::vector<std::unique_ptr<Section>> sections_;
};

}  // namespace crossgrant::pdf
