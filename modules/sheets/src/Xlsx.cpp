#include "crossgrant/sheets/Xlsx.h"

#include <Poco/SAX/Attributes.h>
#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/InputSource.h>
#include <Poco/SAX/SAXException.h>
#include <Poco/SAX/SAXParser.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipException.h>
#include <Poco/Zip/ZipStream.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "crossgrant/core/Date.h"
#include "crossgrant/core/Errors.h"

namespace crossgrant::sheets {
namespace {

using Poco::XML::Attributes;
using Poco::XML::XMLChar;
using Poco::XML::XMLString;

// A workbook part read whole may not be larger than this: a ZIP of a few kilobytes can unpack
// to gigabytes.
constexpr std::size_t kMaxPartBytes = 64 * 1024 * 1024;

[[noreturn]] void notXlsx(const std::string& why) {
  throw core::InvalidInput("", "the file is not an XLSX workbook that can be read (" + why +
                                   "): save it from the spreadsheet program as \"Excel "
                                   "Workbook (.xlsx)\", or as CSV UTF-8");
}

/// The workbook's parts, read from the ZIP one by one.
class Package {
 public:
  explicit Package(const std::string& bytes) : stream_(bytes) {
    try {
      archive_ = std::make_unique<Poco::Zip::ZipArchive>(stream_);
    } catch (const Poco::Exception& e) {
      notXlsx("it is not a ZIP archive: " + e.displayText());
    }
  }

  bool has(const std::string& name) const {
    return archive_->findHeader(name) != archive_->headerEnd();
  }

  std::string read(const std::string& name) {
    const auto header = archive_->findHeader(name);
    if (header == archive_->headerEnd()) notXlsx("it has no part " + name);
    try {
      stream_.clear();
      Poco::Zip::ZipInputStream in(stream_, header->second);
      std::string out;
      char buffer[16 * 1024];
      while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        out.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (out.size() > kMaxPartBytes)
          notXlsx("its part " + name + " unpacks to more than 64 MiB");
      }
      return out;
    } catch (const Poco::Exception& e) {
      notXlsx("its part " + name + " cannot be unpacked: " + e.displayText());
    }
  }

 private:
  std::istringstream stream_;
  std::unique_ptr<Poco::Zip::ZipArchive> archive_;
};

/// A SAX handler made of three callbacks; attributes by their local name.
struct Handler : Poco::XML::DefaultHandler {
  std::function<void(const std::string&, const Attributes&)> start;
  std::function<void(const std::string&)> end;
  std::function<void(const XMLChar*, int, int)> text;

  void startElement(const XMLString&, const XMLString& localName, const XMLString&,
                    const Attributes& attributes) override {
    if (start) start(localName, attributes);
  }
  void endElement(const XMLString&, const XMLString& localName, const XMLString&) override {
    if (end) end(localName);
  }
  void characters(const XMLChar ch[], int begin, int length) override {
    if (text) text(ch, begin, length);
  }
};

std::string attribute(const Attributes& attributes, const std::string& localName) {
  for (int i = 0; i < attributes.getLength(); ++i)
    if (attributes.getLocalName(i) == localName) return attributes.getValue(i);
  return {};
}

void parse(const std::string& xml, const std::string& part, Handler& handler) {
  Poco::XML::SAXParser parser;
  parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, true);
  parser.setFeature(Poco::XML::SAXParser::FEATURE_PARTIAL_READS, false);
  parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_GENERAL_ENTITIES, false);
  parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_PARAMETER_ENTITIES, false);
  parser.setContentHandler(&handler);
  try {
    parser.parseMemoryNP(xml.data(), xml.size());
  } catch (const Poco::Exception& e) {
    notXlsx("its part " + part + " is not well-formed XML: " + e.displayText());
  }
}

