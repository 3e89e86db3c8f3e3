#include "HttpTestClient.h"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <boost/test/unit_test.hpp>
#include <utility>

namespace crossgrant::test {

core::Json HttpResult::json() const { return core::Json::parse(body); }

std::string HttpResult::header(const std::string& name) const {
  const auto found = headers.find(Poco::toLower(name));
  return found == headers.end() ? "" : found->second;
}

HttpTestClient::HttpTestClient(int port, std::string bearer)
    : session_("127.0.0.1", static_cast<Poco::UInt16>(port)), bearer_(std::move(bearer)) {
  session_.setKeepAlive(true);
  // Reconnect after 2 s of idleness: the server closes keep-alive connections idle for 5 s
  // (http::Server), and a request sent into one it closed gets no answer at all.
  session_.setKeepAliveTimeout(Poco::Timespan(2, 0));
  session_.setTimeout(Poco::Timespan(20, 0));
}

HttpResult HttpTestClient::get(const std::string& target) { return send("GET", target, "", ""); }

HttpResult HttpTestClient::del(const std::string& target, const HttpHeaders& headers) {
  return send("DELETE", target, "", "", false, headers);
}

HttpResult HttpTestClient::post(const std::string& target, const std::string& body,
                                const std::string& contentType) {
  return send("POST", target, body, contentType);
}

HttpResult HttpTestClient::put(const std::string& target, const std::string& body,
                               const std::string& contentType) {
  return send("PUT", target, body, contentType);
}

HttpResult HttpTestClient::put(const std::string& target, const std::string& body,
                               const HttpHeaders& headers) {
  return send("PUT", target, body, "application/json", false, headers);
}

HttpResult HttpTestClient::send(const std::string& method, const std::string& target,
                                const std::string& body, const std::string& contentType,
                                bool chunked, const HttpHeaders& headers) {
  Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
  request.setKeepAlive(true);
  if (!bearer_.empty()) request.set("Authorization", "Bearer " + bearer_);
  for (const auto& [name, value] : headers) request.set(name, value);
  if (!contentType.empty()) request.setContentType(contentType);
  if (chunked) {
    request.setChunkedTransferEncoding(true);
  } else if (!body.empty() || method == "POST" || method == "PUT") {
    request.setContentLength64(static_cast<Poco::Int64>(body.size()));
  }
  // A body waits for 100 Continue, as a careful client's does: a request the server refuses
  // before reading its body is answered with the connection closed, and a body sent into it
  // regardless might meet a reset before its answer is read.
  if (!body.empty()) request.setExpectContinue(true);
  std::ostream& out = session_.sendRequest(request);
  Poco::Net::HTTPResponse response;
  if (!body.empty() && session_.peekResponse(response))
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
  std::istream& in = session_.receiveResponse(response);
  HttpResult result;
  result.status = static_cast<int>(response.getStatus());
  result.contentType = response.getContentType();
  for (const auto& [name, value] : response) {
    result.headers[Poco::toLower(name)] = value;
    if (Poco::icompare(name, "Set-Cookie") == 0) result.setCookies.push_back(value);
  }
  Poco::StreamCopier::copyToString(in, result.body);
  return result;
}

void requireStatus(const HttpResult& result, int status) {
  BOOST_REQUIRE_MESSAGE(result.status == status, "expected " << status << ", got " << result.status
                                                             << ": " << result.body.substr(0, 400));
}

}  // namespace crossgrant::test
