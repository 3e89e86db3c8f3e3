#include "ApiResponse.h"

namespace crossgrant::server {

ApiResponse ApiResponse::json(int status, const core::Json& document) {
  return jsonText(status, document.dump(true));
}

ApiResponse ApiResponse::jsonText(int status, std::string text) {
  ApiResponse response;
  response.status = status;
  response.body = std::move(text);
  return response;
}

ApiResponse ApiResponse::noContent() {
  ApiResponse response;
  response.status = 204;
  response.contentType.clear();
  return response;
}

}  // namespace crossgrant::server
