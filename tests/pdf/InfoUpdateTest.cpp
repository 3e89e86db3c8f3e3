// The incremental update of a PDF's document information (pdf/InfoUpdate.h) on documents the
// engine renders, checked with qpdf and pdfinfo: the bytes before the update are unchanged and
// hash to what the update says, the old entries are kept, and readInfo reads back what either
// wrote without ever throwing on a malformed file.
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "PdfTools.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/Labels.h"
#include "crossgrant/pdf/Document.h"
#include "crossgrant/pdf/InfoUpdate.h"
#include "crossgrant/pdf/PdfError.h"

using crossgrant::core::Date;
using crossgrant::core::Labels;
using crossgrant::core::Language;
using crossgrant::core::sha256Hex;
using crossgrant::pdf::appendInfoUpdate;
using crossgrant::pdf::Document;
using crossgrant::pdf::DocumentInfo;
using crossgrant::pdf::InfoEntries;
using crossgrant::pdf::InfoReading;
using crossgrant::pdf::PdfError;
using crossgrant::pdf::readInfo;
using crossgrant::test::PdfFile;
using crossgrant::test::ToolRun;

namespace {

const Labels& labels() {
  static const Labels english = Labels::load(CROSSGRANT_SOURCE_DIR "/reports/i18n", Language::kEn);
  return english;
}

/// A two-page document of the engine with a Latvian title.
std::string rendered() {
  DocumentInfo info;
  info.title = "Finanšu pārskats";
  info.subject = "Interreg (V-A) \\ Latvia–Lithuania";
  info.project = "LLI-317 SocQuality";
  info.documentId = "LLI-317-financial-en";
  info.generatedAt = {Date{2020, 1, 15}, 14, 5, 0};
  Document document(info, labels());
  document.heading("Revision one");
  document.paragraph("The pages that the update leaves as they are.");
  document.pageBreak();
  document.paragraph("Page two.");
  return document.finish();
}

const std::string kSha = "CrossgrantContentSHA256";
const std::string kLength = "CrossgrantContentLength";

std::string sealed(const std::string& original) {
  std::string bytes = original;
  appendInfoUpdate(bytes,
                   {{kSha, sha256Hex(original)}, {kLength, std::to_string(original.size())}});
  return bytes;
}

std::string valueOf(const InfoReading& reading, const std::string& key) {
  const std::string* value = reading.find(key);
  return value ? *value : "(none)";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(info_update)

BOOST_AUTO_TEST_CASE(the_update_keeps_the_bytes_before_it_and_names_their_hash) {
  const std::string original = rendered();
  const std::string bytes = sealed(original);
  BOOST_TEST_REQUIRE(bytes.size() > original.size());
  BOOST_TEST((bytes.substr(0, original.size()) == original));
  BOOST_TEST(bytes.find("/Prev ") != std::string::npos);

  PdfFile file(bytes);
  const ToolRun check = file.run("qpdf", {"--check"});
  BOOST_TEST(check.status == 0, check.out << check.err);
  BOOST_TEST(check.out.find("No syntax or stream encoding errors") != std::string::npos, check.out);
  BOOST_TEST(check.err == "");

  // pdfinfo reads the new Info: the old entries and the new ones.
  const ToolRun info = file.run("pdfinfo", {"-custom", "-isodates"});
  BOOST_TEST(info.status == 0);
  BOOST_TEST(info.err == "");
  for (const std::string& expected :
       {std::string("Title:           Finanšu pārskats\n"),
        std::string("Subject:         Interreg (V-A) \\ Latvia–Lithuania\n"),
        std::string("Creator:         crossgrant\n"),
        std::string("CreationDate:    2020-01-15T14:05:00Z\n"),
        // pdfinfo pads a key to 16 characters: these longer ones are not padded.
        kSha + ":" + sha256Hex(original) + "\n",
        kLength + ":" + std::to_string(original.size()) + "\n"})
    BOOST_TEST(info.out.find(expected) != std::string::npos, expected << " in\n" << info.out);
  const ToolRun pages = file.run("pdfinfo");
  BOOST_TEST(pages.out.find("Pages:           2\n") != std::string::npos, pages.out);

  // qpdf sees the new object with the hash as the trailer's /Info.
  const ToolRun trailer = file.run("qpdf", {"--show-object=trailer"});
  BOOST_TEST(trailer.status == 0);
  const std::size_t at = trailer.out.find("/Info ");
  BOOST_TEST_REQUIRE(at != std::string::npos);
  const std::string reference = trailer.out.substr(at + 6, trailer.out.find(" R", at) + 2 - at - 6);
  const ToolRun object =
      file.run("qpdf", {"--show-object=" + reference.substr(0, reference.find(' '))});
  BOOST_TEST(object.status == 0);
  BOOST_TEST(object.out.find("/" + kSha + " (" + sha256Hex(original) + ")") != std::string::npos,
             object.out);

  // And the prefix the metadata names hashes to the value, as `head -c N | sha256sum` does.
  const ToolRun head =
      file.run("sh", {"-c", "head -c " + std::to_string(original.size()) + " \"$0\" | sha256sum"});
  BOOST_TEST(head.out.substr(0, 64) == sha256Hex(original));
}

BOOST_AUTO_TEST_CASE(read_info_reads_the_old_and_the_new_entries) {
  const std::string original = rendered();
  const InfoReading before = readInfo(original);
  BOOST_TEST_REQUIRE(before.ok(), before.problem);
  BOOST_TEST(before.hasInfo);
  BOOST_TEST(valueOf(before, "Title") == "Finanšu pārskats");
  BOOST_TEST(valueOf(before, "Subject") == "Interreg (V-A) \\ Latvia–Lithuania");
  BOOST_TEST(before.find(kSha) == nullptr);

  const InfoReading after = readInfo(sealed(original));
  BOOST_TEST_REQUIRE(after.ok(), after.problem);
  BOOST_TEST(valueOf(after, "Title") == "Finanšu pārskats");
  BOOST_TEST(valueOf(after, "Creator") == "crossgrant");
  BOOST_TEST(valueOf(after, kSha) == sha256Hex(original));
  BOOST_TEST(valueOf(after, kLength) == std::to_string(original.size()));
  BOOST_TEST(after.entries.size() == before.entries.size() + 2);
}

BOOST_AUTO_TEST_CASE(a_second_update_replaces_entries_of_the_same_name) {
  const std::string original = rendered();
  std::string bytes = sealed(original);
  const std::size_t firstUpdate = bytes.size();
  appendInfoUpdate(bytes, {{kLength, "7"}, {"Subject", "Pārskats – ąčęėįšųūž ✓ 𝄞"}});
  BOOST_TEST(bytes.substr(0, original.size()) == original);

  PdfFile file(bytes);
  const ToolRun check = file.run("qpdf", {"--check"});
  BOOST_TEST(check.status == 0, check.out << check.err);
  const ToolRun info = file.run("pdfinfo", {"-custom"});
  BOOST_TEST(info.err == "");
  BOOST_TEST(info.out.find("Subject:         Pārskats – ąčęėįšųūž ✓ 𝄞\n") != std::string::npos,
             info.out);

  const InfoReading reading = readInfo(bytes);
  BOOST_TEST_REQUIRE(reading.ok(), reading.problem);
  BOOST_TEST(valueOf(reading, kLength) == "7");
  BOOST_TEST(valueOf(reading, kSha) == sha256Hex(original));
  BOOST_TEST(valueOf(reading, "Subject") == "Pārskats – ąčęėįšųūž ✓ 𝄞");
  BOOST_TEST(valueOf(reading, "Title") == "Finanšu pārskats");
  int lengths = 0;
  for (const auto& [key, value] : reading.entries) lengths += key == kLength ? 1 : 0;
  BOOST_TEST(lengths == 1);
  // The first update is the prefix of the second, as revision 1 is of both.
  BOOST_TEST(readInfo(bytes.substr(0, firstUpdate)).find(kLength) != nullptr);
}

BOOST_AUTO_TEST_CASE(bytes_appended_after_the_update_do_not_hide_it) {
  const std::string original = rendered();
  const std::string bytes = sealed(original) + "appended after the end\n";
  const InfoReading reading = readInfo(bytes);
  BOOST_TEST_REQUIRE(reading.ok(), reading.problem);
  BOOST_TEST(valueOf(reading, kSha) == sha256Hex(original));
}

BOOST_AUTO_TEST_CASE(a_pdf_without_info_gets_one) {
  // A minimal PDF written by hand, with a classic cross-reference table and no /Info.
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  const auto add = [&](const std::string& object) {
    offsets.push_back(pdf.size());
    pdf += object;
  };
  add("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
  add("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
  add("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>\nendobj\n");
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 4\n0000000000 65535 f\r\n";
  for (const std::size_t offset : offsets) {
    char line[24];
    std::snprintf(line, sizeof line, "%010zu 00000 n\r\n", offset);
    pdf += line;
  }
  pdf += "trailer\n<< /Size 4 /Root 1 0 R /ID [<00112233><44556677>] >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF";
  const InfoReading none = readInfo(pdf);
  BOOST_TEST(none.ok(), none.problem);
  BOOST_TEST(!none.hasInfo);

  std::string bytes = pdf;
  appendInfoUpdate(bytes, {{"Title", "Hand (made)"}});
  PdfFile file(bytes);
  const ToolRun check = file.run("qpdf", {"--check"});
  BOOST_TEST(check.status == 0, check.out << check.err);
  const InfoReading reading = readInfo(bytes);
  BOOST_TEST_REQUIRE(reading.ok(), reading.problem);
  BOOST_TEST(valueOf(reading, "Title") == "Hand (made)");
  // The /ID of the previous trailer is kept.
  const ToolRun trailer = file.run("qpdf", {"--show-object=trailer"});
  BOOST_TEST(trailer.out.find("/ID [ <00112233> ") != std::string::npos, trailer.out);
}

BOOST_AUTO_TEST_CASE(malformed_files_are_problems_not_exceptions) {
  const std::string good = sealed(rendered());
  for (const std::string& bad :
       {std::string(), std::string("%PDF-1.4\n%%EOF\n"), std::string("not a pdf"),
        std::string("%PDF-1.4\nstartxref\n999999\n%%EOF\n"),
        std::string("%PDF-1.4\nstartxref\n0\n%%EOF\n"),
        std::string("%PDF-1.4\nxref\n0 1\n0000000000 65535 f\r\ntrailer\n<< /Size 1 "
                    ">>\nstartxref\n9\n%%EOF\n"),
        std::string("%PDF-1.4\nxref\ntrailer\n<< /Size 1 /Root 1 0 R /Info 5 0 R "
                    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ >>\nstartxref\n9\n%%EOF\n")}) {
    InfoReading reading;
    BOOST_CHECK_NO_THROW(reading = readInfo(bad));
    BOOST_TEST(!reading.ok(), bad);
    std::string copy = bad;
    BOOST_CHECK_THROW(appendInfoUpdate(copy, {{"Title", "x"}}), PdfError);
  }
  // A /Prev that loops ends the walk through older sections: what the newest says is read.
  const std::string looping =
      "%PDF-1.4\nxref\n0 1\n0000000000 65535 f\r\ntrailer\n<< /Size 1 /Root 1 0 R /Prev 9 "
      ">>\nstartxref\n9\n%%EOF\n";
  BOOST_TEST(readInfo(looping).ok(), readInfo(looping).problem);
  BOOST_TEST(!readInfo(looping).hasInfo);
  // So does an older section that a changed byte broke: the update's Info is still read.
  std::string broken = good;
  broken[good.find("trailer") + 6] = 'x';
  const InfoReading afterBroken = readInfo(broken);
  BOOST_TEST_REQUIRE(afterBroken.ok(), afterBroken.problem);
  BOOST_TEST(afterBroken.find(kSha) != nullptr);
  // Every truncation and a flipped byte in the update's part: never a crash, never a throw.
  const std::size_t updateStart = good.rfind("endobj", good.rfind("xref")) - 60;
  for (std::size_t length = updateStart; length < good.size(); ++length) {
    BOOST_CHECK_NO_THROW(readInfo(std::string_view(good).substr(0, length)));
    std::string flipped = good;
    flipped[length] = static_cast<char>(flipped[length] ^ 0x5A);
    BOOST_CHECK_NO_THROW(readInfo(flipped));
  }
  std::string copy = good;
  BOOST_CHECK_THROW(appendInfoUpdate(copy, {{"Not a name", "x"}}), PdfError);
  BOOST_CHECK_THROW(appendInfoUpdate(copy, {{"", "x"}}), PdfError);
  BOOST_TEST((copy == good));
}

BOOST_AUTO_TEST_SUITE_END()
