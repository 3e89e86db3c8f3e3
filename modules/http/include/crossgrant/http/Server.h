// The HTTP server: a Poco::Net::HTTPServer on settings.host:port with settings.threads
// workers, answering every request through one Handler. For each request it builds a
// Request (path parameters left to the handler's routing; query decoded; cookies parsed; the
// client's address, through trusted proxies) whose body is read only when the handler asks:
// then a body of the wrong media type is 415, one over settings.maxBodyBytes 413 (checked
// against Content-Length before reading and while reading chunked bodies). A body left unread
// (a request refused before its body mattered) is drained up to 1 MiB and the connection
// closed. Whatever the handler throws becomes the error envelope of ErrorResponse.h.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "crossgrant/http/Request.h"
#include "crossgrant/http/Response.h"

namespace crossgrant::http {

struct ServerSettings {
  std::string host = "127.0.0.1";
  int port = 8080;  ///< 0: any free port
  int threads = 16;
  std::size_t maxBodyBytes = 10 * 1024 * 1024;
  /// Peers (load balancers, reverse proxies) whose X-Forwarded-For names the client; the
  /// client of any other peer is the peer itself.
  std::vector<std::string> trustedProxies;
};

/// What answers requests. Called concurrently from the server's worker threads.
class Handler {
 public:
  virtual ~Handler() = default;
  virtual Response handle(Request& request) = 0;
};

class Server {
 public:
  /// Binds nothing yet. handler must outlive the server.
  Server(Handler& handler, ServerSettings settings);
  /// Stops the server if it runs.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds the address (port 0: a free port) and starts serving. Throws Poco::Exception
  /// (e.g. Poco::Net::NetException) when the address cannot be bound.
  void start();
  /// Stops accepting connections, lets requests in progress finish, closes idle keep-alive
  /// connections and waits for the workers. Safe to call twice.
  void stop();
  /// The port the server listens on; 0 before start().
  int port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace crossgrant::http
