#include "RepositorySupport.h"

#include <utility>

#include "Migrations.h"

namespace crossgrant::store::detail {

core::Date dateOf(const Value& value, std::string_view column) {
  const std::optional<core::Date> date = core::Date::parse(asText(value));
  if (!date)
    throw StoreError("column " + text(column) + " holds '" + asText(value) +
                     "', which is not a date YYYY-MM-DD");
  return *date;
}

std::optional<core::Date> optionalDateOf(const Value& value, std::string_view column) {
  if (isNull(value)) return std::nullopt;
  return dateOf(value, column);
}

Value optionalAmount(const std::optional<core::Amount>& amount) {
  if (!amount) return nullptr;
  return amount->minor();
}

Value optionalDate(const std::optional<core::Date>& date) {
  if (!date) return nullptr;
  return date->toString();
}

std::string token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

void Limits::programme(const core::Programme& p, const std::string& at) {
  code(at + "/code", p.code, "programmes");
  field(at + "/name", p.name, "programmes", "name");
  field(at + "/rules", p.rules, "programmes", "rules");
  field(at + "/fund", p.fund, "programmes", "fund");
}

void Limits::project(const core::Project& p, const std::string& at) {
  code(at + "/code", p.code, "projects");
  field(at + "/acronym", p.acronym, "projects", "acronym");
  field(at + "/currency", p.currency, "projects", "currency");
  for (const auto& [lang, title] : p.titles) {
    field(at + "/title/" + token(lang), lang, "project_titles", "lang");
    field(at + "/title/" + token(lang), title, "project_titles", "title");
  }
}

void Limits::partner(const core::Partner& p, const std::string& at) {
  code(at + "/code", p.code, "partners");
  field(at + "/name", p.name, "partners", "name");
  field(at + "/country", p.country, "partners", "country");
  for (std::size_t i = 0; i < p.budget.size(); ++i)
    field(at + "/budget/" + std::to_string(i) + "/category", p.budget[i].category, "budget_lines",
          "category");
  for (std::size_t i = 0; i < p.cofinancing.size(); ++i)
    field(at + "/cofinancing/" + std::to_string(i) + "/source", p.cofinancing[i].source,
          "cofinancing", "source");
}

void Limits::workPackage(const core::WorkPackage& w, const std::string& at) {
  code(at + "/code", w.code, "work_packages");
  field(at + "/lead", w.lead, "work_packages", "lead");
  texts(at + "/title", w.title);
}

void Limits::activity(const core::Activity& a, const std::string& at) {
  code(at + "/code", a.code, "activities");
  field(at + "/partner", a.partner, "activities", "partner");
  field(at + "/location", a.location, "activities", "location");
  texts(at + "/title", a.title);
  texts(at + "/description", a.description);
}

void Limits::event(const core::Event& e, const std::string& at) {
  code(at + "/code", e.code, "events");
  field(at + "/kind", e.kind, "events", "kind");
  field(at + "/time", e.time, "events", "start_time");
  field(at + "/place", e.place, "events", "place");
  field(at + "/partner", e.partner, "events", "partner");
  texts(at + "/title", e.title);
  for (const auto& [group, people] : e.participants.byTargetGroup)
    field(at + "/participants/by_target_group/" + token(group), group, "event_participants",
          "target_group");
}

void Limits::indicator(const core::Indicator& i, const std::string& at) {
  code(at + "/code", i.code, "indicators");
  field(at + "/programme_indicator", i.programmeIndicator, "indicators", "programme_indicator");
  field(at + "/unit", i.unit, "indicators", "unit");
  texts(at + "/name", i.name);
  if (i.fromEvents) {
    const auto items = [&](const std::string& name, const std::vector<std::string>& keys) {
      for (std::size_t n = 0; n < keys.size(); ++n)
        field(at + "/source/events/" + name + "/" + std::to_string(n), keys[n], "indicator_filters",
              "item");
    };
    items("target_groups", i.fromEvents->targetGroups);
    items("kinds", i.fromEvents->kinds);
  }
}

void Limits::throwIfAny() {
  if (!errors_.empty()) throw core::InvalidInput(std::move(errors_));
}

void Limits::code(std::string pointer, std::string_view value, std::string_view table) {
  if (!value.empty() && value.back() == ' ')
    errors_.push_back({pointer, "must not end with a space"});
  field(std::move(pointer), value, table, "code");
}

void Limits::field(std::string pointer, std::string_view value, std::string_view table,
                   std::string_view column) {
  if (std::optional<std::string> error = schema::overLimit(value, columnLimit(table, column)))
    errors_.push_back({std::move(pointer), std::move(*error)});
}

void Limits::texts(const std::string& pointer, const core::Texts& texts) {
  for (const auto& [lang, body] : texts) {
    field(pointer + "/" + token(lang), lang, "object_texts", "lang");
    field(pointer + "/" + token(lang), body, "object_texts", "body");
  }
}

std::int64_t firstVersion(Reader& db, std::string_view kind, std::string_view project,
                          std::string_view code) {
  const auto rows =
      db.query("SELECT version FROM retired_keys WHERE kind = ? AND project = ? AND code = ?",
               {text(kind), text(project), text(code)});
  return rows.empty() ? 1 : asInt(rows[0][0]) + 1;
}

// A key deleted again was created again above its previous retired version, so the newer one
// replaces it.
void retire(Connection& db, std::string_view kind, std::string_view project, std::string_view code,
            std::int64_t version) {
  db.execute("DELETE FROM retired_keys WHERE kind = ? AND project = ? AND code = ?",
             {text(kind), text(project), text(code)});
  db.execute("INSERT INTO retired_keys (kind, project, code, version) VALUES (?, ?, ?, ?)",
             {text(kind), text(project), text(code), version});
}

}  // namespace crossgrant::store::detail
