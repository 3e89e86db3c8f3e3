#include "crossgrant/pdf/InfoUpdate.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include "crossgrant/pdf/PdfError.h"

namespace crossgrant::pdf {
namespace {

/// What the reader throws internally for a file it cannot read; readInfo turns it into
/// InfoReading::problem, appendInfoUpdate into a PdfError.
class Unreadable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

constexpr int kMaxDepth = 32;     // nesting of arrays and dictionaries
constexpr int kMaxSections = 64;  // cross-reference sections followed through /Prev

bool isWhite(char c) {
  return c == '\0' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}
bool isDelimiter(char c) {
  return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' ||
         c == '}' || c == '/' || c == '%';
}
bool isRegular(char c) { return !isWhite(c) && !isDelimiter(c); }

std::optional<std::uint64_t> unsignedOf(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::uint64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct Entry {
  std::string key;  ///< the name decoded, without '/'
  Span whole;       ///< from the key's '/' to the value's end
  Span value;
};

/// Reads PDF objects from a position of the file, skipping what it does not need.
class Parser {
 public:
  Parser(std::string_view text, std::size_t pos) : text_(text), pos_(pos) {}

  std::size_t pos() const { return pos_; }

  void skipSpace() {
    while (pos_ < text_.size()) {
      if (isWhite(text_[pos_])) {
        ++pos_;
      } else if (text_[pos_] == '%') {
        while (pos_ < text_.size() && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
      } else {
        break;
      }
    }
  }

  /// The next run of regular characters ("" at a delimiter or the end).
  std::string_view token() {
    skipSpace();
    const std::size_t start = pos_;
    while (pos_ < text_.size() && isRegular(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }

  std::uint64_t number(const char* what) {
    const std::string_view word = token();
    const auto value = unsignedOf(word);
    if (!value)
      throw Unreadable(std::string("expected ") + what + " at byte " + std::to_string(pos_) +
                       ", found \"" + std::string(word.substr(0, 20)) + "\"");
    return *value;
  }

  bool lookingAt(std::string_view word) {
    skipSpace();
    return text_.substr(pos_, word.size()) == word;
  }

  /// One object of any type: its span.
  Span object(int depth) {
    if (depth > kMaxDepth) throw Unreadable("objects nested too deeply");
    skipSpace();
    if (pos_ >= text_.size()) throw Unreadable("the file ends inside an object");
    const std::size_t start = pos_;
    const char c = text_[pos_];
    if (c == '(') {
      skipLiteral();
    } else if (c == '<' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '<') {
      dictionary(depth + 1);
    } else if (c == '<') {
      const std::size_t close = text_.find('>', pos_);
      if (close == std::string_view::npos) throw Unreadable("a hexadecimal string is not closed");
      pos_ = close + 1;
    } else if (c == '[') {
      ++pos_;
      while (!lookingAt("]")) object(depth + 1);
      ++pos_;
    } else if (c == '/') {
      ++pos_;
      while (pos_ < text_.size() && isRegular(text_[pos_])) ++pos_;
    } else if (isRegular(c)) {
      const std::string_view word = token();
      if (unsignedOf(word)) {
        // "12 0 R" is one object, a reference.
        const std::size_t after = pos_;
        if (!unsignedOf(token()) || token() != "R") pos_ = after;
      }
    } else {
      throw Unreadable("unexpected '" + std::string(1, c) + "' at byte " + std::to_string(pos_));
    }
    return {start, pos_};
  }

  /// A dictionary at the current position ("<<"): its entries.
  std::vector<Entry> dictionary(int depth) {
    if (depth > kMaxDepth) throw Unreadable("objects nested too deeply");
    if (!lookingAt("<<")) throw Unreadable("expected a dictionary at byte " + std::to_string(pos_));
    pos_ += 2;
    std::vector<Entry> entries;
    while (!lookingAt(">>")) {
      if (pos_ >= text_.size()) throw Unreadable("the file ends inside a dictionary");
      if (text_[pos_] != '/')
        throw Unreadable("a dictionary key at byte " + std::to_string(pos_) + " is not a name");
      Entry entry;
      entry.whole.begin = pos_;
      ++pos_;
      const std::size_t nameStart = pos_;
      while (pos_ < text_.size() && isRegular(text_[pos_])) ++pos_;
      entry.key = decodeName(text_.substr(nameStart, pos_ - nameStart));
      entry.value = object(depth + 1);
      entry.whole.end = entry.value.end;
      entries.push_back(std::move(entry));
    }
    pos_ += 2;
    return entries;
  }

 private:
  void skipLiteral() {
    int open = 0;
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c == '\\') {
        ++pos_;
      } else if (c == '(') {
        ++open;
      } else if (c == ')' && --open == 0) {
        return;
      }
    }
    throw Unreadable("a string is not closed");
  }

  static std::string decodeName(std::string_view raw) {
    std::string name;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '#' && i + 2 < raw.size()) {
        const std::string digits(raw.substr(i + 1, 2));
        char* end = nullptr;
        const long value = std::strtol(digits.c_str(), &end, 16);
        if (end == digits.c_str() + 2) {
          name += static_cast<char>(value);
          i += 2;
          continue;
        }
      }
      name += raw[i];
    }
    return name;
  }

  std::string_view text_;
  std::size_t pos_;
};

const Entry* findEntry(const std::vector<Entry>& entries, std::string_view key) {
  for (const Entry& entry : entries)
    if (entry.key == key) return &entry;
  return nullptr;
}

std::string_view textOf(std::string_view pdf, Span span) {
  return pdf.substr(span.begin, span.end - span.begin);
}

struct Reference {
  std::uint64_t number = 0;
  std::uint64_t generation = 0;
};

std::optional<Reference> referenceOf(std::string_view value) {
  Parser parser(value, 0);
  const auto number = unsignedOf(parser.token());
  const auto generation = unsignedOf(parser.token());
  if (!number || !generation || parser.token() != "R") return std::nullopt;
  parser.skipSpace();
  if (parser.pos() != value.size()) return std::nullopt;
  return Reference{*number, *generation};
}

/// The cross-reference sections from the newest through /Prev, and what they say.
struct CrossReference {
  std::uint64_t newestOffset = 0;  ///< the last startxref
  std::vector<Entry> trailer;      ///< the newest trailer's entries
  /// Object number -> (generation, byte offset), the newest section's entry winning.
  std::map<std::uint64_t, std::pair<std::uint64_t, std::uint64_t>> objects;
  std::string olderProblem;  ///< why an older section could not be read ("" when all were)
};

std::uint64_t lastStartxref(std::string_view pdf) {
  // Anywhere, not only in the last kilobyte readers look at: bytes appended after the last
  // %%EOF do not hide what the file says.
  const std::size_t at = pdf.rfind("startxref");
  if (at == std::string_view::npos) throw Unreadable("no startxref in the file");
  Parser parser(pdf, at + 9);
  const std::uint64_t offset = parser.number("the cross-reference offset after startxref");
  // Not skipSpace: to the parser, "%%EOF" is a comment.
  std::size_t end = parser.pos();
  while (end < pdf.size() && isWhite(pdf[end])) ++end;
  if (pdf.substr(end, 5) != "%%EOF") throw Unreadable("no %%EOF after the last startxref");
  return offset;
}

/// One cross-reference section at offset: its "n" entries go into objects (unless a newer
/// section has them), its trailer's entries are returned.
std::vector<Entry> readSection(
    std::string_view pdf, std::uint64_t offset,
    std::map<std::uint64_t, std::pair<std::uint64_t, std::uint64_t>>& objects) {
  if (offset >= pdf.size())
    throw Unreadable("a cross-reference offset (" + std::to_string(offset) +
                     ") is past the end of the file");
  Parser parser(pdf, static_cast<std::size_t>(offset));
  if (parser.token() != "xref")
    throw Unreadable("no cross-reference table (\"xref\") at byte " + std::to_string(offset) +
                     ": cross-reference streams are not read");
  std::map<std::uint64_t, std::pair<std::uint64_t, std::uint64_t>> found;
  while (!parser.lookingAt("trailer")) {
    const std::uint64_t first = parser.number("the first object number of a subsection");
    const std::uint64_t count = parser.number("the entry count of a subsection");
    if (count > pdf.size() / 18) throw Unreadable("a subsection claims too many entries");
    for (std::uint64_t i = 0; i < count; ++i) {
      const std::uint64_t at = parser.number("an object's offset");
      const std::uint64_t generation = parser.number("an object's generation");
      const std::string_view kind = parser.token();
      if (kind != "n" && kind != "f")
        throw Unreadable("a cross-reference entry is neither \"n\" nor \"f\"");
      if (kind == "n") found.emplace(first + i, std::make_pair(generation, at));
    }
  }
  parser.token();  // "trailer"
  std::vector<Entry> trailer = parser.dictionary(0);
  objects.insert(found.begin(), found.end());  // the newer sections' entries stay
  return trailer;
}

CrossReference readCrossReference(std::string_view pdf) {
  CrossReference xref;
  xref.newestOffset = lastStartxref(pdf);
  std::set<std::uint64_t> seen{xref.newestOffset};
  xref.trailer = readSection(pdf, xref.newestOffset, xref.objects);
  if (findEntry(xref.trailer, "Encrypt")) throw Unreadable("the file is encrypted");
  if (!findEntry(xref.trailer, "Root")) throw Unreadable("the trailer has no /Root");
  const Entry* prev = findEntry(xref.trailer, "Prev");
  std::optional<std::uint64_t> previous =
      prev ? unsignedOf(textOf(pdf, prev->value)) : std::nullopt;
  if (prev && !previous) throw Unreadable("the trailer's /Prev is not an offset");
  // The older sections only add objects the newer ones lack: one that cannot be read (say, a
  // byte changed in an earlier revision) ends the walk, and what is needed may still be found.
  try {
    for (int section = 1; previous; ++section) {
      if (section == kMaxSections) throw Unreadable("too many cross-reference sections");
      if (!seen.insert(*previous).second) throw Unreadable("the cross-reference sections loop");
      const std::vector<Entry> trailer = readSection(pdf, *previous, xref.objects);
      prev = findEntry(trailer, "Prev");
      previous = prev ? unsignedOf(textOf(pdf, prev->value)) : std::nullopt;
      if (prev && !previous) throw Unreadable("a trailer's /Prev is not an offset");
    }
  } catch (const Unreadable& error) {
    xref.olderProblem = error.what();
  }
  return xref;
}

/// The entries of the Info dictionary the newest trailer names; nullopt when it names none.
std::optional<std::vector<Entry>> infoEntries(std::string_view pdf, const CrossReference& xref) {
  const Entry* info = findEntry(xref.trailer, "Info");
  if (!info) return std::nullopt;
  const auto reference = referenceOf(textOf(pdf, info->value));
  if (!reference) throw Unreadable("the trailer's /Info is not a reference to an object");
  const auto found = xref.objects.find(reference->number);
  if (found == xref.objects.end() || found->second.first != reference->generation)
    throw Unreadable("the Info object " + std::to_string(reference->number) +
                     " is not in the cross-reference table" +
                     (xref.olderProblem.empty()
                          ? std::string()
                          : " (an older section: " + xref.olderProblem + ")"));
  const std::uint64_t at = found->second.second;
  if (at >= pdf.size()) throw Unreadable("the Info object's offset is past the end of the file");
  Parser parser(pdf, static_cast<std::size_t>(at));
  if (unsignedOf(parser.token()) != reference->number ||
      unsignedOf(parser.token()) != reference->generation || parser.token() != "obj")
    throw Unreadable("the Info object is not at byte " + std::to_string(at) +
                     ", where the cross-reference table says it is");
  return parser.dictionary(0);
}

void appendUtf8(std::string& out, std::uint32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

/// UTF-16BE after its byte order mark, as UTF-8; unpaired surrogates become U+FFFD.
std::string utf16ToUtf8(std::string_view bytes) {
  std::string out;
  const auto unit = [&](std::size_t i) {
    return static_cast<std::uint32_t>((static_cast<unsigned char>(bytes[i]) << 8) |
                                      static_cast<unsigned char>(bytes[i + 1]));
  };
  for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
    std::uint32_t code = unit(i);
    if (code >= 0xD800 && code < 0xDC00 && i + 3 < bytes.size() && unit(i + 2) >= 0xDC00 &&
        unit(i + 2) < 0xE000) {
      code = 0x10000 + ((code - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
      i += 2;
    } else if (code >= 0xD800 && code < 0xE000) {
      code = 0xFFFD;
    }
    appendUtf8(out, code);
  }
  return out;
}

/// The code points of UTF-8 text; a malformed sequence is U+FFFD.
std::vector<std::uint32_t> codePointsOf(std::string_view text) {
  std::vector<std::uint32_t> codes;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    int length = byte < 0x80           ? 1
                 : (byte >> 5) == 0x6  ? 2
                 : (byte >> 4) == 0xE  ? 3
                 : (byte >> 3) == 0x1E ? 4
                                       : 0;
    std::uint32_t code = length == 1   ? byte
                         : length == 2 ? (byte & 0x1Fu)
                         : length == 3 ? (byte & 0x0Fu)
                                       : (byte & 0x07u);
    bool valid = length > 0 && i + static_cast<std::size_t>(length) <= text.size();
    for (int k = 1; valid && k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
      valid = (next & 0xC0) == 0x80;
      code = (code << 6) | (next & 0x3Fu);
    }
    const std::uint32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (valid && (code < minimum[length] || code > 0x10FFFF || (code >= 0xD800 && code < 0xE000)))
      valid = false;
    codes.push_back(valid ? code : 0xFFFD);
    i += valid ? static_cast<std::size_t>(length) : 1;
  }
  return codes;
}

std::string decodeLiteral(std::string_view raw) {
  // raw includes the outer parentheses.
  std::string out;
  for (std::size_t i = 1; i + 1 < raw.size(); ++i) {
    const char c = raw[i];
    if (c != '\\') {
      out += c;
      continue;
    }
    if (++i + 1 > raw.size() - 1) break;
    const char e = raw[i];
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case '\r':
        if (i + 1 < raw.size() - 1 && raw[i + 1] == '\n') ++i;
        break;
      case '\n':
        break;
      default:
        if (e >= '0' && e <= '7') {
          int value = e - '0';
          for (int k = 0; k < 2 && i + 1 < raw.size() - 1 && raw[i + 1] >= '0' && raw[i + 1] <= '7';
               ++k)
            value = value * 8 + (raw[++i] - '0');
          out += static_cast<char>(value & 0xFF);
        } else {
          out += e;
        }
    }
  }
  return out;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string decodeHex(std::string_view raw) {
  std::string out;
  int high = -1;
  for (std::size_t i = 1; i + 1 < raw.size(); ++i) {
    const int value = hexValue(raw[i]);
    if (value < 0) continue;
    if (high < 0) {
      high = value;
    } else {
      out += static_cast<char>((high << 4) | value);
      high = -1;
    }
  }
  if (high >= 0) out += static_cast<char>(high << 4);
  return out;
}

/// A text string: printable ASCII as a literal string, anything else as UTF-16BE in hex.
std::string encodeText(std::string_view value) {
  bool ascii = true;
  for (const char c : value) ascii = ascii && c >= 0x20 && c <= 0x7E;
  if (ascii) {
    std::string out = "(";
    for (const char c : value) {
      if (c == '(' || c == ')' || c == '\\') out += '\\';
      out += c;
    }
    return out + ")";
  }
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out = "<FEFF";
  const auto unit = [&](std::uint32_t u) {
    for (const int shift : {12, 8, 4, 0}) out += kDigits[(u >> shift) & 0xF];
  };
  for (const std::uint32_t code : codePointsOf(value)) {
    if (code >= 0x10000) {
      unit(0xD800 + ((code - 0x10000) >> 10));
      unit(0xDC00 + ((code - 0x10000) & 0x3FF));
    } else {
      unit(code);
    }
  }
  return out + ">";
}

bool validKey(std::string_view key) {
  if (key.empty()) return false;
  for (const char c : key)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  return true;
}

}  // namespace

const std::string* InfoReading::find(std::string_view key) const {
  for (const auto& [name, value] : entries)
    if (name == key) return &value;
  return nullptr;
}

InfoReading readInfo(std::string_view pdf) {
  InfoReading reading;
  try {
    const CrossReference xref = readCrossReference(pdf);
    const auto entries = infoEntries(pdf, xref);
    reading.hasInfo = entries.has_value();
    if (!entries) return reading;
    for (const Entry& entry : *entries) {
      const std::string_view value = textOf(pdf, entry.value);
      std::string text;
      if (value.size() >= 2 && value.front() == '(') {
        text = decodeLiteral(value);
      } else if (value.size() >= 2 && value.front() == '<' && value[1] != '<') {
        text = decodeHex(value);
      } else {
        continue;
      }
      if (text.size() >= 2 && text[0] == '\xFE' && text[1] == '\xFF') text = utf16ToUtf8(text);
      reading.entries.emplace_back(entry.key, std::move(text));
    }
  } catch (const Unreadable& error) {
    reading.entries.clear();
    reading.hasInfo = false;
    reading.problem = error.what();
  }
  return reading;
}

void appendInfoUpdate(std::string& pdf, const InfoEntries& entries) {
  for (const auto& [key, value] : entries)
    if (!validKey(key))
      throw PdfError("an Info key must be letters and digits, not \"" + key + "\"");
  CrossReference xref;
  std::optional<std::vector<Entry>> old;
  try {
    xref = readCrossReference(pdf);
    old = infoEntries(pdf, xref);
  } catch (const Unreadable& error) {
    throw PdfError(std::string("cannot update the PDF's information: ") + error.what());
  }
  const Entry* sizeEntry = findEntry(xref.trailer, "Size");
  const auto size = sizeEntry ? unsignedOf(textOf(pdf, sizeEntry->value)) : std::nullopt;
  if (!size || *size == 0)
    throw PdfError("cannot update the PDF's information: the trailer's /Size is not a count");
  const std::uint64_t number = *size;

  const auto replaced = [&](const std::string& key) {
    for (const auto& [name, value] : entries)
      if (name == key) return true;
    return false;
  };
  std::string info = std::to_string(number) + " 0 obj\n<<\n";
  if (old) {
    for (const Entry& entry : *old)
      if (!replaced(entry.key)) (info += textOf(pdf, entry.whole)) += '\n';
  }
  for (const auto& [key, value] : entries) info += "/" + key + " " + encodeText(value) + "\n";
  info += ">>\nendobj\n";

  std::string trailer = "trailer\n<<\n";
  for (const Entry& entry : xref.trailer) {
    if (entry.key == "Size" || entry.key == "Prev" || entry.key == "Info" || entry.key == "XRefStm")
      continue;
    (trailer += textOf(pdf, entry.whole)) += '\n';
  }
  trailer += "/Size " + std::to_string(number + 1) + "\n/Info " + std::to_string(number) +
             " 0 R\n/Prev " + std::to_string(xref.newestOffset) + "\n>>\n";

  if (!pdf.empty() && pdf.back() != '\n' && pdf.back() != '\r') pdf += '\n';
  const std::size_t infoOffset = pdf.size();
  pdf += info;
  const std::size_t xrefOffset = pdf.size();
  char line[32];
  std::snprintf(line, sizeof line, "%010llu 00000 n\r\n",
                static_cast<unsigned long long>(infoOffset));
  pdf += "xref\n" + std::to_string(number) + " 1\n" + line;
  pdf += trailer;
  pdf += "startxref\n" + std::to_string(xrefOffset) + "\n%%EOF\n";
}

}  // namespace crossgrant::pdf
