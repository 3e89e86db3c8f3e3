#include "crossgrant/core/Labels.h"

#include <fstream>
#include <sstream>

namespace crossgrant::core {
namespace {

bool isKeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
}

std::string_view trim(std::string_view text) {
  const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!text.empty() && isSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && isSpace(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

Labels Labels::parse(std::string_view text, std::string source) {
  Labels labels;
  labels.source_ = std::move(source);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  int lineNumber = 0;
  while (!text.empty()) {
    ++lineNumber;
    const std::size_t end = text.find('\n');
    const std::string_view line = trim(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.empty() || line.front() == '#') continue;
    const auto where = [&] { return labels.source_ + ":" + std::to_string(lineNumber) + ": "; };
    const std::size_t equals = line.find('=');
    if (equals == std::string_view::npos) throw LabelError(where() + "expected \"key = value\"");
    const std::string_view key = trim(line.substr(0, equals));
    if (key.empty()) throw LabelError(where() + "empty key");
    for (char c : key)
      if (!isKeyChar(c))
        throw LabelError(where() + "key \"" + std::string(key) + "\" has characters other than " +
                         "a-z, 0-9, '_' and '.'");
    const std::string_view raw = trim(line.substr(equals + 1));
    std::string value;
    value.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] != '\\') {
        value += raw[i];
        continue;
      }
      if (i + 1 < raw.size() && raw[i + 1] == 'n') {
        value += '\n';
      } else if (i + 1 < raw.size() && raw[i + 1] == '\\') {
        value += '\\';
      } else {
        throw LabelError(where() + "unknown escape in the value of \"" + std::string(key) +
                         "\" (only \\n and \\\\)");
      }
      ++i;
    }
    if (!labels.entries_.emplace(std::string(key), std::move(value)).second)
      throw LabelError(where() + "duplicate key \"" + std::string(key) + "\"");
  }
  return labels;
}

Labels Labels::loadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw LabelError("cannot read translation file " + path);
  std::ostringstream content;
  content << in.rdbuf();
  return parse(content.str(), path);
}

Labels Labels::load(const std::string& directory, Language language) {
  auto english = std::make_shared<const Labels>(loadFile(directory + "/en.properties"));
  if (language == Language::kEn) return *english;
  Labels labels = loadFile(directory + "/" + std::string(toString(language)) + ".properties");
  labels.fallback_ = std::move(english);
  return labels;
}

bool Labels::contains(std::string_view key) const { return entries_.find(key) != entries_.end(); }

std::string_view Labels::get(std::string_view key) const {
  const auto found = entries_.find(key);
  if (found != entries_.end()) return found->second;
  if (fallback_) return fallback_->get(key);
  return key;
}

std::string Labels::format(std::string_view key, Arguments arguments) const {
  const std::string_view text = get(key);
  std::string out;
  out.reserve(text.size() + 16);
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '{') {
      const std::size_t close = text.find('}', i + 1);
      if (close != std::string_view::npos) {
        const std::string_view name = text.substr(i + 1, close - i - 1);
        const auto* argument = arguments.begin();
        while (argument != arguments.end() && argument->first != name) ++argument;
        if (argument != arguments.end()) {
          out += argument->second;
          i = close + 1;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

std::vector<std::string> Labels::keys() const {
  std::vector<std::string> keys;
  keys.reserve(entries_.size());
  for (const auto& [key, value] : entries_) keys.push_back(key);
  return keys;
}

std::vector<std::string> Labels::placeholders(std::string_view text) {
  std::vector<std::string> names;
  std::size_t i = 0;
  while ((i = text.find('{', i)) != std::string_view::npos) {
    const std::size_t close = text.find('}', i + 1);
    if (close == std::string_view::npos) break;
    names.emplace_back(text.substr(i + 1, close - i - 1));
    i = close + 1;
  }
  return names;
}

}  // namespace crossgrant::core
