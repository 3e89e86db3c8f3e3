// GET /api/v1/audit?project=&from=&to=&after=&limit= answers {"entries": [...], "next"}:
// entries in sequence order (core::auditEntryToJson), at most limit (1-1000, default 100),
// and next, the after= of the following page, or null on the last. Auditors and admins; the
// trail of one project to whoever may read that project's trail.
#include <cstdint>

#include "Codecs.h"
#include "Resources.h"
#include "crossgrant/app/audit/AuditService.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/http/HttpError.h"

namespace crossgrant::api {
namespace {

constexpr std::int64_t kDefaultPage = 100;
constexpr std::int64_t kMaxPage = 1000;

http::Response audit(Call& call) {
  const http::Request& request = call.request;
  request.allowQuery({"project", "from", "to", "after", "limit"});
  store::AuditFilter filter;
  filter.project = request.queryValue("project").value_or("");
  try {
    app::setAuditPeriod(filter, request.queryValue("from"), request.queryValue("to"), "from", "to");
  } catch (const core::InvalidInput& e) {
    const core::ValidationError& error = e.errors().front();
    throw http::badRequest("query parameter '" + error.pointer + "' " + error.message);
  }
  filter.afterSequence = integerQuery(request, "after", 0, INT64_MAX).value_or(0);
  const std::int64_t limit = integerQuery(request, "limit", 1, kMaxPage).value_or(kDefaultPage);
  filter.limit = static_cast<std::size_t>(limit) + 1;
  std::vector<core::AuditEntry> entries = app::AuditService(call.context).entries(filter);
  const bool more = entries.size() > static_cast<std::size_t>(limit);
  if (more) entries.pop_back();
  core::Json list = core::Json::array();
  for (const core::AuditEntry& entry : entries) list.push(core::auditEntryToJson(entry));
  return http::Response::json(
      200, core::Json::object()
               .set("entries", std::move(list))
               .set("next", more ? core::Json(entries.back().sequence) : core::Json()));
}

http::Response verify(Call& call) {
  const http::Request& request = call.request;
  request.allowQuery({"sequence", "mac"});
  const std::optional<std::string> sequence = request.queryValue("sequence");
  const std::optional<std::string> mac = request.queryValue("mac");
  std::optional<core::AuditHead> exported;
  if (sequence || mac) {
    if (!sequence || !mac)
      throw http::badRequest("query parameters 'sequence' and 'mac' go together: an exported head");
    try {
      exported = core::auditHeadFromJson(
          core::Json::object()
              .set("format", core::auditHeadToJson({}).find("format")->asString())
              .set("sequence", integerQuery(request, "sequence", 0, INT64_MAX).value_or(0))
              .set("mac", *mac));
    } catch (const core::InvalidInput& e) {
      const core::ValidationError& error = e.errors().front();
      throw http::badRequest("query parameter '" + error.pointer.substr(1) + "' " + error.message);
    }
  }
  const store::AuditVerification result = app::AuditService(call.context).verify(exported);
  core::Json broken;
  if (result.broken)
    broken = core::Json::object()
                 .set("sequence", result.broken->sequence)
                 .set("kind", result.broken->kind == store::AuditBreak::Kind::kAltered ? "altered"
                                                                                       : "removed")
                 .set("message", result.broken->message);
  return http::Response::json(
      200, core::Json::object()
               .set("intact", result.intact())
               .set("checked", result.checked)
               .set("head", result.intact() ? core::auditHeadToJson(result.head) : core::Json())
               .set("broken", std::move(broken)));
}

}  // namespace

std::vector<Route> auditRoutes() {
  return {{"GET", std::string(kApiPrefix) + "/audit",
           Access::allowed(core::Operation::kReadAudit, scopes::auditedProject()), audit},
          {"GET", std::string(kApiPrefix) + "/audit/verify",
           Access::allowed(core::Operation::kReadAudit, scopes::none()), verify}};
}

}  // namespace crossgrant::api
