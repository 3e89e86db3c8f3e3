// THE plugin API: what a crossgrant plugin compiles against. A plugin is a shared library
// (CMake MODULE) that exports one class through a Poco::ClassLoader manifest and its API
// version through CROSSGRANT_RULES_PLUGIN; the loader refuses a library built against
// another API version before touching any of its classes.
//
// Lifecycle: the loader creates the object, calls configure() once with the plugin's own
// section of crossgrant.properties, then only calls const members (thread-safe from then on).
// The loader destroys the object before it unloads the library.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <Poco/ClassLibrary.h>

#include "crossgrant/core/Errors.h"
#include "crossgrant/core/ProgrammeRules.h"

namespace crossgrant::plugin {

/// Bump when anything in this header set changes in a way that breaks compiled plugins.
inline constexpr int kApiVersion = 2;

/// A plugin's configuration: its section of crossgrant.properties, keys without the
/// "plugins.<key>." prefix ("fund_rate_cap" for "plugins.interreg-2014-2020.fund_rate_cap").
using PluginConfig = std::map<std::string, std::string>;

/// One configuration key a plugin accepts, for documentation and `--help` output.
struct ConfigKey {
  std::string name;
  std::string defaultValue;
  std::string description;
};

/// Thrown by configure() for an unknown key or a bad value. what() is "KEY: PROBLEM", KEY
/// being the key within the plugin's section; the loader prefixes it with "plugins.<key>.".
class PluginConfigError : public core::ConfigurationError {
 public:
  PluginConfigError(const std::string& key, const std::string& problem)
      : core::ConfigurationError(key + ": " + problem) {}
};

/// A programme-rules plugin: cost categories, fund-rate cap, flat rates, reporting period
/// length and rounding of one programme family, as plain data for the domain code.
class RulesPlugin {
 public:
  virtual ~RulesPlugin() = default;
  /// The rules key bundles name, e.g. "interreg-2014-2020".
  virtual std::string key() const = 0;
  /// The keys configure() accepts, with defaults.
  virtual std::vector<ConfigKey> configKeys() const = 0;
  /// Applies the configuration; unknown keys and bad values throw PluginConfigError.
  virtual void configure(const PluginConfig& config) = 0;
  /// The rules as configured. Valid until the plugin is destroyed.
  virtual const core::ProgrammeRules& rules() const = 0;
};

}  // namespace crossgrant::plugin

/// The C symbol through which the loader reads a library's API version.
#define CROSSGRANT_PLUGIN_API_SYMBOL "crossgrantPluginApiVersion"

/// Put once in a plugin's .cpp: exports Class through the manifest and the API version.
#define CROSSGRANT_RULES_PLUGIN(Class)                                                 \
  extern "C" __attribute__((visibility("default"))) int crossgrantPluginApiVersion() { \
    return ::crossgrant::plugin::kApiVersion;                                          \
  }                                                                                    \
  POCO_BEGIN_MANIFEST(::crossgrant::plugin::RulesPlugin)                               \
  POCO_EXPORT_CLASS(Class)                                                             \
  POCO_END_MANIFEST
