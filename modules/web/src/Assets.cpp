#include "crossgrant/web/Assets.h"

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
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

void seal(Asset& asset) {
  const std::string hash = core::sha256Hex(asset.bytes);
  asset.etag = "\"" + hash + "\"";
  asset.version = hash.substr(0, 16);
}

/// The asset name a module's relative import names ("../lib/api.js" from "pages/home.js").
std::string resolved(const std::string& from, const std::string& specifier) {
  const fs::path base = fs::path(from).parent_path();
  return (base / specifier).lexically_normal().generic_string();
}

}  // namespace

/// Rewrites the references of the file `name` to versioned ones, its imports first (so that
/// a module's version covers what it imports), and seals it. `open` holds the modules being
/// rewritten, to refuse an import cycle, which could have no versions.
void Assets::version(const std::string& name, std::set<std::string>& done,
                     std::set<std::string>& open) {
  if (done.count(name) > 0) return;
  if (!open.insert(name).second)
    throw core::ConfigurationError("the web interface's module " + name + " imports itself");
  Asset& asset = files_.at(name);
  const bool module = name.size() > 3 && name.compare(name.size() - 3, 3, ".js") == 0;
  const bool page = name.size() > 5 && name.compare(name.size() - 5, 5, ".html") == 0;
  if (module || page) {
    // A module's imports ("./x.js") and the page's files ("/assets/app.js"), in quotes.
    static const std::regex kImport(R"re((\bfrom\s*|\bimport\s*)"(\.\.?/[^"]+)")re");
    static const std::regex kAsset(R"re("/assets/([^"?]+\.(?:js|css))")re");
    const std::regex& pattern = module ? kImport : kAsset;
    std::string rewritten;
    auto from = asset.bytes.cbegin();
    for (std::sregex_iterator it(asset.bytes.begin(), asset.bytes.end(), pattern), end; it != end;
         ++it) {
      const std::smatch& match = *it;
      const std::string target = module ? resolved(name, match[2].str()) : match[1].str();
      if (files_.count(target) == 0)
        throw core::ConfigurationError("the web interface's file " + name + " refers to " + target +
                                       ", which is not there");
      version(target, done, open);
      rewritten.append(from, match[0].first);
      rewritten += (module ? match[1].str() : std::string()) + "\"/assets/" + target +
                   "?v=" + files_.at(target).version + "\"";
      from = match[0].second;
    }
    rewritten.append(from, asset.bytes.cend());
    // An import in another form (single quotes, import(...)) would load a second copy of a
    // module under its plain name: refused, so that every module is one module.
    static const std::regex kOther(
        R"re(\b(from|import)\s*\(?\s*['`]\.\.?/|\bimport\s*\(\s*"\.\.?/)re");
    if (module && std::regex_search(rewritten, kOther))
      throw core::ConfigurationError("the web interface's module " + name +
                                     " imports a module other than as from \"./NAME.js\"");
    asset.bytes = std::move(rewritten);
  }
  seal(asset);
  open.erase(name);
  done.insert(name);
}

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
    assets.files_.emplace(name, Asset{type, contents(entry.path()), "", ""});
  }
  if (!assets.find("index.html"))
    throw core::ConfigurationError("the web interface's directory " + directory +
                                   " (web.directory) has no index.html");
  std::set<std::string> done;
  std::set<std::string> open;
  for (const auto& entry : assets.files_) assets.version(entry.first, done, open);
  return assets;
}

const Asset* Assets::find(std::string_view name) const {
  const auto found = files_.find(name);
  return found == files_.end() ? nullptr : &found->second;
}

}  // namespace crossgrant::web
