// Password hashing with Argon2id (libargon2) at the OWASP parameters: 19 MiB of memory, two
// passes, one lane, a 16-byte random salt and a 32-byte hash, kept in the encoded form
// "$argon2id$v=19$m=19456,t=2,p=1$SALT$HASH", which carries its own parameters. Hashing takes
// tens of milliseconds by design: call it outside database transactions. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace crossgrant::app {

/// The encoded Argon2id hash of password with a new random salt.
std::string hashPassword(std::string_view password);

/// Whether password matches the encoded hash. False for a hash that is not a valid Argon2id
/// encoding (never throws for one), so a damaged row cannot be logged into.
bool verifyPassword(const std::string& encoded, std::string_view password);

/// Verifies password against a fixed hash, taking as long as a real verification: for
/// unknown user names, so that response times do not tell which names exist.
void verifyDummy(std::string_view password);

}  // namespace crossgrant::app
