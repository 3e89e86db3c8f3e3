#include "crossgrant/pdf/Report.h"

namespace crossgrant::pdf {

std::string Report::render(const core::Labels& labels) const {
  Document document(info_, labels);
  for (const std::unique_ptr<Section>& section : sections_) section->render(document);
  return document.finish();
}

}  // namespace crossgrant::pdf
