// What the project and work-plan repositories share: reading typed cells, the column limits
// every backend holds (Migrations::current()), checked before writing so that SQLite (which
// ignores VARCHAR lengths) and MariaDB (which refuses longer text) agree, and the versions of
// deleted keys (retired_keys, ProjectRepository.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Project.h"
#include "crossgrant/core/WorkPlan.h"
#include "crossgrant/store/Database.h"

namespace crossgrant::store::detail {

inline std::string text(std::string_view value) { return std::string(value); }

/// A date column's value; StoreError naming the column when it holds no date.
core::Date dateOf(const Value& value, std::string_view column);
/// A nullable date column's value.
std::optional<core::Date> optionalDateOf(const Value& value, std::string_view column);
Value optionalAmount(const std::optional<core::Amount>& amount);
Value optionalDate(const std::optional<core::Date>& date);

/// An enumeration column's value, parsed by the core; StoreError naming the column when the
/// value is unknown.
template <typename Enum>
Enum enumOf(std::optional<Enum> parsed, const Value& value, std::string_view column) {
  if (!parsed)
    throw StoreError("column " + text(column) + " holds the unknown value '" + asText(value) + "'");
  return *parsed;
}

/// A JSON Pointer reference token: '~' as "~0", '/' as "~1".
std::string token(std::string_view key);

/// Collects every over-long field of what is about to be written, each at its JSON Pointer
/// (at: the object's own pointer).
class Limits {
 public:
  void programme(const core::Programme& p, const std::string& at);
  void project(const core::Project& p, const std::string& at);
  void partner(const core::Partner& p, const std::string& at);
  void workPackage(const core::WorkPackage& w, const std::string& at);  ///< not its activities
  void activity(const core::Activity& a, const std::string& at);
  void event(const core::Event& e, const std::string& at);
  void indicator(const core::Indicator& i, const std::string& at);
  /// Throws core::InvalidInput with every error collected.
  void throwIfAny();

 private:
  // Keys also may not end in a space: MariaDB's collation pads, so "LP " would equal "LP".
  void code(std::string pointer, std::string_view value, std::string_view table);
  void field(std::string pointer, std::string_view value, std::string_view table,
             std::string_view column);
  void texts(const std::string& pointer, const core::Texts& texts);

  std::vector<core::ValidationError> errors_;
};

/// Checks one object with (limits.*check)(value, "") and throws if anything is too long.
template <typename T>
void checkLimits(void (Limits::*check)(const T&, const std::string&), const T& value) {
  Limits limits;
  (limits.*check)(value, "");
  limits.throwIfAny();
}

// ---- versions of deleted keys. kind is one of retired_keys' kinds ("programme", "project",
// "partner", "work_package", "activity", "event", "indicator"); project is the project's code
// ("" for a programme, whose code is then project) and code the object's.

/// The version an object created under a key starts at: one above the last version of the
/// object deleted under that key, 1 for a key never deleted.
std::int64_t firstVersion(Reader& db, std::string_view kind, std::string_view project,
                          std::string_view code);
/// Records the last version of an object that is deleted.
void retire(Connection& db, std::string_view kind, std::string_view project, std::string_view code,
            std::int64_t version);

}  // namespace crossgrant::store::detail
