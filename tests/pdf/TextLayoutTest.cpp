// The engine's private building blocks: text cleaning, measuring and wrapping, the ToUnicode
// CMap, and libharu errors turned into PdfError.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include <hpdf_objects.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "FontFace.h"
#include "HpdfDoc.h"
#include "PdfTools.h"
#include "TextLayout.h"
#include "ToUnicodeCMap.h"
#include "crossgrant/pdf/FontLocator.h"
#include "crossgrant/pdf/PdfError.h"

using crossgrant::pdf::buildToUnicodeCMap;
using crossgrant::pdf::cleanText;
using crossgrant::pdf::FontFace;
using crossgrant::pdf::HpdfDoc;
using crossgrant::pdf::Line;
using crossgrant::pdf::locateFonts;
using crossgrant::pdf::measureUnits;
using crossgrant::pdf::PdfError;
using crossgrant::pdf::replaceToUnicode;
using crossgrant::pdf::toPoints;
using crossgrant::pdf::wrapText;
using crossgrant::test::countOf;
using crossgrant::test::PdfFile;

namespace {

std::string cleaned(const std::string& text) {
  std::string scratch;
  return std::string(cleanText(text, scratch));
}

struct FontFixture {
  HpdfDoc doc;
  FontFace font{doc, locateFonts().regular};

