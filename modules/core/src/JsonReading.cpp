// The readers of JSON documents that the codecs share (JsonReading.h).
#include "JsonReading.h"

#include <algorithm>

#include "crossgrant/core/Money.h"

namespace crossgrant::core::reading {

std::string child(const std::string& pointer, std::string_view key) {
  return pointer + "/" + escapePointer(key);
}

std::string child(const std::string& pointer, std::size_t index) {
  return pointer + "/" + std::to_string(index);
}

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string joined(Fields names) {
  std::string text;
  for (std::string_view name : names) {
    if (!text.empty()) text += ", ";
    text += name;
  }
  return text;
}

// The problem at pointer; code and params name it for translations (ValidationError).
void fail(Errors& errors, std::string pointer, std::string message, std::string code,
          MessageParams params) {
  errors.push_back({std::move(pointer), std::move(message), std::move(code), std::move(params)});
}

void throwIfAny(Errors& errors) {
  if (!errors.empty()) throw InvalidInput(std::move(errors));
}

// "expected <expected>, found <type>" at pointer; returns false so callers can return it.
bool wrongType(Errors& errors, const std::string& pointer, std::string_view expected,
               const Json& found) {
  fail(errors, pointer,
       "expected " + std::string(expected) + ", found " + std::string(found.typeName()));
  return false;
}

// Whether value is an object; reports a type error otherwise and one error per member whose
// name is not among `known`.
bool checkObject(const Json& value, const std::string& pointer, Fields known, Errors& errors) {
  if (!value.isObject()) return wrongType(errors, pointer, "an object", value);
  for (const Json::Member& member : value.members()) {
    if (std::find(known.begin(), known.end(), member.first) == known.end()) {
      fail(errors, child(pointer, member.first),
           "unknown field " + quoted(member.first) + " (known fields: " + joined(known) + ")",
           "unknown_field", {{"field", member.first}, {"known", joined(known)}});
    }
  }
  return true;
}

// The member named key; reports it missing (at the member's own pointer) when required.
const Json* member(const Json& object, std::string_view key, const std::string& pointer,
                   Errors& errors, bool required) {
  const Json* value = object.find(key);
  if (value == nullptr && required) {
    fail(errors, child(pointer, key), "missing required field " + quoted(key), "missing",
         {{"field", std::string(key)}});
  }
  return value;
}

std::optional<std::string> readString(const Json& object, std::string_view key,
                                      const std::string& pointer, Errors& errors, bool nonEmpty) {
  const Json* value = member(object, key, pointer, errors);
  if (value == nullptr) return std::nullopt;
  const std::string at = child(pointer, key);
  if (!value->isString()) {
    wrongType(errors, at, "a string", *value);
    return std::nullopt;
  }
  if (nonEmpty && value->asString().empty()) {
    fail(errors, at, "expected a non-empty string, found \"\"", "empty");
    return std::nullopt;
  }
  return value->asString();
}

std::optional<Amount> parseAmountValue(const Json& value, const std::string& at, Errors& errors) {
  if (!value.isString()) {
    wrongType(errors, at, "an amount as a string such as \"1234.50\"", value);
    return std::nullopt;
  }
  try {
    return Amount::parse(value.asString());
  } catch (const MoneyError& e) {
    fail(errors, at, e.what(), e.reason(), {{"found", value.asString()}});
    return std::nullopt;
  }
}

std::optional<Amount> readAmount(const Json& object, std::string_view key,
                                 const std::string& pointer, Errors& errors) {
  const Json* value = member(object, key, pointer, errors);
  if (value == nullptr) return std::nullopt;
  return parseAmountValue(*value, child(pointer, key), errors);
}

std::optional<Date> readDate(const Json& object, std::string_view key, const std::string& pointer,
                             Errors& errors) {
  const Json* value = member(object, key, pointer, errors);
  if (value == nullptr) return std::nullopt;
  const std::string at = child(pointer, key);
  if (!value->isString()) {
    wrongType(errors, at, "an ISO date \"YYYY-MM-DD\"", *value);
    return std::nullopt;
  }
  std::optional<Date> date = Date::parse(value->asString());
  if (!date) {
    fail(
        errors, at,
        "expected an ISO date \"YYYY-MM-DD\" naming a real day, found " + quoted(value->asString()),
        "date", {{"found", value->asString()}});
  }
  return date;
}

std::optional<bool> readBool(const Json& object, std::string_view key, const std::string& pointer,
                             Errors& errors) {
  const Json* value = member(object, key, pointer, errors);
  if (value == nullptr) return std::nullopt;
  if (!value->isBool()) {
    wrongType(errors, child(pointer, key), "a boolean", *value);
    return std::nullopt;
  }
  return value->asBool();
}

std::optional<std::int64_t> readInteger(const Json& object, std::string_view key,
                                        const std::string& pointer, Errors& errors) {
  const Json* value = member(object, key, pointer, errors);
  if (value == nullptr) return std::nullopt;
  if (!value->isInteger()) {
    wrongType(errors, child(pointer, key), "an integer", *value);
    return std::nullopt;
  }
  return value->asInteger();
}

// The member named key when it is an array; reports it missing or of the wrong type otherwise.
const Json* readArray(const Json& object, std::string_view key, const std::string& pointer,
                      Errors& errors) {
  const Json* value = member(object, key, pointer, errors);
  if (value == nullptr) return nullptr;
  if (!value->isArray()) {
    wrongType(errors, child(pointer, key), "an array", *value);
    return nullptr;
  }
  return value;
}

namespace {
bool isUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }
bool isLowerAscii(char c) { return c >= 'a' && c <= 'z'; }
}  // namespace

bool isLanguageCode(std::string_view text) {
  return (text.size() == 2 || text.size() == 3) &&
         std::all_of(text.begin(), text.end(), isLowerAscii);
}

bool isCountryCode(std::string_view text) {
  return text.size() == 2 && isUpperAscii(text[0]) && isUpperAscii(text[1]);
}

void parseTexts(const Json& value, const std::string& pointer, std::string_view noun,
                std::vector<std::pair<std::string, std::string>>& texts, Errors& errors) {
  static constexpr std::string_view kLanguages[] = {"en", "lv", "lt"};
  if (!value.isObject()) {
    wrongType(errors, pointer, "an object of language code to " + std::string(noun), value);
    return;
  }
  bool hasKnownLanguage = false;
  for (const auto& [language, text] : value.members()) {
    const std::string at = child(pointer, language);
    if (!isLanguageCode(language)) {
      fail(errors, at,
           "expected a language code of two or three lower-case letters such as \"en\", "
           "found " +
               quoted(language));
      continue;
    }
    if (std::find(std::begin(kLanguages), std::end(kLanguages), language) != std::end(kLanguages))
      hasKnownLanguage = true;
    if (!text.isString()) {
      wrongType(errors, at, "a string", text);
    } else if (text.asString().empty()) {
      fail(errors, at, "expected a non-empty " + std::string(noun) + ", found \"\"", "empty");
    } else {
      texts.emplace_back(language, text.asString());
    }
  }
  if (!hasKnownLanguage) {
    fail(errors, pointer, "expected a " + std::string(noun) + " in at least one of en, lv, lt",
         "title_missing");
  }
  std::sort(texts.begin(), texts.end());
}

Json textsToJson(const std::vector<std::pair<std::string, std::string>>& texts) {
  std::vector<std::pair<std::string, std::string>> sorted = texts;
  std::sort(sorted.begin(), sorted.end());
  Json object = Json::object();
  for (const auto& [language, text] : sorted) object.set(language, text);
  return object;
}

}  // namespace crossgrant::core::reading