/// The part a sheet name (or the first sheet) is in, from the workbook and its relationships.
std::string sheetPart(Package& package, std::string_view wanted) {
  std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
  Handler workbook;
  workbook.start = [&](const std::string& name, const Attributes& a) {
    if (name == "sheet") sheets.emplace_back(attribute(a, "name"), attribute(a, "id"));
    const std::string date1904 = attribute(a, "date1904");
    if (name == "workbookPr" && (date1904 == "1" || date1904 == "true"))
      notXlsx(
          "it counts dates from 1904, as old Macintosh workbooks did; save it with the 1900 "
          "date system");
  };
  parse(package.read("xl/workbook.xml"), "xl/workbook.xml", workbook);
  if (sheets.empty()) notXlsx("it has no worksheet");
  std::string id;
  if (wanted.empty()) {
    id = sheets.front().second;
  } else {
    std::string names;
    for (const auto& [name, rid] : sheets) {
      if (name == wanted) id = rid;
      names += (names.empty() ? "" : ", ") + ("\"" + name + "\"");
    }
    if (id.empty())
      throw core::InvalidInput(
          "", "the workbook has no sheet \"" + std::string(wanted) + "\"; its sheets are " + names);
  }
  std::string target;
  Handler relationships;
  relationships.start = [&](const std::string& name, const Attributes& a) {
    if (name == "Relationship" && attribute(a, "Id") == id) target = attribute(a, "Target");
  };
  parse(package.read("xl/_rels/workbook.xml.rels"), "xl/_rels/workbook.xml.rels", relationships);
  if (target.empty()) notXlsx("its workbook names a sheet it does not have");
  return target.front() == '/' ? target.substr(1) : "xl/" + target;
}

std::vector<std::string> sharedStrings(Package& package) {
  std::vector<std::string> strings;
  if (!package.has("xl/sharedStrings.xml")) return strings;
  bool inText = false;
  int phonetic = 0;  // inside <rPh>: a reading aid, not part of the text
  Handler handler;
  handler.start = [&](const std::string& name, const Attributes&) {
    if (name == "si") strings.emplace_back();
    if (name == "rPh") ++phonetic;
    if (name == "t" && phonetic == 0 && !strings.empty()) inText = true;
  };
  handler.end = [&](const std::string& name) {
    if (name == "t") inText = false;
    if (name == "rPh") --phonetic;
  };
  handler.text = [&](const XMLChar* ch, int begin, int length) {
    if (inText) strings.back().append(ch + begin, static_cast<std::size_t>(length));
  };
  parse(package.read("xl/sharedStrings.xml"), "xl/sharedStrings.xml", handler);
  return strings;
}

/// Whether a number format shows a date: the built-in date formats, or a format code with a
/// day or year in it outside quoted text, escapes and brackets.
bool isDateFormat(int id, const std::string& code) {
  if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47)) return true;
  bool quoted = false;
  bool bracket = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\\') {
      ++i;
      continue;
    }
    if (c == '[') bracket = true;
    if (c == ']') bracket = false;
    if (bracket) continue;
    if (c == 'd' || c == 'D' || c == 'y' || c == 'Y') return true;
  }
  return false;
}

/// For each cell style index, whether it formats its number as a date.
std::vector<bool> dateStyles(Package& package) {
  std::vector<bool> styles;
  if (!package.has("xl/styles.xml")) return styles;
  std::map<int, std::string> formats;
  std::vector<int> cellFormats;
  bool inCellXfs = false;
  Handler handler;
  handler.start = [&](const std::string& name, const Attributes& a) {
    if (name == "numFmt")
      formats[std::atoi(attribute(a, "numFmtId").c_str())] = attribute(a, "formatCode");
    if (name == "cellXfs") inCellXfs = true;
    if (name == "xf" && inCellXfs)
      cellFormats.push_back(std::atoi(attribute(a, "numFmtId").c_str()));
  };
  handler.end = [&](const std::string& name) {
    if (name == "cellXfs") inCellXfs = false;
  };
  parse(package.read("xl/styles.xml"), "xl/styles.xml", handler);
  for (int id : cellFormats)
    styles.push_back(isDateFormat(id, formats.count(id) ? formats[id] : ""));
  return styles;
}

