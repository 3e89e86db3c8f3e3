// The audit trail's hash chain: the hash is SHA-256 over the previous hash and an unambiguous
// encoding of every field, so that any change to any field, and any re-linking, shows.
#include <boost/test/unit_test.hpp>

#include <string>

#include "crossgrant/core/AuditChain.h"

using crossgrant::core::AuditEntry;
using crossgrant::core::auditHash;
using crossgrant::core::kAuditGenesisHash;
using crossgrant::core::sha256Hex;

namespace {

AuditEntry sampleEntry() {
  AuditEntry entry;
  entry.sequence = 1;
  entry.at = "2026-11-25T11:40:00.123Z";
  entry.user = "os:ilze";
  entry.client = "cli";
  entry.action = "import";
  entry.objectType = "bundle";
  entry.objectKey = "LLI-317";
  entry.project = "LLI-317";
  entry.after = "{\"a\":\"Ā\"}";
  entry.previousHash = std::string(kAuditGenesisHash);
  return entry;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(audit_chain)

BOOST_AUTO_TEST_CASE(sha256_matches_the_standard_vectors) {
  BOOST_TEST(sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  BOOST_TEST(sha256Hex("abc") ==
             "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

BOOST_AUTO_TEST_CASE(hash_is_the_documented_length_prefixed_encoding) {
  // Computed independently: sha256("64:" + 64 zeros + "1:1" + "24:2026-11-25T11:40:00.123Z" +
  // "7:os:ilze" + "0:" + "3:cli" + "6:import" + "6:bundle" + "7:LLI-317" + "7:LLI-317" + "-" +
  // "10:{"a":"Ā"}"), lengths in bytes of UTF-8.
  AuditEntry legacy = sampleEntry();
  legacy.format = crossgrant::core::AuditFormat::kLegacy;
  BOOST_TEST(auditHash(legacy) ==
             "405521c500a9ddfc968541fddfbfab2303e0206a7a5e7f1d5d5f13e45255c5de");
  BOOST_TEST(auditHash(legacy).size() == 64u);
  // A chained entry ends with its chain and project identity: here "32:" + 32 'a' twice.
  AuditEntry chained = sampleEntry();
  chained.chain = chained.projectIdentity = std::string(32, 'a');
  BOOST_TEST(auditHash(chained) ==
             "119829d2e2842a442b9fbe886cb7f20cb5cfb1a514639a46a8499dabfa1b3c8f");
}

BOOST_AUTO_TEST_CASE(the_stored_hash_itself_is_not_hashed) {
  AuditEntry entry = sampleEntry();
  const std::string hash = auditHash(entry);
  entry.hash = "anything";
  BOOST_TEST(auditHash(entry) == hash);
}

BOOST_AUTO_TEST_CASE(every_field_changes_the_hash) {
  const std::string original = auditHash(sampleEntry());
  const auto changed = [&](auto change) {
    AuditEntry entry = sampleEntry();
    change(entry);
    return auditHash(entry) != original;
  };
  BOOST_TEST(changed([](AuditEntry& e) { e.sequence = 2; }));
  BOOST_TEST(changed([](AuditEntry& e) { e.at = "2026-11-25T11:40:00.124Z"; }));
  BOOST_TEST(changed([](AuditEntry& e) { e.user = "os:root"; }));
  BOOST_TEST(changed([](AuditEntry& e) { e.role = "admin"; }));
  BOOST_TEST(changed([](AuditEntry& e) { e.client = "127.0.0.1"; }));
  BOOST_TEST(changed([](AuditEntry& e) { e.action = "delete"; }));
  BOOST_TEST(changed([](AuditEntry& e) { e.objectType = "project"; }));
  BOOST_TEST(changed([](AuditEntry& e) { e.objectKey = "LLI-318"; }));
  BOOST_TEST(changed([](AuditEntry& e) { e.project = ""; }));
  BOOST_TEST(changed([](AuditEntry& e) { e.before = "{}"; }));
  BOOST_TEST(changed([](AuditEntry& e) { e.after = "{\"a\":\"A\"}"; }));
  BOOST_TEST(changed([](AuditEntry& e) { e.after.reset(); }));
  BOOST_TEST(changed([](AuditEntry& e) { e.previousHash[63] = '1'; }));
  BOOST_TEST(changed([](AuditEntry& e) { e.chain = "another"; }));
  BOOST_TEST(changed([](AuditEntry& e) { e.projectIdentity = "another"; }));
  BOOST_TEST(changed([](AuditEntry& e) { e.format = crossgrant::core::AuditFormat::kLegacy; }));
  BOOST_TEST(changed([](AuditEntry& e) { e.id = 7; }) == false);
}

BOOST_AUTO_TEST_CASE(field_boundaries_are_unambiguous) {
  AuditEntry first = sampleEntry();
  first.user = "ab";
  first.role = "c";
  AuditEntry second = sampleEntry();
  second.user = "a";
  second.role = "bc";
  BOOST_TEST(auditHash(first) != auditHash(second));

  AuditEntry absent = sampleEntry();
  absent.before.reset();
  AuditEntry empty = sampleEntry();
  empty.before = "";
  AuditEntry dash = sampleEntry();
  dash.before = "-";
  BOOST_TEST(auditHash(absent) != auditHash(empty));
  BOOST_TEST(auditHash(absent) != auditHash(dash));
  BOOST_TEST(auditHash(empty) != auditHash(dash));
}

BOOST_AUTO_TEST_CASE(a_chain_links_each_entry_to_the_one_before) {
  AuditEntry first = sampleEntry();
  first.hash = auditHash(first);
  AuditEntry second = sampleEntry();
  second.sequence = 2;
  second.previousHash = first.hash;
  second.hash = auditHash(second);
  BOOST_TEST(second.hash != first.hash);
  // The same content after another predecessor hashes differently.
  AuditEntry relinked = second;
  relinked.previousHash = std::string(kAuditGenesisHash);
  BOOST_TEST(auditHash(relinked) != second.hash);
}

BOOST_AUTO_TEST_SUITE_END()
