// The audit trail's key from the command line: `migrate` creates the key file (mode 0600)
// beside an SQLite database or under var/; `audit head` exports the trail's head and
// `audit verify --head` finds entries cut off after it even with the chain's row rewound; an entry
// altered and the chain re-hashed without the key is found; and commands and the server say
// plainly when the key file is missing or is not the trail's key.
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "CliFixture.h"
#include "TestSupport.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/Json.h"
#include "crossgrant/store/AuditLog.h"
#include "crossgrant/store/Database.h"

using crossgrant::core::AuditEntry;
using crossgrant::test::ChildProcess;
using crossgrant::test::Cli;
using crossgrant::test::contains;
using crossgrant::test::readFile;
using crossgrant::test::writeFile;
using Result = crossgrant::test::CliResult;

namespace {

struct KeyCli : Cli {
  /// Where the configuration's default puts the key of this test's database.
  std::string keyFile() const {
    const std::string sqlite = "sqlite:";
    if (databaseUrl.rfind(sqlite, 0) == 0) return databaseUrl.substr(sqlite.size()) + ".audit-key";
    std::string database = databaseUrl.substr(0, databaseUrl.find('?'));
    return "var/" + database.substr(database.find_last_of('/') + 1) + ".audit-key";
  }
  void tamper(const std::string& sql, const std::vector<crossgrant::store::Value>& params = {}) {
    const auto db = crossgrant::store::Database::open(databaseUrl);
    db->write([&](crossgrant::store::Connection& c) { c.execute(sql, params); });
  }
  std::vector<AuditEntry> entries() {
    const auto db = crossgrant::store::Database::open(databaseUrl);
    return db->read(
        [](crossgrant::store::Reader& r) { return crossgrant::store::readAudit(r, {}); });
  }
  /// Three entries: the demo imported, then replaced twice.
  void importThrice() {
    BOOST_REQUIRE(importDemo().status == 0);
    for (int i = 0; i < 2; ++i) {
      const Result replaced = run({"import", "--replace", crossgrant::test::demoBundlePath()});
      BOOST_REQUIRE_MESSAGE(replaced.status == 0, replaced.err);
    }
    BOOST_REQUIRE(entries().size() == 3u);
  }
  /// `serve` as started by an operator; its exit status and messages once it has ended.
  Result serve() {
    ChildProcess process;
    process.adopt(crossgrant::test::launchCli(io, databaseUrl, {"serve", "--port", "0"}, "", ""));
    const bool ended = process.waitFor(std::chrono::seconds(30));
    Result result;
    result.status = ended ? process.exitStatus() : -1;
    result.err = crossgrant::test::readIfThere(io.file("stderr"));
    return result;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_audit_key, KeyCli)

BOOST_AUTO_TEST_CASE(migrate_creates_the_key_file_once_with_mode_0600) {
  // The fixture's migrate created it.
  struct stat info {};
  BOOST_REQUIRE_MESSAGE(::stat(keyFile().c_str(), &info) == 0, keyFile());
  BOOST_TEST((info.st_mode & 0777) == 0600u);
  const std::string key = readFile(keyFile());
  BOOST_TEST(key.size() == 65u);
  BOOST_TEST(key.find_first_not_of("0123456789abcdef") == 64u);
  const Result again = run({"migrate"});
  BOOST_TEST(again.status == 0, again.err);
  BOOST_TEST(!contains(again.out, "created the audit key file"), again.out);
  BOOST_TEST(readFile(keyFile()) == key);
  const Result help = run({"audit", "--help"});
  for (const char* part : {"head", "--head FILE"}) BOOST_TEST(contains(help.out, part), part);
}

BOOST_AUTO_TEST_CASE(verify_with_the_exported_head_finds_entries_cut_off_and_the_head_rewound) {
  importThrice();
  const std::string head = io.file("head.json");
  const Result exported = run({"audit", "head", "-o", head});
  BOOST_REQUIRE_MESSAGE(exported.status == 0, exported.err);
  // The three imports are the project's chain; the installation's is empty.
  const crossgrant::core::Json json = crossgrant::core::Json::parse(readFile(head));
  BOOST_TEST(json.find("format")->asString() == "crossgrant-audit-head/2");
  const std::vector<crossgrant::core::Json>& chains = json.find("chains")->items();
  BOOST_REQUIRE(chains.size() == 2u);
  const crossgrant::core::Json& project =
      chains[0].find("chain")->asString() == "installation" ? chains[1] : chains[0];
  BOOST_TEST(project.find("chain")->asString() == "project:" + entries().back().chain);
  BOOST_TEST(project.find("sequence")->asInteger() == 3);
  BOOST_TEST(project.find("mac")->asString() == entries().back().hash);
  BOOST_TEST(run({"audit", "head"}).out == readFile(head));
  const Result holds = run({"audit", "verify", "--head", head});
  BOOST_TEST(holds.status == 0, holds.out << holds.err);
  BOOST_TEST(contains(holds.out, "3 entries in 2 chains checked"), holds.out);

  // Cut off the last entry and rewind its chain's row to the one before, as SQL can.
  tamper("DELETE FROM audit_entries WHERE sequence = 3");
  tamper("UPDATE audit_chains SET last_sequence = 2, last_hash = ? WHERE chain <> ''",
         {entries().back().hash});
  const Result alone = run({"audit", "verify"});
  BOOST_TEST(alone.status == 0, alone.out << alone.err);
  const Result verified = run({"audit", "verify", "--head", head});
  BOOST_TEST(verified.status == 1, verified.out << verified.err);
  BOOST_TEST(contains(verified.out, "audit trail broken at entry 3 of chain project:"),
             verified.out);
  BOOST_TEST(contains(verified.out, "entry 3 of the chain of project LLI-317"), verified.out);
  BOOST_TEST(contains(verified.out, "exported head is entry 3"), verified.out);

  writeFile(io.file("bad.json"), "{\"sequence\": 3}");
  const Result bad = run({"audit", "verify", "--head", io.file("bad.json")});
  BOOST_TEST(bad.status == 2);
  BOOST_TEST(contains(bad.err, "is not an exported audit head"), bad.err);
}

BOOST_AUTO_TEST_CASE(verify_finds_an_entry_altered_and_the_chain_rehashed_without_the_key) {
  importThrice();
  std::vector<AuditEntry> all = entries();
  all[1].after = "{\"project\":{\"acronym\":\"forged\"}}";
  for (std::size_t i = 1; i < all.size(); ++i) {
    all[i].previousHash = all[i - 1].hash;
    all[i].hash = crossgrant::core::auditHash(all[i]);
    tamper(
        "UPDATE audit_entries SET after_json = ?, previous_hash = ?, hash = ? WHERE sequence = ?",
        {*all[i].after, all[i].previousHash, all[i].hash, all[i].sequence});
  }
  tamper("UPDATE audit_chains SET last_hash = ? WHERE chain <> ''", {all.back().hash});
  const Result verified = run({"audit", "verify"});
  BOOST_TEST(verified.status == 1, verified.out << verified.err);
  BOOST_TEST(contains(verified.out, "audit trail broken at entry 2"), verified.out);
  BOOST_TEST(contains(verified.out, "altered"), verified.out);
  BOOST_TEST(contains(verified.out, "1 entry before it checked and intact"), verified.out);
  const Result head = run({"audit", "head"});
  BOOST_TEST(head.status == 1);
  BOOST_TEST(!contains(head.out, "\"mac\""), head.out);
}

BOOST_AUTO_TEST_CASE(a_missing_key_file_is_named_by_every_command_that_needs_it) {
  BOOST_REQUIRE(importDemo().status == 0);
  const std::string key = readFile(keyFile());
  BOOST_REQUIRE(std::remove(keyFile().c_str()) == 0);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"audit", "verify"},
        {"import", "--replace", crossgrant::test::demoBundlePath()}}) {
    const Result refused = run(args);
    BOOST_TEST(refused.status == 2, args[0]);
    BOOST_TEST(contains(refused.err, "the audit key file " + keyFile()), refused.err);
    BOOST_TEST(contains(refused.err, "does not exist"), refused.err);
  }
  const Result server = serve();
  BOOST_TEST(server.status == 2, server.err);
  BOOST_TEST(contains(server.err, "the audit key file " + keyFile()), server.err);
  // migrate does not make a new key for a trail chained with one.
  const Result migrate = run({"migrate"});
  BOOST_TEST(migrate.status == 2, migrate.out);
  BOOST_TEST(contains(migrate.err, "restore that file"), migrate.err);
  BOOST_TEST(!std::filesystem::exists(keyFile()));
  BOOST_TEST(entries().size() == 1u);

  writeFile(keyFile(), key);
  BOOST_TEST(run({"audit", "verify"}).status == 0);
}

BOOST_AUTO_TEST_CASE(another_key_file_is_refused_as_not_the_trails_key) {
  BOOST_REQUIRE(importDemo().status == 0);
  writeFile(keyFile(), std::string(64, 'a') + "\n");
  const Result verified = run({"audit", "verify"});
  BOOST_TEST(verified.status == 2, verified.out);
  BOOST_TEST(contains(verified.err, "not the one this database's audit trail is chained with"),
             verified.err);
  const Result server = serve();
  BOOST_TEST(server.status == 2, server.err);
  BOOST_TEST(contains(server.err, "not the one this database's audit trail is chained with"),
             server.err);
  const Result import = run({"import", "--replace", crossgrant::test::demoBundlePath()});
  BOOST_TEST(import.status == 2);
  BOOST_TEST(entries().size() == 1u);

  writeFile(keyFile(), "not a key\n");
  const Result malformed = run({"audit", "verify"});
  BOOST_TEST(malformed.status == 2);
  BOOST_TEST(contains(malformed.err, "holds no audit key"), malformed.err);
}

BOOST_AUTO_TEST_SUITE_END()
