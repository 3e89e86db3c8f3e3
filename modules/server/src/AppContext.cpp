#include "AppContext.h"

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace crossgrant::server {

AppContext::AppContext(Settings settings, const Poco::Util::AbstractConfiguration& config)
    : settings_(std::move(settings)),
      plugins_(std::make_unique<plugin::PluginRegistry>(settings_.pluginDirectory, config)),
      database_(store::Database::open(settings_.databaseUrl)),
      clock_([] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
      }) {
  if (!settings_.commonPasswordsFile.empty()) {
    std::ifstream in(settings_.commonPasswordsFile, std::ios::binary);
    if (!in)
      throw std::runtime_error("cannot read the list of common passwords " +
                               settings_.commonPasswordsFile + " (auth.common_passwords)");
    std::ostringstream text;
    text << in.rdbuf();
    passwordPolicy_ = core::PasswordPolicy::withCommonList(text.str());
  }
}

AppContext::~AppContext() = default;

}  // namespace crossgrant::server
