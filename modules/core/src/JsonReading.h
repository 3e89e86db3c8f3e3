// The readers of JSON documents that the codecs share (the bundle's, the work plan's): each
// reads one member, reports what is wrong at its JSON Pointer into an error list and goes on,
// so that a document's every problem is reported at once. Internal to core.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crossgrant/core/Date.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Json.h"
#include "crossgrant/core/Money.h"

namespace crossgrant::core::reading {

using Errors = std::vector<ValidationError>;
using Fields = std::initializer_list<std::string_view>;

/// pointer + "/" + the escaped key, or the index.
std::string child(const std::string& pointer, std::string_view key);
std::string child(const std::string& pointer, std::size_t index);
std::string quoted(std::string_view text);
/// The names separated by ", ".
std::string joined(Fields names);

/// The problem at pointer; code and params name it for translations (ValidationError).
void fail(Errors& errors, std::string pointer, std::string message, std::string code = {},
          MessageParams params = {});
/// Throws InvalidInput with errors when there are any.
void throwIfAny(Errors& errors);
/// "expected <expected>, found <type>" at pointer; returns false so callers can return it.
bool wrongType(Errors& errors, const std::string& pointer, std::string_view expected,
               const Json& found);
/// Whether value is an object; reports a type error otherwise and one error per member whose
/// name is not among known.
bool checkObject(const Json& value, const std::string& pointer, Fields known, Errors& errors);
/// The member named key; reports it missing (at the member's own pointer) when required.
const Json* member(const Json& object, std::string_view key, const std::string& pointer,
                   Errors& errors, bool required = true);

std::optional<std::string> readString(const Json& object, std::string_view key,
                                      const std::string& pointer, Errors& errors,
                                      bool nonEmpty = true);
std::optional<Amount> parseAmountValue(const Json& value, const std::string& at, Errors& errors);
std::optional<Amount> readAmount(const Json& object, std::string_view key,
                                 const std::string& pointer, Errors& errors);
std::optional<Date> readDate(const Json& object, std::string_view key, const std::string& pointer,
                             Errors& errors);
std::optional<bool> readBool(const Json& object, std::string_view key, const std::string& pointer,
                             Errors& errors);
std::optional<std::int64_t> readInteger(const Json& object, std::string_view key,
                                        const std::string& pointer, Errors& errors);
/// The member named key when it is an array; reports it missing or of the wrong type otherwise.
const Json* readArray(const Json& object, std::string_view key, const std::string& pointer,
                      Errors& errors);

bool isLanguageCode(std::string_view text);

/// A language object of texts people read ({"lv": "...", "en": "..."}, at least one of en, lv,
/// lt) into texts, sorted by language; noun names the texts in messages ("title").
void parseTexts(const Json& value, const std::string& pointer, std::string_view noun,
                std::vector<std::pair<std::string, std::string>>& texts, Errors& errors);
/// Texts as their language object.
Json textsToJson(const std::vector<std::pair<std::string, std::string>>& texts);
bool isCountryCode(std::string_view text);

// Reads a string member naming one value of an enumeration; `parse` maps text to the value.
template <typename Enum, typename Parse>
std::optional<Enum> readEnum(const Json& object, std::string_view key, const std::string& pointer,
                             Errors& errors, Fields names, Parse parse) {
  std::optional<std::string> text = readString(object, key, pointer, errors, false);
  if (!text) return std::nullopt;
  std::optional<Enum> value = parse(*text);
  if (!value) {
    fail(errors, child(pointer, key),
         "expected one of " + joined(names) + ", found " + quoted(*text), "choice",
         {{"found", *text}, {"choices", joined(names)}});
  }
  return value;
}

}  // namespace crossgrant::core::reading
