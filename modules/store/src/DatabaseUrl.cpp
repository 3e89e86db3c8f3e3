#include "DatabaseUrl.h"

#include "crossgrant/core/Text.h"

#include <charconv>
#include <stdexcept>
#include <string_view>

namespace crossgrant::store {
namespace {

constexpr std::string_view kAcceptedForms =
    "accepted forms: sqlite:PATH or mysql://USER:PASSWORD@HOST:PORT/DB (optionally "
    "?socket=/path/to/socket; percent-encode '@', ':', '/', '?' and '%' in USER and PASSWORD)";

[[noreturn]] void reject(std::string_view why) {
  throw std::invalid_argument("invalid database URL: " + std::string(why) + "; " +
                              std::string(kAcceptedForms));
}

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percentDecode(std::string_view text, std::string_view what) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    const int high = i + 2 < text.size() ? hexDigit(text[i + 1]) : -1;
    const int low = i + 2 < text.size() ? hexDigit(text[i + 2]) : -1;
    if (high < 0 || low < 0)
      reject("the " + std::string(what) + " has a '%' not followed by two hex digits");
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

bool isDatabaseName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '$';
    if (!ok) return false;
  }
  return true;
}

DatabaseUrl parseMysql(std::string_view rest) {
  DatabaseUrl url;
  url.kind = DatabaseUrl::Kind::kMysql;
  std::string_view query;
  if (const auto mark = rest.find('?'); mark != std::string_view::npos) {
    query = rest.substr(mark + 1);
    rest = rest.substr(0, mark);
  }
  const auto at = rest.rfind('@');
  if (at == std::string_view::npos) reject("no USER:PASSWORD@ before the host");
  const std::string_view userInfo = rest.substr(0, at);
  const std::string_view location = rest.substr(at + 1);

  const auto colon = userInfo.find(':');
  url.user = percentDecode(userInfo.substr(0, colon), "user");
  if (colon != std::string_view::npos)
    url.password = percentDecode(userInfo.substr(colon + 1), "password");
  if (url.user.empty()) reject("the user is empty");

  const auto slash = location.find('/');
  if (slash == std::string_view::npos) reject("no /DB after the host");
  std::string_view hostPort = location.substr(0, slash);
  const std::string_view database = location.substr(slash + 1);
  if (!isDatabaseName(database))
    reject("the database name '" + std::string(database) +
           "' is not 1-64 letters, digits, '_' or '$'");
  url.database = database;

  if (const auto portColon = hostPort.rfind(':'); portColon != std::string_view::npos) {
    const std::string_view port = hostPort.substr(portColon + 1);
    const std::optional<std::int64_t> value = port.find('-') == std::string_view::npos
                                                  ? core::parseInteger(port, 1, 65535)
                                                  : std::nullopt;
    if (!value) reject("the port '" + std::string(port) + "' is not a number from 1 to 65535");
    url.port = static_cast<int>(*value);
    hostPort = hostPort.substr(0, portColon);
  }
  if (hostPort.empty()) reject("the host is empty");
  url.host = hostPort;

  if (!query.empty()) {
    constexpr std::string_view kSocket = "socket=";
    if (query.substr(0, kSocket.size()) != kSocket || query.find('&') != std::string_view::npos)
      reject("the only parameter is ?socket=/path, not '" + std::string(query) + "'");
    url.socket = percentDecode(query.substr(kSocket.size()), "socket");
    if (url.socket.empty() || url.socket.front() != '/')
      reject("the socket must be an absolute path");
  }
  return url;
}

}  // namespace

DatabaseUrl DatabaseUrl::parse(const std::string& text) {
  constexpr std::string_view kSqlite = "sqlite:";
  constexpr std::string_view kMysql = "mysql://";
  const std::string_view view = text;
  if (view.substr(0, kSqlite.size()) == kSqlite) {
    DatabaseUrl url;
    url.path = text.substr(kSqlite.size());
    if (url.path.empty()) reject("'sqlite:' names no file");
    if (url.path == ":memory:" || url.path.find("mode=memory") != std::string::npos)
      reject("an in-memory SQLite database cannot be shared by a connection pool");
    return url;
  }
  if (view.substr(0, kMysql.size()) == kMysql) return parseMysql(view.substr(kMysql.size()));
  if (text.empty()) reject("the URL is empty");
  const auto colon = view.find(':');
  reject("unknown scheme '" + std::string(view.substr(0, colon)) + "'");
}

std::string DatabaseUrl::display() const {
  if (kind == Kind::kSqlite) return "sqlite:" + path;
  if (!socket.empty()) return "mysql://" + user + "@" + host + "/" + database + "?socket=" + socket;
  return "mysql://" + user + "@" + host + ":" + std::to_string(port) + "/" + database;
}

}  // namespace crossgrant::store
