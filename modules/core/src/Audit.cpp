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

}  // namespace

Json auditEntryToJson(const AuditEntry& entry) {
  return Json::object()
      .set("sequence", entry.sequence)
      .set("at", entry.at)
      .set("user", entry.user)
      .set("role", entry.role)
      .set("client", entry.client)
      .set("action", entry.action)
      .set("object_type", entry.objectType)
      .set("object_key", entry.objectKey)
      .set("project", entry.project)
      .set("before", stateJson(entry.before))
      .set("after", stateJson(entry.after))
      .set("previous_hash", entry.previousHash)
      .set("hash", entry.hash);
}

}  // namespace crossgrant::core
