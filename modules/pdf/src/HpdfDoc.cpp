#include "HpdfDoc.h"

#include "crossgrant/pdf/PdfError.h"

namespace crossgrant::pdf {

HpdfDoc::HpdfDoc() {
  doc_ = HPDF_New(&HpdfDoc::onError, this);
  if (doc_ == nullptr) throw PdfError("libharu could not create a document (out of memory)");
  check("creating the document");
  check(HPDF_SetCompressionMode(doc_, HPDF_COMP_ALL), "turning compression on");
  check(HPDF_UseUTFEncodings(doc_), "enabling UTF-8");
  check(HPDF_SetCurrentEncoder(doc_, "UTF-8"), "selecting the UTF-8 encoder");
}

HpdfDoc::~HpdfDoc() { HPDF_Free(doc_); }

void HpdfDoc::onError(HPDF_STATUS code, HPDF_STATUS detail, void* self) {
  auto* doc = static_cast<HpdfDoc*>(self);
  if (doc->recorded_) return;
  doc->recorded_ = true;
  doc->code_ = code;
  doc->detail_ = detail;
}

void HpdfDoc::forgive(HPDF_STATUS code) {
  const HPDF_STATUS recorded = recorded_ ? code_ : HPDF_GetError(doc_);
  if (recorded != code) return;
  recorded_ = false;
  code_ = detail_ = HPDF_OK;
  HPDF_ResetError(doc_);
}

void HpdfDoc::raise(const char* action, HPDF_STATUS status) {
  HPDF_STATUS code = code_;
  HPDF_STATUS detail = detail_;
  if (!recorded_) {
    code = HPDF_GetError(doc_);
    detail = HPDF_GetErrorDetail(doc_);
    if (code == HPDF_OK) code = status;
  }
  recorded_ = false;
  code_ = detail_ = HPDF_OK;
  HPDF_ResetError(doc_);
  throw PdfError(static_cast<std::uint32_t>(code), static_cast<std::uint32_t>(detail), action);
}

}  // namespace crossgrant::pdf