/// The shortest decimal that gives back the double a number cell stores, without exponent.
std::string shortestDecimal(const std::string& stored, double& value) {
  const char* begin = stored.data();
  const auto [end, error] = std::from_chars(begin, begin + stored.size(), value);
  if (error != std::errc() || end != begin + stored.size()) return stored;
  char buffer[400];
  const auto written =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  if (written.ec != std::errc()) return stored;
  return std::string(buffer, written.ptr);
}

/// The 1900 date system: serial 1 is 1900-01-01, and 60 the 29 February 1900 that spreadsheets
/// count but the calendar does not have.
std::optional<core::Date> serialDate(double serial) {
  if (!(serial >= 1) || serial >= 2958466 || std::floor(serial) == 60) return std::nullopt;
  const std::int64_t days = static_cast<std::int64_t>(std::floor(serial));
  const core::Date base{1899, 12, days < 60 ? 31 : 30};
  return core::Date::fromDayNumber(base.dayNumber() + days);
}

// The largest sheet a spreadsheet program makes: columns A to XFD, rows 1 to 1,048,576.
constexpr int kMostColumns = 16384;
constexpr int kMostRows = 1048576;

/// "B12" → 1 (the column's index); -1 when the reference has no letters.
int columnOf(const std::string& reference) {
  int column = 0;
  std::size_t i = 0;
  for (; i < reference.size() && reference[i] >= 'A' && reference[i] <= 'Z'; ++i) {
    column = column * 26 + (reference[i] - 'A' + 1);
    if (column > kMostColumns) notXlsx("a cell lies beyond column XFD");
  }
  return i == 0 ? -1 : column - 1;
}

}  // namespace

Sheet readXlsx(const std::string& bytes, std::string_view sheetName) {
  Package package(bytes);
  const std::string part = sheetPart(package, sheetName);
  const std::vector<std::string> strings = sharedStrings(package);
  const std::vector<bool> dates = dateStyles(package);

  Sheet sheet;
  Row row;
  int nextRow = 1;
  int nextColumn = 0;
  std::string type, style, value;
  int column = 0;
  bool inValue = false, inInline = false, inCell = false;
  const auto finishCell = [&] {
    Cell cell;
    if (type == "s") {
      const std::size_t index = static_cast<std::size_t>(std::atol(value.c_str()));
      if (value.empty() || index >= strings.size())
        notXlsx("a cell refers to a shared string it does not have");
      cell = {Cell::Kind::kText, strings[index]};
    } else if (type == "inlineStr" || type == "str" || type == "e") {
      cell = {Cell::Kind::kText, value};
    } else if (type == "b") {
      cell = {Cell::Kind::kBoolean, value == "1" ? "true" : "false"};
    } else if (type == "d") {
      cell = {Cell::Kind::kDate, value.substr(0, 10)};
    } else if (!value.empty()) {
      double number = 0;
      const std::string decimal = shortestDecimal(value, number);
      const std::size_t styleIndex = static_cast<std::size_t>(std::atol(style.c_str()));
      const bool date = !style.empty() && styleIndex < dates.size() && dates[styleIndex];
      const auto asDate = date ? serialDate(number) : std::nullopt;
      cell =
          asDate ? Cell{Cell::Kind::kDate, asDate->toString()} : Cell{Cell::Kind::kNumber, decimal};
    }
    if (cell.kind == Cell::Kind::kText && cell.value.empty()) cell.kind = Cell::Kind::kEmpty;
    if (cell.empty()) return;
    if (row.cells.size() <= static_cast<std::size_t>(column)) row.cells.resize(column + 1);
    row.cells[column] = std::move(cell);
  };
  Handler handler;
  handler.start = [&](const std::string& name, const Attributes& a) {
    if (name == "row") {
      const std::string r = attribute(a, "r");
      row = Row{r.empty() ? nextRow : std::atoi(r.c_str()), {}};
      if (row.number < 1 || row.number > kMostRows) notXlsx("a row lies beyond row 1,048,576");
      nextRow = row.number + 1;
      nextColumn = 0;
    } else if (name == "c") {
      inCell = true;
      const int referenced = columnOf(attribute(a, "r"));
      column = referenced >= 0 ? referenced : nextColumn;
      if (column >= kMostColumns) notXlsx("a cell lies beyond column XFD");
      nextColumn = column + 1;
      type = attribute(a, "t");
      style = attribute(a, "s");
      value.clear();
    } else if (name == "v" && inCell) {
      inValue = true;
    } else if (name == "is" && inCell) {
      inInline = true;
    } else if (name == "t" && inInline) {
      inValue = true;
    } else if (name == "rPh" && inInline) {
      inInline = false;  // phonetic runs are not the text
    }
  };
  handler.end = [&](const std::string& name) {
    if (name == "v" || name == "t") inValue = false;
    if (name == "is") inInline = false;
    if (name == "c") {
      finishCell();
      inCell = false;
    }
    if (name == "row" && !row.cells.empty()) sheet.rows.push_back(std::move(row));
  };
  handler.text = [&](const XMLChar* ch, int begin, int length) {
    if (inValue) value.append(ch + begin, static_cast<std::size_t>(length));
  };
  parse(package.read(part), part, handler);
  return sheet;
}

