// Random bytes for secrets (session and CSRF tokens, salts, generated passwords) from the
// kernel's CSPRNG (getrandom), and the unpadded base64url text tokens travel as. Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace crossgrant::app {

/// count random bytes. Throws std::runtime_error if the kernel cannot provide them.
std::string randomBytes(std::size_t count);

/// RFC 4648 base64url without padding.
std::string base64Url(std::string_view bytes);

/// A new token of `bytes` random bytes (default 256 bits) as base64url text.
std::string randomToken(std::size_t bytes = 32);

/// A random password of `length` characters from letters and digits that are hard to confuse
/// (no 0/O, 1/l/I), about 5.8 bits each: 20 characters carry more than 115 bits.
std::string randomPassword(std::size_t length = 20);

}  // namespace crossgrant::app
