// The HTTP/1.1 server: settings.threads worker threads on settings.host:port answering every
// request through one Handler, event-driven so that no thread ever waits on a client. Sockets
// are non-blocking; readiness comes from Linux epoll directly (POCO 1.11 has no usable
// multi-threaded reactor): the workers share one epoll set with one-shot arming (leader/
// followers), so the thread that wakes for a connection reads what is there and, once a
// request is complete, handles it inline, writes the response (what does not fit waits for
// the socket to become writable) and re-arms the connection; an incomplete request keeps its
// parse state until more arrives.
//
// Requests are parsed strictly (RFC 9112, src/Http1.h): lines end in CRLF only, no obs-fold,
// a request line up to 8 KiB (else 414), a head up to 64 KiB and 100 fields (else 431), at
// most one Content-Length and never with Transfer-Encoding (else 400), Transfer-Encoding only
// "chunked" (else 501). Every such refusal is the error envelope of ErrorResponse.h, and the
// connection is closed after it. Keep-alive follows HTTP/1.1 and 1.0 rules and Connection:
// close; HEAD is answered without a body.
//
// A request without a body goes to Handler::handle at once. One that announces a body goes
// first to Handler::screen, before any of its body is read: a response (or an exception,
// answered as its error envelope) refuses it, and is sent with the connection closed, the
// body neither read nor drained; then a Content-Length over settings.maxBodyBytes is 413 the
// same way. Otherwise the server answers "Expect: 100-continue" with 100 Continue, reads the
// whole body (chunked decoded, within the limit: 413 beyond it) and calls handle with
// request.body filled, on the same Request object screen saw. Whatever handle throws becomes
// the error envelope (500 with an incident id for what is not a core::Error).
//
// Long work: a complete request for which Handler::takesLong is true (rendering a PDF) is not
// handled by the worker that read it but queued for one of settings.longThreads threads of its
// own, which handles it, writes the response and goes on with the connection as a worker
// would; so renders, however many, never hold the workers, and a quick request is answered
// while they run. Long requests beyond the long threads wait in order, without a deadline (the
// answer is owed), at most settings.maxLongQueue of them: beyond, 503 with Retry-After. With
// longThreads 0 every request is handled by the worker that read it.
//
// Deadlines, looked at every 100 ms: a request's head must be complete settings.headerTimeout
// after its first byte, its body settings.bodyTimeout after its head, a response the client
// takes nothing of for settings.bodyTimeout is given up, and a connection with no request in
// progress is closed after settings.keepAliveTimeout; a connection past its deadline is
// dropped. Beyond settings.maxConnections open connections, or settings.
// maxConnectionsPerAddress from one peer address, a new connection is answered 503 with
// Retry-After and closed.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crossgrant/http/Request.h"
#include "crossgrant/http/Response.h"

namespace crossgrant::http {

struct ServerSettings {
  std::string host = "127.0.0.1";
  int port = 8080;  ///< 0: any free port
  int threads = 4;  ///< workers; none waits on a client, so about two per core
  /// Threads for requests that take long (Handler::takesLong); 0: the workers handle them.
  int longThreads = 2;
  /// Long requests waiting for those threads at most; more are answered 503.
  int maxLongQueue = 64;
  std::size_t maxBodyBytes = 10 * 1024 * 1024;
  /// Peers (load balancers, reverse proxies) whose X-Forwarded-For names the client; the
  /// client of any other peer is the peer itself.
  std::vector<std::string> trustedProxies;
  /// A request's head must be complete this long after its first byte.
  std::chrono::milliseconds headerTimeout{10'000};
  /// A body must be complete this long after the end of its head (and a response whose
  /// client takes nothing of it for this long is given up).
  std::chrono::milliseconds bodyTimeout{30'000};
  /// A connection with no request in progress is closed after this long.
  std::chrono::milliseconds keepAliveTimeout{5'000};
  /// Open connections at most, and at most from one peer address (the socket's, not
  /// X-Forwarded-For); a connection beyond either is answered 503 and closed.
  int maxConnections = 1024;
  int maxConnectionsPerAddress = 32;
};

/// What answers requests. Called concurrently from the server's worker threads.
class Handler {
 public:
  virtual ~Handler() = default;
  /// Decides a request that announces a body, from its head alone (request.body is empty):
  /// a response (or an exception) refuses it; nullopt lets the server read the body and call
  /// handle() with the same request. What it learns can be kept in request.screening.
  virtual std::optional<Response> screen(Request& request);
  /// Whether a complete request is long work (rendering a document, say), to be handled on the
  /// server's long-work threads rather than by a worker; by default none is. Must be quick (a
  /// request that will be refused should not wait for those threads: decide it here and say
  /// false); what it learns can be kept in request.screening. An exception counts as false.
  virtual bool takesLong(Request& request);
  /// Answers a request, its body (if any) read in full.
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
  /// Stops accepting connections, lets the requests being handled finish (their answers get
  /// up to a second more to go out), closes every other connection (idle ones and requests
  /// still arriving) and waits for the workers. Safe to call twice.
  void stop();
  /// The port the server listens on; 0 before start().
  int port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace crossgrant::http
