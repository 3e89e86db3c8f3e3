// A raw TCP connection for tests of HTTP framing and connection handling: bytes go out exactly
// as written, and the test sees exactly what comes back and when the server closes.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace crossgrant::test {

class RawConnection {
 public:
  /// Connects to port on 127.0.0.1 from fromAddress (any address of 127/8). Fails the test case
  /// if it cannot.
  explicit RawConnection(int port, const std::string& fromAddress = "127.0.0.1");
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  /// Writes all of bytes; false when the server has closed the connection.
  bool send(const std::string& bytes);
  /// Reads until one whole response (head, then a body of its Content-Length) has arrived;
  /// nullopt when the connection ends or within elapses first. A 1xx response counts as one.
  std::optional<std::string> response(std::chrono::milliseconds within);
  /// Whether the server closes the connection (end of stream or reset) within the time, any
  /// bytes before that discarded.
  bool closedWithin(std::chrono::milliseconds within);

 private:
  int fd_ = -1;
  std::string buffered_;
};

/// The status code of a response ("HTTP/1.1 200 OK..." gives 200); 0 when none.
int statusOf(const std::optional<std::string>& response);

}  // namespace crossgrant::test
