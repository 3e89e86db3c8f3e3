// The audit trail in the store, on both backends: appends chain and serialize (also from many
// threads at once), reads filter and page, and verification finds an altered, removed or
// reordered entry at its sequence even when done directly in the database.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cstdint>
#include <map>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "StoreFixture.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/store/AuditLog.h"
#include "crossgrant/store/ProjectRepository.h"

using crossgrant::core::AuditEntry;
using crossgrant::store::AuditBreak;
using crossgrant::store::AuditFilter;
using crossgrant::store::AuditVerification;
using crossgrant::store::Connection;
using crossgrant::test::StoreFixture;

namespace store = crossgrant::store;

namespace {

AuditFilter filterOf(const std::string& project, const std::string& from, const std::string& before,
                     std::int64_t afterId, std::optional<std::size_t> limit) {
  AuditFilter filter;
  filter.project = project;
  filter.from = from;
  filter.before = before;
  filter.afterId = afterId;
  filter.limit = limit;
  return filter;
}

AuditEntry change(const std::string& project, const std::string& key, int n) {
  AuditEntry entry;
  entry.user = "ilze";
  entry.role = "lead";
  entry.client = "192.0.2.7";
  entry.action = "update";
  entry.objectType = "partner";
  entry.objectKey = project + "/" + key;
  entry.project = project;
  entry.before = "{\"name\":\"Rokiškio jaunimo centras\",\"n\":" + std::to_string(n) + "}";
  entry.after = "{\"name\":\"Rokiškio jaunimo centras 𝄞\",\"n\":" + std::to_string(n + 1) + "}";
  return entry;
}

struct AuditFixture : StoreFixture {
  const crossgrant::core::AuditKey key{std::string(32, 'k')};

