// The browser interface's files, read into memory once: what is served is exactly what was
// there at start, nothing on disk is looked up per request (so no path can reach outside the
// directory), and each file's ETag is the SHA-256 of its bytes.
//
// Scripts and styles are also named by their content: index.html and every module refer to
// a file as /assets/NAME?v=VERSION (VERSION: the start of its SHA-256, its imports' versions
// included), which a browser may keep for good; a change of any module gives it, and every
// module that imports it, a new name.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>

namespace crossgrant::web {

struct Asset {
  std::string contentType;  ///< e.g. "text/javascript; charset=utf-8"
  std::string bytes;
  std::string etag;     ///< the quoted hex SHA-256 of bytes
  std::string version;  ///< the first 16 hex digits of that SHA-256
};

class Assets {
 public:
  /// Every regular file under directory, by its '/'-separated path relative to it
  /// ("index.html", "i18n/lv.json"). Throws core::ConfigurationError when the directory
  /// cannot be read, has no index.html, or holds a file of a type not served (by its
  /// extension: html, js, css, json, svg, png, ico, woff2, txt, properties).
  static Assets load(const std::string& directory);

  /// A module's relative import ("./x.js", "../lib/x.js") that names no file is refused too.
  ///
  /// The file of that relative path; nullptr when there is none.
  const Asset* find(std::string_view name) const;
  std::size_t size() const { return files_.size(); }

 private:
  void version(const std::string& name, std::set<std::string>& done, std::set<std::string>& open);

  std::map<std::string, Asset, std::less<>> files_;
};

}  // namespace crossgrant::web
