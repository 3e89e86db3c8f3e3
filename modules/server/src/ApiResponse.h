// What a handler answers: status, extra headers and body. Every body the API sends is JSON in
// UTF-8 ("application/json; charset=utf-8") unless a handler says otherwise.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "crossgrant/core/Json.h"

namespace crossgrant::server {

struct ApiResponse {
  static constexpr const char* kJsonType = "application/json; charset=utf-8";

  int status = 200;
  std::string contentType = kJsonType;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  ///< empty for 204

  /// A JSON document as body (pretty-printed, UTF-8 unescaped, final newline).
  static ApiResponse json(int status, const core::Json& document);
  /// JSON text that is already serialised (e.g. a canonical bundle), sent byte for byte.
  static ApiResponse jsonText(int status, std::string text);
  static ApiResponse noContent();
};

}  // namespace crossgrant::server
