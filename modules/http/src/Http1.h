// A strict HTTP/1.1 request parser (RFC 9112) for the server: the head of a request from the
// bytes buffered so far, and the incremental decoding of a chunked body. Lines end in CRLF
// only; anything that would let two parties read one message differently (a bare LF, obs-fold,
// Content-Length with Transfer-Encoding, more than one Content-Length) is refused.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace crossgrant::http::http1 {

constexpr std::size_t kMaxRequestLine = 8 * 1024;
constexpr std::size_t kMaxHead = 64 * 1024;
constexpr std::size_t kMaxFields = 100;

/// Why a request is refused: answered with status and the error envelope, then closed.
struct Refusal {
  int status = 400;
  std::string code;
  std::string message;
};

Refusal invalid(std::string message);

struct Head {
  std::string method;
  std::string target;
  bool http11 = true;
  std::vector<std::pair<std::string, std::string>> fields;  ///< names as sent, values trimmed
  std::optional<std::uint64_t> contentLength;
  bool chunked = false;
  bool keepAlive = true;
  bool expectContinue = false;

  /// Whether a body follows: chunked, or a Content-Length above 0.
  bool announcesBody() const { return chunked || contentLength.value_or(0) > 0; }
};

/// What the buffered bytes hold so far.
struct Incomplete {};
struct Complete {
  Head head;
  std::size_t size = 0;  ///< bytes of the head, its final empty line included
};
using HeadResult = std::variant<Incomplete, Complete, Refusal>;

/// Finds and parses the request head at the start of buffer (empty lines before it are
/// skipped). scanned: how far an earlier call on the same request got, updated.
HeadResult parseHead(std::string_view buffer, std::size_t& scanned);

/// Decodes a chunked body as its bytes arrive; chunk extensions are ignored and trailer fields
/// read and dropped.
class ChunkedDecoder {
 public:
  explicit ChunkedDecoder(std::size_t maxBody) : maxBody_(maxBody) {}

  /// Consumes what it can of input from offset (advanced), appending data to body. Returns
  /// true when the body is complete, false when it needs more input; a Refusal for a
  /// malformed encoding (400) or a body over the limit (413).
  std::variant<bool, Refusal> feed(std::string_view input, std::size_t& offset, std::string& body);

 private:
  enum class State { kSize, kData, kDataEnd, kTrailer };
  State state_ = State::kSize;
  std::uint64_t remaining_ = 0;
  std::size_t trailerBytes_ = 0;
  std::size_t maxBody_;
};

/// The 413 refusal of a body over maxBody bytes.
Refusal tooLarge(std::size_t maxBody);

}  // namespace crossgrant::http::http1
