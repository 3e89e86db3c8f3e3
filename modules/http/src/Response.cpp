#include "crossgrant/http/Response.h"

namespace crossgrant::http {

Response Response::json(int status, const core::Json& document) {
  return jsonText(status, document.dump(true));
}

Response Response::jsonText(int status, std::string text) {
  Response response;
  response.status = status;
  response.body = std::move(text);
  return response;
}

Response Response::noContent() {
  Response response;
  response.status = 204;
  response.contentType.clear();
  return response;
}

Response Response::bytes(int status, std::string contentType, std::string body) {
  Response response;
  response.status = status;
  response.contentType = std::move(contentType);
  response.body = std::move(body);
  return response;
}

Response& Response::withHeader(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

}  // namespace crossgrant::http
