#include "crossgrant/core/Errors.h"

#include <utility>

namespace crossgrant::core {
namespace {

std::string summarize(const std::vector<ValidationError>& errors) {
  if (errors.empty()) return "invalid input";
  std::string text = errors.front().pointer.empty()
                         ? errors.front().message
                         : errors.front().pointer + ": " + errors.front().message;
  if (errors.size() > 1) text += " (and " + std::to_string(errors.size() - 1) + " more)";
  return text;
}

}  // namespace

InvalidInput::InvalidInput(std::vector<ValidationError> errors)
    : std::runtime_error(summarize(errors)), errors_(std::move(errors)) {}

InvalidInput::InvalidInput(std::string pointer, std::string message)
    : InvalidInput(std::vector<ValidationError>{{std::move(pointer), std::move(message)}}) {}

StaleVersion::StaleVersion(const std::string& message, std::int64_t currentVersion, Json current)
    : Conflict(message), currentVersion_(currentVersion), current_(std::move(current)) {}

}  // namespace crossgrant::core
