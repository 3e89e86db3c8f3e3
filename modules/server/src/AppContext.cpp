#include "AppContext.h"

#include <utility>

namespace crossgrant::server {

AppContext::AppContext(Settings settings, const Poco::Util::AbstractConfiguration& config)
    : settings_(std::move(settings)),
      plugins_(std::make_unique<plugin::PluginRegistry>(settings_.pluginDirectory, config)),
      database_(store::Database::open(settings_.databaseUrl)) {}

AppContext::~AppContext() = default;

}  // namespace crossgrant::server
