// A small HTTP client for the API tests: one keep-alive Poco HTTPClientSession to a server on
// loopback, so that the tests also show a connection stays usable after rejected requests.
#pragma once

#include <Poco/Net/HTTPClientSession.h>

#include <map>
#include <string>

#include "crossgrant/core/Json.h"

namespace crossgrant::test {

struct HttpResult {
  int status = 0;
  std::string contentType;
  std::map<std::string, std::string> headers;  ///< names lower-cased
  std::string body;

  /// The body parsed as JSON (throws core::InvalidInput if it is not).
  core::Json json() const;
  /// A header's value, or "" when absent.
  std::string header(const std::string& name) const;
};

class HttpTestClient {
 public:
  explicit HttpTestClient(int port);

  HttpResult get(const std::string& target);
  HttpResult del(const std::string& target);
  HttpResult post(const std::string& target, const std::string& body,
                  const std::string& contentType = "application/json");
  HttpResult put(const std::string& target, const std::string& body,
                 const std::string& contentType = "application/json");
  /// Any request; contentType "" sends none; chunked sends the body with chunked encoding.
  HttpResult send(const std::string& method, const std::string& target, const std::string& body,
                  const std::string& contentType, bool chunked = false);

 private:
  Poco::Net::HTTPClientSession session_;
};

}  // namespace crossgrant::test
