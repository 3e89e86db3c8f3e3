#include "crossgrant/core/PasswordPolicy.h"

#include <vector>

#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Json.h"

namespace crossgrant::core {
namespace {

// Keyboard rows and columns (US/QWERTY layout, which Baltic layouts share for letters).
constexpr std::string_view kKeyboardWalks[] = {
    "qwertyuiopasdfghjklzxcvbnm",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    "qazwsxedcrfvtgbyhnujmikolp",
    "1234567890qwertyuiop",
};

std::string lowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

/// The code points of valid UTF-8 text.
std::vector<char32_t> codePoints(std::string_view utf8) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    const int length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t value = length == 1 ? lead : lead & (0x3F >> (length - 1));
    for (int k = 1; k < length; ++k)
      value = (value << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    out.push_back(value);
    i += static_cast<std::size_t>(length);
  }
  return out;
}

bool isDigit(char32_t c) { return c >= '0' && c <= '9'; }

/// Each character one after the previous one (or each one before), digits wrapping 9 -> 0.
bool isSequence(const std::vector<char32_t>& text) {
  for (int step : {1, -1}) {
    bool sequence = true;
    for (std::size_t i = 1; i < text.size() && sequence; ++i) {
      const char32_t previous = text[i - 1];
      char32_t expected = static_cast<char32_t>(static_cast<long>(previous) + step);
      if (isDigit(previous)) expected = U'0' + (previous - U'0' + 10 + step) % 10;
      sequence = text[i] == expected;
    }
    if (sequence) return true;
  }
  return false;
}

/// The text is a shorter unit written two or more times ("abcabcabcabc").
bool repeatsPattern(const std::vector<char32_t>& text) {
  for (std::size_t unit = 1; unit <= text.size() / 2; ++unit) {
    if (text.size() % unit != 0) continue;
    bool repeated = true;
    for (std::size_t i = unit; i < text.size() && repeated; ++i)
      repeated = text[i] == text[i - unit];
    if (repeated) return true;
  }
  return false;
}

bool followsKeyboard(const std::string& lower) {
  for (std::string_view walk : kKeyboardWalks) {
    std::string forward(walk);
    forward += walk;
    forward += walk;
    std::string backward(forward.rbegin(), forward.rend());
    if (forward.find(lower) != std::string::npos || backward.find(lower) != std::string::npos)
      return true;
  }
  return false;
}

bool isDecoration(char c) {
  return (c >= '0' && c <= '9') || (static_cast<unsigned char>(c) < 0x80 &&
                                    !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z'));
}

/// The text without the digits, spaces and ASCII symbols at its start and end.
std::string stem(const std::string& lower) {
  std::size_t first = 0;
  std::size_t last = lower.size();
  while (first < last && isDecoration(lower[first])) ++first;
  while (last > first && isDecoration(lower[last - 1])) --last;
  return lower.substr(first, last - first);
}

}  // namespace

PasswordPolicy PasswordPolicy::withCommonList(std::string_view text) {
  PasswordPolicy policy;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const std::string line = trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (line.empty() || line.front() == '#') continue;
    policy.common_.insert(lowerAscii(line));
  }
  return policy;
}

std::optional<ValidationError> PasswordPolicy::problemAt(std::string_view password,
                                                         std::string_view userName,
                                                         const std::string& pointer) const {
  const auto found = [&](std::string message, std::string code, MessageParams params = {}) {
    return ValidationError{pointer, std::move(message), "password_" + code, std::move(params)};
  };
  if (!isValidUtf8(password)) return found("is not valid UTF-8", "not_utf8");
  if (password.size() > kMaxBytes)
    return found("is too long: at most " + std::to_string(kMaxBytes) + " bytes", "too_long",
                 {{"max", std::to_string(kMaxBytes)}});
  const std::vector<char32_t> text = codePoints(password);
  if (text.size() < kMinCharacters)
    return found(
        "is too short: at least " + std::to_string(kMinCharacters) + " characters, not " +
            std::to_string(text.size()),
        "too_short",
        {{"min", std::to_string(kMinCharacters)}, {"length", std::to_string(text.size())}});
  for (char32_t c : text)
    if (c < 0x20 || c == 0x7F) return found("must not contain control characters", "control");
  if (repeatsPattern(text)) return found("repeats one character or a short pattern", "repeats");
  if (isSequence(text)) return found("is a simple sequence of characters", "sequence");
  const std::string lower = lowerAscii(password);
  if (followsKeyboard(lower)) return found("is a run of keys along the keyboard", "keyboard");
  const std::string name = lowerAscii(userName);
  if (name.size() >= 3 && lower.find(name) != std::string::npos)
    return found("must not contain the user name", "user_name");
  if (common_.count(lower) > 0) return found("is one of the most common passwords", "common");
  const std::string core = stem(lower);
  if (core != lower && core.size() >= 4 && common_.count(core) > 0)
    return found("is a common password with digits or symbols added", "common_variant");
  return std::nullopt;
}

std::optional<std::string> PasswordPolicy::problem(std::string_view password,
                                                   std::string_view userName) const {
  std::optional<ValidationError> found = problemAt(password, userName, "");
  if (!found) return std::nullopt;
  return std::move(found->message);
}

void PasswordPolicy::check(std::string_view password, std::string_view userName,
                           const std::string& pointer) const {
  if (auto found = problemAt(password, userName, pointer)) throw InvalidInput(std::move(*found));
}

}  // namespace crossgrant::core