  std::vector<std::string> wrap(const std::string& text, float width, float size = 10.0f) {
    std::vector<Line> lines;
    wrapText(text, font, size, width, lines);
    std::vector<std::string> out;
    for (const Line& line : lines) out.push_back(text.substr(line.begin, line.end - line.begin));
    return out;
  }
  float width(const std::string& text, float size = 10.0f) {
    return toPoints(measureUnits(text, font), size);
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(text_layout)

BOOST_AUTO_TEST_CASE(clean_text_is_returned_as_it_is) {
  const std::string text = "Zemgales plānošanas reģions — VšĮ Rokiškio\n791\u00A0256,20";
  std::string scratch;
  const std::string_view result = cleanText(text, scratch);
  BOOST_TEST(result.data() == text.data());
  BOOST_TEST(scratch.empty());
}

BOOST_AUTO_TEST_CASE(unclean_text_is_repaired) {
  BOOST_TEST(cleaned("a\tb") == "a b");
  BOOST_TEST(cleaned("a\r\nb") == "a\nb");
  BOOST_TEST(cleaned(std::string("a\x01\x7F"
                                 "b")) == "ab");
  BOOST_TEST(cleaned("a\xC2\x85"
                     "b") == "ab");  // C1 control
  BOOST_TEST(cleaned("a\xFF"
                     "b") == "a\uFFFDb");  // stray byte
  BOOST_TEST(cleaned("a\xC4"
                     "b") == "a\uFFFDb");  // truncated sequence
  BOOST_TEST(cleaned("a\xC0\xAF"
                     "b") == "a\uFFFDb");  // overlong
  BOOST_TEST(cleaned("a\xED\xA0\x80"
                     "b") == "a\uFFFDb");             // surrogate
  BOOST_TEST(cleaned("a\U0001F600b") == "a\uFFFDb");  // beyond the BMP
  BOOST_TEST(cleaned("ā\xE2\x82") == "ā\uFFFD");      // cut at the end
}

BOOST_AUTO_TEST_CASE(widths_come_from_the_font) {
  FontFixture f;
  BOOST_TEST(f.width("") == 0.0f);
  // DejaVu Sans: digits are 0.636 em wide, a space 0.318 em.
  BOOST_TEST(f.width("0", 10.0f) == 6.36f, boost::test_tools::tolerance(0.01f));
  BOOST_TEST(f.width("00", 10.0f) == 2 * f.width("0", 10.0f), boost::test_tools::tolerance(0.01f));
  BOOST_TEST(f.width("ā") > 0.0f);
  BOOST_TEST(f.width("W") > f.width("i"));
}

BOOST_AUTO_TEST_CASE(lines_break_at_spaces_and_fit) {
  FontFixture f;
  const std::string text = "Sociālo pakalpojumu pieejamības un kvalitātes uzlabošana";
  const float limit = f.width("Sociālo pakalpojumu pieejamības");
  const auto lines = f.wrap(text, limit);
  BOOST_TEST(lines == (std::vector<std::string>{"Sociālo pakalpojumu pieejamības",
                                                "un kvalitātes uzlabošana"}),
             boost::test_tools::per_element());
  for (const std::string& line : lines) BOOST_TEST(f.width(line) <= limit);
}

BOOST_AUTO_TEST_CASE(long_words_break_between_code_points) {
  FontFixture f;
  const auto lines = f.wrap("ąąąąąąąąąą", f.width("ąąą"));
  BOOST_TEST(lines == (std::vector<std::string>{"ąąą", "ąąą", "ąąą", "ą"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(newlines_break_and_spaces_at_breaks_vanish) {
  FontFixture f;
  BOOST_TEST(f.wrap("a\nb", 500) == (std::vector<std::string>{"a", "b"}),
             boost::test_tools::per_element());
  BOOST_TEST(f.wrap("a\n\nb", 500) == (std::vector<std::string>{"a", "", "b"}),
             boost::test_tools::per_element());
  BOOST_TEST(f.wrap("", 500) == (std::vector<std::string>{""}), boost::test_tools::per_element());
  BOOST_TEST(f.wrap("trailing   ", 500) == (std::vector<std::string>{"trailing"}),
             boost::test_tools::per_element());
  BOOST_TEST(f.wrap("aa    bb", f.width("aa b")) == (std::vector<std::string>{"aa", "bb"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_no_break_space_keeps_a_number_together) {
  FontFixture f;
  const std::string number = "791\u00A0256,20";
  const auto lines = f.wrap("Kopā " + number, f.width("Kopā 791 25"));
  BOOST_TEST(lines == (std::vector<std::string>{"Kopā", number}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(measured_code_points_are_recorded_for_the_cmap) {
  FontFixture f;
  f.width("Aā");
  const auto codes = f.font.usedCodes();
  BOOST_TEST(std::count(codes.begin(), codes.end(), u'A') == 1);
  BOOST_TEST(std::count(codes.begin(), codes.end(), 0x0101) == 1);
  BOOST_TEST(std::count(codes.begin(), codes.end(), u'B') == 0);
}

BOOST_AUTO_TEST_CASE(the_cmap_maps_codes_to_themselves_with_bfrange_and_bfchar) {
  const std::string cmap = buildToUnicodeCMap({0x20, 0x21, 0x22, 0x41, 0x0101, 0x01FF, 0x0200});
  BOOST_TEST(cmap.find("cidrange") == std::string::npos);
  BOOST_TEST(cmap.find("/CMapName /Adobe-Identity-UCS def") != std::string::npos);
  BOOST_TEST(cmap.find("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange") !=
             std::string::npos);
  BOOST_TEST(cmap.find("1 beginbfrange\n<0020> <0022> <0020>\nendbfrange") != std::string::npos);
  // 0x01FF and 0x0200 are consecutive but differ in the high byte: two single entries.
  BOOST_TEST(cmap.find("4 beginbfchar\n<0041> <0041>\n<0101> <0101>\n<01FF> <01FF>\n"
                       "<0200> <0200>\nendbfchar") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(cmap_blocks_hold_at_most_100_entries) {
  std::vector<std::uint16_t> codes;
  for (std::uint16_t code = 0x100; code < 0x100 + 2 * 250; code += 2) codes.push_back(code);
  const std::string cmap = buildToUnicodeCMap(codes);
  BOOST_TEST(cmap.find("100 beginbfchar") != std::string::npos);
  BOOST_TEST(cmap.find("50 beginbfchar") != std::string::npos);
  std::size_t blocks = 0;
  for (std::size_t at = cmap.find("beginbfchar"); at != std::string::npos;
       at = cmap.find("beginbfchar", at + 1))
    ++blocks;
  BOOST_TEST(blocks == 3u);
}

// The engine rewrites the stream libharu 2.3.0 creates; a font without one gets its own.
BOOST_AUTO_TEST_CASE(the_cmap_is_replaced_in_place_or_added) {
  for (bool removeFirst : {false, true}) {
    BOOST_TEST_CONTEXT((removeFirst ? "added" : "replaced")) {
      FontFixture f;
      const std::string text = "Zemgales plānošanas reģions, VšĮ Rokiškio jaunimo centras";
      HPDF_Page page = HPDF_AddPage(f.doc.get());
      HPDF_Page_BeginText(page);
      HPDF_Page_SetFontAndSize(page, f.font.handle(), 12.0f);
      HPDF_Page_TextOut(page, 50.0f, 700.0f, text.c_str());
      HPDF_Page_EndText(page);
      f.doc.check("drawing");
      f.width(text);
      if (removeFirst) HPDF_Dict_RemoveElement(f.font.handle(), "ToUnicode");
      replaceToUnicode(f.doc, f.font.handle(), f.font.usedCodes());
      const std::string path = std::filesystem::temp_directory_path() / "crossgrant-cmap.pdf";
      f.doc.check(HPDF_SaveToFile(f.doc.get(), path.c_str()), "saving");
      std::ostringstream bytes;
      bytes << std::ifstream(path, std::ios::binary).rdbuf();
      std::filesystem::remove(path);

      PdfFile file(bytes.str());
      const auto extracted = file.run("pdftotext", {"-enc", "UTF-8", file.path(), "-"}, false);
      BOOST_TEST(extracted.err == "");
      BOOST_TEST(countOf(extracted.out, text) == 1);
      BOOST_TEST(file.run("qpdf", {"--check"}).status == 0);
      BOOST_TEST(countOf(bytes.str(), "/ToUnicode") == 1);
    }
  }
}

BOOST_AUTO_TEST_CASE(libharu_errors_become_pdf_errors_with_code_detail_and_action) {
  HpdfDoc doc;
  HPDF_Page page = HPDF_AddPage(doc.get());
  doc.check("adding a page");
  HPDF_Page_SetFontAndSize(page, nullptr, 10.0f);
  try {
    doc.check("setting a font");
    BOOST_FAIL("no PdfError");
  } catch (const PdfError& e) {
    BOOST_TEST(e.code() == 0x104Fu);  // HPDF_PAGE_INVALID_FONT
    BOOST_TEST(std::string(e.what()) == "libharu error 0x104F (detail 0x0) while setting a font");
  }
  // Reported once: the document is usable again.
  BOOST_CHECK_NO_THROW(doc.check("adding another page"));
  BOOST_CHECK_THROW(doc.check(HPDF_INVALID_PARAMETER, "a failed call"), PdfError);
}

BOOST_AUTO_TEST_CASE(a_missing_font_says_which_package_to_install) {
  try {
    locateFonts("/nonexistent");
    BOOST_FAIL("no PdfError");
  } catch (const PdfError& e) {
    const std::string message = e.what();
    BOOST_TEST(message.find("/nonexistent") != std::string::npos);
    BOOST_TEST(message.find("fonts-dejavu-core") != std::string::npos);
  }
  BOOST_TEST(locateFonts().regular.find("DejaVuSans.ttf") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
