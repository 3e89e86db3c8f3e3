// A PDF's document information dictionary (the trailer's /Info), read and extended by an
// incremental update (ISO 32000-1 §7.5.6), so that entries can be added to a finished PDF
// without changing one of its bytes: the update is appended after the file's %%EOF and holds a
// new Info object (the old entries, byte for byte, and the new ones), a cross-reference
// section for that one object and a trailer that points back to the previous one (/Prev).
//
// Not a general PDF library: it reads what it needs through classic cross-reference tables
// (the `xref` keyword, as libharu and this file write them), following /Prev to older
// sections. Cross-reference streams and encrypted files are refused. It knows nothing about
// what the entries mean: callers name them.
//
// Thread safety: pure functions of their arguments.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crossgrant::pdf {

/// Entries of an Info dictionary: the key without its '/', and the value as UTF-8 text.
using InfoEntries = std::vector<std::pair<std::string, std::string>>;

/// Appends an incremental update to pdf whose Info dictionary is the current one's entries
/// (kept byte for byte, in their order) with `entries` added after them; an entry whose key
/// the current dictionary has already replaces it. Keys are letters and digits; values are
/// written as literal strings when they are printable ASCII, as UTF-16BE text strings
/// otherwise. The trailer keeps every entry of the previous one but /Prev, /Size, /Info and
/// /XRefStm (so /Root and /ID are kept), and adds /Size, /Info and /Prev. The bytes before
/// the update are not changed. Throws PdfError when pdf cannot be read as described above or a
/// key is not letters and digits.
void appendInfoUpdate(std::string& pdf, const InfoEntries& entries);

/// What readInfo found.
struct InfoReading {
  /// The newest Info dictionary's entries whose values are strings, in their order: literal
  /// and hexadecimal strings decoded, UTF-16BE (with its byte order mark) turned into UTF-8,
  /// other strings as their bytes. Entries of other types (numbers, names) are left out.
  InfoEntries entries;
  bool hasInfo = false;  ///< whether the newest trailer names an Info dictionary
  std::string problem;   ///< why the file could not be read: "" when it was

  bool ok() const { return problem.empty(); }
  /// The value of key, or nullptr.
  const std::string* find(std::string_view key) const;
};

/// The Info dictionary that the newest trailer of pdf names. Never throws for malformed
/// input: says what is wrong in `problem` instead.
InfoReading readInfo(std::string_view pdf);

}  // namespace crossgrant::pdf
