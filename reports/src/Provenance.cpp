#include "crossgrant/reports/Provenance.h"

#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/Text.h"
#include "crossgrant/pdf/InfoUpdate.h"

namespace crossgrant::reports {
namespace {

bool isLowerHex(std::string_view text) {
  if (text.size() != 64) return false;
  for (const char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

ContentCheck unreadable(std::string message) {
  ContentCheck check;
  check.result = ContentCheck::Result::kUnreadable;
  check.message = "its metadata cannot be read: " + std::move(message);
  return check;
}

}  // namespace

void sealSubmitted(std::string& pdf) {
  const std::string sha = core::sha256Hex(pdf);
  const std::string length = std::to_string(pdf.size());
  pdf::appendInfoUpdate(
      pdf, {{std::string(kContentSha256Key), sha}, {std::string(kContentLengthKey), length}});
}

std::string_view toString(ContentCheck::Result result) {
  switch (result) {
    case ContentCheck::Result::kMatches:
      return "matches";
    case ContentCheck::Result::kDiffers:
      return "differs";
    case ContentCheck::Result::kNone:
      return "none";
    case ContentCheck::Result::kUnreadable:
      return "unreadable";
  }
  return "none";
}

ContentCheck checkContent(std::string_view pdf) {
  const pdf::InfoReading info = pdf::readInfo(pdf);
  if (!info.ok()) return unreadable(info.problem);
  const std::string* sha = info.find(kContentSha256Key);
  const std::string* length = info.find(kContentLengthKey);
  ContentCheck check;
  if (!sha && !length) {
    check.result = ContentCheck::Result::kNone;
    check.message = "its metadata names no content SHA-256 (" + std::string(kContentSha256Key) +
                    "): a draft or not a submitted crossgrant report";
    return check;
  }
  if (!sha || !isLowerHex(*sha))
    return unreadable(std::string(kContentSha256Key) + " is not 64 lower-case hex digits");
  const auto bytes =
      length ? core::parseInteger(*length, 1, static_cast<std::int64_t>(1) << 50) : std::nullopt;
  if (!bytes) return unreadable(std::string(kContentLengthKey) + " is not a length in bytes");
  check.length = *bytes;
  check.recorded = *sha;
  const std::string counted = std::to_string(check.length) + " bytes";
  if (static_cast<std::uint64_t>(check.length) > pdf.size()) {
    check.result = ContentCheck::Result::kDiffers;
    check.message = "its metadata says revision 1 has " + counted + ", but the file has only " +
                    std::to_string(pdf.size());
    return check;
  }
  check.actual = core::sha256Hex(pdf.substr(0, static_cast<std::size_t>(check.length)));
  if (check.actual == check.recorded) {
    check.result = ContentCheck::Result::kMatches;
    check.message =
        "revision 1 (" + counted + ") has SHA-256 " + check.actual + ", as its metadata says";
  } else {
    check.result = ContentCheck::Result::kDiffers;
    check.message = "revision 1 (" + counted + ") has SHA-256 " + check.actual + ", not " +
                    check.recorded +
                    " as its metadata says: its pages were changed after "
                    "submission";
  }
  return check;
}

}  // namespace crossgrant::reports
