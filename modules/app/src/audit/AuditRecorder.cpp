#include "crossgrant/app/audit/AuditRecorder.h"

#include "crossgrant/core/BundleCodec.h"
#include "crossgrant/core/Date.h"
#include "crossgrant/store/AuditLog.h"

namespace crossgrant::app {

using core::Json;

void recordChange(store::Connection& db, const core::AuditKey& key, const core::Actor& actor,
                  std::string action, std::string objectType, std::string objectKey,
                  std::string project, const std::optional<Json>& before,
                  const std::optional<Json>& after, std::string projectIdentity) {
  core::AuditEntry entry;
  entry.user = actor.user;
  entry.role = actor.role;
  entry.client = actor.client;
  entry.action = std::move(action);
  entry.objectType = std::move(objectType);
  entry.objectKey = std::move(objectKey);
  entry.project = std::move(project);
  entry.projectIdentity = std::move(projectIdentity);
  if (before) entry.before = before->dump(false);
  if (after) entry.after = after->dump(false);
  store::appendAudit(db, key, std::move(entry));
}

Json programmeRecord(const Versioned<core::Programme>& programme) {
  Json object = core::programmeToJson(programme.value);
  object.set("version", programme.version);
  return object;
}

Json projectRecord(const Versioned<core::Project>& project) {
  Json object = core::projectToJson(project.value);
  object.prepend("programme", project.value.programmeCode).set("version", project.version);
  return object;
}

Json partnerRecord(const Versioned<core::Partner>& partner) {
  Json object = core::partnerToJson(partner.value);
  object.set("version", partner.version);
  return object;
}

Json grantRecord(const core::Grant& grant) {
  Json json = Json::object().set("role", core::toString(grant.role));
  if (!grant.programme.empty()) json.set("programme", grant.programme);
  if (!grant.project.empty()) json.set("project", grant.project);
  if (!grant.partner.empty()) json.set("partner", grant.partner);
  return json;
}

Json userRecord(const store::UserRecord& user, const std::vector<core::Grant>& grants) {
  Json roles = Json::array();
  for (const core::Grant& grant : grants) roles.push(grantRecord(grant));
  return Json::object()
      .set("name", user.name)
      .set("display_name", user.displayName)
      .set("disabled", user.disabled)
      .set("created_at", user.createdAt)
      .set("changed_at", user.changedAt)
      .set("version", user.version)
      .set("roles", std::move(roles));
}

Json sessionRecord(const store::SessionRecord& session) {
  return Json::object()
      .set("id", session.id)
      .set("user", session.userName)
      .set("created_at", core::utcTimestamp(session.createdAt))
      .set("last_seen_at", core::utcTimestamp(session.lastSeenAt))
      .set("expires_at", core::utcTimestamp(session.expiresAt))
      .set("client", session.clientAddress)
      .set("user_agent", session.userAgent);
}

Json submittedReportRecord(const store::SubmittedReport& report) {
  return Json::object()
      .set("id", report.id)
      .set("project", report.project)
      .set("kind", report.kind)
      .set("period", report.period ? Json(std::int64_t{*report.period}) : Json())
      .set("partner", report.partner.empty() ? Json() : Json(report.partner))
      .set("language", report.language)
      .set("file_name", report.fileName)
      .set("sha256", report.sha256)
      .set("size", report.size)
      .set("submitted_at", report.submittedAt)
      .set("submitted_by", report.submittedBy)
      .set("rules", report.rulesFingerprint.empty() ? Json() : Json(report.rulesFingerprint))
      .set("links",
           Json::object().set("pdf", "/api/v1/reports/" + std::to_string(report.id) + "/pdf"));
}

}  // namespace crossgrant::app
