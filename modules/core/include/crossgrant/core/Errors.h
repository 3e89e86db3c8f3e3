// The typed errors that cross module boundaries. The server maps each to one HTTP status
// and the CLI to one exit status, in one place each.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "crossgrant/core/Json.h"

namespace crossgrant::core {

/// One problem in a document, located by an RFC 6901 JSON Pointer ("" = the whole document).
struct ValidationError {
  std::string pointer;
  std::string message;

  bool operator==(const ValidationError&) const = default;
};

/// Input that is malformed or breaks a rule; carries every problem found, not just the first.
class InvalidInput : public std::runtime_error {
 public:
  explicit InvalidInput(std::vector<ValidationError> errors);
  InvalidInput(std::string pointer, std::string message);
  const std::vector<ValidationError>& errors() const { return errors_; }

 private:
  std::vector<ValidationError> errors_;
};

/// The named object does not exist.
class NotFound : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The change contradicts what is stored (duplicate key, object still in use, ...).
class Conflict : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// An edit of a versioned object (programme, project, partner) based on a version that is no
/// longer the stored one. Carries the object as it is stored now, so that the editor can
/// redo the change on it; nothing was written.
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
class VersionRequired : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace crossgrant::core
