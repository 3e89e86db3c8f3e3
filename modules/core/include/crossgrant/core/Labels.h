// The words of the reports in one language, read from translation files: one UTF-8 file per
// language, reports/i18n/<language>.properties, of lines
//
//   # a comment
//   engine.page_of = Page {page} of {pages}
//
// Keys are [a-z0-9_.]; the value runs from after the '=' to the end of the line, surrounding
// spaces trimmed; "\n" in a value is a line break and "\\" a backslash. {name} is a placeholder
// filled in by format(). English is complete by definition; a key missing from another
// language falls back to the English text, so a missing translation never stops a report
// (tests/pdf fails instead). A Labels object is immutable once loaded: share it freely
// between threads.
#pragma once

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Locale.h"

namespace crossgrant::core {

/// A translation file that cannot be read or is malformed; the message names file and line.
class LabelError : public ConfigurationError {
 public:
  using ConfigurationError::ConfigurationError;
};

class Labels {
 public:
  using Arguments = std::initializer_list<std::pair<std::string_view, std::string_view>>;

  /// Parses the text of a translation file; `source` names it in error messages. Throws
  /// LabelError for a malformed line or a duplicate key.
  static Labels parse(std::string_view text, std::string source);
  /// Reads and parses one file. Throws LabelError.
  static Labels loadFile(const std::string& path);
  /// directory/en.properties, with directory/<language>.properties over it for lv and lt.
  static Labels load(const std::string& directory, Language language);

  /// Whether this file itself has the key (not counting the English fallback).
  bool contains(std::string_view key) const;
  /// This language's text for key, else the fallback's, else the key itself (a view of the
  /// argument: keep it alive as long as the result).
  std::string_view get(std::string_view key) const;
  /// get(key) with every {name} of `arguments` replaced; unknown placeholders stay as written.
  std::string format(std::string_view key, Arguments arguments) const;
  /// The keys of this file itself, sorted.
  std::vector<std::string> keys() const;
  /// The placeholder names in a text, in order of appearance: "{page} of {pages}" ->
  /// {"page", "pages"}.
  static std::vector<std::string> placeholders(std::string_view text);
  const std::string& source() const { return source_; }

 private:
  std::string source_;
  std::map<std::string, std::string, std::less<>> entries_;
  std::shared_ptr<const Labels> fallback_;
};

}  // namespace crossgrant::core
