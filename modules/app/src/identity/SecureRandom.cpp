#include "crossgrant/app/identity/SecureRandom.h"

#include <Poco/Base64Encoder.h>

#include <sstream>

#include <sys/random.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace crossgrant::app {

std::string randomBytes(std::size_t count) {
  std::string bytes(count, '\0');
  std::size_t filled = 0;
  while (filled < count) {
    const ssize_t got = ::getrandom(bytes.data() + filled, count - filled, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(std::string("getrandom failed: ") + std::strerror(errno));
    }
    filled += static_cast<std::size_t>(got);
  }
  return bytes;
}

std::string base64Url(std::string_view bytes) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
  encoder.rdbuf()->setLineLength(0);
  encoder.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  encoder.close();
  return out.str();
}

std::string randomToken(std::size_t bytes) { return base64Url(randomBytes(bytes)); }

std::string randomPassword(std::size_t length) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  std::string password;
  while (password.size() < length) {
    // Rejection sampling keeps every character equally likely.
    for (unsigned char byte : randomBytes(length)) {
      const unsigned limit = 256 - 256 % kAlphabet.size();
      if (byte < limit && password.size() < length) password += kAlphabet[byte % kAlphabet.size()];
    }
  }
  return password;
}

}  // namespace crossgrant::app
