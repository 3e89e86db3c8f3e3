#include "crossgrant/app/audit/AuditKeyFile.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "crossgrant/app/identity/SecureRandom.h"
#include "crossgrant/core/Errors.h"

namespace crossgrant::app {
namespace {

namespace fs = std::filesystem;

std::string named(const std::string& path) {
  return "the audit key file " + path + " (audit.key_file)";
}

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string hexOf(const std::string& bytes) {
  static const char* const digits = "0123456789abcdef";
  std::string text;
  for (const unsigned char byte : bytes) {
    text += digits[byte >> 4];
    text += digits[byte & 0x0f];
  }
  return text;
}

void writeAll(int fd, const std::string& text, const std::string& path) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw core::ConfigurationError("cannot write " + named(path) + ": " + std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

core::AuditKey readAuditKey(const std::string& path) {
  std::error_code error;
  if (!fs::exists(path, error))
    throw core::ConfigurationError(
        named(path) +
        " does not exist: `crossgrant migrate` creates it for a database whose audit trail has no "
        "key yet; for one that has, restore the file the trail is chained with");
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw core::ConfigurationError("cannot read " + named(path) + ": " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  std::string hex = text.str();
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r')) hex.pop_back();
  std::string bytes;
  bool valid = hex.size() == 2 * core::AuditKey::kSize;
  for (std::size_t i = 0; valid && i < hex.size(); i += 2) {
    const int high = hexDigit(hex[i]);
    const int low = hexDigit(hex[i + 1]);
    valid = high >= 0 && low >= 0;
    bytes += static_cast<char>(high * 16 + low);
  }
  if (!valid)
    throw core::ConfigurationError(named(path) +
                                   " holds no audit key: expected 64 lower-case hexadecimal "
                                   "digits");
  return core::AuditKey(bytes);
}

bool createAuditKeyFile(const std::string& path) {
  std::error_code error;
  if (fs::exists(path, error)) return false;
  const fs::path target = fs::absolute(path);
  fs::create_directories(target.parent_path(), error);
  if (error)
    throw core::ConfigurationError("cannot create the directory of " + named(path) + ": " +
                                   error.message());
  // Written whole under a temporary name, then linked to its name: link fails if the name is
  // taken, so a key created at the same time elsewhere is never replaced.
  const std::string temporary = target.string() + ".new-" + std::to_string(::getpid());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    throw core::ConfigurationError("cannot create " + named(path) + ": " + std::strerror(errno));
  try {
    writeAll(fd, hexOf(randomBytes(core::AuditKey::kSize)) + "\n", path);
    if (::fsync(fd) != 0)
      throw core::ConfigurationError("cannot write " + named(path) + ": " + std::strerror(errno));
  } catch (...) {
    ::close(fd);
    ::unlink(temporary.c_str());
    throw;
  }
  ::close(fd);
  const int linked = ::link(temporary.c_str(), target.c_str());
  const int linkError = errno;
  ::unlink(temporary.c_str());
  if (linked == 0) return true;
  if (linkError == EEXIST) return false;
  throw core::ConfigurationError("cannot create " + named(path) + ": " + std::strerror(linkError));
}

}  // namespace crossgrant::app
