#include "crossgrant/app/workplan/PlanSheets.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <utility>

#include "crossgrant/app/Context.h"
#include "crossgrant/app/audit/AuditRecorder.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/PlanObjects.h"
#include "crossgrant/core/Policy.h"
#include "crossgrant/sheets/Csv.h"
#include "crossgrant/sheets/Xlsx.h"
#include "crossgrant/store/ProjectRepository.h"
#include "crossgrant/store/WorkPlanRepository.h"

namespace crossgrant::app {
namespace {

using core::Json;
using sheets::Cell;
using store::Connection;
using store::PlanObject;

constexpr std::size_t kMostErrors = 1000;

/// A text in en, lv and lt.
struct Words {
  const char* en;
  const char* lv;
  const char* lt;
  std::string in(std::string_view lang) const { return lang == "lv" ? lv : lang == "lt" ? lt : en; }
};

enum class Value { kText, kTexts, kDate, kCount, kBoolean, kStatus, kKind, kTime };

struct Column {
  std::string key;
  Words label;
  Words help;
  Value value = Value::kText;
  std::string field;  ///< where it goes in the object's bundle form ("planned/start")
};

const std::vector<Column>& activityColumns() {
  static const std::vector<Column> columns = {
      {"work_package",
       {"Work package", "Darba pakete", "Darbo paketas"},
       {"The work package's code, e.g. WP2.", "Darba paketes kods, piem., WP2.",
        "Darbo paketo kodas, pvz., WP2."},
       Value::kText,
       "work_package"},
      {"work_package_title",
       {"Work package title", "Darba paketes nosaukums", "Darbo paketo pavadinimas"},
       {"Creates the work package when its code is new.",
        "Izveido darba paketi, ja tās kods ir jauns.",
        "Sukuria darbo paketą, jei jo kodas naujas."},
       Value::kText,
       ""},
      {"code",
       {"Activity", "Aktivitāte", "Veikla"},
       {"The activity's code; empty: the next free one (A2.4).",
        "Aktivitātes kods; tukšs: nākamais brīvais (A2.4).",
        "Veiklos kodas; tuščias: kitas laisvas (A2.4)."},
       Value::kText,
       "code"},
      {"title",
       {"Title", "Nosaukums", "Pavadinimas"},
       {"In the sheet's language.", "Lapas valodā.", "Lapo kalba."},
       Value::kTexts,
       "title"},
      {"partner",
       {"Partner", "Partneris", "Partneris"},
       {"The responsible partner's code, e.g. PP4.", "Atbildīgā partnera kods, piem., PP4.",
        "Atsakingo partnerio kodas, pvz., PP4."},
       Value::kText,
       "partner"},
      {"status",
       {"Status", "Statuss", "Būsena"},
       {"planned, ongoing, done or cancelled.", "Plānota, Notiek, Pabeigta vai Atcelta.",
        "Planuojama, Vykdoma, Baigta arba Atšaukta."},
       Value::kStatus,
       "status"},
      {"planned_start",
       {"Planned start", "Plānotais sākums", "Planuota pradžia"},
       {"A date: 2019-02-05 or 05.02.2019.", "Datums: 2019-02-05 vai 05.02.2019.",
        "Data: 2019-02-05 arba 05.02.2019."},
       Value::kDate,
       "planned/start"},
      {"planned_end",
       {"Planned end", "Plānotās beigas", "Planuota pabaiga"},
       {"A date.", "Datums.", "Data."},
       Value::kDate,
       "planned/end"},
      {"actual_start",
       {"Actual start", "Faktiskais sākums", "Faktinė pradžia"},
       {"A date; needed once the activity is ongoing or done.",
        "Datums; vajadzīgs, kad aktivitāte notiek vai ir pabeigta.",
        "Data; reikia, kai veikla vykdoma ar baigta."},
       Value::kDate,
       "actual/start"},
      {"actual_end",
       {"Actual end", "Faktiskās beigas", "Faktinė pabaiga"},
       {"A date; needed once the activity is done.",
        "Datums; vajadzīgs, kad aktivitāte ir pabeigta.", "Data; reikia, kai veikla baigta."},
       Value::kDate,
       "actual/end"},
      {"location",
       {"Location", "Vieta", "Vieta"},
       {"Optional.", "Nav obligāts.", "Neprivaloma."},
       Value::kText,
       "location"},
      {"description",
       {"Description", "Apraksts", "Aprašymas"},
       {"Optional, in the sheet's language.", "Nav obligāts, lapas valodā.",
        "Neprivaloma, lapo kalba."},
       Value::kTexts,
       "description"},
  };
  return columns;
}

const std::vector<Column>& eventColumns() {
  static const std::vector<Column> columns = {
      {"code",
       {"Event", "Pasākums", "Renginys"},
       {"The event's code; empty: the next free one (E41).",
        "Pasākuma kods; tukšs: nākamais brīvais (E41).",
        "Renginio kodas; tuščias: kitas laisvas (E41)."},
       Value::kText,
       "code"},
      {"activity",
       {"Activity", "Aktivitāte", "Veikla"},
       {"The code of the activity it belongs to.", "Aktivitātes kods, kurai tas pieder.",
        "Veiklos, kuriai jis priklauso, kodas."},
       Value::kText,
       "activity"},
      {"kind",
       {"Kind", "Veids", "Rūšis"},
       {"A kind of event of the programme's rules.",
        "Programmas noteikumos paredzēts pasākuma veids.",
        "Programos taisyklėse numatyta renginio rūšis."},
       Value::kKind,
       "kind"},
      {"title",
       {"Title", "Nosaukums", "Pavadinimas"},
       {"In the sheet's language.", "Lapas valodā.", "Lapo kalba."},
       Value::kTexts,
       "title"},
      {"start",
       {"Start", "Sākums", "Pradžia"},
       {"A date: 2019-02-05 or 05.02.2019.", "Datums: 2019-02-05 vai 05.02.2019.",
        "Data: 2019-02-05 arba 05.02.2019."},
       Value::kDate,
       "start"},
      {"end",
       {"End", "Beigas", "Pabaiga"},
       {"A date; empty for one day.", "Datums; tukšs, ja viena diena.",
        "Data; tuščia, jei viena diena."},
       Value::kDate,
       "end"},
      {"time",
       {"Time", "Laiks", "Laikas"},
       {"Optional, HH:MM.", "Nav obligāts, SS:MM.", "Neprivaloma, VV:MM."},
       Value::kTime,
       "time"},
      {"place",
       {"Place", "Norises vieta", "Vieta"},
       {"Optional.", "Nav obligāts.", "Neprivaloma."},
       Value::kText,
       "place"},
      {"online",
       {"Online", "Tiešsaistē", "Nuotoliniu būdu"},
       {"yes or no; empty: no.", "jā vai nē; tukšs: nē.", "taip arba ne; tuščia: ne."},
       Value::kBoolean,
       "online"},
      {"partner",
       {"Partner", "Partneris", "Partneris"},
       {"The organising partner's code.", "Rīkotāja partnera kods.",
        "Organizuojančio partnerio kodas."},
       Value::kText,
       "partner"},
      {"participants",
       {"Participants", "Dalībnieki", "Dalyviai"},
       {"Attendances counted, a whole number.", "Uzskaitītie apmeklējumi, vesels skaitlis.",
        "Suskaičiuoti apsilankymai, sveikasis skaičius."},
       Value::kCount,
       "participants/total"},
      {"unique_participants",
       {"Unique participants", "Unikālie dalībnieki", "Unikalūs dalyviai"},
       {"Different people, where counted; at most Participants.",
        "Dažādi cilvēki, ja skaitīti; ne vairāk kā Dalībnieki.",
        "Skirtingi žmonės, jei skaičiuota; ne daugiau nei Dalyviai."},
       Value::kCount,
       "participants/unique"},
  };
  return columns;
}

const char* const kTargetGroupPrefix = "tg:";

/// The sheet's columns: those of its kind, and for events one per target group of the rules.
std::vector<Column> columnsOf(SheetKind kind, const core::ProgrammeRules& rules) {
  std::vector<Column> columns = kind == SheetKind::kActivities ? activityColumns() : eventColumns();
  if (kind == SheetKind::kEvents)
    for (const core::Labelled& group : rules.targetGroups) {
      Column column{
          kTargetGroupPrefix + group.key,
          {},
          {"How many of the participants were in this target group.",
           "Cik dalībnieku bija šajā mērķa grupā.", "Kiek dalyvių buvo šioje tikslinėje grupėje."},
          Value::kCount,
          "participants/by_target_group/" + group.key};
      columns.push_back(std::move(column));
    }
  return columns;
}

std::string labelOf(const Column& column, const core::ProgrammeRules& rules,
                    std::string_view lang) {
  if (column.key.starts_with(kTargetGroupPrefix)) {
    const std::string key = column.key.substr(3);
    for (const core::Labelled& group : rules.targetGroups)
      if (group.key == key) return group.label(lang);
  }
  return column.label.in(lang);
}

/// A header or word as it is compared: no surrounding spaces (no-break spaces included), and
/// the capitals of English, Latvian and Lithuanian in lower case.
std::string folded(std::string_view text) {
  static const std::pair<std::string_view, std::string_view> kCapitals[] = {
      {"Ā", "ā"}, {"Č", "č"}, {"Ē", "ē"}, {"Ģ", "ģ"}, {"Ī", "ī"}, {"Ķ", "ķ"},
      {"Ļ", "ļ"}, {"Ņ", "ņ"}, {"Š", "š"}, {"Ū", "ū"}, {"Ž", "ž"}, {"Ą", "ą"},
      {"Ę", "ę"}, {"Ė", "ė"}, {"Į", "į"}, {"Ų", "ų"}};
  constexpr std::string_view kNoBreak = "\u00a0";
  const auto edge = [&](std::string_view t, bool front) -> std::size_t {
    if (t.empty()) return 0;
    const char c = front ? t.front() : t.back();
    if (c == ' ' || c == '\t') return 1;
    return (front ? t.starts_with(kNoBreak) : t.ends_with(kNoBreak)) ? kNoBreak.size() : 0;
  };
  while (const std::size_t n = edge(text, true)) text.remove_prefix(n);
  while (const std::size_t n = edge(text, false)) text.remove_suffix(n);
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto capital =
        std::find_if(std::begin(kCapitals), std::end(kCapitals),
                     [&](const auto& pair) { return text.substr(i).starts_with(pair.first); });
    if (capital != std::end(kCapitals)) {
      out += capital->second;
      i += capital->first.size();
      continue;
    }
    const char c = text[i++];
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

const Words kStatusWords[] = {{"Planned", "Plānota", "Planuojama"},
                              {"Ongoing", "Notiek", "Vykdoma"},
                              {"Done", "Pabeigta", "Baigta"},
                              {"Cancelled", "Atcelta", "Atšaukta"}};
const char* const kStatusKeys[] = {"planned", "ongoing", "done", "cancelled"};

Words statusWords(std::string_view key) {
  for (std::size_t i = 0; i < 4; ++i)
    if (key == kStatusKeys[i]) return kStatusWords[i];
  return {"", "", ""};
}

/// Whether a spreadsheet program would take the text for a formula.
bool looksLikeFormula(std::string_view text) {
  return !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
}

std::string_view format(SheetFormat f) { return f == SheetFormat::kXlsx ? "xlsx" : "csv"; }

std::string written(SheetKind kind, const core::ProgrammeRules& rules, std::string_view lang,
                    SheetFormat format, std::vector<std::vector<std::string>> rows) {
  const std::vector<Column> columns = columnsOf(kind, rules);
  std::vector<std::string> header;
  for (const Column& column : columns) header.push_back(labelOf(column, rules, lang));
  rows.insert(rows.begin(), header);
  if (format == SheetFormat::kCsv) {
    // A cell a spreadsheet program would run as a formula (a title "=HYPERLINK(…)" typed by
    // one partner, opened by another) is written as text: a leading apostrophe, which the
    // import takes away again. XLSX cells are text already.
    for (std::size_t r = 1; r < rows.size(); ++r)
      for (std::string& cell : rows[r])
        if (looksLikeFormula(cell)) cell.insert(cell.begin(), '\'');
    return sheets::writeCsv(rows, lang == "en" ? ',' : ';');
  }
  sheets::SheetToWrite data{kind == SheetKind::kActivities
                                ? Words{"Activities", "Aktivitātes", "Veiklos"}.in(lang)
                                : Words{"Events", "Pasākumi", "Renginiai"}.in(lang),
                            std::move(rows),
                            {},
                            {}};
  sheets::SheetToWrite help{Words{"Columns", "Kolonnas", "Stulpeliai"}.in(lang),
                            {{Words{"Column", "Kolonna", "Stulpelis"}.in(lang),
                              Words{"Key", "Atslēga", "Raktas"}.in(lang),
                              Words{"What to write", "Ko rakstīt", "Ką rašyti"}.in(lang)}},
                            {},
                            {28, 24, 70}};
  for (const Column& column : columns) {
    data.numericColumns.push_back(column.value == Value::kCount);
    data.widths.push_back(column.value == Value::kTexts ? 40 : 16);
    help.rows.push_back({labelOf(column, rules, lang), column.key, column.help.in(lang)});
  }
  return sheets::writeXlsx({data, help});
}

// ---- reading a row

/// The value of a cell in the object's bundle form, or an error message (second).
using Converted = std::pair<std::optional<Json>, std::string>;

std::optional<std::string> isoDate(const Cell& cell) {
  if (cell.kind == Cell::Kind::kDate) return cell.value;
  const std::string& text = cell.value;
  // dd.mm.yyyy, as Latvians and Lithuanians write dates.
  if (text.size() == 10 && text[2] == '.' && text[5] == '.')
    return text.substr(6, 4) + "-" + text.substr(3, 2) + "-" + text.substr(0, 2);
  return text;
}

Converted convert(const Column& column, const Cell& cell, const core::ProgrammeRules& rules) {
  const std::string text = cell.value;
  switch (column.value) {
    case Value::kText:
    case Value::kTexts:
      // The apostrophe the CSV export puts before what would run as a formula.
      if (text.size() > 1 && text.front() == '\'' && looksLikeFormula(text.substr(1)))
        return {Json(text.substr(1)), ""};
      return {Json(text), ""};
    case Value::kDate: {
      if (text.find('/') != std::string::npos)
        return {std::nullopt,
                "\"" + text + "\" is ambiguous: write the date as 2019-02-05 or 05.02.2019"};
      const std::string iso = *isoDate(cell);
      if (!core::Date::parse(iso))
        return {std::nullopt,
                "\"" + text + "\" is not a date: write it as 2019-02-05 or 05.02.2019"};
      return {Json(iso), ""};
    }
    case Value::kCount: {
      const bool digits =
          !text.empty() && text.size() <= 15 &&
          std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (!digits)
        return {std::nullopt, "expected a whole number of 0 or more, found \"" + text + "\""};
      return {Json(static_cast<std::int64_t>(std::stoll(text))), ""};
    }
    case Value::kBoolean: {
      const std::string word = folded(text);
      for (const char* yes : {"yes", "jā", "taip", "true", "1"})
        if (word == yes) return {Json(true), ""};
      for (const char* no : {"no", "nē", "ne", "false", "0"})
        if (word == no) return {Json(false), ""};
      return {std::nullopt, "expected yes or no (jā/nē, taip/ne), found \"" + text + "\""};
    }
    case Value::kStatus: {
      const std::string word = folded(text);
      for (std::size_t i = 0; i < 4; ++i) {
        const Words& w = kStatusWords[i];
        if (word == kStatusKeys[i] || word == folded(w.en) || word == folded(w.lv) ||
            word == folded(w.lt))
          return {Json(kStatusKeys[i]), ""};
      }
      return {Json(text), ""};  // the bundle's rules name the choices
    }
    case Value::kKind: {
      const std::string word = folded(text);
      for (const core::Labelled& kind : rules.eventKinds) {
        if (word == kind.key) return {Json(kind.key), ""};
        for (const auto& [lang, label] : kind.labels)
          if (word == folded(label)) return {Json(kind.key), ""};
      }
      return {Json(text), ""};
    }
    case Value::kTime: {
      double day = -1;
      const auto [end, failed] = std::from_chars(text.data(), text.data() + text.size(), day);
      if (cell.kind == Cell::Kind::kNumber && failed == std::errc() &&
          end == text.data() + text.size()) {
        // A time of day as spreadsheets store it: a fraction of the day.
        const int minutes = static_cast<int>(day * 24 * 60 + 0.5);
        if (day >= 0 && day < 1 && minutes < 24 * 60) {
          char hhmm[16];
          std::snprintf(hhmm, sizeof hhmm, "%02d:%02d", minutes / 60, minutes % 60);
          return {Json(std::string(hhmm)), ""};
        }
      }
      return {Json(text), ""};
    }
  }
  return {Json(text), ""};
}

/// object with value at the '/'-separated field (objects made on the way); nullopt removes it.
Json placed(const Json& object, std::string_view field, const std::optional<Json>& value) {
  const auto slash = field.find('/');
  const std::string name(field.substr(0, slash));
  const bool last = slash == std::string_view::npos;
  Json out = Json::object();
  bool found = false;
  for (const auto& [key, member] : object.members()) {
    if (key != name) {
      out.set(key, member);
      continue;
    }
    found = true;
    if (!last)
      out.set(key, placed(member, field.substr(slash + 1), value));
    else if (value)
      out.set(key, *value);
  }
  if (!found && value)
    out.set(name, last ? *value : placed(Json::object(), field.substr(slash + 1), value));
  return out;
}

/// The value at a '/'-separated field of object; nullptr when there is none.
const Json* valueAt(const Json& object, std::string_view field) {
  const Json* value = &object;
  while (value != nullptr && !field.empty()) {
    const auto slash = field.find('/');
    value = value->isObject() ? value->find(field.substr(0, slash)) : nullptr;
    field = slash == std::string_view::npos ? std::string_view() : field.substr(slash + 1);
  }
  return value;
}

/// The number in a code after its prefix ("A3.7" after "A3." is 7); 0 when it is not one.
int numberAfter(const std::string& code, const std::string& prefix) {
  if (!code.starts_with(prefix) || code.size() == prefix.size()) return 0;
  const std::string rest = code.substr(prefix.size());
  if (rest.size() > 6 ||
      !std::all_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return 0;
  return std::stoi(rest);
}

std::string digitsOf(const std::string& code) {
  std::string digits;
  for (char c : code)
    if (c >= '0' && c <= '9') digits += c;
  return digits;
}

/// The next free code after those taken: E41, or A3.7 for work package WP3.
std::string nextCode(const std::set<std::string>& taken, const std::string& prefix) {
  int most = 0;
  for (const std::string& code : taken) most = std::max(most, numberAfter(code, prefix));
  return prefix + std::to_string(most + 1);
}

}  // namespace

std::optional<SheetKind> parseSheetKind(std::string_view text) {
  if (text == "activities") return SheetKind::kActivities;
  if (text == "events") return SheetKind::kEvents;
  return std::nullopt;
}

std::string sheetTemplate(SheetKind kind, const core::ProgrammeRules& rules,
                          std::string_view language, SheetFormat format) {
  return written(kind, rules, language, format, {});
}

PlanSheets::PlanSheets(Context& context, Caller caller)
    : context_(context), caller_(std::move(caller)) {}

namespace {

struct ProjectState {
  core::Project project;
  core::Programme programme;
  const core::ProgrammeRules* rules = nullptr;
};

ProjectState stateOf(store::Reader& db, Context& context, std::string_view code) {
  std::optional<core::Project> project = store::findProject(db, code);
  if (!project) throw core::NotFound("project \"" + std::string(code) + "\" does not exist");
  ProjectState state{*project, store::findProgramme(db, project->programmeCode).value(), nullptr};
  state.rules = &context.rules(state.programme.rules);
  return state;
}

}  // namespace

std::string PlanSheets::exportSheet(std::string_view project, SheetKind kind,
                                    std::string_view language, SheetFormat format) {
  return context_.database().read([&](store::Reader& db) {
    const ProjectState state = stateOf(db, context_, project);
    const std::vector<Column> columns = columnsOf(kind, *state.rules);
    std::vector<std::vector<std::string>> rows;
    const auto cellOf = [&](const Json& object, const Column& column) -> std::string {
      const Json* value = valueAt(object, column.field);
      if (value == nullptr) return "";
      if (column.value == Value::kTexts) {
        core::Texts texts;
        for (const auto& [lang, text] : value->members()) texts.emplace_back(lang, text.asString());
        return core::textIn(texts, language);
      }
      if (column.value == Value::kStatus) return statusWords(value->asString()).in(language);
      if (column.value == Value::kBoolean)
        return value->asBool() ? Words{"yes", "jā", "taip"}.in(language)
                               : Words{"no", "nē", "ne"}.in(language);
      if (value->isInteger()) return std::to_string(value->asInteger());
      return value->isString() ? value->asString() : "";
    };
    if (kind == SheetKind::kActivities) {
      for (const core::WorkPackage& wp : store::loadWorkPlan(db, project).workPackages)
        for (const core::Activity& activity : wp.activities) {
          const Json json = core::activityToJson({wp.code, activity});
          std::vector<std::string> row;
          for (const Column& column : columns)
            row.push_back(column.key == "work_package_title" ? core::textIn(wp.title, language)
                                                             : cellOf(json, column));
          rows.push_back(std::move(row));
        }
    } else {
      for (const core::Event& event : store::listEvents(db, project)) {
        const Json json = core::eventToJson(event);
        std::vector<std::string> row;
        for (const Column& column : columns) row.push_back(cellOf(json, column));
        rows.push_back(std::move(row));
      }
    }
    return written(kind, *state.rules, language, format, std::move(rows));
  });
}

SheetImportResult PlanSheets::importSheet(std::string_view project, SheetKind kind,
                                          const std::string& bytes, const SheetImport& options) {
  const sheets::Sheet sheet = options.format == SheetFormat::kXlsx
                                  ? sheets::readXlsx(bytes, options.sheet)
                                  : sheets::readCsv(bytes, options.delimiter);
  return context_.database().write([&](Connection& db) {
    const ProjectState state = stateOf(db, context_, project);
    const core::ProgrammeRules& rules = *state.rules;
    const std::vector<Column> columns = columnsOf(kind, rules);
    std::vector<core::ValidationError> errors;
    std::size_t more = 0;
    const auto error = [&](int row, const std::string& column, const std::string& message,
                           const std::string& code = {}, core::MessageParams params = {}) {
      if (errors.size() >= kMostErrors) {
        ++more;
        return;
      }
      params.emplace_back("row", std::to_string(row));
      if (!column.empty()) params.emplace_back("column", column);
      errors.push_back({"/rows/" + std::to_string(row) +
                            (column.empty() ? "" : "/" + core::escapePointer(column)),
                        "row " + std::to_string(row) +
                            (column.empty() ? "" : ", column \"" + column + "\"") + ": " + message,
                        code, std::move(params)});
    };
    if (sheet.rows.empty())
      throw core::InvalidInput("", "the sheet is empty: it has no header row");

    // The header: each column by key or by its label in any language.
    const sheets::Row& header = sheet.rows.front();
    std::vector<const Column*> byIndex(header.cells.size(), nullptr);
    std::vector<std::string> headerText(header.cells.size());
    std::set<std::string> seen;
    for (std::size_t i = 0; i < header.cells.size(); ++i) {
      headerText[i] = header.cells[i].value;
      if (header.cells[i].empty()) continue;
      const std::string name = folded(header.cells[i].value);
      for (const Column& column : columns) {
        bool matches = name == folded(column.key);
        for (const char* lang : {"en", "lv", "lt"})
          matches = matches || name == folded(labelOf(column, rules, lang));
        if (matches) byIndex[i] = &column;
      }
      if (byIndex[i] == nullptr) {
        error(header.number, headerText[i],
              "unknown column; the columns are those of `crossgrant template " +
                  std::string(kind == SheetKind::kActivities ? "activities" : "events") + "`",
              "unknown_column", {{"found", headerText[i]}});
      } else if (!seen.insert(byIndex[i]->key).second) {
        error(header.number, headerText[i], "a second column for " + byIndex[i]->key,
              "duplicate_column", {{"found", headerText[i]}});
      }
    }
    if (!errors.empty()) throw core::InvalidInput(std::move(errors));

    // What rows are checked against, growing as rows add work packages and activities.
    std::vector<std::string> partners;
    for (const core::Partner& partner : store::listPartners(db, project))
      partners.push_back(partner.code);
    // Who may change no partner's work imports nothing, whatever the sheet holds.
    const auto mayWork = [&](const std::string& partner) {
      return core::allows(caller_.principal, core::Operation::kWritePartnerWork,
                          {state.programme.code, std::string(project), partner});
    };
    if (std::none_of(partners.begin(), partners.end(), mayWork))
      throw core::Forbidden(
          partners.empty()
              ? "the project has no partners"
              : core::decide(caller_.principal, core::Operation::kWritePartnerWork,
                             {state.programme.code, std::string(project), partners.front()})
                    .reason);
    std::set<std::string> workPackages, activities, events;
    for (const std::string& code : store::planCodes(db, PlanObject::kWorkPackage, project))
      workPackages.insert(code);
    for (const std::string& code : store::planCodes(db, PlanObject::kActivity, project))
      activities.insert(code);
    for (const std::string& code : store::planCodes(db, PlanObject::kEvent, project))
      events.insert(code);
    const std::set<std::string> storedActivities = activities, storedEvents = events;

    struct Planned {
      std::optional<core::WorkPackage> newWorkPackage;
      std::optional<core::PlacedActivity> activity;
      std::optional<core::Event> event;
      bool update = false;
    };
    std::vector<Planned> plan;
    std::set<std::string> inSheet;
    for (std::size_t r = 1; r < sheet.rows.size(); ++r) {
      const sheets::Row& row = sheet.rows[r];
      // The code first: a row naming a stored object with --update starts from that object, so
      // that the columns the sheet does not have keep their values.
      std::string code;
      for (std::size_t i = 0; i < byIndex.size() && i < row.cells.size(); ++i)
        if (byIndex[i] != nullptr && byIndex[i]->key == "code") code = row.cells[i].value;
      const std::set<std::string>& stored =
          kind == SheetKind::kActivities ? storedActivities : storedEvents;
      const bool update = !code.empty() && stored.count(code) > 0;
      Json object = Json::object();
      std::string
          storedPartner;  // whose the object is now: a change needs that partner's leave too
      if (update && options.update) {
        if (kind == SheetKind::kActivities) {
          const core::PlacedActivity placed = store::findActivity(db, project, code).value();
          storedPartner = placed.activity.partner;
          object = core::activityToJson(placed);
        } else {
          const core::Event event = store::findEvent(db, project, code).value();
          storedPartner = event.partner;
          object = core::eventToJson(event);
        }
      }
      std::string workPackageTitle;
      std::map<std::string, std::string> columnOfField;
      bool rowFailed = false;
      for (std::size_t i = 0; i < byIndex.size(); ++i) {
        const Column* column = byIndex[i];
        if (column == nullptr) continue;
        static const Cell kEmptyCell;
        const Cell& cell = i < row.cells.size() ? row.cells[i] : kEmptyCell;
        columnOfField[column->field] = headerText[i];
        if (column->key == "work_package_title") {
          workPackageTitle = cell.value;
          continue;
        }
        if (cell.empty()) {
          // An empty cell of a column the sheet has: no value (texts of other languages stay).
          if (column->value != Value::kTexts && column->key != "code")
            object = placed(object, column->field, std::nullopt);
          continue;
        }
        const auto [value, problem] = convert(*column, cell, rules);
        if (!value) {
          error(row.number, headerText[i], problem);
          rowFailed = true;
          continue;
        }
        if (column->value == Value::kTexts) {
          // The sheet's language is set, the others kept; a cell showing what the export
          // shows for that language (another language's text where it has none) changes nothing.
          core::Texts texts;
          if (const Json* existing = valueAt(object, column->field))
            for (const auto& [lang, text] : existing->members())
              texts.emplace_back(lang, text.asString());
          if (!texts.empty() && core::textIn(texts, options.language) == value->asString())
            continue;
          Json merged = Json::object();
          bool set = false;
          for (const auto& [lang, text] : texts) {
            merged.set(lang, lang == options.language ? *value : Json(text));
            set = set || lang == options.language;
          }
          if (!set) merged.set(options.language, *value);
          object = placed(object, column->field, merged);
          continue;
        }
        object = placed(object, column->field, *value);
      }
      if (rowFailed) continue;
      if (kind == SheetKind::kEvents && object.find("participants") == nullptr)
        object = placed(object, "participants/total", Json(std::int64_t{0}));
      const auto columnFor = [&](const std::string& pointer) {
        std::string field = pointer.empty() ? "" : pointer.substr(1);
        while (!field.empty()) {
          if (columnOfField.count(field)) return columnOfField[field];
          for (const Column& column : columns)
            if (column.field == field) return labelOf(column, rules, options.language);
          const auto slash = field.rfind('/');
          field = slash == std::string::npos ? "" : field.substr(0, slash);
        }
        return std::string();
      };
      // A row without a code gets the next free one of its kind.
      Planned planned;
      if (kind == SheetKind::kActivities) {
        const Json* wp = object.find("work_package");
        const std::string wpCode = wp != nullptr && wp->isString() ? wp->asString() : "";
        if (!wpCode.empty() && !workPackages.count(wpCode) && !workPackageTitle.empty()) {
          if (!core::allows(caller_.principal, core::Operation::kWriteProject,
                            {state.programme.code, std::string(project), ""})) {
            error(row.number, columnFor("/work_package"),
                  "new work packages are added by the lead partner; " + wpCode + " does not exist",
                  "no_such_work_package", {{"found", wpCode}});
            continue;
          }
          core::WorkPackage created;
          created.code = wpCode;
          created.title = {{options.language, workPackageTitle}};
          const Json* partner = object.find("partner");
          created.lead = partner != nullptr && partner->isString() ? partner->asString() : "";
          planned.newWorkPackage = created;
          workPackages.insert(wpCode);
        }
        if (code.empty()) {
          code = nextCode(activities, "A" + digitsOf(wpCode) + ".");
          object = placed(object, "code", Json(code));
        }
      } else if (code.empty()) {
        code = nextCode(events, "E");
        object = placed(object, "code", Json(code));
      }
      if (!inSheet.insert(code).second) {
        error(row.number, columnFor("/code"), "the sheet has code " + code + " twice",
              "duplicate_code", {{"found", code}});
        continue;
      }
      planned.update = update;
      if (planned.update && !options.update) {
        error(row.number, columnFor("/code"),
              code + " exists already: import with --update (update=true) to change it",
              "duplicate_code", {{"found", code}});
        continue;
      }
      const std::vector<std::string> wpCodes(workPackages.begin(), workPackages.end());
      const std::vector<std::string> activityCodes(activities.begin(), activities.end());
      const core::PlanContext context{state.project, partners, wpCodes, activityCodes, &rules};
      try {
        std::string partner;
        if (kind == SheetKind::kActivities) {
          planned.activity = core::readPlacedActivity(object, context);
          partner = planned.activity->activity.partner;
          activities.insert(code);
        } else {
          planned.event = core::readEvent(object, context);
          partner = planned.event->partner;
          events.insert(code);
        }
        const core::Scope scope{state.programme.code, std::string(project), partner};
        if (!options.partner.empty() && partner != options.partner)
          error(row.number, columnFor("/partner"),
                "is " + partner + ", but this sheet is partner " + options.partner + "'s",
                "sheet_of_another_partner", {{"found", partner}, {"partner", options.partner}});
        else if (!core::allows(caller_.principal, core::Operation::kWritePartnerWork, scope))
          error(row.number, columnFor("/partner"),
                core::decide(caller_.principal, core::Operation::kWritePartnerWork, scope).reason,
                "partner_work_forbidden", {{"found", partner}});
        else if (!storedPartner.empty() &&
                 !core::allows(caller_.principal, core::Operation::kWritePartnerWork,
                               {state.programme.code, std::string(project), storedPartner}))
          error(row.number, columnFor("/code"), code + " is partner " + storedPartner + "'s",
                "partner_work_forbidden", {{"found", storedPartner}});
      } catch (const core::InvalidInput& invalid) {
        for (const core::ValidationError& e : invalid.errors())
          error(row.number, columnFor(e.pointer), e.message, e.code, e.params);
        continue;
      }
      plan.push_back(std::move(planned));
    }
    if (more > 0)
      errors.push_back({"",
                        "and " + std::to_string(more) + " more errors",
                        "more_errors",
                        {{"count", std::to_string(more)}}});
    if (!errors.empty()) throw core::InvalidInput(std::move(errors));

    // Every row is right: the changes, then one audit entry for the file.
    SheetImportResult result;
    for (const Planned& p : plan) {
      if (p.newWorkPackage) store::insertWorkPackage(db, project, *p.newWorkPackage);
      const std::string& code = p.activity ? p.activity->activity.code : p.event->code;
      if (p.activity && p.update)
        store::updateActivity(db, project, p.activity->workPackage, p.activity->activity);
      if (p.activity && !p.update)
        store::insertActivity(db, project, p.activity->workPackage, p.activity->activity);
      if (p.event && p.update) store::updateEvent(db, project, *p.event);
      if (p.event && !p.update) store::insertEvent(db, project, *p.event);
      (p.update ? result.updated : result.created).push_back(code);
    }
    const auto list = [](const std::vector<std::string>& codes) {
      Json json = Json::array();
      for (const std::string& code : codes) json.push(code);
      return json;
    };
    recordChange(db, context_.auditKey(), caller_.actor, "import_sheet",
                 kind == SheetKind::kActivities ? "activities" : "events", std::string(project),
                 std::string(project), std::nullopt,
                 Json::object()
                     .set("file", options.fileName)
                     .set("sha256", core::sha256Hex(bytes))
                     .set("format", std::string(format(options.format)))
                     .set("created", list(result.created))
                     .set("updated", list(result.updated)));
    return result;
  });
}

}  // namespace crossgrant::app
