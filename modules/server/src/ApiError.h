// The API's errors and their one mapping to HTTP. Every failure a client sees has the body
//   {"error": {"code", "message", "pointer"?, "errors"?: [{"pointer", "message"}]}}
// with the status its cause calls for: ApiError as given; core::InvalidInput 400 "invalid"
// (all its errors listed); core::NotFound 404; InvalidCredentials (AuthService.h) 401
// "invalid_credentials" with WWW-Authenticate; LoginThrottled 429 "too_many_requests" with
// Retry-After; core::VersionRequired 428
// "precondition_required"; core::StaleVersion 409 "conflict" with the object as stored now
// beside the error ({"error": ..., "current": ...}) and its version as ETag; core::Conflict
// 409; store::StoreError 503 "unavailable"; anything else 500 "internal" (logged, never shown
// to the client).
#pragma once

#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "ApiResponse.h"
#include "crossgrant/core/Errors.h"

namespace crossgrant::server {

/// A failure the HTTP layer itself detects (unknown route, bad media type, body too large,
/// malformed JSON or query), carrying its status and machine-readable code.
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, const std::string& message,
           std::optional<std::string> pointer = std::nullopt);

  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::optional<std::string>& pointer() const { return pointer_; }
  /// Detailed problems, each with its pointer (may be empty).
  const std::vector<core::ValidationError>& errors() const { return errors_; }
  ApiError& withErrors(std::vector<core::ValidationError> errors);
  /// Headers the response must carry (e.g. Allow for 405).
  const std::vector<std::pair<std::string, std::string>>& headers() const { return headers_; }
  ApiError& withHeader(std::string name, std::string value);

 private:
  int status_;
  std::string code_;
  std::optional<std::string> pointer_;
  std::vector<core::ValidationError> errors_;
  std::vector<std::pair<std::string, std::string>> headers_;
};

/// The response for an exception caught at the API boundary (see the mapping above).
/// Unexpected exceptions are logged to the "crossgrant.http" logger with what was requested.
ApiResponse errorResponse(std::exception_ptr error, const std::string& requestLine);

}  // namespace crossgrant::server
