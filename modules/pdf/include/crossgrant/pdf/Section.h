// What reports are made of. A report is an ordered list of sections; each section adds its
// headings, paragraphs, key-value blocks, tables and charts to the document. New kinds of
// content (work packages, events, indicators, survey results) are new Section classes: the
// engine and the existing sections do not change.
#pragma once

#include "crossgrant/pdf/Document.h"

namespace crossgrant::pdf {

class Section {
 public:
  virtual ~Section() = default;
  /// Adds this section's content to the document, in document.language(), with
  /// document.labels(). Must leave no table open. May be called concurrently for different
  /// documents, so it must not change the section.
  virtual void render(Document& document) const = 0;
};

}  // namespace crossgrant::pdf
