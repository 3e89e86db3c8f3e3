// How a submitted report's PDF vouches for itself. A file cannot contain its own hash, so the
// report is written in two revisions (ISO 32000-1 §7.5.6, an incremental update):
//   revision 1  the pages, ending with the "Submission" page that explains this, as libharu
//               writes them;
//   revision 2  appended after revision 1's %%EOF: a new document information dictionary that
//               keeps revision 1's entries and adds CrossgrantContentSHA256 (lower-case hex
//               SHA-256 of revision 1's bytes) and CrossgrantContentLength (their number).
// An auditor checks revision 1 without crossgrant: `head -c N FILE | sha256sum` with N and the
// hash from the metadata (`pdfinfo -custom FILE`). crossgrant stores the SHA-256 of the whole
// file at submission, as before; `crossgrant verify` and POST /api/v1/reports/verify check both.
// A changed byte in revision 1 fails the content check; bytes changed or appended after it
// fail only the whole-file check.
//
// Thread safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace crossgrant::reports {

inline constexpr std::string_view kContentSha256Key = "CrossgrantContentSHA256";
inline constexpr std::string_view kContentLengthKey = "CrossgrantContentLength";

/// Appends revision 2 to revision 1's bytes. Throws pdf::PdfError for bytes it cannot read.
void sealSubmitted(std::string& pdf);

/// What the content check found.
struct ContentCheck {
  enum class Result {
    kMatches,     ///< the first `length` bytes hash to `recorded`
    kDiffers,     ///< they do not: revision 1 changed after submission
    kNone,        ///< the metadata names no content hash (a draft, or another PDF)
    kUnreadable,  ///< the file's structure or the entries cannot be read: see `message`
  };
  Result result = Result::kNone;
  std::int64_t length = 0;  ///< the length the metadata names (kMatches, kDiffers)
  std::string recorded;     ///< the SHA-256 the metadata names (kMatches, kDiffers)
  std::string actual;       ///< the SHA-256 of the file's first `length` bytes
  std::string message;      ///< one sentence, as checkContent says below
};

/// "matches", "differs", "none", "unreadable".
std::string_view toString(ContentCheck::Result result);

/// Reads the metadata of pdf and hashes the prefix it names. Never throws for malformed input.
/// The sentence: "revision 1 (183402 bytes) has SHA-256 X, as its metadata says";
/// "revision 1 (N bytes) has SHA-256 Y, not X as its metadata says: its pages were changed
/// after submission"; "its metadata names no content SHA-256 (CrossgrantContentSHA256): a draft
/// or not a submitted crossgrant report"; "its metadata says revision 1 has N bytes, but the
/// file has only M"; "its metadata cannot be read: ...".
ContentCheck checkContent(std::string_view pdf);

}  // namespace crossgrant::reports
