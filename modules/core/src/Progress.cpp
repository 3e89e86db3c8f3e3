#include "crossgrant/core/Progress.h"

#include <algorithm>

#include "JsonReading.h"
#include "crossgrant/core/Text.h"

namespace crossgrant::core {
namespace {

using namespace reading;

const Fields kStatementFields = {"summary", "problems", "activities"};

void readStatementTexts(const Json& value, const std::string& at, std::string_view noun,
                        Texts& texts, Errors& errors) {
  parseTexts(value, at, noun, texts, errors);
  for (const auto& [language, text] : texts)
    if (utf8Length(text) > kMostStatementCharacters)
      fail(errors, child(at, language),
           "has " + std::to_string(utf8Length(text)) + " characters, more than the " +
               std::to_string(kMostStatementCharacters) + " a statement's text may have",
           "text_too_long", {{"most", std::to_string(kMostStatementCharacters)}});
}

}  // namespace

PeriodStatement readPeriodStatement(const Json& body, int period, const std::string& partner,
                                    const ActivityOwners& activities) {
  Errors errors;
  PeriodStatement statement;
  statement.period = period;
  statement.partner = partner;
  if (!checkObject(body, "", kStatementFields, errors)) throwIfAny(errors);
  if (const Json* summary = body.find("summary"))
    readStatementTexts(*summary, "/summary", "summary", statement.summary, errors);
  if (const Json* problems = body.find("problems"))
    readStatementTexts(*problems, "/problems", "text", statement.problems, errors);
  if (const Json* texts = body.find("activities")) {
    if (!texts->isObject()) {
      wrongType(errors, "/activities", "an object of activity code to its progress", *texts);
    } else if (partner.empty() && !texts->members().empty()) {
      fail(errors, "/activities",
           "the project's statement has no activity texts: each activity's progress is in the "
           "statement of its responsible partner",
           "project_activity_texts");
    } else {
      for (const auto& [code, value] : texts->members()) {
        const std::string at = child("/activities", code);
        const auto owner = std::find_if(activities.begin(), activities.end(),
                                        [&](const auto& a) { return a.first == code; });
        if (owner == activities.end()) {
          fail(errors, at, "the project has no activity " + quoted(code), "no_such_activity",
               {{"found", code}});
          continue;
        }
        if (owner->second != partner) {
          fail(errors, at,
               "activity " + quoted(code) + " is " + owner->second + "'s: its progress is in " +
                   owner->second + "'s statement",
               "not_own_activity", {{"found", code}, {"partner", owner->second}});
          continue;
        }
        Texts progress;
        readStatementTexts(value, at, "progress", progress, errors);
        statement.activities.emplace_back(code, std::move(progress));
      }
    }
  }
  throwIfAny(errors);
  return statement;
}

Json periodStatementToJson(const PeriodStatement& statement) {
  Json json = Json::object().set("period", statement.period).set("partner", statement.partner);
  if (!statement.summary.empty()) json.set("summary", textsToJson(statement.summary));
  if (!statement.problems.empty()) json.set("problems", textsToJson(statement.problems));
  Json activities = Json::object();
  for (const auto& [code, texts] : statement.activities) activities.set(code, textsToJson(texts));
  json.set("activities", std::move(activities));
  return json;
}

}  // namespace crossgrant::core
