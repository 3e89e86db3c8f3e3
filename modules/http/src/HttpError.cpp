#include "crossgrant/http/HttpError.h"

namespace crossgrant::http {

HttpError::HttpError(core::ErrorKind kind, const std::string& message, std::string code)
    : core::Error(kind, message, std::move(code)) {}

HttpError& HttpError::withHeader(std::string name, std::string value) {
  headers_.emplace_back(std::move(name), std::move(value));
  return *this;
}

HttpError badRequest(const std::string& message) {
  return HttpError(core::ErrorKind::kInvalid, message);
}

}  // namespace crossgrant::http
