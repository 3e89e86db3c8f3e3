// Loads the plugins of a directory with Poco::ClassLoader, checks their API version,
// configures each from its section of the configuration, and answers which rules a key
// names. Lookups are thread-safe once loading is done; loading is not.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/core/BundleCodec.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/ProgrammeRules.h"

namespace Poco::Util {
class AbstractConfiguration;
}

namespace crossgrant::plugin {

/// A plugin that cannot be loaded: wrong API version (the message names both versions),
/// missing symbols, duplicate key, bad configuration. The message names the library file.
class PluginLoadError : public core::ConfigurationError {
 public:
  using core::ConfigurationError::ConfigurationError;
};

class PluginRegistry {
 public:
  /// Loads every shared library (*.so) in directory, in name order, configuring each plugin
  /// from the keys "plugins.<key>.*" of config. Throws PluginLoadError for a missing or empty
  /// directory, for the first library that fails, and for a section "plugins.<name>.*" that
  /// names no loaded plugin ("plugins.directory" is the loader's own key).
  PluginRegistry(const std::string& directory, const Poco::Util::AbstractConfiguration& config);
  /// Loads one library file and every plugin class its manifest exports. The library must
  /// export CROSSGRANT_PLUGIN_API_SYMBOL returning plugin::kApiVersion; its plugins' keys must
  /// be new to this registry. On failure nothing of the library stays loaded.
  void loadLibrary(const std::string& path, const Poco::Util::AbstractConfiguration& config);
  /// An empty registry, to be filled with loadLibrary().
  PluginRegistry();
  /// Destroys every plugin object, then unloads the libraries.
  ~PluginRegistry();
  PluginRegistry(const PluginRegistry&) = delete;
  PluginRegistry& operator=(const PluginRegistry&) = delete;

  /// The rules of a key, or nullptr when no plugin provides it.
  const core::ProgrammeRules* rules(std::string_view key) const;
  /// The keys of every loaded plugin, sorted.
  std::vector<std::string> keys() const;
  /// rules() as a RulesLookup for the bundle codec; valid while the registry lives.
  core::RulesLookup lookup() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace crossgrant::plugin
