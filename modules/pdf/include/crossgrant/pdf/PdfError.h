// The one exception type of the PDF engine. libharu reports errors through a callback; the
// engine records them and turns them into a PdfError at the next check, so no libharu error
// is ever ignored and no exception ever crosses libharu's C frames.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "crossgrant/core/Errors.h"

namespace crossgrant::pdf {

class PdfError : public core::Error {
 public:
  /// An error of the engine itself (a font not found, a ToUnicode CMap missing, ...).
  explicit PdfError(const std::string& message);
  /// A libharu error: "libharu error 0x104E (detail 0x0) while <action>".
  PdfError(std::uint32_t code, std::uint32_t detail, const std::string& action);

  /// libharu's error number (HPDF_* in hpdf_error.h); 0 for the engine's own errors.
  std::uint32_t code() const { return code_; }
  /// libharu's detail number (often an errno or a zlib code); 0 when there is none.
  std::uint32_t detail() const { return detail_; }

 private:
  std::uint32_t code_ = 0;
  std::uint32_t detail_ = 0;
};

}  // namespace crossgrant::pdf
