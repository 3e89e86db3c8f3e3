#include "ApiError.h"

#include <Poco/Exception.h>
#include <Poco/Logger.h>

#include "AuthService.h"
#include "crossgrant/store/Database.h"

namespace crossgrant::server {
namespace {

/// {"error": {"code", "message", "pointer"?, "errors"?}}
core::Json errorDocument(const std::string& code, const std::string& message,
                         const std::optional<std::string>& pointer,
                         const std::vector<core::ValidationError>& errors) {
  core::Json error = core::Json::object();
  error.set("code", code);
  error.set("message", message);
  if (pointer) error.set("pointer", *pointer);
  if (!errors.empty()) {
    core::Json list = core::Json::array();
    for (const auto& item : errors) {
      list.push(core::Json::object().set("pointer", item.pointer).set("message", item.message));
    }
    error.set("errors", std::move(list));
  }
  return core::Json::object().set("error", std::move(error));
}

ApiResponse errorBody(int status, const std::string& code, const std::string& message,
                      const std::optional<std::string>& pointer,
                      const std::vector<core::ValidationError>& errors) {
  return ApiResponse::json(status, errorDocument(code, message, pointer, errors));
}

Poco::Logger& logger() { return Poco::Logger::get("crossgrant.http"); }

}  // namespace

ApiError::ApiError(int status, std::string code, const std::string& message,
                   std::optional<std::string> pointer)
    : std::runtime_error(message),
      status_(status),
      code_(std::move(code)),
      pointer_(std::move(pointer)) {}

ApiError& ApiError::withErrors(std::vector<core::ValidationError> errors) {
  errors_ = std::move(errors);
  return *this;
}

ApiError& ApiError::withHeader(std::string name, std::string value) {
  headers_.emplace_back(std::move(name), std::move(value));
  return *this;
}

ApiResponse errorResponse(std::exception_ptr error, const std::string& requestLine) {
  try {
    std::rethrow_exception(error);
  } catch (const ApiError& e) {
    ApiResponse response = errorBody(e.status(), e.code(), e.what(), e.pointer(), e.errors());
    response.headers.insert(response.headers.end(), e.headers().begin(), e.headers().end());
    return response;
  } catch (const core::InvalidInput& e) {
    std::optional<std::string> pointer;
    if (!e.errors().empty()) pointer = e.errors().front().pointer;
    return errorBody(400, "invalid", e.what(), pointer, e.errors());
  } catch (const core::NotFound& e) {
    return errorBody(404, "not_found", e.what(), std::nullopt, {});
  } catch (const InvalidCredentials& e) {
    ApiResponse response = errorBody(401, "invalid_credentials", e.what(), std::nullopt, {});
    response.headers.emplace_back("WWW-Authenticate", "Bearer");
    return response;
  } catch (const LoginThrottled& e) {
    ApiResponse response = errorBody(429, "too_many_requests", e.what(), std::nullopt, {});
    response.headers.emplace_back("Retry-After", std::to_string(e.retryAfterSeconds()));
    return response;
  } catch (const core::VersionRequired& e) {
    return errorBody(428, "precondition_required",
                     std::string(e.what()) +
                         ": send If-Match with the ETag a GET returned (e.g. If-Match: \"3\"), "
                         "or the object's \"version\" in the body",
                     std::nullopt, {});
  } catch (const core::StaleVersion& e) {
    core::Json document = errorDocument("conflict", e.what(), std::nullopt, {});
    document.set("current", e.current());
    ApiResponse response = ApiResponse::json(409, document);
    response.headers.emplace_back("ETag", "\"" + std::to_string(e.currentVersion()) + "\"");
    return response;
  } catch (const core::Conflict& e) {
    return errorBody(409, "conflict", e.what(), std::nullopt, {});
  } catch (const store::StoreError& e) {
    logger().error("%s: database failure: %s", requestLine, std::string(e.what()));
    return errorBody(503, "unavailable", "the database is not available; try again later",
                     std::nullopt, {});
  } catch (const Poco::Exception& e) {
    logger().error("%s: %s", requestLine, e.displayText());
  } catch (const std::exception& e) {
    logger().error("%s: %s", requestLine, std::string(e.what()));
  } catch (...) {
    logger().error("%s: unknown exception", requestLine);
  }
  return errorBody(500, "internal", "internal error; the server log has the details", std::nullopt,
                   {});
}

}  // namespace crossgrant::server
