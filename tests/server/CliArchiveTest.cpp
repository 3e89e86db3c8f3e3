// Project archives from the command line (docs/archive.md): `export CODE --archive FILE.zip`
// writes the bundle and every evidence file, `import FILE.zip` restores both in another
// installation, byte for byte and SHA-256 checked, and exporting there again gives the same
// bundle and the same archive. A changed file, a file the manifest does not name or a project
// that is there already is refused with where and what, and nothing is stored or left behind.
#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "CliFixture.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/Progress.h"
#include "crossgrant/store/Database.h"
#include "crossgrant/store/ProgressRepository.h"
#include "crossgrant/store/ProjectRepository.h"

using crossgrant::test::Cli;
using crossgrant::test::CliResult;
using crossgrant::test::contains;
using crossgrant::test::readFile;
using crossgrant::test::writeFile;

namespace {

const std::string kPdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + std::string(3000, '\x07');

/// An installation: its database and its evidence files (beside an SQLite file; on MariaDB in
/// var/DATABASE.files where the command runs, as the audit key is).
struct Installation : Cli {
  CliResult go(const std::vector<std::string>& args) { return run(args); }
  std::string filesDirectory() const {
    if (databaseUrl.rfind("sqlite:", 0) == 0) return databaseUrl.substr(7) + ".files";
    const std::string database = databaseUrl.substr(databaseUrl.find_last_of('/') + 1);
    return "var/" + database.substr(0, database.find('?')) + ".files";
  }
  std::size_t storedFiles() const {
    std::error_code error;
    if (!std::filesystem::exists(filesDirectory(), error)) return 0;
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(filesDirectory()))
      ++n;
    return n;
  }
};

/// The demo of version 2 with an attendance list (personal data) on event E3 and a photo on
/// activity A4.7.
struct ArchiveCli {
  ArchiveCli() {
    const CliResult imported = source.go({"import", crossgrant::test::demoBundleV2Path()});
    BOOST_REQUIRE_MESSAGE(imported.status == 0, imported.err);
    writeFile(source.io.file("dalyvių sąrašas.pdf"), kPdf);
    writeFile(source.io.file("camp.png"), kPng);
    CliResult added = source.go({"evidence", "add", "LLI-317", "event", "E3",
                                 source.io.file("dalyvių sąrašas.pdf"), "--personal-data"});
    BOOST_REQUIRE_MESSAGE(added.status == 0, added.err);
    added =
        source.go({"evidence", "add", "LLI-317", "activity", "A4.7", source.io.file("camp.png")});
    BOOST_REQUIRE_MESSAGE(added.status == 0, added.err);
    // PP6's statement for period 4, as the progress page saves it.
    crossgrant::core::PeriodStatement statement;
    statement.period = 4;
    statement.partner = "PP6";
    statement.summary = {{"lt", "Aptarėme paslaugų kokybę su jaunimu."}};
    statement.activities = {{"A4.7", {{"lt", "Jaunimo centras veikė visą laikotarpį."}}}};
    crossgrant::store::Database::open(source.databaseUrl)
        ->write([&](crossgrant::store::Connection& db) {
          crossgrant::store::saveStatement(
              db, crossgrant::store::projectIdentity(db, "LLI-317").value(), statement, "ona",
              "2020-03-10T09:00:00.000Z");
        });
    const CliResult archived = source.go({"export", "LLI-317", "--archive", archive()});
    BOOST_REQUIRE_MESSAGE(archived.status == 0, archived.err);
  }
  std::string archive() const { return source.io.file("LLI-317.zip"); }

  Installation source;
  Installation target;
};

/// The entries of a ZIP file, by name.
std::map<std::string, std::string> entriesOf(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  Poco::Zip::ZipArchive archive(in);
  std::map<std::string, std::string> out;
  for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
    if (it->first.back() == '/') continue;
    in.clear();
    Poco::Zip::ZipInputStream entry(in, it->second);
    std::ostringstream bytes;
    bytes << entry.rdbuf();
    out[it->first] = bytes.str();
  }
  return out;
}

void writeZip(const std::string& path, const std::map<std::string, std::string>& entries) {
  std::ofstream out(path, std::ios::binary);
  Poco::Zip::Compress zip(out, true);
  for (const auto& [name, bytes] : entries) {
    std::istringstream in(bytes);
    zip.addFile(in, Poco::DateTime(2020, 1, 1), Poco::Path(name, Poco::Path::PATH_UNIX));
  }
  zip.close();
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_archive, ArchiveCli)

