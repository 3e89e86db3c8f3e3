// GET /api/v1/audit?project=|programme=&user=&action=&from=&to=&after=&limit= answers {"entries":
// [...], "next"}: entries in the order they were appended (core::auditEntryToJson), at most limit
// (1-1000, default 100), and next, the after= of the following page (an entry's id), or null on
// the last. Auditors and admins; the entries of one project (the one that has the code now) or
// of one programme's projects (deleted ones included) to whoever may read their trail.
// GET /api/v1/audit/verify?chain=&sequence=&mac= walks every chain ({"intact", "checked",
// "chains", "heads", "broken"}); with sequence and mac, the chain (default "installation")
// must still hold that exported head.
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
  request.allowQuery({"project", "programme", "user", "action", "from", "to", "after", "limit"});
  store::AuditFilter filter;
  app::AuditService service(call.context);
  const std::optional<std::string> project = request.queryValue("project");
  const std::optional<std::string> programme = request.queryValue("programme");
  if (project && programme)
    throw http::badRequest(
        "query parameters 'project' and 'programme' exclude each other: give one of them");
  filter.user = request.queryValue("user").value_or("");
  filter.action = request.queryValue("action").value_or("");
  if (project) service.selectProject(filter, *project);
  if (programme) service.selectProgramme(filter, *programme);
  try {
    app::setAuditPeriod(filter, request.queryValue("from"), request.queryValue("to"), "from", "to");
  } catch (const core::InvalidInput& e) {
    const core::ValidationError& error = e.errors().front();
    throw http::badRequest("query parameter '" + error.pointer + "' " + error.message);
  }
  filter.afterId = integerQuery(request, "after", 0, INT64_MAX).value_or(0);
  const std::int64_t limit = integerQuery(request, "limit", 1, kMaxPage).value_or(kDefaultPage);
  filter.limit = static_cast<std::size_t>(limit) + 1;
  std::vector<core::AuditEntry> entries = service.entries(filter);
  const bool more = entries.size() > static_cast<std::size_t>(limit);
  if (more) entries.pop_back();
  core::Json list = core::Json::array();
  for (const core::AuditEntry& entry : entries) list.push(core::auditEntryToJson(entry));
  return http::Response::json(
      200, core::Json::object()
               .set("entries", std::move(list))
               .set("next", more ? core::Json(entries.back().id) : core::Json()));
}

http::Response verify(Call& call) {
  const http::Request& request = call.request;
  request.allowQuery({"chain", "sequence", "mac"});
  const std::optional<std::string> chainName = request.queryValue("chain");
  const std::optional<std::string> sequence = request.queryValue("sequence");
  const std::optional<std::string> mac = request.queryValue("mac");
  std::optional<core::AuditHeads> exported;
  if (sequence || mac || chainName) {
    if (!sequence || !mac)
      throw http::badRequest(
          "query parameters 'sequence' and 'mac' go together: an exported head (of the chain "
          "'chain', by default the installation's)");
    const std::optional<std::string> chain = core::auditChainOf(chainName.value_or("installation"));
    if (!chain)
      throw http::badRequest("query parameter 'chain' is \"" + *chainName +
                             "\"; expected installation or project:IDENTITY");
    try {
      const core::AuditHeads head = core::auditHeadsFromJson(
          core::Json::object()
              .set("format", "crossgrant-audit-head/1")
              .set("sequence", integerQuery(request, "sequence", 0, INT64_MAX).value_or(0))
              .set("mac", *mac));
      exported = core::AuditHeads{{*chain, head.at("")}};
    } catch (const core::InvalidInput& e) {
      const core::ValidationError& error = e.errors().front();
      throw http::badRequest("query parameter '" + error.pointer.substr(1) + "' " + error.message);
    }
  }
  const store::AuditVerification result = app::AuditService(call.context).verify(exported);
  core::Json broken;
  if (result.broken)
    broken = core::Json::object()
                 .set("chain", core::auditChainName(result.broken->chain))
                 .set("sequence", result.broken->sequence)
                 .set("kind", result.broken->kind == store::AuditBreak::Kind::kAltered ? "altered"
                                                                                       : "removed")
                 .set("message", result.broken->message);
  return http::Response::json(
      200, core::Json::object()
               .set("intact", result.intact())
               .set("checked", result.checked)
               .set("chains", result.chains)
               .set("heads", result.intact() ? core::auditHeadsToJson(result.heads) : core::Json())
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
