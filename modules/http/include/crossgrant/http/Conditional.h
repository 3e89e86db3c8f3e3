// Conditional requests: versions as strong ETags ("3") and the If-Match that names one, so
// that an edit based on an old version is refused instead of overwriting a newer one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crossgrant/http/Request.h"

namespace crossgrant::http {

/// The ETag of a version: the number in double quotes.
std::string etag(std::int64_t version);
/// The version named by If-Match: exactly one strong ETag of a positive number as etag()
/// writes it; nullopt without the header. Throws HttpError (400) for anything else.
std::optional<std::int64_t> ifMatchVersion(const Request& request);
/// The hexadecimal tag (hexDigits long, lower case) named by If-Match, e.g. a SHA-256 that a
/// GET sent as its ETag; nullopt without the header. Throws HttpError (400) naming what:
/// "If-Match on <what> must be the ETag that <source> returned".
std::optional<std::string> ifMatchHex(const Request& request, std::size_t hexDigits,
                                      std::string_view what, std::string_view source);

}  // namespace crossgrant::http