  /// Appends count entries, each in its own transaction, alternating two projects.
  void append(int count) {
    for (int i = 0; i < count; ++i) {
      db->write([&](Connection& c) {
        store::appendAudit(c, key,
                           change(i % 2 == 0 ? "LLI-317" : "LLI-400", "PP" + std::to_string(i), i));
      });
    }
  }
  AuditVerification verify(const std::optional<crossgrant::core::AuditHeads>& exported = {}) {
    return db->write([&](Connection& c) { return store::verifyAudit(c, key, exported); });
  }
  std::vector<AuditEntry> read(const AuditFilter& filter = {}) {
    return db->write([&](Connection& c) { return store::readAudit(c, filter); });
  }
  /// Runs sql straight on the database, as someone with access to it could.
  void tamper(const std::string& sql, const std::vector<store::Value>& params = {}) {
    db->write([&](Connection& c) { c.execute(sql, params); });
  }
  void requireBreak(AuditBreak::Kind kind, std::int64_t sequence, std::int64_t checked) {
    const AuditVerification result = verify();
    BOOST_REQUIRE(!result.intact());
    BOOST_TEST((result.broken->kind == kind));
    BOOST_TEST(result.broken->sequence == sequence);
    BOOST_TEST(
        result.broken->message.find("entry " + std::to_string(sequence)) != std::string::npos,
        result.broken->message);
    BOOST_TEST(result.checked == checked);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(audit_entries, AuditFixture)

BOOST_AUTO_TEST_CASE(an_empty_trail_is_intact) {
  const AuditVerification result = verify();
  BOOST_TEST(result.intact());
  BOOST_TEST(result.checked == 0);
  BOOST_TEST(read().empty());
}

BOOST_AUTO_TEST_CASE(append_assigns_sequence_time_and_chained_hashes) {
  const AuditEntry first = db->write(
      [&](Connection& c) { return store::appendAudit(c, key, change("LLI-317", "PP1", 1)); });
  AuditEntry forged = change("LLI-317", "PP2", 2);
  forged.sequence = 99;
  forged.at = "1999-01-01T00:00:00.000Z";
  forged.previousHash = forged.hash = "x";
  const AuditEntry second =
      db->write([&](Connection& c) { return store::appendAudit(c, key, forged); });

  BOOST_TEST(first.sequence == 1);
  BOOST_TEST(second.sequence == 2);
  BOOST_TEST(first.previousHash == std::string(crossgrant::core::kAuditGenesisHash));
  BOOST_TEST(second.previousHash == first.hash);
  BOOST_TEST(first.hash == crossgrant::core::auditMac(first, key));
  BOOST_TEST(first.hash != crossgrant::core::auditHash(first));
  BOOST_TEST(second.hash == crossgrant::core::auditMac(second, key));
  const std::regex utcMillis(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
  BOOST_TEST(std::regex_match(first.at, utcMillis), first.at);
  BOOST_TEST(second.at >= first.at);
  BOOST_TEST(second.at.substr(0, 4) != "1999");

  // Read back byte for byte, 4-byte UTF-8 included.
  const std::vector<AuditEntry> stored = read();
  BOOST_REQUIRE(stored.size() == 2u);
  BOOST_TEST((stored[0] == first));
  BOOST_TEST((stored[1] == second));
  BOOST_TEST(verify().intact());
  BOOST_TEST(verify().checked == 2);
}

BOOST_AUTO_TEST_CASE(a_rolled_back_append_leaves_no_entry_and_no_gap) {
  append(1);
  BOOST_CHECK_THROW(db->write([&](Connection& c) {
    store::appendAudit(c, key, change("LLI-317", "PP1", 1));
    throw std::runtime_error("the change failed after its entry was appended");
  }),
                    std::runtime_error);
  append(1);
  const std::vector<AuditEntry> stored = read();
  BOOST_REQUIRE(stored.size() == 2u);
  BOOST_TEST(stored[1].sequence == 2);
  BOOST_TEST(verify().intact());
}

BOOST_AUTO_TEST_CASE(reads_filter_by_project_and_page_by_sequence) {
  append(7);
  const std::vector<AuditEntry> lli317 = read(filterOf("LLI-317", "", "", 0, std::nullopt));
  BOOST_REQUIRE(lli317.size() == 4u);
  for (const AuditEntry& entry : lli317) BOOST_TEST(entry.project == "LLI-317");
  BOOST_TEST(lli317[1].sequence == 3);

  const std::vector<AuditEntry> page = read(filterOf("", "", "", 2, 3));
  BOOST_REQUIRE(page.size() == 3u);
  BOOST_TEST(page.front().sequence == 3);
  BOOST_TEST(page.back().sequence == 5);
  BOOST_TEST(read(filterOf("", "", "", 7, 3)).empty());
  BOOST_TEST(read(filterOf("NO-SUCH", "", "", 0, std::nullopt)).empty());
}

BOOST_AUTO_TEST_CASE(reads_filter_by_time) {
  append(3);
  const std::string today = read().front().at.substr(0, 10);
  BOOST_TEST(read(filterOf("", today, "", 0, std::nullopt)).size() == 3u);
  BOOST_TEST(read(filterOf("", "", today, 0, std::nullopt)).empty());
  BOOST_TEST(read(filterOf("", "9999-12-31", "", 0, std::nullopt)).empty());
  BOOST_TEST(read(filterOf("", "2000-01-01", "9999-12-31", 0, std::nullopt)).size() == 3u);
}

BOOST_AUTO_TEST_CASE(concurrent_appends_form_one_unbroken_chain) {
  constexpr int kThreads = 8;
  constexpr int kEach = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        try {
          db->write([&](Connection& c) {
            store::appendAudit(c, key,
                               change("LLI-" + std::to_string(t), "PP" + std::to_string(i), i));
          });
        } catch (const std::exception&) {
          ++failures;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  BOOST_TEST(failures.load() == 0);

  const std::vector<AuditEntry> stored = read();
  BOOST_REQUIRE(stored.size() == static_cast<std::size_t>(kThreads * kEach));
  std::set<std::string> hashes;
  for (std::size_t i = 0; i < stored.size(); ++i) {
    BOOST_TEST(stored[i].sequence == static_cast<std::int64_t>(i + 1));
    if (i > 0) BOOST_TEST(stored[i].previousHash == stored[i - 1].hash);
    hashes.insert(stored[i].hash);
  }
  BOOST_TEST(hashes.size() == stored.size());
  const AuditVerification result = verify();
  BOOST_TEST(result.intact());
  BOOST_TEST(result.checked == kThreads * kEach);
}

BOOST_AUTO_TEST_CASE(verify_finds_an_altered_entry) {
  append(5);
  tamper("UPDATE audit_entries SET after_json = ? WHERE sequence = 3",
         {std::string("{\"name\":\"Rokiškio jaunimo centras\",\"total\":\"1.00\"}")});
  requireBreak(AuditBreak::Kind::kAltered, 3, 2);
}

BOOST_AUTO_TEST_CASE(verify_finds_an_altered_user_or_time) {
  append(4);
  tamper("UPDATE audit_entries SET user_name = 'somebody else' WHERE sequence = 1");
  requireBreak(AuditBreak::Kind::kAltered, 1, 0);
}

BOOST_AUTO_TEST_CASE(verify_finds_an_entry_altered_and_rehashed_at_the_next_link) {
  append(5);
  AuditEntry third = read(filterOf("", "", "", 2, 1)).at(0);
  third.after = "{\"forged\":true}";
  tamper("UPDATE audit_entries SET after_json = ?, hash = ? WHERE sequence = 3",
         {*third.after, crossgrant::core::auditMac(third, key)});
  requireBreak(AuditBreak::Kind::kRemoved, 4, 3);
}

BOOST_AUTO_TEST_CASE(verify_finds_the_last_entry_altered_and_rehashed) {
  append(3);
  AuditEntry last = read().back();
  last.user = "nobody";
  tamper("UPDATE audit_entries SET user_name = ?, hash = ? WHERE sequence = 3",
         {last.user, crossgrant::core::auditMac(last, key)});
  requireBreak(AuditBreak::Kind::kAltered, 3, 3);
}

BOOST_AUTO_TEST_CASE(verify_finds_a_removed_entry) {
  append(5);
  tamper("DELETE FROM audit_entries WHERE sequence = 3");
  requireBreak(AuditBreak::Kind::kRemoved, 3, 2);
}

BOOST_AUTO_TEST_CASE(verify_finds_the_first_entry_removed) {
  append(2);
  tamper("DELETE FROM audit_entries WHERE sequence = 1");
  requireBreak(AuditBreak::Kind::kRemoved, 1, 0);
}

BOOST_AUTO_TEST_CASE(verify_finds_the_last_entry_removed) {
  append(4);
  tamper("DELETE FROM audit_entries WHERE sequence = 4");
  requireBreak(AuditBreak::Kind::kRemoved, 4, 3);
}

BOOST_AUTO_TEST_CASE(verify_finds_removed_entries_renumbered) {
  append(5);
  tamper("DELETE FROM audit_entries WHERE sequence = 2");
  tamper("UPDATE audit_entries SET sequence = sequence - 1 WHERE sequence > 2");
  tamper("UPDATE audit_chains SET last_sequence = 4 WHERE chain = ''");
  requireBreak(AuditBreak::Kind::kRemoved, 2, 1);
}

BOOST_AUTO_TEST_CASE(verify_finds_two_swapped_entries) {
  append(5);
  tamper("UPDATE audit_entries SET sequence = -1 WHERE sequence = 2");
  tamper("UPDATE audit_entries SET sequence = 2 WHERE sequence = 3");
  tamper("UPDATE audit_entries SET sequence = 3 WHERE sequence = -1");
  requireBreak(AuditBreak::Kind::kRemoved, 2, 1);
}

BOOST_AUTO_TEST_CASE(verify_walks_more_entries_than_one_batch) {
  db->write([&](Connection& c) {
    for (int i = 0; i < 2345; ++i) store::appendAudit(c, key, change("LLI-317", "PP1", i));
  });
  BOOST_TEST(verify().checked == 2345);
  tamper("UPDATE audit_entries SET action = 'delete' WHERE sequence = 2001");
  requireBreak(AuditBreak::Kind::kAltered, 2001, 2000);
}

BOOST_AUTO_TEST_SUITE_END()

// What someone who can write the database but cannot read the audit key can do, and what of
// it verification finds.
BOOST_FIXTURE_TEST_SUITE(audit_entries_against_the_key, AuditFixture)

namespace {

/// Re-chains entries from sequence `from` to the end with plain SHA-256 hashes, links and
/// audit_head all consistent, as an attacker without the key would after changing one.
void rehashWithoutTheKey(AuditFixture& f, std::int64_t from) {
  std::vector<AuditEntry> all = f.read();
  std::string previous = from == 1 ? std::string(crossgrant::core::kAuditGenesisHash)
                                   : all.at(static_cast<std::size_t>(from - 2)).hash;
  for (AuditEntry& entry : all) {
    if (entry.sequence < from) continue;
    entry.previousHash = previous;
    entry.hash = crossgrant::core::auditHash(entry);
    f.tamper("UPDATE audit_entries SET previous_hash = ?, hash = ? WHERE sequence = ?",
             {entry.previousHash, entry.hash, entry.sequence});
    previous = entry.hash;
  }
  f.tamper("UPDATE audit_chains SET last_hash = ? WHERE chain = ''", {previous});
}

/// Inserts an entry hashed with plain SHA-256 after the last one, as crossgrant did before it
/// had an audit key.
void appendPlain(AuditFixture& f, AuditEntry entry) {
  const std::vector<AuditEntry> all = f.read();
  entry.format = crossgrant::core::AuditFormat::kLegacy;
  entry.sequence = static_cast<std::int64_t>(all.size()) + 1;
  entry.at = "2026-01-0" + std::to_string(entry.sequence % 9 + 1) + "T10:00:00.000Z";
  entry.previousHash =
      all.empty() ? std::string(crossgrant::core::kAuditGenesisHash) : all.back().hash;
  entry.hash = crossgrant::core::auditHash(entry);
  f.tamper(
      "INSERT INTO audit_entries (chain, format, project_identity, sequence, at, user_name, role, "
      "client, action, object_type, object_key, project, before_json, after_json, "
      "previous_hash, hash) VALUES ('', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {entry.project, entry.sequence, entry.at, entry.user, entry.role, entry.client, entry.action,
       entry.objectType, entry.objectKey, entry.project, *entry.before, *entry.after,
       entry.previousHash, entry.hash});
  f.tamper("UPDATE audit_chains SET last_sequence = ?, last_hash = ? WHERE chain = ''",
           {entry.sequence, entry.hash});
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_entry_altered_and_the_chain_rehashed_after_it_is_found) {
  append(6);
  tamper("UPDATE audit_entries SET after_json = ? WHERE sequence = 3",
         {std::string("{\"name\":\"Rokiškio jaunimo centras\",\"total\":\"1.00\"}")});
  rehashWithoutTheKey(*this, 3);
  requireBreak(AuditBreak::Kind::kAltered, 3, 2);
}

BOOST_AUTO_TEST_CASE(the_whole_chain_rehashed_without_the_key_is_found) {
  append(4);
  tamper("UPDATE audit_entries SET user_name = 'somebody else' WHERE sequence = 1");
  rehashWithoutTheKey(*this, 1);
  requireBreak(AuditBreak::Kind::kAltered, 1, 0);
}

BOOST_AUTO_TEST_CASE(entries_cut_off_the_end_with_the_head_rewound_are_found_by_the_exported_head) {
  append(6);
  const AuditVerification exported = verify();
  BOOST_REQUIRE(exported.intact());
  BOOST_TEST(exported.heads.at("").sequence == 6);
  BOOST_TEST(exported.heads.at("").hash == read().back().hash);
  const AuditEntry fourth = read().at(3);
  tamper("DELETE FROM audit_entries WHERE sequence > 4");
  tamper("UPDATE audit_chains SET last_sequence = 4, last_hash = ? WHERE chain = ''",
         {fourth.hash});

  // The trail alone cannot tell: it is a whole, shorter trail.
  BOOST_TEST(verify().intact());
  const AuditVerification result = verify(exported.heads);
  BOOST_REQUIRE(!result.intact());
  BOOST_TEST((result.broken->kind == AuditBreak::Kind::kRemoved));
  BOOST_TEST(result.broken->sequence == 5);
  BOOST_TEST(result.broken->message.find("entries 5 to 6 of the installation chain are missing") !=
                 std::string::npos,
             result.broken->message);
  BOOST_TEST(result.checked == 4);
}

BOOST_AUTO_TEST_CASE(a_trail_rewritten_after_the_exported_head_is_found) {
  append(3);
  const crossgrant::core::AuditHeads exported = verify().heads;
  tamper("DELETE FROM audit_entries WHERE sequence = 3");
  tamper("UPDATE audit_chains SET last_sequence = 2, last_hash = ? WHERE chain = ''",
         {read().back().hash});
  append(2);  // a new entry 3 with the key, as if the old one never was
  const AuditVerification result = verify(exported);
  BOOST_REQUIRE(!result.intact());
  BOOST_TEST((result.broken->kind == AuditBreak::Kind::kAltered));
  BOOST_TEST(result.broken->sequence == 3);
  BOOST_TEST(result.checked == 2);
  BOOST_TEST(verify(verify().heads).intact());
}

BOOST_AUTO_TEST_CASE(another_key_is_refused_by_append_and_verify) {
  append(2);
  const crossgrant::core::AuditKey other{std::string(32, 'x')};
  BOOST_TEST(other.id() != key.id());
  BOOST_TEST(*db->read([](store::Reader& r) { return store::boundAuditKeyId(r); }) == key.id());
  BOOST_CHECK_THROW(
      db->write([&](Connection& c) { store::appendAudit(c, other, change("LLI-317", "PP1", 1)); }),
      store::AuditKeyMismatch);
  BOOST_CHECK_THROW(db->write([&](Connection& c) { return store::verifyAudit(c, other); }),
                    store::AuditKeyMismatch);
  BOOST_TEST(read().size() == 2u);
  BOOST_TEST(verify().intact());
}

BOOST_AUTO_TEST_CASE(entries_from_before_the_key_are_sealed_and_stay_checked) {
  for (int i = 0; i < 3; ++i) appendPlain(*this, change("LLI-317", "PP1", i));
  // Plain entries that no keyed entry follows are not accepted as a trail.
  requireBreak(AuditBreak::Kind::kAltered, 3, 3);
  AuditEntry who;
  who.user = "os:operator";
  who.client = "cli";
  const std::optional<AuditEntry> seal =
      db->write([&](Connection& c) { return store::sealAudit(c, key, who); });
  BOOST_REQUIRE(seal.has_value());
  BOOST_TEST(seal->sequence == 4);
  BOOST_TEST(seal->action == "seal");
  BOOST_TEST(seal->previousHash == read().at(2).hash);
  BOOST_TEST(*seal->after ==
             "{\"sealed_sequence\":3,\"sealed_hash\":\"" + read().at(2).hash + "\"}");
  BOOST_TEST(!db->write([&](Connection& c) { return store::sealAudit(c, key, who); }));
  append(2);
  BOOST_TEST(verify().intact());
  BOOST_TEST(verify().checked == 6);

  // An old entry altered and its plain chain re-hashed no longer meets the seal.
  AuditEntry second = read().at(1);
  second.user = "somebody else";
  tamper("UPDATE audit_entries SET user_name = ?, hash = ? WHERE sequence = 2",
         {second.user, crossgrant::core::auditHash(second)});
  AuditEntry third = read().at(2);
  third.previousHash = crossgrant::core::auditHash(second);
  tamper("UPDATE audit_entries SET previous_hash = ?, hash = ? WHERE sequence = 3",
         {third.previousHash, crossgrant::core::auditHash(third)});
  requireBreak(AuditBreak::Kind::kRemoved, 4, 3);
}

BOOST_AUTO_TEST_CASE(a_key_first_bound_by_a_projects_entry_seals_the_installation_chain) {
  for (int i = 0; i < 2; ++i) appendPlain(*this, change("LLI-317", "PP1", i));
  db->write([](Connection& c) {
    store::saveBundle(c, crossgrant::test::sampleBundle("LLI-400"), false);
  });
  const AuditEntry first = db->write(
      [&](Connection& c) { return store::appendAudit(c, key, change("LLI-400", "PP2", 1)); });
  BOOST_TEST(!first.chain.empty());
  const AuditVerification result = verify();
  BOOST_TEST(result.intact(), (result.broken ? result.broken->message : ""));
  BOOST_TEST(result.heads.at("").sequence == 3);  // the seal
  BOOST_TEST(read().back().action == "seal");
  BOOST_TEST(read().back().user == "ilze");
}

BOOST_AUTO_TEST_CASE(a_plain_entry_after_a_keyed_one_is_found) {
  append(2);
  appendPlain(*this, change("LLI-317", "PP1", 7));
  append(1);
  requireBreak(AuditBreak::Kind::kAltered, 3, 2);
}

BOOST_AUTO_TEST_SUITE_END()

// Chains: one per project identity and one for the installation.
BOOST_FIXTURE_TEST_SUITE(audit_chains, AuditFixture)

namespace {

std::string identityOf(AuditFixture& f, const std::string& code) {
  return f.db->read([&](store::Reader& r) { return store::projectIdentity(r, code).value(); });
}

AuditEntry appendOne(AuditFixture& f, AuditEntry entry) {
  return f.db->write([&](Connection& c) { return store::appendAudit(c, f.key, std::move(entry)); });
}

/// LLI-317 and LLI-400 exist; three entries of each and two of the installation, interleaved.
void twoProjects(AuditFixture& f) {
  f.db->write([](Connection& c) {
    store::saveBundle(c, crossgrant::test::sampleBundle("LLI-317"), false);
    store::saveBundle(c, crossgrant::test::sampleBundle("LLI-400"), false);
  });
  for (int i = 0; i < 3; ++i) {
    appendOne(f, change("LLI-317", "PP1", i));
    appendOne(f, change("LLI-400", "PP2", i));
    if (i < 2) appendOne(f, change("", "user", i));
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(each_project_has_a_chain_of_its_own) {
  twoProjects(*this);
  const std::string lli317 = identityOf(*this, "LLI-317");
  const std::string lli400 = identityOf(*this, "LLI-400");
  BOOST_TEST(lli317 != lli400);
  BOOST_TEST(lli317.size() == 32u);
  std::map<std::string, std::int64_t> last;
  std::int64_t previousId = 0;
  for (const AuditEntry& entry : read()) {
    BOOST_TEST(entry.id > previousId);
    previousId = entry.id;
    BOOST_TEST(entry.chain == (entry.project.empty() ? "" : identityOf(*this, entry.project)));
    BOOST_TEST(entry.projectIdentity == entry.chain);
    BOOST_TEST(entry.sequence == ++last[entry.chain]);
  }
  BOOST_TEST(last[lli317] == 3);
  BOOST_TEST(last[lli400] == 3);
  BOOST_TEST(last[""] == 2);

  const AuditVerification result = verify();
  BOOST_TEST(result.intact());
  BOOST_TEST(result.checked == 8);
  BOOST_TEST(result.chains == 3);
  BOOST_TEST(result.heads.at(lli400).sequence == 3);
  AuditFilter ofProject;
  ofProject.projectIdentity = lli317;
  BOOST_TEST(read(ofProject).size() == 3u);
}

BOOST_AUTO_TEST_CASE(a_deleted_project_keeps_its_chain_and_its_code_starts_a_new_one) {
  twoProjects(*this);
  const std::string old = identityOf(*this, "LLI-317");
  db->write([](Connection& c) {
    store::deleteProject(c, "LLI-317");
    crossgrant::core::Bundle again = crossgrant::test::sampleBundle("LLI-317");
    again.programme.code = "EEA-NO";
    again.project.programmeCode = "EEA-NO";
    store::saveBundle(c, again, false);
  });
  const AuditEntry first = appendOne(*this, change("LLI-317", "PP1", 9));
  BOOST_TEST(first.chain != old);
  BOOST_TEST(first.sequence == 1);
  // The download of an old report names the old identity and goes to the old chain.
  AuditEntry download = change("LLI-317", "report", 1);
  download.projectIdentity = old;
  BOOST_TEST(appendOne(*this, download).sequence == 4);
  BOOST_TEST(verify().intact());
  BOOST_TEST(verify().chains == 4);
  AuditFilter ofOld;
  ofOld.projectIdentity = old;
  BOOST_TEST(read(ofOld).size() == 4u);
  AuditFilter byCode;
  byCode.project = "LLI-317";
  BOOST_TEST(read(byCode).size() == 5u);
  AuditFilter ofProgramme;
  ofProgramme.programmeIdentity =
      db->read([](store::Reader& r) { return store::programmeIdentity(r, "EEA-NO").value(); });
  BOOST_TEST(read(ofProgramme).size() == 1u);
}

BOOST_AUTO_TEST_CASE(an_entry_moved_to_another_project_is_found) {
  twoProjects(*this);
  tamper("UPDATE audit_entries SET project_identity = ? WHERE chain = ? AND sequence = 2",
         {identityOf(*this, "LLI-400"), identityOf(*this, "LLI-317")});
  const AuditVerification result = verify();
  BOOST_REQUIRE(!result.intact());
  BOOST_TEST(result.broken->chain == identityOf(*this, "LLI-317"));
  BOOST_TEST(result.broken->sequence == 2);
  BOOST_TEST(result.broken->message.find("project LLI-317") != std::string::npos,
             result.broken->message);
}

BOOST_AUTO_TEST_CASE(a_whole_chain_removed_is_found_by_the_exported_heads) {
  twoProjects(*this);
  const crossgrant::core::AuditHeads exported = verify().heads;
  BOOST_TEST(exported.size() == 3u);
  const std::string lli400 = identityOf(*this, "LLI-400");
  tamper("DELETE FROM audit_entries WHERE chain = ?", {lli400});
  tamper("DELETE FROM audit_chains WHERE chain = ?", {lli400});
  BOOST_TEST(verify().intact());  // what is left is a whole trail
  const AuditVerification result = verify(exported);
  BOOST_REQUIRE(!result.intact());
  BOOST_TEST((result.broken->kind == AuditBreak::Kind::kRemoved));
  BOOST_TEST(result.broken->chain == lli400);
  BOOST_TEST(result.broken->message.find("project LLI-400") != std::string::npos,
             result.broken->message);
  BOOST_TEST(result.broken->message.find("entries 1 to 3") != std::string::npos,
             result.broken->message);
}

BOOST_AUTO_TEST_CASE(entries_of_a_chain_without_its_row_are_found) {
  twoProjects(*this);
  tamper("DELETE FROM audit_chains WHERE chain = ?", {identityOf(*this, "LLI-317")});
  const AuditVerification result = verify();
  BOOST_REQUIRE(!result.intact());
  BOOST_TEST((result.broken->kind == AuditBreak::Kind::kAltered));
  BOOST_TEST(result.broken->sequence == 1);
}

BOOST_AUTO_TEST_SUITE_END()
