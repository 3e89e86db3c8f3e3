#include "crossgrant/http/Server.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Net/MediaType.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/ThreadPool.h>

#include <algorithm>
#include <istream>
#include <string>
#include <string_view>

#include "crossgrant/http/ErrorResponse.h"
#include "crossgrant/http/HttpError.h"

namespace crossgrant::http {
namespace {

/// How much of a body that is not used (rejected request) is read and discarded so that the
/// client sees the response instead of a connection reset.
constexpr std::streamsize kDrainLimit = 1024 * 1024;

constexpr const char* kJson = "application/json";

/// Whether the request announces a body: a positive Content-Length or chunked encoding.
bool announcesBody(const Poco::Net::HTTPServerRequest& request) {
  if (request.getChunkedTransferEncoding()) return true;
  return request.hasContentLength() && request.getContentLength64() > 0;
}

/// Whether type (a Content-Type) is mediaType: JSON in UTF-8 (no other charset) for
/// "application/json"; any other type exactly, parameters aside.
bool isMediaType(const std::string& type, std::string_view mediaType) {
  try {
    const Poco::Net::MediaType media(type);
    if (mediaType == kJson) {
      if (!media.matches("application", "json")) return false;
      return !media.hasParameter("charset") ||
             Poco::icompare(media.getParameter("charset"), "utf-8") == 0;
    }
    return Poco::icompare(media.getType() + "/" + media.getSubType(), std::string(mediaType)) == 0;
  } catch (const Poco::Exception&) {
    return false;
  }
}

HttpError unsupportedType(const std::string& type, std::string_view mediaType) {
  std::string message;
  if (mediaType == kJson)
    message = type.empty() ? "the body needs Content-Type: application/json"
                           : "the body must be sent as Content-Type: application/json (UTF-8), "
                             "not '" +
                                 type + "'";
  else
    message = "the body must be sent as Content-Type: " + std::string(mediaType) +
              (type.empty() ? std::string() : ", not '" + type + "'");
  return HttpError(core::ErrorKind::kUnsupportedMediaType, message);
}

/// The client's address: the peer's, or where the peer is a trusted proxy, the right-most
/// address of X-Forwarded-For that is not itself a trusted proxy (up to the first hop that is
/// not an IP address, which a proxy would not have written).
std::string clientOf(const Poco::Net::HTTPServerRequest& request,
                     const std::vector<std::string>& trustedProxies) {
  const auto trusted = [&](const std::string& address) {
    return std::find(trustedProxies.begin(), trustedProxies.end(), address) != trustedProxies.end();
  };
  std::string client = request.clientAddress().host().toString();
  if (!trusted(client) || !request.has("X-Forwarded-For")) return client;
  const Poco::StringTokenizer hops(
      request.get("X-Forwarded-For"), ",",
      Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
  for (auto hop = hops.end(); hop != hops.begin();) {
    --hop;
    Poco::Net::IPAddress address;
    if (!Poco::Net::IPAddress::tryParse(*hop, address)) break;
    client = address.toString();
    if (!trusted(client)) break;
  }
  return client;
}

/// The body of one Poco request, read on demand within the size limit.
class PocoBody : public BodySource {
 public:
  PocoBody(Poco::Net::HTTPServerRequest& request, std::size_t maxBytes)
      : request_(request), maxBytes_(maxBytes) {}

  std::string read(std::string_view mediaType) override {
    const std::string type = request_.getContentType();
    if (!isMediaType(type, mediaType)) throw unsupportedType(type, mediaType);
    if (request_.hasContentLength() &&
        static_cast<std::uint64_t>(request_.getContentLength64()) > maxBytes_)
      throw tooLarge();
    std::istream& in = request_.stream();
    std::string body;
    char buffer[8192];
    while (in && body.size() <= maxBytes_) {
      const std::size_t want = std::min(sizeof buffer, maxBytes_ + 1 - body.size());
      in.read(buffer, static_cast<std::streamsize>(want));
      body.append(buffer, static_cast<std::size_t>(in.gcount()));
    }
    if (body.size() > maxBytes_) throw tooLarge();
    read_ = true;
    return body;
  }

  bool read() const { return read_; }

 private:
  HttpError tooLarge() const {
    return HttpError(core::ErrorKind::kTooLarge, "the request body is larger than the limit of " +
                                                     std::to_string(maxBytes_) + " bytes");
  }

  Poco::Net::HTTPServerRequest& request_;
  std::size_t maxBytes_;
  bool read_ = false;
};

class RequestAdapter : public Poco::Net::HTTPRequestHandler {
 public:
  RequestAdapter(Handler& handler, const ServerSettings& settings)
      : handler_(handler), settings_(settings) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    const std::string& target = request.getURI();
    const std::string requestLine = request.getMethod() + " " + target;
    PocoBody body(request, settings_.maxBodyBytes);
    Response answer;
    try {
      Request call = requestOf(request, target);
      call.source = &body;
      answer = handler_.handle(call);
    } catch (...) {
      answer = errorResponse(std::current_exception(), requestLine);
    }
    if (announcesBody(request) && !body.read()) {
      // The next request on this connection would start inside the unread body.
      response.setKeepAlive(false);
      drain(request.stream());
    }
    send(answer, response);
  }

 private:
  Request requestOf(Poco::Net::HTTPServerRequest& request, const std::string& target) {
    const std::size_t question = target.find('?');
    Request call;
    call.method = request.getMethod();
    call.path = target.substr(0, question);
    if (question != std::string::npos)
      call.query = parseQuery(std::string_view(target).substr(question + 1));
    for (const auto& [name, value] : request) call.headers.emplace_back(name, value);
    Poco::Net::NameValueCollection cookies;
    request.getCookies(cookies);
    for (const auto& [name, value] : cookies) call.cookies.emplace(name, value);
    call.clientAddress = clientOf(request, settings_.trustedProxies);
    call.secure = request.secure();
    call.hasBody = announcesBody(request);
    return call;
  }

  static void drain(std::istream& in) {
    char buffer[8192];
    std::streamsize drained = 0;
    while (in && drained < kDrainLimit) {
      in.read(buffer, sizeof buffer);
      drained += in.gcount();
    }
  }

  static void send(const Response& answer, Poco::Net::HTTPServerResponse& response) {
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
    // add, not set: a response may carry a header twice (Set-Cookie).
    for (const auto& [name, value] : answer.headers) response.add(name, value);
    if (answer.status == 204) {
      response.send();
      return;
    }
    response.setContentType(answer.contentType);
    response.setContentLength64(static_cast<Poco::Int64>(answer.body.size()));
    response.sendBuffer(answer.body.data(), answer.body.size());
  }

  Handler& handler_;
  const ServerSettings& settings_;
};

class AdapterFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  AdapterFactory(Handler& handler, const ServerSettings& settings)
      : handler_(handler), settings_(settings) {}

  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new RequestAdapter(handler_, settings_);
  }

