// The HTTP server: a Poco::Net::HTTPServer on settings.httpHost:httpPort with httpThreads
// workers, answering every request through the API's Router (ApiHandlers.h). The HTTP layer
// enforces what holds for every route before a handler runs, in this order: the route exists
// (404) and takes the method (405); the caller is authenticated and allowed to use it on the
// object in the path (401, 403, 404: AccessControl.h); a request with a body sends
// "application/json" (415, charset utf-8 only) of at most settings.maxBodyBytes (413, checked
// against Content-Length before reading and while reading chunked bodies); what the body asks
// is allowed (403, AccessControl.h). Failures become the JSON error body of ApiError.h.
#pragma once

#include <memory>

#include "AppContext.h"
#include "Router.h"

namespace crossgrant::server {

class HttpServer {
 public:
  /// Registers the API's routes; binds nothing yet. context must outlive the server.
  HttpServer(AppContext& context, const Settings& settings);
  /// Stops the server if it runs.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Binds the address (port 0: a free port) and starts serving. Throws Poco::Exception
  /// (e.g. Poco::Net::NetException) when the address cannot be bound.
  void start();
  /// Stops accepting connections, lets requests in progress finish, closes idle keep-alive
  /// connections and waits for the workers. Safe to call twice.
  void stop();
  /// The port the server listens on; 0 before start().
  int port() const;
  const Router& router() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace crossgrant::server
