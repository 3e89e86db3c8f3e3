// The rules a new password must meet, checked before it is hashed: at least 12 characters
// (Unicode code points, not bytes), at most 1024 bytes of valid UTF-8 without control
// characters; not one character repeated, not a short pattern repeated, not a simple sequence
// ("abcdefghijkl", "987654321098") or a run along the keyboard ("qwertyuiopas"); not
// containing the user name; and not one of a list of common passwords, nor one of them with
// digits or symbols added before or after. The list is compared case-insensitively (ASCII).
// A refusal says which rule the password breaks and never repeats the password.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "crossgrant/core/Errors.h"

namespace crossgrant::core {

class PasswordPolicy {
 public:
  static constexpr std::size_t kMinCharacters = 12;
  static constexpr std::size_t kMaxBytes = 1024;

  /// A policy without a list of common passwords (the other rules still apply).
  PasswordPolicy() = default;
  /// A policy with the list in text: one password per line; blank lines and lines starting
  /// with '#' are ignored, surrounding spaces trimmed.
  static PasswordPolicy withCommonList(std::string_view text);

  /// Why password is not acceptable for the user userName, or nullopt when it is.
  std::optional<std::string> problem(std::string_view password, std::string_view userName) const;
  /// The same as a problem at pointer, with its code ("password_too_short", ...) and values.
  std::optional<ValidationError> problemAt(std::string_view password, std::string_view userName,
                                           const std::string& pointer) const;
  /// Throws InvalidInput with problemAt() when there is one.
  void check(std::string_view password, std::string_view userName,
             const std::string& pointer) const;

  /// How many common passwords the policy knows.
  std::size_t commonCount() const { return common_.size(); }

 private:
  std::unordered_set<std::string> common_;
};

}  // namespace crossgrant::core
