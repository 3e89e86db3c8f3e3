// Helpers of the plugin tests: the shipped configuration, the built plugin directory, and
// the message of the PluginLoadError an action throws, and a substring test for it.
#pragma once

#include <functional>
#include <string>

#include <Poco/AutoPtr.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include "TestSupport.h"
#include "crossgrant/plugin/PluginRegistry.h"

namespace crossgrant::plugin::test {

inline std::string pluginDirectory() { return crossgrant::test::binaryDir() + "/plugins"; }

/// build/config/crossgrant.properties as shipped; writable, for overrides.
inline Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> shippedConfig() {
  return new Poco::Util::PropertyFileConfiguration(crossgrant::test::binaryDir() +
                                                   "/config/crossgrant.properties");
}

/// The message of the PluginLoadError action throws; "" when it throws nothing.
inline std::string loadError(const std::function<void()>& action) {
  try {
    action();
  } catch (const PluginLoadError& error) {
    return error.what();
  }
  return "";
}

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace crossgrant::plugin::test