namespace {

/// A temporary file's path, removed when it goes.
class TemporaryPath {
 public:
  TemporaryPath() {
    char name[] = "/tmp/crossgrant-xlsx-XXXXXX";
    const int fd = mkstemp(name);
    if (fd < 0) throw core::Unavailable("cannot create a temporary file for an XLSX workbook");
    close(fd);
    path_ = name;
  }
  ~TemporaryPath() { std::remove(path_.c_str()); }
  TemporaryPath(const TemporaryPath&) = delete;
  TemporaryPath& operator=(const TemporaryPath&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

bool wholeNumber(const std::string& text) {
  if (text.empty() || text.size() > 15) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return text.size() == 1 || text.front() != '0';
}

}  // namespace

std::string writeXlsx(const std::vector<SheetToWrite>& sheets) {
  TemporaryPath file;
  lxw_workbook* workbook = workbook_new(file.path().c_str());
  if (workbook == nullptr) throw core::Unavailable("libxlsxwriter could not start a workbook");
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  lxw_format* wrapped = workbook_add_format(workbook);
  format_set_text_wrap(wrapped);
  format_set_align(wrapped, LXW_ALIGN_VERTICAL_TOP);
  for (const SheetToWrite& sheet : sheets) {
    lxw_worksheet* worksheet = workbook_add_worksheet(workbook, sheet.name.c_str());
    if (worksheet == nullptr) {
      workbook_close(workbook);
      throw core::Unavailable("libxlsxwriter refused the sheet name \"" + sheet.name + "\"");
    }
    for (std::size_t c = 0; c < sheet.widths.size(); ++c)
      worksheet_set_column(worksheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                           sheet.widths[c], c + 1 == sheet.widths.size() ? wrapped : nullptr);
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
      const std::vector<std::string>& cells = sheet.rows[r];
      for (std::size_t c = 0; c < cells.size(); ++c) {
        const auto row = static_cast<lxw_row_t>(r);
        const auto col = static_cast<lxw_col_t>(c);
        const bool numeric = r > 0 && c < sheet.numericColumns.size() && sheet.numericColumns[c];
        if (cells[c].empty()) continue;
        if (numeric && wholeNumber(cells[c]))
          worksheet_write_number(worksheet, row, col, std::stod(cells[c]), nullptr);
        else
          worksheet_write_string(worksheet, row, col, cells[c].c_str(), r == 0 ? bold : nullptr);
      }
    }
    worksheet_freeze_panes(worksheet, 1, 0);
  }
  const lxw_error closed = workbook_close(workbook);
  if (closed != LXW_NO_ERROR)
    throw core::Unavailable(std::string("libxlsxwriter could not write the workbook: ") +
                            lxw_strerror(closed));
  std::ifstream in(file.path(), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace crossgrant::sheets
