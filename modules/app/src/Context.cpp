#include "crossgrant/app/Context.h"

#include <chrono>
#include <utility>

#include "crossgrant/app/audit/AuditKeyFile.h"
#include "crossgrant/core/Errors.h"

namespace crossgrant::app {

Context::Context(Settings settings, std::unique_ptr<store::Database> database,
                 std::unique_ptr<plugin::PluginRegistry> plugins,
                 core::PasswordPolicy passwordPolicy)
    : settings_(std::move(settings)),
      plugins_(std::move(plugins)),
      database_(std::move(database)),
      passwordPolicy_(std::move(passwordPolicy)),
      clock_([] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
      }) {}

Context::~Context() = default;

const core::AuditKey& Context::auditKey() {
  const std::lock_guard<std::mutex> lock(auditKeyMutex_);
  if (!auditKey_) auditKey_ = readAuditKey(settings_.auditKeyFile);
  return *auditKey_;
}

const core::ProgrammeRules& Context::rules(const std::string& rulesKey) const {
  const core::ProgrammeRules* rules = plugins_->rules(rulesKey);
  if (rules == nullptr)
    throw core::InvalidInput("/programme/rules",
                             "no plugin provides programme rules \"" + rulesKey + "\"");
  return *rules;
}

}  // namespace crossgrant::app