 private:
  Handler& handler_;
  const ServerSettings& settings_;
};

}  // namespace

struct Server::Impl {
  Impl(Handler& handler, ServerSettings settings)
      : handler(handler), settings(std::move(settings)) {}

  Handler& handler;
  ServerSettings settings;
  // Declared before server: the server's workers run on this pool, so it must outlive them.
  std::unique_ptr<Poco::ThreadPool> pool;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  int port = 0;
};

Server::Server(Handler& handler, ServerSettings settings)
    : impl_(std::make_unique<Impl>(handler, std::move(settings))) {}

Server::~Server() { stop(); }

void Server::start() {
  if (impl_->server) return;
  const int threads = std::max(1, impl_->settings.threads);
  Poco::Net::ServerSocket socket;
  socket.bind(Poco::Net::SocketAddress(impl_->settings.host,
                                       static_cast<Poco::UInt16>(impl_->settings.port)),
              true);
  socket.listen(128);

  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(threads);
  params->setMaxQueued(256);
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(5, 0));
  params->setTimeout(Poco::Timespan(30, 0));
  params->setServerName("crossgrant");

  impl_->pool = std::make_unique<Poco::ThreadPool>(std::min(2, threads), threads);
  impl_->server = std::make_unique<Poco::Net::HTTPServer>(
      new AdapterFactory(impl_->handler, impl_->settings), *impl_->pool, socket, params);
  impl_->server->start();
  impl_->port = socket.address().port();
}

void Server::stop() {
  if (!impl_->server) return;
  // Connections finish the request they are serving; idle keep-alive ones close now.
  impl_->server->stopAll(false);
  impl_->pool->joinAll();
  impl_->server.reset();
  impl_->pool.reset();
  impl_->port = 0;
}

int Server::port() const { return impl_->port; }

}  // namespace crossgrant::http
