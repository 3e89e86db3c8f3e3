// Routing by method and path pattern ("/api/v1/projects/{code}"). RouteTable holds the
// patterns; Router<Target> attaches what a layer above wants per route (a handler, what it
// needs to be allowed). Lookup resolves the path first, then the method: an unknown path is
// 404, a known path with another method 405 with the allowed methods, a path that is not
// percent-encoded UTF-8 400. Where several patterns fit a path, the one with a literal segment
// earliest wins. Thread-safe for lookups once all routes are added.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crossgrant::http {

class RouteTable {
 public:
  using Params = std::map<std::string, std::string, std::less<>>;
  struct Found {
    std::size_t index = 0;  ///< the order in which the route was added
    Params params;          ///< the {name} segments, percent-decoded
  };

  /// Adds a route and returns its index. Throws std::invalid_argument for a malformed pattern
  /// or a method + pattern that another route already has (patterns differing only in their
  /// parameter names are the same).
  std::size_t add(std::string_view method, std::string_view pattern);
  /// The route for method and rawPath (percent-encoded, no query). Throws HttpError (404,
  /// 405 with Allow, 400).
  Found match(std::string_view method, std::string_view rawPath) const;
  /// The {name} parameters of route index, in pattern order.
  std::vector<std::string> parameters(std::size_t index) const;

 private:
  struct Segment {
    bool parameter = false;
    std::string text;  ///< the literal, or the parameter's name
  };
  struct Entry {
    std::string method;
    std::vector<Segment> segments;
  };
  std::vector<Entry> entries_;
};

/// A RouteTable whose routes each carry a Target.
template <typename Target>
class Router {
 public:
  struct Match {
    const Target* target = nullptr;
    RouteTable::Params params;
  };

  /// See RouteTable::add.
  void add(std::string_view method, std::string_view pattern, Target target) {
    table_.add(method, pattern);
    targets_.push_back(std::move(target));
  }
  /// See RouteTable::match.
  Match match(std::string_view method, std::string_view rawPath) const {
    RouteTable::Found found = table_.match(method, rawPath);
    return Match{&targets_[found.index], std::move(found.params)};
  }
  const RouteTable& table() const { return table_; }
  /// Every target, in the order added.
  const std::vector<Target>& targets() const { return targets_; }

 private:
  RouteTable table_;
  std::vector<Target> targets_;
};

}  // namespace crossgrant::http
