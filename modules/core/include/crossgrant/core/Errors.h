// The one exception hierarchy of crossgrant. Every failure a module reports is a core::Error
// of one ErrorKind; the kind alone decides how it is reported (reportOf below: the API's
// status and error code, the command line's exit status), in this one place. Anything that is
// not a core::Error reaching a boundary is a bug: HTTP 500 with an incident id in the log.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crossgrant/core/Json.h"

namespace crossgrant::core {

enum class ErrorKind {
  kInvalid,               ///< malformed input or a broken rule (400)
  kNotFound,              ///< the named object does not exist or is not visible (404)
  kConflict,              ///< contradicts what is stored (409)
  kVersionRequired,       ///< an edit of a versioned object without its version (428)
  kUnauthenticated,       ///< no valid session, or wrong credentials (401)
  kForbidden,             ///< visible, but not allowed (403)
  kThrottled,             ///< too many attempts; retry later (429)
  kUnavailable,           ///< the database or another resource is not there now (503)
  kMethodNotAllowed,      ///< the resource exists but not with this method (405)
  kUnsupportedMediaType,  ///< a body sent as the wrong type (415)
  kTooLarge,              ///< a body over the limit (413)
  kConfiguration,         ///< the installation is wrong: a file, plugin or setting (500, exit 2)
  kInternal,              ///< a bug (500)
};

/// How a kind is reported: the API's default error code and status, the CLI's exit status.
struct ErrorReport {
  std::string_view code;
  int httpStatus;
  int exitStatus;
};
const ErrorReport& reportOf(ErrorKind kind);

/// Named values of a message, for a translation of it: {{"found", "Latvia"}}.
using MessageParams = std::vector<std::pair<std::string, std::string>>;

/// One problem in a document, located by an RFC 6901 JSON Pointer ("" = the whole document).
/// message is the sentence in English; code (where set) names the kind of problem and params
/// its values, so that an interface can say it in the user's language ("missing", {"field"}).
struct ValidationError {
  std::string pointer;
  std::string message;
  std::string code{};
  MessageParams params{};

  bool operator==(const ValidationError&) const = default;
};

/// The common base. what() is a sentence for people; code() the machine-readable code the API
/// shows (the kind's unless a more precise one was given, e.g. "invalid_json", "csrf").
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message, std::string code = {});

  ErrorKind kind() const { return kind_; }
  const std::string& code() const { return code_; }
  /// Every problem with its pointer; empty when the message says it all.
  const std::vector<ValidationError>& errors() const { return errors_; }
  /// When the caller may try again, in seconds (throttling, an exhausted pool); nullopt: no
  /// advice.
  std::optional<std::int64_t> retryAfterSeconds() const { return retryAfter_; }

  Error& withErrors(std::vector<ValidationError> errors);
  Error& withRetryAfter(std::int64_t seconds);

 private:
  ErrorKind kind_;
  std::string code_;
  std::vector<ValidationError> errors_;
  std::optional<std::int64_t> retryAfter_;
};

/// Input that is malformed or breaks a rule; carries every problem found, not just the first.
class InvalidInput : public Error {
 public:
  explicit InvalidInput(std::vector<ValidationError> errors, std::string code = {});
  InvalidInput(std::string pointer, std::string message);
  explicit InvalidInput(ValidationError error);
};

/// The named object does not exist (or is outside every scope of the caller).
class NotFound : public Error {
 public:
  explicit NotFound(const std::string& message) : Error(ErrorKind::kNotFound, message) {}
};

/// The change contradicts what is stored (duplicate key, object still in use, ...).
class Conflict : public Error {
 public:
  explicit Conflict(const std::string& message) : Error(ErrorKind::kConflict, message) {}
};

/// An edit of a versioned object (programme, project, partner) based on a version that is no
/// longer the stored one. Carries the object as it is stored now (as the API and the audit
/// trail show it), so that the editor can redo the change on it; nothing was written.
class StaleVersion : public Conflict {
 public:
  StaleVersion(const std::string& message, std::int64_t currentVersion, Json current);
  std::int64_t currentVersion() const { return currentVersion_; }
  const Json& current() const { return current_; }

 private:
  std::int64_t currentVersion_;
  Json current_;
};

/// An edit of a versioned object that did not say which version it is based on.
class VersionRequired : public Error {
 public:
  explicit VersionRequired(const std::string& message)
      : Error(ErrorKind::kVersionRequired, message) {}
};

/// No valid session, or a wrong user name or password ("invalid_credentials").
class Unauthenticated : public Error {
 public:
  explicit Unauthenticated(const std::string& message, std::string code = {})
      : Error(ErrorKind::kUnauthenticated, message, std::move(code)) {}
};

/// The object is visible to the caller but the operation is not allowed.
class Forbidden : public Error {
 public:
  explicit Forbidden(const std::string& message, std::string code = {})
      : Error(ErrorKind::kForbidden, message, std::move(code)) {}
};

/// Too many attempts (failed logins): refused until retryAfterSeconds() have passed.
class Throttled : public Error {
 public:
  Throttled(const std::string& message, std::int64_t retryAfterSeconds);
};

/// A resource the operation needs is not available now (database down, pool exhausted).
class Unavailable : public Error {
 public:
  explicit Unavailable(const std::string& message) : Error(ErrorKind::kUnavailable, message) {}
};

/// The installation is wrong: a missing file, a plugin that does not load, a bad setting.
class ConfigurationError : public Error {
 public:
  explicit ConfigurationError(const std::string& message)
      : Error(ErrorKind::kConfiguration, message) {}
};

}  // namespace crossgrant::core
