#include "AuditTrail.h"

#include "crossgrant/core/Date.h"
#include "crossgrant/core/Errors.h"

namespace crossgrant::server {

void recordChange(store::Connection& db, const core::Actor& actor, std::string action,
                  std::string objectType, std::string objectKey, std::string project,
                  const std::optional<core::Json>& before, const std::optional<core::Json>& after) {
  core::AuditEntry entry;
  entry.user = actor.user;
  entry.role = actor.role;
  entry.client = actor.client;
  entry.action = std::move(action);
  entry.objectType = std::move(objectType);
  entry.objectKey = std::move(objectKey);
  entry.project = std::move(project);
  if (before) entry.before = before->dump(false);
  if (after) entry.after = after->dump(false);
  store::appendAudit(db, std::move(entry));
}
namespace {

core::Json stateJson(const std::optional<std::string>& state) {
  if (!state) return core::Json();
  try {
    return core::Json::parse(*state);
  } catch (const core::InvalidInput&) {
    return core::Json(*state);
  }
}

std::optional<core::Date> dateOf(const std::optional<std::string>& text, const std::string& name) {
  if (!text) return std::nullopt;
  const std::optional<core::Date> date = core::Date::parse(*text);
  if (!date) {
    throw core::InvalidInput(name, "expected a date YYYY-MM-DD (UTC), not \"" + *text + "\"");
  }
  return date;
}

}  // namespace

core::Json auditEntryJson(const core::AuditEntry& entry) {
  return core::Json::object()
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

std::string endOfDay(const core::Date& day) { return day.toString() + "T24"; }

void setAuditPeriod(store::AuditFilter& filter, const std::optional<std::string>& from,
                    const std::optional<std::string>& to, const std::string& fromName,
                    const std::string& toName) {
  const std::optional<core::Date> first = dateOf(from, fromName);
  const std::optional<core::Date> last = dateOf(to, toName);
  if (first && last && *last < *first) {
    throw core::InvalidInput(
        toName, "is " + last->toString() + ", before " + fromName + " " + first->toString());
  }
  // Times are "YYYY-MM-DDTHH:MM:SS.mmmZ", so every time of a day sorts at or after the day.
  if (first) filter.from = first->toString();
  if (last) filter.before = endOfDay(*last);
}

}  // namespace crossgrant::server
