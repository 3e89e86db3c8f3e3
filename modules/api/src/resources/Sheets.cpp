// The activities and events sheets (docs/spreadsheets.md, app/workplan/PlanSheets.h): GET
// …/sheets/{kind} writes what the project has (?template=true: the empty sheet with the
// project's target groups), as CSV or XLSX (?format=) in a language (?lang=); POST imports a
// sheet sent as text/csv or as an XLSX workbook, all rows or none, each error at its row and
// column.
#include "Codecs.h"
#include "Resources.h"
#include "crossgrant/app/grants/ProjectService.h"
#include "crossgrant/app/workplan/PlanSheets.h"
#include "crossgrant/core/Errors.h"

namespace crossgrant::api {
namespace {

using core::Json;

constexpr const char* kCsv = "text/csv";
constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

app::SheetKind kindOf(const Call& call) {
  const auto kind = app::parseSheetKind(call.request.param("kind"));
  if (!kind)
    throw core::NotFound("there is no sheet \"" + call.request.param("kind") +
                         "\"; the sheets are activities and events");
  return *kind;
}

std::string languageOf(const Call& call) {
  const std::string lang = call.request.queryValue("lang").value_or("en");
  if (lang != "lv" && lang != "lt" && lang != "en")
    throw core::InvalidInput("/lang", "is lv, lt or en, not \"" + lang + "\"");
  return lang;
}

app::SheetFormat formatOf(const std::string& text) {
  if (text == "csv") return app::SheetFormat::kCsv;
  if (text == "xlsx") return app::SheetFormat::kXlsx;
  throw core::InvalidInput("/format", "is csv or xlsx, not \"" + text + "\"");
}

http::Response getSheet(Call& call) {
  call.request.allowQuery({"format", "lang", "template"});
  const std::string& project = call.request.param("code");
  const app::SheetKind kind = kindOf(call);
  const app::SheetFormat format = formatOf(call.request.queryValue("format").value_or("csv"));
  const std::string lang = languageOf(call);
  const bool empty = booleanQuery(call.request, "template");
  std::string bytes;
  if (empty) {
    app::ProjectService projects(call.context, call.caller());
    bytes = app::sheetTemplate(kind, projects.projectRules(project), lang, format);
  } else {
    bytes = app::PlanSheets(call.context, call.caller()).exportSheet(project, kind, lang, format);
  }
  const std::string name = call.request.param("kind") + (empty ? "-template" : "-" + project) +
                           (format == app::SheetFormat::kXlsx ? ".xlsx" : ".csv");
  return http::Response::bytes(
             200, format == app::SheetFormat::kXlsx ? kXlsx : "text/csv; charset=utf-8",
             std::move(bytes))
      .withHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
}

http::Response importSheet(Call& call) {
  call.request.allowQuery({"lang", "update", "delimiter", "sheet", "file"});
  app::SheetImport options;
  std::string type = call.request.header("Content-Type").value_or("");
  for (char& c : type) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  options.format = type.rfind(kXlsx, 0) == 0 ? app::SheetFormat::kXlsx : app::SheetFormat::kCsv;
  options.language = languageOf(call);
  options.update = booleanQuery(call.request, "update");
  options.sheet = call.request.queryValue("sheet").value_or("");
  options.fileName = call.request.queryValue("file").value_or("");
  if (const auto delimiter = call.request.queryValue("delimiter")) {
    if (*delimiter != "," && *delimiter != ";")
      throw core::InvalidInput("/delimiter", "is , or ;, not \"" + *delimiter + "\"");
    options.delimiter = delimiter->front();
  }
  const app::SheetImportResult result =
      app::PlanSheets(call.context, call.caller())
          .importSheet(call.request.param("code"), kindOf(call), call.request.body, options);
  const auto list = [](const std::vector<std::string>& codes) {
    Json json = Json::array();
    for (const std::string& code : codes) json.push(code);
    return json;
  };
  return http::Response::json(
      200,
      Json::object().set("created", list(result.created)).set("updated", list(result.updated)));
}

}  // namespace

std::vector<Route> sheetRoutes() {
  const std::string sheets = std::string(kApiPrefix) + "/projects/{code}/sheets/{kind}";
  using core::Operation;
  const auto read = Access::allowed(Operation::kReadProject, scopes::project());
  // Whose each row is depends on the data: the import decides (kWritePartnerWork).
  Route import{"POST", sheets, read, importSheet};
  import.bodyType = std::string(kCsv) + ", " + kXlsx;
  return {{"GET", sheets, read, getSheet}, import};
}

}  // namespace crossgrant::api