BOOST_AUTO_TEST_CASE(an_archive_restores_the_project_and_its_files_byte_for_byte) {
  const std::map<std::string, std::string> entries = entriesOf(archive());
  BOOST_TEST(entries.size() == 5u);
  BOOST_TEST(contains(entries.at("progress.json"), "Jaunimo centras veikė visą laikotarpį."));
  BOOST_TEST(entries.at("bundle.json") == source.go({"export", "LLI-317"}).out);
  BOOST_TEST(entries.at("evidence/0001.pdf") == kPdf);
  BOOST_TEST(entries.at("evidence/0002.png") == kPng);
  BOOST_TEST(contains(entries.at("manifest.json"), "\"file_name\": \"dalyvių sąrašas.pdf\""));

  const CliResult restored = target.go({"import", archive()});
  BOOST_TEST_REQUIRE(restored.status == 0, restored.err);
  BOOST_TEST(contains(restored.out, "imported LLI-317 from the archive"), restored.out);
  BOOST_TEST(contains(restored.out, "with 2 evidence files"), restored.out);
  BOOST_TEST(target.storedFiles() == 2u);

  // The same bundle, and the same files with their flags.
  BOOST_TEST(target.go({"export", "LLI-317"}).out == source.go({"export", "LLI-317"}).out);
  const CliResult listed = target.go({"evidence", "list", "LLI-317", "--json"});
  BOOST_TEST(listed.status == 0, listed.err);
  BOOST_TEST(contains(listed.out, "\"personal_data\": true"), listed.out);
  BOOST_TEST(contains(listed.out, "\"code\": \"A4.7\""), listed.out);
  const CliResult got =
      target.go({"evidence", "get", "LLI-317", "1", "-o", target.io.file("back.pdf")});
  BOOST_TEST_REQUIRE(got.status == 0, got.err);
  BOOST_TEST(readFile(target.io.file("back.pdf")) == kPdf);
  // The progress statements came too, with who wrote them when.
  const CliResult report =
      target.go({"report", "LLI-317", "--kind", "partner", "--partner", "PP6", "--period", "4",
                 "--lang", "lt", "-o", target.io.file("pp6.pdf")});
  BOOST_TEST(report.status == 0, report.err);
  BOOST_TEST(contains(entriesOf(archive()).at("progress.json"), "\"changed_by\": \"ona\""));

  // Export → import → export: the same archive, byte for byte.
  const CliResult again =
      target.go({"export", "LLI-317", "--archive", target.io.file("again.zip")});
  BOOST_TEST_REQUIRE(again.status == 0, again.err);
  BOOST_TEST(readFile(target.io.file("again.zip")) == readFile(archive()));
  BOOST_TEST(contains(target.go({"audit", "export", "--project", "LLI-317"}).out,
                      "\"object_type\":\"evidence\""));
}

BOOST_AUTO_TEST_CASE(a_changed_file_is_refused_at_its_manifest_entry_and_nothing_is_kept) {
  std::map<std::string, std::string> entries = entriesOf(archive());
  entries["evidence/0002.png"].back() = '\x08';
  const std::string changed = target.io.file("changed.zip");
  writeZip(changed, entries);
  const CliResult refused = target.go({"import", changed});
  BOOST_TEST(refused.status == 2);
  BOOST_TEST(contains(refused.err, "1 error, nothing imported"), refused.err);
  BOOST_TEST(contains(refused.err,
                      "manifest.json/evidence/1/sha256: evidence/0002.png's SHA-256 "
                      "differs"),
             refused.err);
  BOOST_TEST(target.go({"export", "LLI-317"}).status != 0);
  BOOST_TEST(target.storedFiles() == 0u);
}

BOOST_AUTO_TEST_CASE(an_entry_the_manifest_does_not_name_and_a_changed_bundle_are_refused) {
  std::map<std::string, std::string> entries = entriesOf(archive());
  entries["notes.txt"] = "added by hand";
  writeZip(target.io.file("extra.zip"), entries);
  CliResult refused = target.go({"import", target.io.file("extra.zip")});
  BOOST_TEST(refused.status == 2);
  BOOST_TEST(contains(refused.err, "notes.txt: the manifest does not say what this entry is"),
             refused.err);

  entries = entriesOf(archive());
  const auto name = entries["bundle.json"].find("\"SocQuality\"");
  BOOST_TEST_REQUIRE(name != std::string::npos);
  entries["bundle.json"].replace(name, 12, "\"SocQualitx\"");
  writeZip(target.io.file("bundle.zip"), entries);
  refused = target.go({"import", target.io.file("bundle.zip")});
  BOOST_TEST(refused.status == 2);
  BOOST_TEST(contains(refused.err, "manifest.json/bundle/sha256"), refused.err);
  BOOST_TEST(target.go({"export", "LLI-317"}).status != 0);
  BOOST_TEST(target.storedFiles() == 0u);
}

