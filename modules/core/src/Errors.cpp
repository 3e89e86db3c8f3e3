#include "crossgrant/core/Errors.h"

#include <utility>

namespace crossgrant::core {
namespace {

constexpr int kExitError = 2;

std::string summarize(const std::vector<ValidationError>& errors) {
  if (errors.empty()) return "invalid input";
  std::string text = errors.front().pointer.empty()
                         ? errors.front().message
                         : errors.front().pointer + ": " + errors.front().message;
  if (errors.size() > 1) text += " (and " + std::to_string(errors.size() - 1) + " more)";
  return text;
}

}  // namespace

const ErrorReport& reportOf(ErrorKind kind) {
  static const ErrorReport kInvalidReport{"invalid", 400, kExitError};
  static const ErrorReport kNotFoundReport{"not_found", 404, kExitError};
  static const ErrorReport kConflictReport{"conflict", 409, kExitError};
  static const ErrorReport kVersionRequiredReport{"precondition_required", 428, kExitError};
  static const ErrorReport kUnauthenticatedReport{"unauthenticated", 401, kExitError};
  static const ErrorReport kForbiddenReport{"forbidden", 403, kExitError};
  static const ErrorReport kThrottledReport{"too_many_requests", 429, kExitError};
  static const ErrorReport kUnavailableReport{"unavailable", 503, kExitError};
  static const ErrorReport kMethodReport{"method_not_allowed", 405, kExitError};
  static const ErrorReport kMediaTypeReport{"unsupported_media_type", 415, kExitError};
  static const ErrorReport kTooLargeReport{"body_too_large", 413, kExitError};
  static const ErrorReport kConfigurationReport{"configuration", 500, kExitError};
  static const ErrorReport kInternalReport{"internal", 500, kExitError};
  switch (kind) {
    case ErrorKind::kInvalid:
      return kInvalidReport;
    case ErrorKind::kNotFound:
      return kNotFoundReport;
    case ErrorKind::kConflict:
      return kConflictReport;
    case ErrorKind::kVersionRequired:
      return kVersionRequiredReport;
    case ErrorKind::kUnauthenticated:
      return kUnauthenticatedReport;
    case ErrorKind::kForbidden:
      return kForbiddenReport;
    case ErrorKind::kThrottled:
      return kThrottledReport;
    case ErrorKind::kUnavailable:
      return kUnavailableReport;
    case ErrorKind::kMethodNotAllowed:
      return kMethodReport;
    case ErrorKind::kUnsupportedMediaType:
      return kMediaTypeReport;
    case ErrorKind::kTooLarge:
      return kTooLargeReport;
    case ErrorKind::kConfiguration:
      return kConfigurationReport;
    case ErrorKind::kInternal:
      break;
  }
  return kInternalReport;
}

Error::Error(ErrorKind kind, const std::string& message, std::string code)
    : std::runtime_error(message),
      kind_(kind),
      code_(code.empty() ? std::string(reportOf(kind).code) : std::move(code)) {}

Error& Error::withErrors(std::vector<ValidationError> errors) {
  errors_ = std::move(errors);
  return *this;
}

Error& Error::withRetryAfter(std::int64_t seconds) {
  retryAfter_ = seconds;
  return *this;
}

InvalidInput::InvalidInput(std::vector<ValidationError> errors, std::string code)
    : Error(ErrorKind::kInvalid, summarize(errors), std::move(code)) {
  withErrors(std::move(errors));
}

InvalidInput::InvalidInput(std::string pointer, std::string message)
    : InvalidInput(std::vector<ValidationError>{{std::move(pointer), std::move(message)}}) {}

InvalidInput::InvalidInput(ValidationError error)
    : InvalidInput(std::vector<ValidationError>{std::move(error)}) {}

StaleVersion::StaleVersion(const std::string& message, std::int64_t currentVersion, Json current)
    : Conflict(message), currentVersion_(currentVersion), current_(std::move(current)) {}

Throttled::Throttled(const std::string& message, std::int64_t retryAfterSeconds)
    : Error(ErrorKind::kThrottled, message) {
  withRetryAfter(retryAfterSeconds);
}

}  // namespace crossgrant::core
