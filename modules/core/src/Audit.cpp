#include "crossgrant/core/Audit.h"

#include "crossgrant/core/Errors.h"

namespace crossgrant::core {
namespace {

Json stateJson(const std::optional<std::string>& state) {
  if (!state) return Json();
  try {
    return Json::parse(*state);
  } catch (const InvalidInput&) {
    return Json(*state);
  }
}

constexpr std::string_view kInstallationChain = "installation";
constexpr std::string_view kProjectChainPrefix = "project:";

}  // namespace

std::string auditChainName(const std::string& chain) {
  return chain.empty() ? std::string(kInstallationChain) : std::string(kProjectChainPrefix) + chain;
}

std::optional<std::string> auditChainOf(std::string_view name) {
  if (name == kInstallationChain) return std::string();
  if (name.size() > kProjectChainPrefix.size() &&
      name.substr(0, kProjectChainPrefix.size()) == kProjectChainPrefix)
    return std::string(name.substr(kProjectChainPrefix.size()));
  return std::nullopt;
}

Json auditEntryToJson(const AuditEntry& entry) {
  return Json::object()
      .set("id", entry.id)
      .set("chain", auditChainName(entry.chain))
      .set("sequence", entry.sequence)
      .set("at", entry.at)
      .set("user", entry.user)
      .set("role", entry.role)
      .set("client", entry.client)
      .set("action", entry.action)
      .set("object_type", entry.objectType)
      .set("object_key", entry.objectKey)
      .set("project", entry.project)
      .set("project_identity", entry.projectIdentity.empty() ? Json() : Json(entry.projectIdentity))
      .set("before", stateJson(entry.before))
      .set("after", stateJson(entry.after))
      .set("previous_hash", entry.previousHash)
      .set("hash", entry.hash);
}

}  // namespace crossgrant::core
