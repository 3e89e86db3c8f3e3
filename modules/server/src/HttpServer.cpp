#include "HttpServer.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Net/MediaType.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/ThreadPool.h>

#include <algorithm>
#include <istream>
#include <string>
#include <string_view>

#include "AccessControl.h"
#include "ApiError.h"
#include "ApiHandlers.h"

namespace crossgrant::server {
namespace {

/// How much of a body that is not used (rejected request) is read and discarded so that the
/// client sees the response instead of a connection reset.
constexpr std::streamsize kDrainLimit = 1024 * 1024;

bool carriesBody(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH";
}

/// Whether the request announces a body: a positive Content-Length or chunked encoding.
bool hasBody(const Poco::Net::HTTPServerRequest& request) {
  if (request.getChunkedTransferEncoding()) return true;
  return request.hasContentLength() && request.getContentLength64() > 0;
}

void requireJson(const Poco::Net::HTTPServerRequest& request) {
  const std::string type = request.getContentType();
  bool ok = false;
  try {
    const Poco::Net::MediaType media(type);
    ok = media.matches("application", "json");
    if (ok && media.hasParameter("charset"))
      ok = Poco::icompare(media.getParameter("charset"), "utf-8") == 0;
  } catch (const Poco::Exception&) {
    ok = false;
  }
  if (!ok) {
    throw ApiError(415, "unsupported_media_type",
                   type.empty() ? "the body needs Content-Type: application/json"
                                : "the body must be sent as Content-Type: application/json "
                                  "(UTF-8), not '" +
                                      type + "'");
  }
}

/// The body's Content-Type must be bodyType (a route's Route::bodyType): JSON as above, any
/// other type exactly, parameters aside.
void requireBodyType(const Poco::Net::HTTPServerRequest& request, const std::string& bodyType) {
  if (bodyType == "application/json") return requireJson(request);
  const std::string type = request.getContentType();
  bool ok = false;
  try {
    const Poco::Net::MediaType media(type);
    ok = Poco::icompare(media.getType() + "/" + media.getSubType(), bodyType) == 0;
  } catch (const Poco::Exception&) {
    ok = false;
  }
  if (!ok) {
    throw ApiError(415, "unsupported_media_type",
                   "the body must be sent as Content-Type: " + bodyType +
                       (type.empty() ? std::string() : ", not '" + type + "'"));
  }
}

std::vector<std::pair<std::string, std::string>> parseQuery(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> pairs;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view part = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (part.empty()) continue;
    const std::size_t eq = part.find('=');
    auto name = percentDecode(part.substr(0, eq), true);
    auto value = percentDecode(eq == std::string_view::npos ? "" : part.substr(eq + 1), true);
    if (!name || !value || !core::isValidUtf8(*name) || !core::isValidUtf8(*value))
      throw ApiError(400, "invalid", "the query string is not valid percent-encoded UTF-8");
    pairs.emplace_back(std::move(*name), std::move(*value));
  }
  return pairs;
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

class ApiRequestHandler : public Poco::Net::HTTPRequestHandler {
 public:
  ApiRequestHandler(const Router& router, AccessControl& access, const Settings& settings)
      : router_(router),
        access_(access),
        maxBodyBytes_(settings.maxBodyBytes),
        trustedProxies_(settings.trustedProxies) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    const std::string& target = request.getURI();
    const std::string requestLine = request.getMethod() + " " + target;
    bodyRead_ = !hasBody(request);
    ApiResponse answer;
    try {
      answer = dispatch(request, target);
    } catch (...) {
      answer = errorResponse(std::current_exception(), requestLine);
    }
    if (!bodyRead_) {
      // The next request on this connection would start inside the unread body.
      response.setKeepAlive(false);
      drain(request.stream());
    }
    send(answer, response);
  }

