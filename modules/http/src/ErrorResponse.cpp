#include "crossgrant/http/ErrorResponse.h"

#include <Poco/Exception.h>
#include <Poco/Logger.h>

#include <cstdio>
#include <random>

#include "crossgrant/core/Errors.h"
#include "crossgrant/http/Conditional.h"
#include "crossgrant/http/HttpError.h"

namespace crossgrant::http {
namespace {

core::Json errorDocument(const std::string& code, const std::string& message,
                         const std::vector<core::ValidationError>& errors) {
  core::Json error = core::Json::object();
  error.set("code", code);
  error.set("message", message);
  if (!errors.empty()) {
    error.set("pointer", errors.front().pointer);
    core::Json list = core::Json::array();
    for (const auto& item : errors) {
      core::Json entry =
          core::Json::object().set("pointer", item.pointer).set("message", item.message);
      // What the problem is and its values, for an interface to say it in its language.
      if (!item.code.empty()) {
        core::Json params = core::Json::object();
        for (const auto& [name, value] : item.params) params.set(name, value);
        entry.set("code", item.code).set("params", std::move(params));
      }
      list.push(std::move(entry));
    }
    error.set("errors", std::move(list));
  }
  return core::Json::object().set("error", std::move(error));
}

/// A short random id that names one unexpected failure in the log and in the answer.
std::string incidentId() {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(random()));
  return text;
}

Response known(const core::Error& e) {
  const int status = core::reportOf(e.kind()).httpStatus;
  // What is unavailable is the server's business (the log has it); the client learns when to
  // come back.
  std::string message = e.kind() == core::ErrorKind::kUnavailable
                            ? "the database is not available; try again later"
                            : e.what();
  if (e.kind() == core::ErrorKind::kVersionRequired)
    message +=
        ": send If-Match with the ETag a GET returned (e.g. If-Match: \"3\"), or the object's "
        "\"version\" in the body";
  core::Json document = errorDocument(e.code(), message, e.errors());
  const auto* stale = dynamic_cast<const core::StaleVersion*>(&e);
  if (stale != nullptr) document.set("current", stale->current());
  Response response = Response::json(status, document);
  if (stale != nullptr) response.withHeader("ETag", etag(stale->currentVersion()));
  if (const auto* http = dynamic_cast<const HttpError*>(&e))
    response.headers.insert(response.headers.end(), http->headers().begin(), http->headers().end());
  if (e.kind() == core::ErrorKind::kUnauthenticated)
    response.withHeader("WWW-Authenticate", "Bearer");
  if (e.retryAfterSeconds())
    response.withHeader("Retry-After", std::to_string(*e.retryAfterSeconds()));
  return response;
}

}  // namespace

Response errorResponse(std::exception_ptr error, const std::string& requestLine) {
  Poco::Logger& log = Poco::Logger::get("crossgrant.http");
  std::string what;
  try {
    std::rethrow_exception(error);
  } catch (const core::Error& e) {
    if (e.kind() == core::ErrorKind::kUnavailable)
      log.error("%s: unavailable: %s", requestLine, std::string(e.what()));
    if (core::reportOf(e.kind()).httpStatus != 500) return known(e);
    what = e.what();
  } catch (const Poco::Exception& e) {
    what = e.displayText();
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
    what = "unknown exception";
  }
  const std::string incident = incidentId();
  log.error("%s: internal error, incident %s: %s", requestLine, incident, what);
  core::Json document = errorDocument(
      "internal", "internal error (incident " + incident + "); the server log has the details", {});
  core::Json inner = *document.find("error");
  inner.set("incident", incident);
  return Response::json(500, core::Json::object().set("error", std::move(inner)));
}

Response errorEnvelope(int status, const std::string& code, const std::string& message) {
  return Response::json(status, errorDocument(code, message, {}));
}

}  // namespace crossgrant::http