BOOST_AUTO_TEST_CASE(a_statement_about_an_activity_the_bundle_lacks_is_refused_at_its_pointer) {
  std::map<std::string, std::string> entries = entriesOf(archive());
  const std::string before = entries["progress.json"];
  std::string& progress = entries["progress.json"];
  const auto at = progress.find("\"A4.7\"");
  BOOST_TEST_REQUIRE(at != std::string::npos);
  progress.replace(at, 6, "\"A9.9\"");
  // The manifest names the changed file's SHA-256, as if it had been written so.
  std::string& manifest = entries["manifest.json"];
  const auto sha = manifest.find(crossgrant::core::sha256Hex(before));
  BOOST_TEST_REQUIRE(sha != std::string::npos);
  manifest.replace(sha, 64, crossgrant::core::sha256Hex(progress));
  writeZip(target.io.file("progress.zip"), entries);
  const CliResult refused = target.go({"import", target.io.file("progress.zip")});
  BOOST_TEST(refused.status == 2);
  BOOST_TEST(contains(refused.err,
                      "progress.json/statements/0/activities/A9.9: the project has no "
                      "activity \"A9.9\""),
             refused.err);
  BOOST_TEST(target.go({"export", "LLI-317"}).status != 0);
  BOOST_TEST(target.storedFiles() == 0u);
}

BOOST_AUTO_TEST_CASE(a_file_larger_than_an_upload_may_be_is_refused_before_it_is_unpacked) {
  std::map<std::string, std::string> entries = entriesOf(archive());
  std::string& manifest = entries["manifest.json"];
  const std::string size = "\"size\": " + std::to_string(kPdf.size()) + ",";
  const auto at = manifest.find(size);
  BOOST_TEST_REQUIRE(at != std::string::npos);
  manifest.replace(at, size.size(), "\"size\": 30000000000,");
  writeZip(target.io.file("large.zip"), entries);
  const CliResult refused = target.go({"import", target.io.file("large.zip")});
  BOOST_TEST(refused.status == 2);
  BOOST_TEST(contains(refused.err,
                      "manifest.json/evidence/0/size: is 30000000000 bytes, more than "
                      "the 20971520 an evidence file may have"),
             refused.err);
  BOOST_TEST(target.storedFiles() == 0u);
}

BOOST_AUTO_TEST_CASE(an_export_with_personal_data_is_in_the_audit_trail) {
  const std::string trail = source.go({"audit", "export", "--project", "LLI-317"}).out;
  BOOST_TEST(contains(trail, "\"action\":\"export\",\"object_type\":\"archive\""), trail);
  BOOST_TEST(contains(trail, "\"personal_data_files\":[{"));
}

BOOST_AUTO_TEST_CASE(an_archive_does_not_replace_a_project_that_is_there) {
  const std::string before = source.go({"export", "LLI-317"}).out;
  const CliResult refused = source.go({"import", archive()});
  BOOST_TEST(refused.status == 2);
  BOOST_TEST(contains(refused.err, "exists in this installation"), refused.err);
  BOOST_TEST(source.storedFiles() == 2u);
  BOOST_TEST(source.go({"export", "LLI-317"}).out == before);
  const CliResult replace = source.go({"import", archive(), "--replace"});
  BOOST_TEST(replace.status == 2);
  BOOST_TEST(contains(replace.err, "--replace is for bundles"), replace.err);
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_an_archive_or_bundle_says_so) {
  writeFile(target.io.file("broken.zip"), std::string("PK\x03\x04", 4) + "not really");
  const CliResult refused = target.go({"import", target.io.file("broken.zip")});
  BOOST_TEST(refused.status == 2);
  BOOST_TEST(contains(refused.err, "(document): this is not a ZIP file that can be read"),
             refused.err);
}

BOOST_AUTO_TEST_SUITE_END()
