#include "crossgrant/sheets/Csv.h"

#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Json.h"

namespace crossgrant::sheets {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

/// The line (counting from 1) of the byte at offset.
std::size_t lineAt(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i)
    if (text[i] == '\n') ++line;
  return line;
}

[[noreturn]] void notUtf8(std::string_view text, std::size_t where) {
  throw core::InvalidInput("", "the file is not UTF-8 (line " +
                                   std::to_string(lineAt(text, where)) +
                                   " has a byte that UTF-8 does not allow, as Windows-1257 or "
                                   "another older encoding writes it): save it as UTF-8 "
                                   "(\"CSV UTF-8\") and import it again");
}

/// The delimiter of the header row: the one of "," and ";" that it has outside quotes.
char delimiterOf(std::string_view text) {
  bool quoted = false;
  bool comma = false;
  bool semicolon = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    comma = comma || c == ',';
    semicolon = semicolon || c == ';';
  }
  if (comma && semicolon)
    throw core::InvalidInput("",
                             "the header row has both \",\" and \";\" between its cells: say "
                             "which one separates them (--delimiter , or --delimiter ;)");
  return semicolon ? ';' : ',';
}

bool blank(const std::vector<Cell>& cells) {
  for (const Cell& cell : cells)
    if (!cell.empty()) return false;
  return true;
}

}  // namespace

Sheet readCsv(std::string_view bytes, std::optional<char> delimiter) {
  std::string_view text = bytes;
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  std::size_t bad = 0;
  if (!core::isValidUtf8(text, &bad)) notUtf8(text, bad);
  const char separator = delimiter ? *delimiter : delimiterOf(text);

  Sheet sheet;
  std::vector<Cell> cells;
  std::string cell;
  bool quoted = false;     // inside quotes
  bool wasQuoted = false;  // the cell began with a quote
  int record = 1;
  std::size_t line = 1;
  const auto endCell = [&] {
    // "" is no value, as an empty cell is: programs that quote every text cell write it so.
    const bool empty = cell.empty();
    cells.push_back({empty ? Cell::Kind::kEmpty : Cell::Kind::kText, std::move(cell)});
    cell.clear();
    wasQuoted = false;
  };
  const auto endRecord = [&] {
    endCell();
    if (!blank(cells)) sheet.rows.push_back({record, std::move(cells)});
    cells.clear();
    ++record;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
      continue;
    }
    if (c == '"' && cell.empty() && !wasQuoted) {
      quoted = wasQuoted = true;
    } else if (c == '"') {
      throw core::InvalidInput("", "row " + std::to_string(record) + " (line " +
                                       std::to_string(line) +
                                       ") has a quote inside a cell that does not begin with one: "
                                       "quote the whole cell and double the quote (\"\")");
    } else if (c == separator) {
      endCell();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++line;
      endRecord();
    } else if (wasQuoted) {
      throw core::InvalidInput("", "row " + std::to_string(record) + " (line " +
                                       std::to_string(line) +
                                       ") has text after a quoted cell's closing quote");
    } else {
      cell += c;
    }
  }
  if (quoted)
    throw core::InvalidInput(
        "", "row " + std::to_string(record) + " opens a quote that the file never closes");
  if (!cell.empty() || wasQuoted || !cells.empty()) endRecord();
  return sheet;
}

std::string writeCsv(const std::vector<std::vector<std::string>>& rows, char delimiter) {
  std::string out;
  for (const std::vector<std::string>& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out += delimiter;
      const std::string& value = row[i];
      const bool quote =
          value.find_first_of(std::string("\"\r\n") + delimiter) != std::string::npos ||
          (!value.empty() && (value.front() == ' ' || value.back() == ' '));
      if (!quote) {
        out += value;
        continue;
      }
      out += '"';
      for (char c : value) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace crossgrant::sheets
