// The error envelope and the one mapping from exceptions to HTTP answers. Every failure a
// client sees has the body
//   {"error": {"code", "message", "pointer"?, "errors"?: [{"pointer", "message"}], "incident"?}}
// A core::Error is answered with its kind's status (core::reportOf) and its code; an HttpError
// adds its headers; a kUnauthenticated error adds "WWW-Authenticate: Bearer", one with a retry
// time "Retry-After"; a core::StaleVersion carries the object as stored now beside the error
// ({"error": ..., "current": ...}) and its version as ETag. Anything else is a bug: 500
// "internal" with an incident id, logged to the "crossgrant.http" logger with what was
// requested and what was thrown, never shown to the client.
#pragma once

#include <exception>
#include <string>

#include "crossgrant/http/Response.h"

namespace crossgrant::http {

Response errorResponse(std::exception_ptr error, const std::string& requestLine);

/// The envelope of a failure the server itself finds in a request (malformed framing, a
/// limit): status with {"error": {"code", "message"}}.
Response errorEnvelope(int status, const std::string& code, const std::string& message);

}  // namespace crossgrant::http
