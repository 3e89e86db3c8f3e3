#include "crossgrant/web/Assets.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/Errors.h"

namespace crossgrant::web {
namespace {

namespace fs = std::filesystem;

const char* typeOf(const std::string& extension) {
  static const std::map<std::string, const char*, std::less<>> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".properties", "text/plain; charset=utf-8"},
  };
  const auto found = kTypes.find(extension);
  return found == kTypes.end() ? nullptr : found->second;
}

std::string contents(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw core::ConfigurationError("cannot read " + file.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

}  // namespace

Assets Assets::load(const std::string& directory) {
  std::error_code error;
  if (!fs::is_directory(directory, error))
    throw core::ConfigurationError("the web interface's directory " + directory +
                                   " (web.directory) does not exist");
  Assets assets;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(directory)) {
    if (!entry.is_regular_file()) continue;
    const std::string name = fs::relative(entry.path(), directory).generic_string();
    const char* type = typeOf(entry.path().extension().string());
    if (type == nullptr)
      throw core::ConfigurationError("the web interface's file " + name + " in " + directory +
                                     " has a type that is not served (" +
                                     entry.path().extension().string() + ")");
    Asset asset{type, contents(entry.path()), ""};
    asset.etag = "\"" + core::sha256Hex(asset.bytes) + "\"";
    assets.files_.emplace(name, std::move(asset));
  }
  if (!assets.find("index.html"))
    throw core::ConfigurationError("the web interface's directory " + directory +
                                   " (web.directory) has no index.html");
  return assets;
}

const Asset* Assets::find(std::string_view name) const {
  const auto found = files_.find(name);
  return found == files_.end() ? nullptr : &found->second;
}

}  // namespace crossgrant::web
