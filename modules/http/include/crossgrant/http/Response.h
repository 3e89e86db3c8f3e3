// What a handler answers: status, extra headers and body. Every body is JSON in UTF-8
// ("application/json; charset=utf-8") unless the handler says otherwise.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "crossgrant/core/Json.h"

namespace crossgrant::http {

struct Response {
  static constexpr const char* kJsonType = "application/json; charset=utf-8";

  int status = 200;
  std::string contentType = kJsonType;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  ///< empty for 204

  /// A JSON document as body (pretty-printed, UTF-8 unescaped, final newline).
  static Response json(int status, const core::Json& document);
  /// JSON text that is already serialised (e.g. a canonical bundle), sent byte for byte.
  static Response jsonText(int status, std::string text);
  static Response noContent();
  /// Bytes of another type, e.g. a PDF.
  static Response bytes(int status, std::string contentType, std::string body);

  Response& withHeader(std::string name, std::string value);
};

}  // namespace crossgrant::http
