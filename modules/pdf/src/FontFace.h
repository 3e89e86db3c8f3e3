// One embedded TrueType font of one document: its libharu handle, its advance widths cached
// per code point (as libharu measures them, so layout and rendering agree), and the set of
// code points ever measured, a superset of those drawn, from which the ToUnicode CMap is
// written. Not thread-safe; owned by one document.
#pragma once

#include <hpdf.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "HpdfDoc.h"

namespace crossgrant::pdf {

class FontFace {
 public:
  /// Loads and embeds the TrueType file at `path` with the UTF-8 encoder. Throws PdfError.
  FontFace(HpdfDoc& doc, const std::string& path);
  FontFace(const FontFace&) = delete;
  FontFace& operator=(const FontFace&) = delete;

  HPDF_Font handle() const { return font_; }

  /// Advance width of a BMP code point in 1/1000 em.
  int advance(char16_t code) {
    const std::int16_t width = widths_[code];
    return width >= 0 ? width : lookup(code);
  }

  /// Every code point measured so far, ascending.
  std::vector<std::uint16_t> usedCodes() const;

 private:
  int lookup(char16_t code);

  HpdfDoc& doc_;
  HPDF_Font font_ = nullptr;
  std::unique_ptr<std::int16_t[]> widths_;  // 65536 entries; -1 = not measured yet
};

}  // namespace crossgrant::pdf
