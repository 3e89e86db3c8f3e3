// CSV as partners' spreadsheets save it (docs/spreadsheets.md): UTF-8 with or without a BOM,
// "," or ";" between cells, RFC 4180 quotes (a quoted cell may hold the delimiter, quotes doubled
// and line breaks). A file that is not UTF-8 is refused (core::InvalidInput at "" saying to
// save it as UTF-8), never read as mojibake.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/sheets/Sheet.h"

namespace crossgrant::sheets {

/// The delimiter a CSV file uses: the one given, else the one its header row has (a header
/// with both, outside quotes, is refused: the caller must say which). Every cell is text.
Sheet readCsv(std::string_view bytes, std::optional<char> delimiter = std::nullopt);

/// Rows as CSV, UTF-8 without BOM, lines ended by CRLF (RFC 4180); a cell is quoted when it
/// holds the delimiter, a quote, a line break or leading or trailing spaces.
std::string writeCsv(const std::vector<std::vector<std::string>>& rows, char delimiter = ',');

}  // namespace crossgrant::sheets
