// Owns one libharu document and turns libharu's error reports into PdfError in one place: the
// error handler given to HPDF_New only records (it must not throw through C frames), and
// check() throws what was recorded, with what the engine was doing. Not thread-safe; one per
// Document.
#pragma once

#include <hpdf.h>

namespace crossgrant::pdf {

class HpdfDoc {
 public:
  /// A new document with UTF-8 encodings enabled and compression on. Throws PdfError.
  HpdfDoc();
  ~HpdfDoc();
  HpdfDoc(const HpdfDoc&) = delete;
  HpdfDoc& operator=(const HpdfDoc&) = delete;

  HPDF_Doc get() const { return doc_; }

  /// Throws PdfError if libharu reported an error since the last check; `action` says what
  /// the engine was doing ("drawing a table row").
  void check(const char* action) {
    if (recorded_ || HPDF_GetError(doc_) != HPDF_OK) raise(action);
  }
  /// Forgets a recorded error of exactly this code (one the caller expects, such as the end
  /// of a stream it read to the end).
  void forgive(HPDF_STATUS code);
  /// check(), and also throws for a failed status that libharu did not report.
  void check(HPDF_STATUS status, const char* action) {
    if (status != HPDF_OK || recorded_ || HPDF_GetError(doc_) != HPDF_OK) raise(action, status);
  }

 private:
  static void onError(HPDF_STATUS code, HPDF_STATUS detail, void* self);
  [[noreturn]] void raise(const char* action, HPDF_STATUS status = HPDF_OK);

  HPDF_Doc doc_ = nullptr;
  bool recorded_ = false;
  HPDF_STATUS code_ = HPDF_OK;
  HPDF_STATUS detail_ = HPDF_OK;
};

}  // namespace crossgrant::pdf
