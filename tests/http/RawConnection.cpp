#include "RawConnection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <strings.h>
#include <boost/test/unit_test.hpp>
#include <cerrno>
#include <cstdlib>

namespace crossgrant::test {
namespace {

sockaddr_in loopback(const std::string& address, int port) {
  sockaddr_in in{};
  in.sin_family = AF_INET;
  in.sin_port = htons(static_cast<std::uint16_t>(port));
  BOOST_REQUIRE(::inet_pton(AF_INET, address.c_str(), &in.sin_addr) == 1);
  return in;
}

/// The Content-Length of a response head, 0 when it has none.
std::size_t contentLength(const std::string& head) {
  for (std::size_t at = head.find("\r\n"); at != std::string::npos;
       at = head.find("\r\n", at + 2)) {
    static constexpr char kName[] = "content-length:";
    if (::strncasecmp(head.c_str() + at + 2, kName, sizeof kName - 1) == 0)
      return std::strtoull(head.c_str() + at + 2 + sizeof kName - 1, nullptr, 10);
  }
  return 0;
}

}  // namespace

RawConnection::RawConnection(int port, const std::string& fromAddress) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  BOOST_REQUIRE(fd_ >= 0);
  const sockaddr_in from = loopback(fromAddress, 0);
  BOOST_REQUIRE(::bind(fd_, reinterpret_cast<const sockaddr*>(&from), sizeof from) == 0);
  const sockaddr_in to = loopback("127.0.0.1", port);
  BOOST_REQUIRE_MESSAGE(::connect(fd_, reinterpret_cast<const sockaddr*>(&to), sizeof to) == 0,
                        "connect from " << fromAddress << ": errno " << errno);
}

RawConnection::~RawConnection() { ::close(fd_); }

bool RawConnection::send(const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

std::optional<std::string> RawConnection::response(std::chrono::milliseconds within) {
  const auto until = std::chrono::steady_clock::now() + within;
  for (;;) {
    const std::size_t headEnd = buffered_.find("\r\n\r\n");
    if (headEnd != std::string::npos) {
      const std::size_t total = headEnd + 4 + contentLength(buffered_.substr(0, headEnd + 2));
      if (buffered_.size() >= total) {
        std::string whole = buffered_.substr(0, total);
        buffered_.erase(0, total);
        return whole;
      }
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd ready{fd_, POLLIN, 0};
    if (::poll(&ready, 1, static_cast<int>(left.count())) <= 0) return std::nullopt;
    char buffer[16384];
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) return std::nullopt;
    buffered_.append(buffer, static_cast<std::size_t>(n));
  }
}

bool RawConnection::closedWithin(std::chrono::milliseconds within) {
  const auto until = std::chrono::steady_clock::now() + within;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd ready{fd_, POLLIN, 0};
    if (::poll(&ready, 1, static_cast<int>(left.count())) <= 0) return false;
    char buffer[16384];
    if (::recv(fd_, buffer, sizeof buffer, 0) <= 0) return true;
  }
}

int statusOf(const std::optional<std::string>& response) {
  if (!response || response->size() < 12 || response->compare(0, 5, "HTTP/") != 0) return 0;
  return std::atoi(response->c_str() + 9);
}

}  // namespace crossgrant::test