 private:
  ApiResponse dispatch(Poco::Net::HTTPServerRequest& request, const std::string& target) {
    const std::size_t question = target.find('?');
    ApiRequest api;
    api.method = request.getMethod();
    api.path = target.substr(0, question);
    Router::Match match = router_.match(api.method, api.path);
    api.pathParams = std::move(match.params);
    api.clientAddress = clientOf(request, trustedProxies_);
    api.secure = request.secure();
    for (const auto& [name, value] : request) api.headers.emplace_back(name, value);
    if (question != std::string::npos)
      api.query = parseQuery(std::string_view(target).substr(question + 1));
    // Who asks and whether they may, before the body is even read.
    access_.authorize(match.route->permission, api);
    if (!bodyRead_) {
      if (carriesBody(api.method) || api.method == "DELETE")
        requireBodyType(request, match.route->bodyType);
      api.body = readBody(request);
    }
    access_.authorizeBody(match.route->permission, api);
    return match.route->handler(api);
  }

  std::string readBody(Poco::Net::HTTPServerRequest& request) {
    if (request.hasContentLength() &&
        static_cast<std::uint64_t>(request.getContentLength64()) > maxBodyBytes_) {
      throw tooLarge();
    }
    std::istream& in = request.stream();
    std::string body;
    char buffer[8192];
    while (in && body.size() <= maxBodyBytes_) {
      const std::size_t want = std::min(sizeof buffer, maxBodyBytes_ + 1 - body.size());
      in.read(buffer, static_cast<std::streamsize>(want));
      body.append(buffer, static_cast<std::size_t>(in.gcount()));
    }
    if (body.size() > maxBodyBytes_) throw tooLarge();
    bodyRead_ = true;
    return body;
  }

  ApiError tooLarge() const {
    return ApiError(
        413, "body_too_large",
        "the request body is larger than the limit of " + std::to_string(maxBodyBytes_) + " bytes");
  }

  static void drain(std::istream& in) {
    char buffer[8192];
    std::streamsize drained = 0;
    while (in && drained < kDrainLimit) {
      in.read(buffer, sizeof buffer);
      drained += in.gcount();
    }
  }

  static void send(const ApiResponse& answer, Poco::Net::HTTPServerResponse& response) {
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

  const Router& router_;
  AccessControl& access_;
  std::size_t maxBodyBytes_;
  const std::vector<std::string>& trustedProxies_;
  bool bodyRead_ = false;
};

class ApiRequestHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  ApiRequestHandlerFactory(const Router& router, AccessControl& access, const Settings& settings)
      : router_(router), access_(access), settings_(settings) {}

  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new ApiRequestHandler(router_, access_, settings_);
  }

 private:
  const Router& router_;
  AccessControl& access_;
  const Settings& settings_;
};

}  // namespace

struct HttpServer::Impl {
  explicit Impl(AppContext& context) : access(context) {}

  Settings settings;
  Router router;
  AccessControl access;
  // Declared before server: the server's workers run on this pool, so it must outlive them.
  std::unique_ptr<Poco::ThreadPool> pool;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  int port = 0;
};

HttpServer::HttpServer(AppContext& context, const Settings& settings)
    : impl_(std::make_unique<Impl>(context)) {
  impl_->settings = settings;
  addApiRoutes(impl_->router, context);
}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() {
  if (impl_->server) return;
  const int threads = std::max(1, impl_->settings.httpThreads);
  Poco::Net::ServerSocket socket;
  socket.bind(Poco::Net::SocketAddress(impl_->settings.httpHost,
                                       static_cast<Poco::UInt16>(impl_->settings.httpPort)),
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
      new ApiRequestHandlerFactory(impl_->router, impl_->access, impl_->settings), *impl_->pool,
      socket, params);
  impl_->server->start();
  impl_->port = socket.address().port();
}

void HttpServer::stop() {
  if (!impl_->server) return;
  // Connections finish the request they are serving; idle keep-alive ones close now.
  impl_->server->stopAll(false);
  impl_->pool->joinAll();
  impl_->server.reset();
  impl_->pool.reset();
  impl_->port = 0;
}

int HttpServer::port() const { return impl_->port; }

const Router& HttpServer::router() const { return impl_->router; }

}  // namespace crossgrant::server
