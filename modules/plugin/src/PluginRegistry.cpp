#include "crossgrant/plugin/PluginRegistry.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <utility>

#include <Poco/ClassLoader.h>
#include <Poco/Exception.h>
#include <Poco/SharedLibrary.h>
#include <Poco/Util/AbstractConfiguration.h>

#include "crossgrant/plugin/PluginApi.h"

namespace crossgrant::plugin {
namespace {

using Poco::Util::AbstractConfiguration;

constexpr std::string_view kSectionPrefix = "plugins";
constexpr std::string_view kDirectoryKey = "directory";

/// Opens a library just to read its API version; unloads it on every exit path.
class VersionProbe {
 public:
  explicit VersionProbe(const std::string& path) {
    try {
      library_.load(path);
    } catch (const Poco::Exception& error) {
      throw PluginLoadError("cannot load plugin " + path + ": " + error.displayText());
    }
  }
  ~VersionProbe() { library_.unload(); }
  VersionProbe(const VersionProbe&) = delete;
  VersionProbe& operator=(const VersionProbe&) = delete;

  void check(const std::string& path) {
    if (!library_.hasSymbol(CROSSGRANT_PLUGIN_API_SYMBOL)) {
      throw PluginLoadError("plugin " + path +
                            " does not export " CROSSGRANT_PLUGIN_API_SYMBOL
                            "(): not a crossgrant plugin, or built without "
                            "CROSSGRANT_RULES_PLUGIN");
    }
    using VersionFunction = int (*)();
    const int version =
        reinterpret_cast<VersionFunction>(library_.getSymbol(CROSSGRANT_PLUGIN_API_SYMBOL))();
    if (version != kApiVersion) {
      throw PluginLoadError("plugin " + path + " was built against plugin API version " +
                            std::to_string(version) + "; this crossgrant provides version " +
                            std::to_string(kApiVersion));
    }
  }

 private:
  Poco::SharedLibrary library_;
};

/// Every key under prefix, relative to it, nested names joined with '.'.
void collectSection(const AbstractConfiguration& config, const std::string& prefix,
                    const std::string& relative, PluginConfig& section) {
  AbstractConfiguration::Keys children;
  config.keys(prefix, children);
  for (const std::string& child : children) {
    const std::string full = prefix + "." + child;
    const std::string name = relative.empty() ? child : relative + "." + child;
    if (config.hasProperty(full)) section[name] = config.getString(full);
    collectSection(config, full, name, section);
  }
}

std::string sectionOf(const std::string& key) { return std::string(kSectionPrefix) + "." + key; }

}  // namespace

struct PluginRegistry::Impl {
  struct Loaded {
    std::string path;
    std::unique_ptr<RulesPlugin> plugin;
  };

  ~Impl() {
    plugins.clear();
    for (const std::string& path : libraries) loader.unloadLibrary(path);
  }

  Poco::ClassLoader<RulesPlugin> loader;
  std::vector<std::string> libraries;  ///< one entry per successful loadLibrary()
  std::map<std::string, Loaded, std::less<>> plugins;
};

PluginRegistry::PluginRegistry() : impl_(std::make_unique<Impl>()) {}

PluginRegistry::~PluginRegistry() = default;

PluginRegistry::PluginRegistry(const std::string& directory, const AbstractConfiguration& config)
    : PluginRegistry() {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_directory(directory, error))
    throw PluginLoadError("plugin directory " + directory + " does not exist");
  std::vector<std::string> libraries;
  for (const fs::directory_entry& entry : fs::directory_iterator(directory)) {
    if (entry.path().extension() == ".so" && entry.is_regular_file())
      libraries.push_back(entry.path().string());
  }
  if (libraries.empty())
    throw PluginLoadError("plugin directory " + directory + " holds no plugin library (*.so)");
  std::sort(libraries.begin(), libraries.end());
  for (const std::string& library : libraries) loadLibrary(library, config);

  AbstractConfiguration::Keys sections;
  config.keys(std::string(kSectionPrefix), sections);
  for (const std::string& name : sections) {
    if (name == kDirectoryKey || impl_->plugins.contains(name)) continue;
    std::string loaded;
    for (const std::string& key : keys()) loaded += (loaded.empty() ? "" : ", ") + key;
    throw PluginLoadError("configuration section " + sectionOf(name) +
                          " names no plugin loaded from " + directory + " (loaded: " + loaded +
                          ")");
  }
}

void PluginRegistry::loadLibrary(const std::string& file, const AbstractConfiguration& config) {
  const std::string path = std::filesystem::absolute(file).lexically_normal().string();
  VersionProbe(path).check(path);
  try {
    impl_->loader.loadLibrary(path);
  } catch (const Poco::Exception& error) {
    throw PluginLoadError("cannot load plugin " + path + ": " + error.displayText());
  }

  std::vector<std::unique_ptr<RulesPlugin>> created;
  std::vector<std::string> keys;
  try {
    const auto& manifest = impl_->loader.manifestFor(path);
    for (auto meta = manifest.begin(); meta != manifest.end(); ++meta) {
      if (!(*meta)->canCreate()) {
        throw PluginLoadError("plugin " + path + " exports " + (*meta)->name() +
                              " as a singleton; plugin classes must be created by the loader");
      }
      created.emplace_back((*meta)->create());
    }
    if (created.empty()) throw PluginLoadError("plugin " + path + " exports no plugin class");

    for (const auto& plugin : created) {
      const std::string key = plugin->key();
      if (key.empty() || key == kDirectoryKey || key.find('.') != std::string::npos) {
        throw PluginLoadError("plugin " + path + " has an unusable key '" + key + "'");
      }
      if (const auto other = impl_->plugins.find(key); other != impl_->plugins.end()) {
        throw PluginLoadError("plugin " + path + " provides the key " + key + ", which plugin " +
                              other->second.path + " already provides");
      }
      if (std::find(keys.begin(), keys.end(), key) != keys.end())
        throw PluginLoadError("plugin " + path + " provides the key " + key + " twice");
      keys.push_back(key);

      PluginConfig section;
      collectSection(config, sectionOf(key), "", section);
      try {
        plugin->configure(section);
      } catch (const PluginConfigError& bad) {
        throw PluginLoadError("plugin " + path + ": " + sectionOf(key) + "." + bad.what());
      } catch (const std::exception& failure) {
        throw PluginLoadError("plugin " + path + ": configuring " + key +
                              " failed: " + failure.what());
      }
    }
  } catch (...) {
    created.clear();
    impl_->loader.unloadLibrary(path);
    throw;
  }

  impl_->libraries.push_back(path);
  for (std::size_t i = 0; i < created.size(); ++i)
    impl_->plugins.emplace(keys[i], Impl::Loaded{path, std::move(created[i])});
}

const core::ProgrammeRules* PluginRegistry::rules(std::string_view key) const {
  const auto found = impl_->plugins.find(key);
  return found == impl_->plugins.end() ? nullptr : &found->second.plugin->rules();
}

std::vector<std::string> PluginRegistry::keys() const {
  std::vector<std::string> keys;
  for (const auto& entry : impl_->plugins) keys.push_back(entry.first);
  return keys;
}

core::RulesLookup PluginRegistry::lookup() const {
  return [this](std::string_view key) { return rules(key); };
}

}  // namespace crossgrant::plugin
