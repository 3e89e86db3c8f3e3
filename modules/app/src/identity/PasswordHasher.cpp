#include "crossgrant/app/identity/PasswordHasher.h"

#include <argon2.h>

#include <stdexcept>
#include <vector>

#include "crossgrant/app/identity/SecureRandom.h"

namespace crossgrant::app {
namespace {

constexpr std::uint32_t kTimeCost = 2;
constexpr std::uint32_t kMemoryKiB = 19456;
constexpr std::uint32_t kLanes = 1;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

}  // namespace

std::string hashPassword(std::string_view password) {
  const std::string salt = randomBytes(kSaltBytes);
  std::vector<char> encoded(
      argon2_encodedlen(kTimeCost, kMemoryKiB, kLanes, kSaltBytes, kHashBytes, Argon2_id) + 1);
  const int rc =
      argon2id_hash_encoded(kTimeCost, kMemoryKiB, kLanes, password.data(), password.size(),
                            salt.data(), salt.size(), kHashBytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK)
    throw std::runtime_error(std::string("Argon2id hashing failed: ") + argon2_error_message(rc));
  return std::string(encoded.data());
}

bool verifyPassword(const std::string& encoded, std::string_view password) {
  if (encoded.rfind("$argon2id$", 0) != 0) return false;
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

void verifyDummy(std::string_view password) {
  static const std::string kDummy = hashPassword(randomToken());
  verifyPassword(kDummy, password);
}

}  // namespace crossgrant::app
