#include "Http1.h"

#include <algorithm>
#include <cctype>

namespace crossgrant::http::http1 {
namespace {

bool isTokenChar(char c) {
  static constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || kSymbols.find(c) != kSymbols.npos;
}

bool isToken(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

bool sameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trimmed(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

/// Whether the comma-separated list value has item (case-insensitive).
bool listHas(std::string_view value, std::string_view item) {
  while (!value.empty()) {
    const std::size_t comma = value.find(',');
    if (sameName(trimmed(value.substr(0, comma)), item)) return true;
    if (comma == value.npos) break;
    value.remove_prefix(comma + 1);
  }
  return false;
}

/// Where the bytes from `from` break the CRLF rule: a LF without CR before it, or a CR without
/// LF after it (npos at the end of what is there: it may still come).
std::size_t bareLineBreak(std::string_view buffer, std::size_t from) {
  for (std::size_t i = from; i < buffer.size(); ++i) {
    if (buffer[i] == '\n' && (i == 0 || buffer[i - 1] != '\r')) return i;
    if (buffer[i] == '\r' && i + 1 < buffer.size() && buffer[i + 1] != '\n') return i;
  }
  return std::string_view::npos;
}

std::optional<std::uint64_t> decimal(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

std::variant<Head, Refusal> parseFields(std::string_view head) {
  Head parsed;
  const std::size_t lineEnd = head.find("\r\n");
  const std::string_view line = head.substr(0, lineEnd);
  const std::size_t space1 = line.find(' ');
  const std::size_t space2 = space1 == line.npos ? line.npos : line.find(' ', space1 + 1);
  if (space2 == line.npos || line.find(' ', space2 + 1) != line.npos)
    return invalid("the request line must be \"METHOD TARGET HTTP/1.1\"");
  parsed.method = std::string(line.substr(0, space1));
  parsed.target = std::string(line.substr(space1 + 1, space2 - space1 - 1));
  const std::string_view version = line.substr(space2 + 1);
  if (!isToken(parsed.method) || parsed.target.empty())
    return invalid("the request line must be \"METHOD TARGET HTTP/1.1\"");
  if (version == "HTTP/1.0")
    parsed.http11 = false;
  else if (version != "HTTP/1.1")
    return Refusal{505, "http_version", "only HTTP/1.1 and HTTP/1.0 are served"};

  bool hasHost = false, closes = false, keepsAlive = false;
  std::optional<std::string> transferEncoding;
  for (std::size_t at = lineEnd + 2; at < head.size();) {
    const std::size_t end = head.find("\r\n", at);
    const std::string_view field = head.substr(at, end - at);
    at = end + 2;
    if (field.empty()) break;
    if (field.front() == ' ' || field.front() == '\t')
      return invalid("folded header lines (obs-fold) are not accepted");
    const std::size_t colon = field.find(':');
    const std::string_view name = field.substr(0, colon);
    if (colon == field.npos || !isToken(name))
      return invalid("malformed header line (\"Name: value\" expected)");
    const std::string_view value = trimmed(field.substr(colon + 1));
    if (std::any_of(value.begin(), value.end(), [](char c) {
          return (static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f;
        }))
      return invalid("header " + std::string(name) + " has a control character");
    if (parsed.fields.size() == kMaxFields)
      return Refusal{431, "headers_too_large",
                     "more than " + std::to_string(kMaxFields) + " header fields"};
    parsed.fields.emplace_back(std::string(name), std::string(value));
    if (sameName(name, "Content-Length")) {
      if (parsed.contentLength) return invalid("Content-Length is given more than once");
      parsed.contentLength = decimal(value);
      if (!parsed.contentLength) return invalid("Content-Length must be a decimal number");
    } else if (sameName(name, "Transfer-Encoding")) {
      transferEncoding =
          transferEncoding ? *transferEncoding + "," + std::string(value) : std::string(value);
    } else if (sameName(name, "Host")) {
      hasHost = true;
    } else if (sameName(name, "Connection")) {
      closes = closes || listHas(value, "close");
      keepsAlive = keepsAlive || listHas(value, "keep-alive");
    } else if (sameName(name, "Expect")) {
      parsed.expectContinue = sameName(value, "100-continue");
    }
  }
  if (transferEncoding) {
    if (parsed.contentLength)
      return invalid("a request must not have both Content-Length and Transfer-Encoding");
    if (!sameName(trimmed(*transferEncoding), "chunked"))
      return Refusal{501, "not_implemented", "Transfer-Encoding other than chunked is not served"};
    parsed.chunked = true;
  }
  if (parsed.http11 && !hasHost) return invalid("an HTTP/1.1 request needs a Host header");
  parsed.keepAlive = !closes && (parsed.http11 || keepsAlive);
  return parsed;
}

}  // namespace

Refusal invalid(std::string message) { return Refusal{400, "invalid", std::move(message)}; }

Refusal tooLarge(std::size_t maxBody) {
  return Refusal{
      413, "body_too_large",
      "the request body is larger than the limit of " + std::to_string(maxBody) + " bytes"};
}

HeadResult parseHead(std::string_view buffer, std::size_t& scanned) {
  std::size_t start = 0;
  while (buffer.substr(start, 2) == "\r\n") start += 2;
  const std::size_t from = std::max(start, scanned < 3 ? 0 : scanned - 3);
  const std::size_t end = buffer.find("\r\n\r\n", from);
  // Only the head: the bytes after it are the body's.
  const std::string_view head = end == buffer.npos ? buffer : buffer.substr(0, end + 4);
  if (bareLineBreak(head, scanned == 0 ? 0 : scanned - 1) != std::string_view::npos)
    return invalid("lines must end in CRLF");
  const std::size_t lineEnd = buffer.find("\r\n", start);
  if ((lineEnd == buffer.npos ? buffer.size() : lineEnd) - start > kMaxRequestLine)
    return Refusal{414, "uri_too_long",
                   "the request line is longer than " + std::to_string(kMaxRequestLine) + " bytes"};
  if ((end == buffer.npos ? buffer.size() : end + 4) - start > kMaxHead)
    return Refusal{431, "headers_too_large",
                   "the request head is larger than " + std::to_string(kMaxHead) + " bytes"};
  scanned = buffer.size();
  if (end == buffer.npos) return Incomplete{};
  // The request line alone ends in the first CRLF of "\r\n\r\n".
  std::variant<Head, Refusal> parsed = parseFields(buffer.substr(start, end + 4 - start));
  if (auto* refusal = std::get_if<Refusal>(&parsed)) return std::move(*refusal);
  return Complete{std::move(std::get<Head>(parsed)), end + 4};
}

std::variant<bool, Refusal> ChunkedDecoder::feed(std::string_view input, std::size_t& offset,
                                                 std::string& body) {
  while (offset < input.size()) {
    if (state_ == State::kData) {
      const std::size_t take =
          static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, input.size() - offset));
      body.append(input.substr(offset, take));
      offset += take;
      remaining_ -= take;
      if (remaining_ == 0) state_ = State::kDataEnd;
      continue;
    }
    if (state_ == State::kDataEnd) {
      if (input.size() - offset < 2) return false;
      if (input.substr(offset, 2) != "\r\n") return invalid("a chunk must end in CRLF");
      offset += 2;
      state_ = State::kSize;
      continue;
    }
    const std::size_t end = input.find("\r\n", offset);
    const std::size_t bare =
        bareLineBreak(input.substr(0, end == input.npos ? input.size() : end), offset);
    if (bare != std::string_view::npos) return invalid("lines must end in CRLF");
    if (end == input.npos) {
      if (input.size() - offset > 4096) return invalid("a chunk size line is too long");
      return false;
    }
    const std::string_view line = input.substr(offset, end - offset);
    offset = end + 2;
    if (state_ == State::kTrailer) {
      trailerBytes_ += line.size() + 2;
      if (trailerBytes_ > kMaxHead)
        return Refusal{431, "headers_too_large", "the chunked trailer is too large"};
      if (line.empty()) return true;
      continue;
    }
    const std::string_view digits = trimmed(line.substr(0, line.find(';')));
    if (digits.empty() || digits.size() > 15 ||
        !std::all_of(digits.begin(), digits.end(),
                     [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }))
      return invalid("malformed chunk size");
    remaining_ = std::stoull(std::string(digits), nullptr, 16);
    if (body.size() + remaining_ > maxBody_) return tooLarge(maxBody_);
    state_ = remaining_ == 0 ? State::kTrailer : State::kData;
  }
  return false;
}

}  // namespace crossgrant::http::http1
