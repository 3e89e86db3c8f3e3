// A small HTTP client for the API tests: one keep-alive Poco HTTPClientSession to a server on
// loopback, so that the tests also show a connection stays usable after rejected requests (or,
// where the server closed it after refusing a request, that the client reconnects). A request
// with a body sends "Expect: 100-continue" and its body only once the server agreed.
#pragma once

#include <Poco/Net/HTTPClientSession.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "crossgrant/core/Json.h"

namespace crossgrant::test {

struct HttpResult {
  int status = 0;
  std::string contentType;
  std::map<std::string, std::string> headers;  ///< names lower-cased
  std::vector<std::string> setCookies;         ///< every Set-Cookie header, in order
  std::string body;

  /// The body parsed as JSON (throws core::InvalidInput if it is not).
  core::Json json() const;
  /// A header's value, or "" when absent.
  std::string header(const std::string& name) const;
};

/// Extra request headers, e.g. {{"If-Match", "\"2\""}}.
using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

class HttpTestClient {
 public:
  /// A client that sends "Authorization: Bearer bearer" with every request (none when empty)
  /// unless a request names its own Authorization header.
  explicit HttpTestClient(int port, std::string bearer = "");

  void setBearer(std::string bearer) { bearer_ = std::move(bearer); }
  const std::string& bearer() const { return bearer_; }

  HttpResult get(const std::string& target);
  HttpResult del(const std::string& target, const HttpHeaders& headers = {});
  HttpResult post(const std::string& target, const std::string& body,
                  const std::string& contentType = "application/json");
  HttpResult put(const std::string& target, const std::string& body,
                 const std::string& contentType = "application/json");
  /// A JSON PUT with extra headers.
  HttpResult put(const std::string& target, const std::string& body, const HttpHeaders& headers);
  /// Any request; contentType "" sends none; chunked sends the body with chunked encoding.
  HttpResult send(const std::string& method, const std::string& target, const std::string& body,
                  const std::string& contentType, bool chunked = false,
                  const HttpHeaders& headers = {});

 private:
  Poco::Net::HTTPClientSession session_;
  std::string bearer_;
};

/// Fails the test case at once unless result has status, showing the start of the body.
void requireStatus(const HttpResult& result, int status);

}  // namespace crossgrant::test
