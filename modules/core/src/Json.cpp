#include "crossgrant/core/Json.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Handler.h>
#include <Poco/JSON/Parser.h>

#include <cstdio>

#include "crossgrant/core/Errors.h"

namespace crossgrant::core {
namespace {

// Builds a Json tree from Poco's parser events, keeping member order and refusing duplicate
// keys (Poco's own handler keeps the last value of a duplicate silently).
class TreeBuilder : public Poco::JSON::Handler {
 public:
  void reset() override {
    stack_.clear();
    keys_.clear();
    root_ = Json();
  }
  void startObject() override { open(Json::object()); }
  void endObject() override { close(); }
  void startArray() override { open(Json::array()); }
  void endArray() override { close(); }
  void key(const std::string& k) override {
    const Json& object = stack_.back();
    if (object.find(k) != nullptr) {
      throw InvalidInput(pointer() + "/" + escapePointer(k), "duplicate key \"" + k + "\"");
    }
    keys_.back() = k;
  }
  void null() override { add(Json()); }
  void value(int v) override { add(Json(static_cast<std::int64_t>(v))); }
  void value(unsigned v) override { add(Json(static_cast<std::int64_t>(v))); }
  void value(Poco::Int64 v) override { add(Json(static_cast<std::int64_t>(v))); }
  void value(Poco::UInt64 v) override {
    if (v > static_cast<Poco::UInt64>(INT64_MAX)) {
      add(Json::real(static_cast<double>(v)));
    } else {
      add(Json(static_cast<std::int64_t>(v)));
    }
  }
  void value(const std::string& v) override { add(Json(v)); }
  void value(double v) override { add(Json::real(v)); }
  void value(bool v) override { add(Json(v)); }

  Json take() { return std::move(root_); }

 private:
  void open(Json container) {
    stack_.push_back(std::move(container));
    keys_.emplace_back();
  }
  void close() {
    Json done = std::move(stack_.back());
    stack_.pop_back();
    keys_.pop_back();
    add(std::move(done));
  }
  void add(Json value) {
    if (stack_.empty()) {
      root_ = std::move(value);
    } else if (stack_.back().isObject()) {
      stack_.back().set(keys_.back(), std::move(value));
    } else {
      stack_.back().push(std::move(value));
    }
  }
  std::string pointer() const {
    std::string path;
    for (std::size_t i = 0; i + 1 < stack_.size(); ++i) {
      path += "/" + (stack_[i].isObject() ? escapePointer(keys_[i])
                                          : std::to_string(stack_[i].items().size()));
    }
    return path;
  }

  std::vector<Json> stack_;
  std::vector<std::string> keys_;
  Json root_;
};

void writeString(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned char>(c));
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void newline(std::string& out, bool pretty, int depth) {
  if (!pretty) return;
  out += '\n';
  out.append(static_cast<std::size_t>(depth) * 2, ' ');
}

}  // namespace

Json Json::real(double value) {
  Json json(Type::kReal);
  json.real_ = value;
  return json;
}

Json Json::parse(std::string_view text) {
  std::size_t badByte = 0;
  if (!isValidUtf8(text, &badByte)) {
    throw InvalidInput("", "not valid UTF-8 (byte " + std::to_string(badByte) + ")");
  }
  Poco::SharedPtr<TreeBuilder> builder = new TreeBuilder;
  Poco::JSON::Parser parser(builder);
  parser.setDepth(256);
  try {
    parser.parse(std::string(text));
  } catch (const Poco::Exception& e) {
    throw InvalidInput("", "not JSON: " + e.message());
  }
  return builder->take();
}

std::string_view Json::typeName() const {
  switch (type_) {
    case Type::kNull:
      return "null";
    case Type::kBool:
      return "boolean";
    case Type::kInteger:
      return "integer";
    case Type::kReal:
      return "number";
    case Type::kString:
      return "string";
    case Type::kArray:
      return "array";
    case Type::kObject:
      return "object";
  }
  return "null";
}

const Json* Json::find(std::string_view key) const {
  for (const Member& member : members_)
    if (member.first == key) return &member.second;
  return nullptr;
}

Json& Json::set(std::string key, Json value) {
  members_.emplace_back(std::move(key), std::move(value));
  return *this;
}

Json& Json::prepend(std::string key, Json value) {
  members_.emplace(members_.begin(), std::move(key), std::move(value));
  return *this;
}

Json& Json::push(Json value) {
  items_.push_back(std::move(value));
  return *this;
}

std::string Json::dump(bool pretty) const {
  std::string out;
  write(out, pretty, 0);
  if (pretty) out += '\n';
  return out;
}

void Json::write(std::string& out, bool pretty, int depth) const {
  switch (type_) {
    case Type::kNull:
      out += "null";
      break;
    case Type::kBool:
      out += bool_ ? "true" : "false";
      break;
    case Type::kInteger:
      out += std::to_string(integer_);
      break;
    case Type::kReal: {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.17g", real_);
      out += buffer;
      break;
    }
    case Type::kString:
      writeString(out, string_);
      break;
    case Type::kArray:
      out += '[';
      for (std::size_t i = 0; i < items_.size(); ++i) {
        if (i > 0) out += ',';
        newline(out, pretty, depth + 1);
        items_[i].write(out, pretty, depth + 1);
      }
      if (!items_.empty()) newline(out, pretty, depth);
      out += ']';
      break;
    case Type::kObject:
      out += '{';
      for (std::size_t i = 0; i < members_.size(); ++i) {
        if (i > 0) out += ',';
        newline(out, pretty, depth + 1);
        writeString(out, members_[i].first);
        out += pretty ? ": " : ":";
        members_[i].second.write(out, pretty, depth + 1);
      }
      if (!members_.empty()) newline(out, pretty, depth);
      out += '}';
      break;
  }
}

std::string escapePointer(std::string_view segment) {
  std::string out;
  for (char c : segment) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

bool isValidUtf8(std::string_view text, std::size_t* where) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    const unsigned char lead = bytes[i];
    std::size_t length = 0;
    std::uint32_t codePoint = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2;
      codePoint = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      codePoint = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      codePoint = lead & 0x07;
    } else {
      if (where) *where = i;
      return false;
    }
    if (i + length > size) {
      if (where) *where = i;
      return false;
    }
    for (std::size_t k = 1; k < length; ++k) {
      if ((bytes[i + k] & 0xC0) != 0x80) {
        if (where) *where = i;
        return false;
      }
      codePoint = (codePoint << 6) | (bytes[i + k] & 0x3F);
    }
    const bool overlong = (length == 2 && codePoint < 0x80) || (length == 3 && codePoint < 0x800) ||
                          (length == 4 && codePoint < 0x10000);
    if (overlong || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
      if (where) *where = i;
      return false;
    }
    i += length;
  }
  return true;
}

}  // namespace crossgrant::core
