#include "TextLayout.h"

namespace crossgrant::pdf {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";

// Length of the valid UTF-8 sequence of a BMP code point at `pos` that is not a surrogate, a
// C1 control or a noncharacter U+FFFE/U+FFFF; 0 if there is none.
std::size_t validSequence(std::string_view text, std::size_t pos) {
  const auto at = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const auto continuation = [&](std::size_t i) {
    return i < text.size() && (at(i) & 0xC0) == 0x80;
  };
  const unsigned char byte = at(pos);
  if (byte >= 0xC2 && byte <= 0xDF) {
    if (!continuation(pos + 1)) return 0;
    if (byte == 0xC2 && at(pos + 1) < 0xA0) return 0;  // U+0080..U+009F
    return 2;
  }
  if (byte >= 0xE0 && byte <= 0xEF) {
    if (!continuation(pos + 1) || !continuation(pos + 2)) return 0;
    const unsigned code =
        ((byte & 0x0Fu) << 12) | ((at(pos + 1) & 0x3Fu) << 6) | (at(pos + 2) & 0x3Fu);
    if (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF) || code >= 0xFFFE) return 0;
    return 3;
  }
  return 0;
}

// Length of the (malformed or non-BMP) sequence at `pos` to replace with one U+FFFD.
std::size_t badSequence(std::string_view text, std::size_t pos) {
  const auto byte = static_cast<unsigned char>(text[pos]);
  std::size_t length = 1;
  if (byte >= 0xC0 && byte <= 0xF4) {
    const std::size_t expected = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
    while (length < expected && pos + length < text.size() &&
           (static_cast<unsigned char>(text[pos + length]) & 0xC0) == 0x80)
      ++length;
  }
  return length;
}

}  // namespace

std::string_view cleanText(std::string_view text, std::string& scratch) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte >= 0x20 && byte < 0x7F) {
      ++pos;
    } else if (byte == '\n') {
      ++pos;
    } else if (byte >= 0x80) {
      const std::size_t length = validSequence(text, pos);
      if (length == 0) break;
      pos += length;
    } else {
      break;
    }
  }
  if (pos == text.size()) return text;

  scratch.assign(text.data(), pos);
  while (pos < text.size()) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if ((byte >= 0x20 && byte < 0x7F) || byte == '\n') {
      scratch += static_cast<char>(byte);
      ++pos;
    } else if (byte == '\t') {
      scratch += ' ';
      ++pos;
    } else if (byte < 0x80) {
      ++pos;  // '\r', other C0 controls and DEL are dropped
    } else if (const std::size_t length = validSequence(text, pos); length != 0) {
      scratch.append(text.data() + pos, length);
      pos += length;
    } else if (byte == 0xC2 && pos + 1 < text.size() &&
               static_cast<unsigned char>(text[pos + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[pos + 1]) < 0xA0) {
      pos += 2;  // C1 controls are dropped
    } else {
      scratch += kReplacement;
      pos += badSequence(text, pos);
    }
  }
  return scratch;
}

std::int32_t measureUnits(std::string_view text, FontFace& font) {
  std::int32_t units = 0;
  std::size_t pos = 0;
  while (pos < text.size()) units += font.advance(nextCode(text, pos));
  return units;
}

void wrapText(std::string_view text, FontFace& font, float size, float maxWidth,
              std::vector<Line>& lines) {
  lines.clear();
  const float maxUnits = maxWidth * 1000.0f / size;
  const int spaceUnits = font.advance(u' ');

  std::size_t lineStart = 0;
  std::int32_t lineUnits = 0;
  // The last break opportunity on the current line: the line would end at breakEnd (before a
  // run of spaces) with breakUnits, and the next one start at resume (after the run).
  std::size_t breakEnd = 0;
  std::size_t resume = 0;
  std::int32_t breakUnits = 0;
  std::int32_t resumeUnits = 0;
  bool haveBreak = false;
  bool inSpaces = false;

  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t at = pos;
    const char16_t code = nextCode(text, pos);
    if (code == u'\n') {
      lines.push_back({static_cast<std::uint32_t>(lineStart),
                       static_cast<std::uint32_t>(inSpaces ? breakEnd : at),
                       inSpaces ? breakUnits : lineUnits});
      lineStart = pos;
      lineUnits = 0;
      haveBreak = inSpaces = false;
      continue;
    }
    if (code == u' ') {
      if (!inSpaces) {
        inSpaces = true;
        breakEnd = at;
        breakUnits = lineUnits;
      }
      lineUnits += spaceUnits;
      resume = pos;
      resumeUnits = lineUnits;
      haveBreak = breakEnd > lineStart;
      continue;
    }
    inSpaces = false;
    const int width = font.advance(code);
    while (static_cast<float>(lineUnits + width) > maxUnits && at > lineStart) {
      if (haveBreak) {
        lines.push_back({static_cast<std::uint32_t>(lineStart),
                         static_cast<std::uint32_t>(breakEnd), breakUnits});
        lineStart = resume;
        lineUnits -= resumeUnits;
        haveBreak = false;
      } else {
        lines.push_back(
            {static_cast<std::uint32_t>(lineStart), static_cast<std::uint32_t>(at), lineUnits});
        lineStart = at;
        lineUnits = 0;
      }
    }
    lineUnits += width;
  }
  if (inSpaces) {
    lines.push_back(
        {static_cast<std::uint32_t>(lineStart), static_cast<std::uint32_t>(breakEnd), breakUnits});
  } else {
    lines.push_back({static_cast<std::uint32_t>(lineStart), static_cast<std::uint32_t>(text.size()),
                     lineUnits});
  }
}

std::string fitText(std::string_view text, FontFace& font, float size, float maxWidth) {
  const float maxUnits = maxWidth * 1000.0f / size;
  if (static_cast<float>(measureUnits(text, font)) <= maxUnits) return std::string(text);
  const float available = maxUnits - static_cast<float>(measureUnits(kEllipsis, font));
  std::int32_t units = 0;
  std::size_t pos = 0;
  std::size_t end = 0;
  while (pos < text.size()) {
    const char16_t code = nextCode(text, pos);
    units += font.advance(code);
    if (static_cast<float>(units) > available) break;
    end = pos;
  }
  std::string out(text.substr(0, end));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + std::string(kEllipsis);
}

}  // namespace crossgrant::pdf
