#include "crossgrant/http/Server.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/Timestamp.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "Http1.h"
#include "crossgrant/http/ErrorResponse.h"

namespace crossgrant::http {
namespace {

using Clock = std::chrono::steady_clock;

/// The resolution of deadlines: how long a worker waits in epoll_wait before it looks at them.
constexpr int kTickMs = 100;
/// Read at most this much at a time, and handle it before reading more.
constexpr std::size_t kReadChunk = 64 * 1024;
/// epoll's tag for the listening socket and for the stop signal; connections count from 2.
constexpr std::uint64_t kListenerId = 0;
constexpr std::uint64_t kWakeId = 1;

/// The client's address: the peer's, or where the peer is a trusted proxy, the right-most
/// address of X-Forwarded-For that is not itself a trusted proxy (up to the first hop that is
/// not an IP address, which a proxy would not have written).
std::string clientOf(const std::string& peer, const Request& request,
                     const std::vector<std::string>& trustedProxies) {
  const auto trusted = [&](const std::string& address) {
    return std::find(trustedProxies.begin(), trustedProxies.end(), address) != trustedProxies.end();
  };
  const std::optional<std::string> forwarded = request.header("X-Forwarded-For");
  std::string client = peer;
  if (!trusted(client) || !forwarded) return client;
  const Poco::StringTokenizer hops(
      *forwarded, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
  for (auto hop = hops.end(); hop != hops.begin();) {
    --hop;
    Poco::Net::IPAddress address;
    if (!Poco::Net::IPAddress::tryParse(*hop, address)) break;
    client = address.toString();
    if (!trusted(client)) break;
  }
  return client;
}

/// The cookies of every Cookie header ("a=1; b=2"), the first of each name kept; quotes
/// around a value are removed.
void parseCookies(Request& request) {
  for (const auto& [name, value] : request.headers) {
    if (Poco::icompare(name, "Cookie") != 0) continue;
    for (const std::string& pair : Poco::StringTokenizer(
             value, ";",
             Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY)) {
      const std::size_t eq = pair.find('=');
      std::string text = eq == std::string::npos ? std::string() : pair.substr(eq + 1);
      if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
        text = text.substr(1, text.size() - 2);
      request.cookies.emplace(Poco::trim(pair.substr(0, eq)), Poco::trim(text));
    }
  }
}

/// The Date header's value, formatted once a second per thread.
const std::string& httpDate() {
  thread_local std::time_t formattedAt = 0;
  thread_local std::string formatted;
  const std::time_t now = std::time(nullptr);
  if (now != formattedAt) {
    formatted =
        Poco::DateTimeFormatter::format(Poco::Timestamp(), Poco::DateTimeFormat::HTTP_FORMAT);
    formattedAt = now;
  }
  return formatted;
}

/// The bytes of a response. connection: the Connection header's value, or null for none.
std::string serialize(const Response& response, bool withoutBody, const char* connection) {
  const bool hasBody = response.status >= 200 && response.status != 204 && response.status != 304;
  std::string out;
  out.reserve(256 + (withoutBody ? 0 : response.body.size()));
  out += "HTTP/1.1 ";
  out += std::to_string(response.status);
  out += ' ';
  out += Poco::Net::HTTPResponse::getReasonForStatus(
      static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
  out += "\r\nDate: ";
  out += httpDate();
  out += "\r\nServer: crossgrant\r\n";
  for (const auto& [name, value] : response.headers) out += name + ": " + value + "\r\n";
  if (hasBody) {
    if (!response.contentType.empty()) out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
  }
  if (connection != nullptr) out += std::string("Connection: ") + connection + "\r\n";
  out += "\r\n";
  if (hasBody && !withoutBody) out += response.body;
  return out;
}

Response refusalResponse(const http1::Refusal& refusal) {
  return errorEnvelope(refusal.status, refusal.code, refusal.message);
}

/// One client connection. Only the thread holding mutex touches it; epoll's one-shot arming
/// makes that the thread that woke for it, or the deadline sweep.
struct Connection {
  enum class Phase { kHead, kBody };

  std::mutex mutex;
  std::uint64_t id = 0;
  int fd = -1;
  std::string peer;
  bool closed = false;
  bool peerDone = false;  ///< the client sent its end of stream

  Phase phase = Phase::kHead;
  bool requestStarted = false;  ///< a byte of the next request has arrived
  std::string in;               ///< received, not yet parsed
  std::size_t scanned = 0;      ///< of in, by the head parser
  http1::Head head;             ///< of the request in progress
  Request request;              ///< screened, its body being read
  std::optional<http1::ChunkedDecoder> chunked;

  std::string out;  ///< to send
  std::size_t sent = 0;
  bool closeAfterWrite = false;
  /// The request is queued for or being handled by a long-work thread: no worker serves the
  /// connection (it is not armed) and it has no deadline until that thread has answered.
  bool deferred = false;

  Clock::time_point deadline;
};

}  // namespace

struct Server::Impl {
  Impl(Handler& handler, ServerSettings settings)
      : handler(handler), settings(std::move(settings)) {}

  void work();
  void dispatch(const epoll_event& event);
  void acceptAll();
  /// The open connection of that id; null once it is closed.
  std::shared_ptr<Connection> find(std::uint64_t id);
  void serve(Connection& c);
  /// Handles what is buffered: true when it produced output or finished a request, false
  /// when it needs more input.
  bool advance(Connection& c);
  void startRequest(Connection& c);
  void finishRequest(Connection& c);
  /// Handles the complete request and queues its response, or defers it to the long-work
  /// threads.
  void answer(Connection& c, Request& request);
  void longWork();
  void respond(Connection& c, const Response& response);
  void refuse(Connection& c, const Response& response);
  Response handle(Connection& c, Request& request);
  /// Sends what is queued: true when all is sent; false when the rest waits for EPOLLOUT or
  /// the connection was closed.
  bool flush(Connection& c);
  void arm(Connection& c, std::uint32_t events);
  void close(Connection& c);
  void sweepIfDue();

  Handler& handler;
  ServerSettings settings;
  Poco::Net::ServerSocket listener;
  int epoll = -1;
  int wake = -1;
  int port = 0;
  bool running = false;
  std::atomic<bool> stopping{false};
  std::vector<std::thread> workers;
  std::vector<std::thread> longWorkers;

  std::mutex longMutex;  ///< guards longQueue
  std::condition_variable longReady;
  std::deque<std::uint64_t> longQueue;  ///< ids of deferred connections, oldest first

  std::mutex registryMutex;  ///< guards connections, perAddress and nextId
  std::unordered_map<std::uint64_t, std::shared_ptr<Connection>> connections;
  std::unordered_map<std::string, int> perAddress;
  std::uint64_t nextId = 2;

  std::mutex sweepMutex;
  std::atomic<Clock::rep> lastSweep{0};
};

void Server::Impl::work() {
  while (!stopping.load()) {
    epoll_event event{};
    const int ready = ::epoll_wait(epoll, &event, 1, kTickMs);
    if (stopping.load()) break;
    if (ready == 1) dispatch(event);
    sweepIfDue();
  }
}

void Server::Impl::dispatch(const epoll_event& event) {
  if (event.data.u64 == kWakeId) return;
  if (event.data.u64 == kListenerId) {
    acceptAll();
    epoll_event again{EPOLLIN | EPOLLONESHOT, {}};
    again.data.u64 = kListenerId;
    ::epoll_ctl(epoll, EPOLL_CTL_MOD, listener.impl()->sockfd(), &again);
    return;
  }
  const std::shared_ptr<Connection> connection = find(event.data.u64);
  if (!connection) return;
  const std::lock_guard lock(connection->mutex);
  if (!connection->closed) serve(*connection);
}

std::shared_ptr<Connection> Server::Impl::find(std::uint64_t id) {
  const std::lock_guard lock(registryMutex);
  const auto found = connections.find(id);
  return found == connections.end() ? nullptr : found->second;
}

void Server::Impl::acceptAll() {
  for (int i = 0; i < 64; ++i) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    const int fd = ::accept4(listener.impl()->sockfd(), reinterpret_cast<sockaddr*>(&address),
                             &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) return;
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    const std::string peer =
        Poco::Net::SocketAddress(reinterpret_cast<const sockaddr*>(&address), length)
            .host()
            .toString();
    auto connection = std::make_shared<Connection>();
    {
      const std::lock_guard lock(registryMutex);
      int& fromPeer = perAddress[peer];
      if (static_cast<int>(connections.size()) >= settings.maxConnections ||
          fromPeer >= settings.maxConnectionsPerAddress) {
        if (fromPeer == 0) perAddress.erase(peer);
        connection.reset();
      } else {
        ++fromPeer;
        connection->id = nextId++;
        connection->fd = fd;
        connection->peer = peer;
        connection->deadline = Clock::now() + settings.keepAliveTimeout;
        connections.emplace(connection->id, connection);
      }
    }
    if (!connection) {
      const std::string busy =
          serialize(errorEnvelope(503, "unavailable", "too many connections; try again later")
                        .withHeader("Retry-After", "1"),
                    false, "close");
      [[maybe_unused]] const ssize_t sent =
          ::send(fd, busy.data(), busy.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      ::close(fd);
      continue;
    }
    epoll_event event{EPOLLIN | EPOLLONESHOT, {}};
    event.data.u64 = connection->id;
    ::epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event);
  }
}

void Server::Impl::serve(Connection& c) {
  bool answered = false;
  for (;;) {
    if (c.deferred) return;
    if (c.sent < c.out.size() && !flush(c)) return;
    if (c.closeAfterWrite) return close(c);
    if (advance(c)) {
      answered = c.phase == Connection::Phase::kHead && !c.requestStarted;
      continue;
    }
    if (c.peerDone) return close(c);
    // After an answer with nothing more buffered, the next request is most likely not there
    // yet: wait for it rather than try a read (re-arming reports what is already waiting).
    if (answered && c.in.empty()) return arm(c, EPOLLIN);
    char buffer[kReadChunk];
    const ssize_t got = ::recv(c.fd, buffer, sizeof buffer, 0);
    if (got > 0) {
      c.in.append(buffer, static_cast<std::size_t>(got));
      continue;
    }
    if (got == 0) {
      c.peerDone = true;
      continue;
    }
    if (errno == EAGAIN || errno == EWOULDBLOCK) return arm(c, EPOLLIN);
    if (errno != EINTR) return close(c);
  }
}

bool Server::Impl::advance(Connection& c) {
  if (c.phase == Connection::Phase::kHead) {
    if (c.in.empty()) return false;
    if (!c.requestStarted) {
      c.requestStarted = true;
      c.deadline = Clock::now() + settings.headerTimeout;
    }
    http1::HeadResult result = http1::parseHead(c.in, c.scanned);
    if (std::holds_alternative<http1::Incomplete>(result)) return false;
    if (const auto* refusal = std::get_if<http1::Refusal>(&result)) {
      refuse(c, refusalResponse(*refusal));
      return true;
    }
    auto& complete = std::get<http1::Complete>(result);
    c.in.erase(0, complete.size);
    c.scanned = 0;
    c.head = std::move(complete.head);
    startRequest(c);
    return true;
  }
  if (c.chunked) {
    std::size_t used = 0;
    const std::variant<bool, http1::Refusal> fed = c.chunked->feed(c.in, used, c.request.body);
    c.in.erase(0, used);
    if (const auto* refusal = std::get_if<http1::Refusal>(&fed)) {
      refuse(c, refusalResponse(*refusal));
      return true;
    }
    if (!std::get<bool>(fed)) return false;
  } else {
    const std::size_t wanted =
        static_cast<std::size_t>(*c.head.contentLength) - c.request.body.size();
    const std::size_t take = std::min(wanted, c.in.size());
    c.request.body.append(c.in, 0, take);
    c.in.erase(0, take);
    if (take < wanted) return false;
  }
  finishRequest(c);
  return true;
}

void Server::Impl::startRequest(Connection& c) {
  const std::size_t question = c.head.target.find('?');
  c.request = Request();
  Request& request = c.request;
  request.method = c.head.method;
  request.path = c.head.target.substr(0, question);
  request.headers = std::move(c.head.fields);
  request.hasBody = c.head.announcesBody();
  std::optional<Response> refusal;
  try {
    if (question != std::string::npos)
      request.query = parseQuery(std::string_view(c.head.target).substr(question + 1));
    parseCookies(request);
    request.clientAddress = clientOf(c.peer, request, settings.trustedProxies);
    if (request.hasBody) refusal = handler.screen(request);
  } catch (...) {
    refusal = errorResponse(std::current_exception(), request.method + " " + c.head.target);
  }
  if (!request.hasBody) {
    if (refusal)
      respond(c, *refusal);
    else
      answer(c, request);
    return;
  }
  const std::size_t maxBody = request.maxBodyBytes.value_or(settings.maxBodyBytes);
  if (!refusal && c.head.contentLength > maxBody)
    refusal = refusalResponse(http1::tooLarge(maxBody));
  if (refusal) return refuse(c, *refusal);
  if (c.head.expectContinue && c.head.http11) c.out += "HTTP/1.1 100 Continue\r\n\r\n";
  if (c.head.chunked) c.chunked.emplace(maxBody);
  c.phase = Connection::Phase::kBody;
  c.deadline = Clock::now() + settings.bodyTimeout;
}

void Server::Impl::finishRequest(Connection& c) {
  c.phase = Connection::Phase::kHead;
  c.chunked.reset();
  answer(c, c.request);
}

void Server::Impl::answer(Connection& c, Request& request) {
  bool isLong = false;
  if (settings.longThreads > 0) {
    try {
      isLong = handler.takesLong(request);
    } catch (...) {
      isLong = false;
    }
  }
  if (!isLong) return respond(c, handle(c, request));
  {
    const std::lock_guard lock(longMutex);
    if (static_cast<int>(longQueue.size()) >= settings.maxLongQueue) {
      respond(c, errorEnvelope(503, "unavailable",
                               "too many reports are being rendered; try again shortly")
                     .withHeader("Retry-After", "5"));
      return;
    }
    longQueue.push_back(c.id);
  }
  c.deferred = true;
  c.deadline = Clock::time_point::max();
  longReady.notify_one();
}

void Server::Impl::longWork() {
  for (;;) {
    std::uint64_t id = 0;
    {
      std::unique_lock lock(longMutex);
      longReady.wait(lock, [this] { return stopping.load() || !longQueue.empty(); });
      if (stopping.load()) return;
      id = longQueue.front();
      longQueue.pop_front();
    }
    const std::shared_ptr<Connection> connection = find(id);
    if (!connection) continue;
    const std::lock_guard lock(connection->mutex);
    Connection& c = *connection;
    if (c.closed || !c.deferred) continue;
    c.deferred = false;
    respond(c, handle(c, c.request));
    serve(c);
  }
}

Response Server::Impl::handle(Connection& c, Request& request) {
  try {
    return handler.handle(request);
  } catch (...) {
    return errorResponse(std::current_exception(), c.head.method + " " + c.head.target);
  }
}

void Server::Impl::respond(Connection& c, const Response& response) {
  const bool keepAlive = c.head.keepAlive && !stopping.load();
  const char* connection = !keepAlive ? "close" : c.head.http11 ? nullptr : "keep-alive";
  c.out += serialize(response, c.head.method == "HEAD", connection);
  c.closeAfterWrite = !keepAlive;
  c.requestStarted = false;
  c.deadline = Clock::now() + settings.keepAliveTimeout;
}

void Server::Impl::refuse(Connection& c, const Response& response) {
  c.out += serialize(response, c.head.method == "HEAD", "close");
  c.closeAfterWrite = true;
}

bool Server::Impl::flush(Connection& c) {
  while (c.sent < c.out.size()) {
    const ssize_t n = ::send(c.fd, c.out.data() + c.sent, c.out.size() - c.sent, MSG_NOSIGNAL);
    if (n > 0) {
      c.sent += static_cast<std::size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      c.deadline = Clock::now() + settings.bodyTimeout;
      arm(c, EPOLLOUT);
      return false;
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      close(c);
      return false;
    }
  }
  c.out.clear();
  c.sent = 0;
  if (c.phase == Connection::Phase::kHead && !c.requestStarted)
    c.deadline = Clock::now() + settings.keepAliveTimeout;
  return true;
}

void Server::Impl::arm(Connection& c, std::uint32_t events) {
  epoll_event event{events | EPOLLONESHOT, {}};
  event.data.u64 = c.id;
  ::epoll_ctl(epoll, EPOLL_CTL_MOD, c.fd, &event);
}

void Server::Impl::close(Connection& c) {
  c.closed = true;
  ::epoll_ctl(epoll, EPOLL_CTL_DEL, c.fd, nullptr);
  ::close(c.fd);
  const std::lock_guard lock(registryMutex);
  connections.erase(c.id);
  const auto count = perAddress.find(c.peer);
  if (count != perAddress.end() && --count->second == 0) perAddress.erase(count);
}

void Server::Impl::sweepIfDue() {
  const Clock::time_point now = Clock::now();
  const auto tick = std::chrono::duration_cast<Clock::duration>(std::chrono::milliseconds(kTickMs));
  if (now.time_since_epoch().count() - lastSweep.load() < tick.count()) return;
  const std::unique_lock sweeping(sweepMutex, std::try_to_lock);
  if (!sweeping) return;
  lastSweep.store(now.time_since_epoch().count());
  std::vector<std::shared_ptr<Connection>> all;
  {
    const std::lock_guard lock(registryMutex);
    all.reserve(connections.size());
    for (const auto& [id, connection] : connections) all.push_back(connection);
  }
  for (const auto& connection : all) {
    // One being served is not idle; its deadline is looked at on the next sweep.
    const std::unique_lock lock(connection->mutex, std::try_to_lock);
    if (lock && !connection->closed && connection->deadline <= now) close(*connection);
  }
}

std::optional<Response> Handler::screen(Request&) { return std::nullopt; }

bool Handler::takesLong(Request&) { return false; }

Server::Server(Handler& handler, ServerSettings settings)
    : impl_(std::make_unique<Impl>(handler, std::move(settings))) {}

Server::~Server() { stop(); }

void Server::start() {
  Impl& impl = *impl_;
  if (impl.running) return;
  impl.listener = Poco::Net::ServerSocket();
  impl.listener.bind(
      Poco::Net::SocketAddress(impl.settings.host, static_cast<Poco::UInt16>(impl.settings.port)),
      true);
  impl.listener.listen(1024);
  impl.listener.setBlocking(false);
  impl.epoll = ::epoll_create1(EPOLL_CLOEXEC);
  impl.wake = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (impl.epoll < 0 || impl.wake < 0) throw Poco::Net::NetException("cannot create epoll");
  epoll_event listen{EPOLLIN | EPOLLONESHOT, {}};
  listen.data.u64 = kListenerId;
  ::epoll_ctl(impl.epoll, EPOLL_CTL_ADD, impl.listener.impl()->sockfd(), &listen);
  // Level-triggered, never re-armed: once signalled, it wakes every worker.
  epoll_event wake{EPOLLIN, {}};
  wake.data.u64 = kWakeId;
  ::epoll_ctl(impl.epoll, EPOLL_CTL_ADD, impl.wake, &wake);
  impl.port = impl.listener.address().port();
  impl.stopping = false;
  impl.running = true;
  for (int i = 0; i < std::max(1, impl.settings.threads); ++i)
    impl.workers.emplace_back([&impl] { impl.work(); });
  for (int i = 0; i < impl.settings.longThreads; ++i)
    impl.longWorkers.emplace_back([&impl] { impl.longWork(); });
}

void Server::stop() {
  Impl& impl = *impl_;
  if (!impl.running) return;
  impl.stopping = true;
  ::epoll_ctl(impl.epoll, EPOLL_CTL_DEL, impl.listener.impl()->sockfd(), nullptr);
  impl.listener.close();
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t written = ::write(impl.wake, &one, sizeof one);
  // Workers finish the request they are serving, then leave; so do the long-work threads
  // (requests still queued for them are closed below, like those still arriving).
  for (std::thread& worker : impl.workers) worker.join();
  impl.workers.clear();
  {
    const std::lock_guard lock(impl.longMutex);
    impl.longReady.notify_all();
  }
  for (std::thread& worker : impl.longWorkers) worker.join();
  impl.longWorkers.clear();
  impl.longQueue.clear();
  for (const auto& [id, connection] : std::unordered_map(impl.connections)) {
    Connection& c = *connection;
    // What a finished request left to send gets a second to go out.
    const auto until = Clock::now() + std::chrono::seconds(1);
    while (c.sent < c.out.size() && Clock::now() < until) {
      pollfd writable{c.fd, POLLOUT, 0};
      if (::poll(&writable, 1, kTickMs) < 0) break;
      const ssize_t n =
          ::send(c.fd, c.out.data() + c.sent, c.out.size() - c.sent, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n < 0 && errno != EAGAIN && errno != EINTR) break;
      if (n > 0) c.sent += static_cast<std::size_t>(n);
    }
    impl.close(c);
  }
  ::close(impl.epoll);
  ::close(impl.wake);
  impl.epoll = impl.wake = -1;
  impl.running = false;
  impl.port = 0;
}

int Server::port() const { return impl_->port; }

}  // namespace crossgrant::http
