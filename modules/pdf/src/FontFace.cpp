#include "FontFace.h"

#include <algorithm>

#include "crossgrant/pdf/PdfError.h"

namespace crossgrant::pdf {

FontFace::FontFace(HpdfDoc& doc, const std::string& path)
    : doc_(doc), widths_(new std::int16_t[65536]) {
  std::fill_n(widths_.get(), 65536, static_cast<std::int16_t>(-1));
  const char* name = HPDF_LoadTTFontFromFile(doc_.get(), path.c_str(), HPDF_TRUE);
  doc_.check(name == nullptr ? HPDF_FILE_OPEN_ERROR : HPDF_OK, "loading the font");
  font_ = HPDF_GetFont(doc_.get(), name, "UTF-8");
  doc_.check(font_ == nullptr ? HPDF_INVALID_FONT : HPDF_OK, "selecting the font");
}

int FontFace::lookup(char16_t code) {
  char bytes[4];
  HPDF_UINT length = 0;
  if (code < 0x80) {
    bytes[length++] = static_cast<char>(code);
  } else if (code < 0x800) {
    bytes[length++] = static_cast<char>(0xC0 | (code >> 6));
    bytes[length++] = static_cast<char>(0x80 | (code & 0x3F));
  } else {
    bytes[length++] = static_cast<char>(0xE0 | (code >> 12));
    bytes[length++] = static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    bytes[length++] = static_cast<char>(0x80 | (code & 0x3F));
  }
  const HPDF_TextWidth measured =
      HPDF_Font_TextWidth(font_, reinterpret_cast<const HPDF_BYTE*>(bytes), length);
  doc_.check("measuring text");
  const auto width = static_cast<std::int16_t>(std::min<HPDF_UINT>(measured.width, 30000));
  widths_[code] = width;
  return width;
}

std::vector<std::uint16_t> FontFace::usedCodes() const {
  std::vector<std::uint16_t> codes;
  for (std::uint32_t code = 0; code < 65536; ++code)
    if (widths_[code] >= 0) codes.push_back(static_cast<std::uint16_t>(code));
  return codes;
}

}  // namespace crossgrant::pdf
