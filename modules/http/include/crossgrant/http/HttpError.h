// Failures the HTTP layer itself detects (unknown route, method not allowed, bad media type,
// body too large, malformed JSON or query): core::Errors that may carry response headers.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "crossgrant/core/Errors.h"

namespace crossgrant::http {

class HttpError : public core::Error {
 public:
  HttpError(core::ErrorKind kind, const std::string& message, std::string code = {});

  /// Headers the response must carry (e.g. Allow for 405).
  const std::vector<std::pair<std::string, std::string>>& headers() const { return headers_; }
  HttpError& withHeader(std::string name, std::string value);

 private:
  std::vector<std::pair<std::string, std::string>> headers_;
};

/// 400 "invalid" about the request itself (its query, a header), not its body.
HttpError badRequest(const std::string& message);

}  // namespace crossgrant::http
