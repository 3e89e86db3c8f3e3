#include <boost/test/unit_test.hpp>

#include <string>

#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Json.h"
#include "crossgrant/core/Text.h"

using crossgrant::core::InvalidInput;
using crossgrant::core::Json;
using crossgrant::core::ValidationError;

namespace {

// The single error a parse reports; a pointer of "<none>" when the text parsed.
ValidationError parseError(const std::string& text) {
  try {
    Json::parse(text);
  } catch (const InvalidInput& e) {
    BOOST_TEST(e.errors().size() == 1u);
    return e.errors().front();
  }
  return {"<none>", ""};
}

const std::string kLetters = "ā č ē ģ ī ķ ļ ņ š ū ž ą ę ė į ų Ā Č Ē Ģ Ī Ķ Ļ Ņ Š Ū Ž Ą Ę Ė Į Ų";

}  // namespace

BOOST_AUTO_TEST_SUITE(json)

BOOST_AUTO_TEST_CASE(keeps_member_order) {
  const Json json = Json::parse(R"({"b": 1, "a": 2, "c": {"z": true, "y": null}})");
  BOOST_TEST(json.dump(false) == R"({"b":1,"a":2,"c":{"z":true,"y":null}})");
  BOOST_REQUIRE(json.members().size() == 3u);
  BOOST_TEST(json.members()[0].first == "b");
  BOOST_TEST(json.members()[1].first == "a");
}

BOOST_AUTO_TEST_CASE(duplicate_keys_are_errors_with_their_pointer) {
  const ValidationError top = parseError(R"({"a": 1, "a": 2})");
  BOOST_TEST(top.pointer == "/a");
  BOOST_TEST(top.message.find("duplicate key \"a\"") != std::string::npos);
  BOOST_TEST(parseError(R"({"a": {"x": 1, "x": 2}})").pointer == "/a/x");
  BOOST_TEST(parseError(R"({"list": [{"k": 1}, {"k": 2, "k": 3}]})").pointer == "/list/1/k");
  BOOST_TEST(parseError(R"({"a/b": {"m~n": 1, "m~n": 2}})").pointer == "/a~1b/m~0n");
}

BOOST_AUTO_TEST_CASE(utf8_round_trips_byte_for_byte) {
  const std::string text = "{\"name\": \"" + kLetters + "\"}";
  const Json json = Json::parse(text);
  BOOST_TEST(json.find("name")->asString() == kLetters);
  BOOST_TEST(json.dump(false) == "{\"name\":\"" + kLetters + "\"}");
  BOOST_TEST(Json::parse(json.dump()).find("name")->asString() == kLetters);
}

BOOST_AUTO_TEST_CASE(unicode_escapes_read_as_utf8) {
  const Json json = Json::parse(R"(["\u0101\u017e\u0173", "\ud83d\ude00"])");
  BOOST_TEST(json.items()[0].asString() == "āžų");
  BOOST_TEST(json.items()[1].asString() == "\xF0\x9F\x98\x80");
}

BOOST_AUTO_TEST_CASE(control_characters_are_escaped) {
  const Json json(
      std::string("a\x01"
                  "b\n\t\"\\\x1f",
                  8));
  BOOST_TEST(json.dump(false) == R"("a\u0001b\n\t\"\\\u001f")");
  BOOST_TEST((Json::parse(json.dump(false)) == json));
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_rejected_with_its_offset) {
  const ValidationError truncated = parseError("{\"a\": \"\xC4\"}");
  BOOST_TEST(truncated.pointer == "");
  BOOST_TEST(truncated.message.find("UTF-8") != std::string::npos);
  BOOST_TEST(truncated.message.find("byte 7") != std::string::npos);
  BOOST_TEST(parseError("[\"\xC0\xAF\"]").message.find("UTF-8") != std::string::npos);
  BOOST_TEST(parseError("[\"\xED\xA0\x80\"]").message.find("UTF-8") != std::string::npos);
  BOOST_TEST(parseError("[\"\xFF\"]").message.find("UTF-8") != std::string::npos);
  BOOST_TEST(crossgrant::core::isValidUtf8(kLetters));
}

BOOST_AUTO_TEST_CASE(text_that_is_not_json_is_rejected) {
  for (const char* text : {"", "{", "[1,]", "{\"a\" 1}", "{'a': 1}", "nul", "{\"a\": 1} x"}) {
    BOOST_TEST_CONTEXT("text " << text) {
      const ValidationError error = parseError(text);
      BOOST_TEST(error.pointer == "");
      BOOST_TEST(error.message.find("not JSON") != std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(integers_stay_exact_and_reals_are_told_apart) {
  const Json json = Json::parse(R"([9007199254740993, -5, 672567.74, 1.0])");
  BOOST_TEST(json.items()[0].isInteger());
  BOOST_TEST(json.items()[0].asInteger() == 9007199254740993LL);
  BOOST_TEST(json.items()[1].asInteger() == -5);
  BOOST_TEST(json.items()[2].typeName() == "number");
  BOOST_TEST(json.items()[3].typeName() == "number");
}

BOOST_AUTO_TEST_CASE(pretty_layout) {
  Json json = Json::object();
  json.set("a", 1).set("b", Json::array()).set("c", Json::array().push("x").push(true));
  BOOST_TEST(json.dump() ==
             "{\n  \"a\": 1,\n  \"b\": [],\n  \"c\": [\n    \"x\",\n    true\n  ]\n}\n");
  BOOST_TEST(Json::object().dump() == "{}\n");
}

BOOST_AUTO_TEST_CASE(type_names_for_messages) {
  BOOST_TEST(Json().typeName() == "null");
  BOOST_TEST(Json(true).typeName() == "boolean");
  BOOST_TEST(Json(1).typeName() == "integer");
  BOOST_TEST(Json("x").typeName() == "string");
  BOOST_TEST(Json::array().typeName() == "array");
  BOOST_TEST(Json::object().typeName() == "object");
}

BOOST_AUTO_TEST_CASE(pointer_segments_are_escaped) {
  BOOST_TEST(crossgrant::core::escapePointer("a/b~c") == "a~1b~0c");
  BOOST_TEST(crossgrant::core::escapePointer("plain") == "plain");
}

BOOST_AUTO_TEST_CASE(utf8_text_is_counted_and_cut_in_characters) {
  using crossgrant::core::utf8Length;
  using crossgrant::core::utf8Prefix;
  BOOST_TEST(utf8Length("") == 0u);
  BOOST_TEST(utf8Length("LV") == 2u);
  BOOST_TEST(utf8Length("žž") == 2u);
  BOOST_TEST(utf8Length("a😀b") == 3u);
  BOOST_TEST(utf8Length(kLetters) == 63u);
  BOOST_TEST(utf8Prefix("a😀b", 2) == "a😀");
  BOOST_TEST(utf8Prefix("a😀b", 1) == "a");
  BOOST_TEST(utf8Prefix("a😀b", 3) == "a😀b");
  BOOST_TEST(utf8Prefix("a😀b", 9) == "a😀b");
  BOOST_TEST(utf8Prefix("ž", 0) == "");
}

BOOST_AUTO_TEST_SUITE_END()
