// Text as the engine draws it: cleaned UTF-8 (valid, BMP only, no control characters but
// '\n'), measured with a FontFace's widths and broken into lines greedily at spaces; a word
// longer than the line breaks between code points. U+00A0 never breaks. Pure functions over
// caller-owned buffers, so that the hot paths allocate nothing once the buffers have grown.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "FontFace.h"

namespace crossgrant::pdf {

/// A line of a wrapped text: bytes [begin, end) of the cleaned text, its width in 1/1000 em.
struct Line {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::int32_t units = 0;
};

/// `text` itself when it is clean already, else a cleaned copy held in `scratch`: malformed
/// sequences and code points beyond U+FFFF become U+FFFD, '\t' a space, '\r' and other
/// control characters are dropped.
std::string_view cleanText(std::string_view text, std::string& scratch);

/// Decodes the code point at `pos` of cleaned text and advances `pos` past it.
inline char16_t nextCode(std::string_view text, std::size_t& pos) {
  const auto byte = static_cast<unsigned char>(text[pos]);
  if (byte < 0x80) {
    ++pos;
    return byte;
  }
  if (byte < 0xE0) {
    const char16_t code = static_cast<char16_t>(((byte & 0x1F) << 6) |
                                                (static_cast<unsigned char>(text[pos + 1]) & 0x3F));
    pos += 2;
    return code;
  }
  const char16_t code = static_cast<char16_t>(
      ((byte & 0x0F) << 12) | ((static_cast<unsigned char>(text[pos + 1]) & 0x3F) << 6) |
      (static_cast<unsigned char>(text[pos + 2]) & 0x3F));
  pos += 3;
  return code;
}

/// Width of cleaned text in 1/1000 em.
std::int32_t measureUnits(std::string_view text, FontFace& font);

/// Points from 1/1000 em at a font size.
inline float toPoints(std::int32_t units, float size) {
  return static_cast<float>(units) * size / 1000.0f;
}

/// Breaks cleaned text into lines no wider than maxWidth points at `size` (a single code point
/// wider than that still gets a line of its own). Replaces the contents of `lines`; the empty
/// text is one empty line. Spaces at a break are dropped.
void wrapText(std::string_view text, FontFace& font, float size, float maxWidth,
              std::vector<Line>& lines);

/// Cleaned text cut to fit maxWidth points, with "…" when something was cut.
std::string fitText(std::string_view text, FontFace& font, float size, float maxWidth);

}  // namespace crossgrant::pdf
