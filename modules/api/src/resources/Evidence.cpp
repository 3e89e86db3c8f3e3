// Evidence files of activities and events (app/workplan/EvidenceService.h): uploaded as the
// file's bytes to …/activities/{activity}/evidence or …/events/{event}/evidence (?name= the
// file's name, ?personal_data=true), listed there and for the whole project at …/evidence,
// downloaded at …/evidence/{id} always as an attachment, flagged with PUT and removed with
// DELETE under their version.
#include "Codecs.h"
#include "Resources.h"
#include "crossgrant/app/workplan/EvidenceService.h"
#include "crossgrant/core/Errors.h"

#include <functional>
#include <tuple>

namespace crossgrant::api {
namespace {

using core::Json;

app::EvidenceService service(const Call& call) {
  return app::EvidenceService(call.context, call.caller());
}

Json entryJson(const app::EvidenceEntry& entry, const std::string& project) {
  return app::evidenceRecord(entry.file)
      .set("downloadable", entry.downloadable)
      .set("object_exists", entry.objectExists)
      .set("href", std::string(kApiPrefix) + "/projects/" + project + "/evidence/" +
                       std::to_string(entry.file.id));
}

Json listJson(const std::vector<app::EvidenceEntry>& entries, const std::string& project) {
  Json list = Json::array();
  for (const app::EvidenceEntry& entry : entries) list.push(entryJson(entry, project));
  return Json::object().set("files", std::move(list));
}

/// A file name for filename*= (RFC 5987): UTF-8 bytes, percent-encoded but for the few that
/// may stand as they are.
std::string encodedName(const std::string& name) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '.' || c == '-' || c == '_' || c == '~';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::int64_t idOf(const Call& call) {
  const std::string& text = call.request.param("id");
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    throw core::NotFound("there is no evidence file \"" + text + "\"");
  return std::stoll(text);
}

/// The upload and listing of one kind of object ("activity" at {activity}, "event" at {event}).
std::function<http::Response(Call&)> uploadTo(const char* kind, const char* parameter) {
  return [kind, parameter](Call& call) {
    call.request.allowQuery({"name", "personal_data"});
    const std::string& project = call.request.param("code");
    const store::EvidenceFile file = service(call).upload(
        project, kind, call.request.param(parameter), call.request.body,
        call.request.queryValue("name").value_or(""), booleanQuery(call.request, "personal_data"));
    const std::string href =
        std::string(kApiPrefix) + "/projects/" + project + "/evidence/" + std::to_string(file.id);
    return created(href, app::evidenceRecord(file), file.version);
  };
}

std::function<http::Response(Call&)> listOf(const char* kind, const char* parameter) {
  return [kind, parameter](Call& call) {
    call.request.allowQuery({});
    const std::string& project = call.request.param("code");
    return http::Response::json(
        200, listJson(service(call).list(project, kind, call.request.param(parameter)), project));
  };
}

http::Response listProject(Call& call) {
  call.request.allowQuery({});
  const std::string& project = call.request.param("code");
  return http::Response::json(200, listJson(service(call).list(project), project));
}

http::Response download(Call& call) {
  call.request.allowQuery({});
  const app::EvidenceDownload got = service(call).download(call.request.param("code"), idOf(call));
  // Never shown by the browser as a page: an attachment of the type the bytes are.
  return http::Response::bytes(200, got.file.contentType, got.bytes)
      .withHeader("Content-Disposition", "attachment; filename=\"evidence-" +
                                             std::to_string(got.file.id) + "\"; filename*=UTF-8''" +
                                             encodedName(got.file.fileName))
      .withHeader("X-Content-Type-Options", "nosniff")
      .withHeader("ETag", "\"" + got.file.sha256 + "\"");
}

http::Response setFlags(Call& call) {
  call.request.allowQuery({});
  Json body = call.request.json();
  const app::BaseVersion version = baseVersion(call.request, &body);
  for (const char* required : {"personal_data", "shared"})
    if (body.isObject() && body.find(required) == nullptr)
      throw core::InvalidInput(std::string("/") + required,
                               "missing: send both flags as they are to be");
  bool personal = false, shared = false;
  if (!body.isObject())
    throw core::InvalidInput("", "expected {\"personal_data\": bool, \"shared\": bool}");
  for (const auto& [key, value] : body.members()) {
    if ((key != "personal_data" && key != "shared") || !value.isBool())
      throw core::InvalidInput(
          "/" + core::escapePointer(key),
          "expected only \"personal_data\" and \"shared\", each true or false");
    (key == "shared" ? shared : personal) = value.asBool();
  }
  const store::EvidenceFile file =
      service(call).setFlags(call.request.param("code"), idOf(call), personal, shared, version);
  return versioned(200, app::evidenceRecord(file), file.version);
}

http::Response remove(Call& call) {
  call.request.allowQuery({});
  service(call).remove(call.request.param("code"), idOf(call), deleteVersion(call.request));
  return http::Response::noContent();
}

}  // namespace

std::vector<Route> evidenceRoutes() {
  const std::string project = std::string(kApiPrefix) + "/projects/{code}";
  const auto read = Access::allowed(core::Operation::kReadProject, scopes::project());
  // Whose the object and file are depends on the data: the service decides.
  const std::string types =
      "application/pdf, image/jpeg, image/png, application/octet-stream, "
      "application/vnd.oasis.opendocument.text, application/vnd.oasis.opendocument.spreadsheet, "
      "application/vnd.oasis.opendocument.presentation, "
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document, "
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, "
      "application/vnd.openxmlformats-officedocument.presentationml.presentation";
  std::vector<Route> routes;
  for (const auto& [collection, kind, parameter] :
       {std::tuple{"activities", "activity", "activity"}, std::tuple{"events", "event", "event"}}) {
    const std::string path = project + "/" + collection + "/{" + parameter + "}/evidence";
    Route upload{"POST", path, read, uploadTo(kind, parameter)};
    upload.bodyType = types;
    upload.upload = true;
    routes.push_back(upload);
    routes.push_back({"GET", path, read, listOf(kind, parameter)});
  }
  routes.push_back({"GET", project + "/evidence", read, listProject});
  routes.push_back({"GET", project + "/evidence/{id}", read, download});
  routes.push_back({"PUT", project + "/evidence/{id}", read, setFlags});
  routes.push_back({"DELETE", project + "/evidence/{id}", read, remove});
  return routes;
}

}  // namespace crossgrant::api
