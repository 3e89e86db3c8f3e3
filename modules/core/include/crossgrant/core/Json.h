// A JSON document tree that keeps object members in their order, refuses duplicate keys and
// keeps integers exact, with a reader (on Poco::JSON's parser) and a writer that prints UTF-8
// unescaped with a stable layout. Used for the bundle format and every HTTP body.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crossgrant::core {

class Json {
 public:
  enum class Type { kNull, kBool, kInteger, kReal, kString, kArray, kObject };
  using Member = std::pair<std::string, Json>;

  Json() = default;  ///< null
  Json(std::nullptr_t) {}
  Json(bool value) : type_(Type::kBool), bool_(value) {}
  Json(int value) : type_(Type::kInteger), integer_(value) {}
  Json(std::int64_t value) : type_(Type::kInteger), integer_(value) {}
  Json(std::string value) : type_(Type::kString), string_(std::move(value)) {}
  Json(std::string_view value) : Json(std::string(value)) {}
  Json(const char* value) : Json(std::string(value)) {}
  static Json object() { return Json(Type::kObject); }
  static Json array() { return Json(Type::kArray); }
  /// A number that is not an integer; kept only so that errors can say what was found.
  static Json real(double value);

  /// Parses a whole document. Throws InvalidInput (pointer "") for text that is not UTF-8 or
  /// not JSON, saying where; and with the member's pointer for a duplicate key.
  static Json parse(std::string_view text);

  /// Two-space indented (pretty) or compact; non-ASCII UTF-8 is written as is.
  std::string dump(bool pretty = true) const;

  Type type() const { return type_; }
  bool isNull() const { return type_ == Type::kNull; }
  bool isBool() const { return type_ == Type::kBool; }
  bool isInteger() const { return type_ == Type::kInteger; }
  bool isString() const { return type_ == Type::kString; }
  bool isArray() const { return type_ == Type::kArray; }
  bool isObject() const { return type_ == Type::kObject; }
  /// "null", "boolean", "integer", "number", "string", "array", "object": for error messages.
  std::string_view typeName() const;

  bool asBool() const { return bool_; }
  std::int64_t asInteger() const { return integer_; }
  const std::string& asString() const { return string_; }
  const std::vector<Json>& items() const { return items_; }
  const std::vector<Member>& members() const { return members_; }

  /// The member named key, or nullptr.
  const Json* find(std::string_view key) const;

  /// Appends a member (objects) or an item (arrays); returns *this for chaining.
  Json& set(std::string key, Json value);
  Json& push(Json value);
  /// Inserts a member before the others (objects); returns *this for chaining.
  Json& prepend(std::string key, Json value);

  bool operator==(const Json&) const = default;

 private:
  explicit Json(Type type) : type_(type) {}
  void write(std::string& out, bool pretty, int depth) const;

  Type type_ = Type::kNull;
  bool bool_ = false;
  std::int64_t integer_ = 0;
  double real_ = 0;
  std::string string_;
  std::vector<Json> items_;
  std::vector<Member> members_;
};

/// RFC 6901 escaping of one pointer segment ("a/b" -> "a~1b").
std::string escapePointer(std::string_view segment);

/// Whether text is well-formed UTF-8 (no overlongs, no surrogates); `where` gets the byte
/// offset of the first bad byte.
bool isValidUtf8(std::string_view text, std::size_t* where = nullptr);

}  // namespace crossgrant::core
