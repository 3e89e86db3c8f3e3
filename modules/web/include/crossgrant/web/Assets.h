// The browser interface's files, read into memory once: what is served is exactly what was
// there at start, nothing on disk is looked up per request (so no path can reach outside the
// directory), and each file's ETag is the SHA-256 of its bytes.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace crossgrant::web {

struct Asset {
  std::string contentType;  ///< e.g. "text/javascript; charset=utf-8"
  std::string bytes;
  std::string etag;  ///< the quoted hex SHA-256 of bytes
};

class Assets {
 public:
  /// Every regular file under directory, by its '/'-separated path relative to it
  /// ("index.html", "i18n/lv.json"). Throws core::ConfigurationError when the directory
  /// cannot be read, has no index.html, or holds a file of a type not served (by its
  /// extension: html, js, css, json, svg, png, ico, woff2, txt, properties).
  static Assets load(const std::string& directory);

  /// The file of that relative path; nullptr when there is none.
  const Asset* find(std::string_view name) const;
  std::size_t size() const { return files_.size(); }

 private:
  std::map<std::string, Asset, std::less<>> files_;
};

}  // namespace crossgrant::web
