#include "crossgrant/store/AuditLog.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <utility>

#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/Json.h"

namespace crossgrant::store {
namespace {

constexpr std::size_t kVerifyBatch = 1000;

const char* const kColumns =
    "SELECT sequence, at, user_name, role, client, action, object_type, object_key, project, "
    "before_json, after_json, previous_hash, hash FROM audit_log";

std::string nowUtcMillis() {
  const auto now = std::chrono::system_clock::now();
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[40];
  const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &parts);
  char fraction[8];
  std::snprintf(fraction, sizeof fraction, ".%03dZ", static_cast<int>(millis % 1000));
  return std::string(text, length) + fraction;
}

Value optionalText(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return *text;
}

std::optional<std::string> optionalTextOf(const Value& value) {
  if (isNull(value)) return std::nullopt;
  return asText(value);
}

core::AuditEntry entryOf(const Row& row) {
  core::AuditEntry entry;
  entry.sequence = asInt(row[0]);
  entry.at = asText(row[1]);
  entry.user = asText(row[2]);
  entry.role = asText(row[3]);
  entry.client = asText(row[4]);
  entry.action = asText(row[5]);
  entry.objectType = asText(row[6]);
  entry.objectKey = asText(row[7]);
  entry.project = asText(row[8]);
  entry.before = optionalTextOf(row[9]);
  entry.after = optionalTextOf(row[10]);
  entry.previousHash = asText(row[11]);
  entry.hash = asText(row[12]);
  return entry;
}

std::string number(std::int64_t value) { return std::to_string(value); }

AuditBreak breakAt(AuditBreak::Kind kind, std::int64_t sequence, std::string message) {
  return AuditBreak{kind, sequence, std::move(message)};
}

std::string shortId(const std::string& id) { return id.substr(0, 12) + "…"; }

// Throws AuditKeyMismatch unless bound is the id of key.
void requireBoundKey(const std::string& bound, const core::AuditKey& key) {
  if (bound != key.id())
    throw AuditKeyMismatch(
        "the audit key is not the one this database's audit trail is chained "
        "with (the database records key id " +
        shortId(bound) + ", the key given has id " + shortId(key.id()) +
        "): audit.key_file names the wrong file, or the recorded id was "
        "altered");
}

// Binds key when none is bound, with firstKeyed, the sequence of the next entry (the first
// chained with the key); throws AuditKeyMismatch for another key. Runs after audit_head's row
// is taken, so two first appends do not both bind.
void bindAuditKey(Connection& db, const core::AuditKey& key, std::int64_t firstKeyed) {
  if (const std::optional<std::string> bound = boundAuditKeyId(db)) {
    requireBoundKey(*bound, key);
    return;
  }
  db.execute("INSERT INTO audit_key (id, key_id, first_keyed, bound_at) VALUES (1, ?, ?, ?)",
             {key.id(), firstKeyed, nowUtcMillis()});
}

// The sequence from which every entry must carry a MAC; INT64_MAX while no key is bound (the
// plain entries of such a trail still fail verifyAudit's rule that a trail ends keyed).
std::int64_t firstKeyed(Reader& db) {
  const std::vector<Row> rows = db.query("SELECT first_keyed FROM audit_key WHERE id = 1");
  return rows.empty() ? INT64_MAX : asInt(rows[0][0]);
}

// Takes audit_head's row (every other append waits here until this unit ends) and returns
// the sequence the next entry gets and the hash it follows.
std::pair<std::int64_t, std::string> takeHead(Connection& db) {
  if (db.execute("UPDATE audit_head SET last_sequence = last_sequence + 1 WHERE id = 1") != 1)
    throw StoreError("the audit trail has no head row (audit_head); run `crossgrant migrate`");
  const Row head = db.query("SELECT last_sequence, last_hash FROM audit_head WHERE id = 1").at(0);
  return {asInt(head[0]), asText(head[1])};
}

}  // namespace

std::optional<std::string> boundAuditKeyId(Reader& db) {
  const std::vector<Row> rows = db.query("SELECT key_id FROM audit_key WHERE id = 1");
  if (rows.empty()) return std::nullopt;
  return asText(rows[0][0]);
}

void requireAuditKey(Reader& db, const core::AuditKey& key) {
  if (const std::optional<std::string> bound = boundAuditKeyId(db)) requireBoundKey(*bound, key);
}

core::AuditEntry appendAudit(Connection& db, const core::AuditKey& key, core::AuditEntry entry) {
  auto [sequence, previous] = takeHead(db);
  bindAuditKey(db, key, sequence);
  entry.sequence = sequence;
  entry.previousHash = std::move(previous);
  entry.at = nowUtcMillis();
  entry.hash = core::auditMac(entry, key);
  db.execute(
      "INSERT INTO audit_log (sequence, at, user_name, role, client, action, object_type, "
      "object_key, project, before_json, after_json, previous_hash, hash) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {entry.sequence, entry.at, entry.user, entry.role, entry.client, entry.action,
       entry.objectType, entry.objectKey, entry.project, optionalText(entry.before),
       optionalText(entry.after), entry.previousHash, entry.hash});
  db.execute("UPDATE audit_head SET last_hash = ? WHERE id = 1", {entry.hash});
  return entry;
}

std::optional<core::AuditEntry> sealAudit(Connection& db, const core::AuditKey& key,
                                          core::AuditEntry seal) {
  db.execute("UPDATE audit_head SET last_sequence = last_sequence WHERE id = 1");
  const Row head = db.query("SELECT last_sequence FROM audit_head WHERE id = 1").at(0);
  bindAuditKey(db, key, asInt(head[0]) + 1);
  const std::vector<Row> last = db.query(std::string(kColumns) + " ORDER BY sequence DESC LIMIT 1");
  if (last.empty()) return std::nullopt;
  const core::AuditEntry entry = entryOf(last[0]);
  if (entry.hash == core::auditMac(entry, key)) return std::nullopt;
  seal.action = "seal";
  seal.objectType = "audit_trail";
  seal.objectKey = "";
  seal.project = "";
  seal.before = std::nullopt;
  seal.after = core::Json::object()
                   .set("sealed_sequence", entry.sequence)
                   .set("sealed_hash", entry.hash)
                   .dump(false);
  return appendAudit(db, key, std::move(seal));
}

std::vector<core::AuditEntry> readAudit(Reader& db, const AuditFilter& filter) {
  std::string sql = std::string(kColumns) + " WHERE sequence > ?";
  std::vector<Value> params{filter.afterSequence};
  if (!filter.project.empty()) {
    sql += " AND project = ?";
    params.emplace_back(filter.project);
  }
  if (!filter.from.empty()) {
    sql += " AND at >= ?";
    params.emplace_back(filter.from);
  }
  if (!filter.before.empty()) {
    sql += " AND at < ?";
    params.emplace_back(filter.before);
  }
  sql += " ORDER BY sequence";
  if (filter.limit) sql += " LIMIT " + std::to_string(*filter.limit);
  std::vector<core::AuditEntry> entries;
  for (const Row& row : db.query(sql, params)) entries.push_back(entryOf(row));
  return entries;
}

AuditVerification verifyAudit(Reader& db, const core::AuditKey& key,
                              const std::optional<core::AuditHead>& exported) {
  requireAuditKey(db, key);
  AuditVerification result;
  std::int64_t lastSequence = 0;
  std::string lastHash(core::kAuditGenesisHash);
  bool keyed = false;
  const std::int64_t keyedFrom = firstKeyed(db);
  for (;;) {
    const std::vector<Row> rows =
        db.query(std::string(kColumns) + " WHERE sequence > ? ORDER BY sequence LIMIT " +
                     std::to_string(kVerifyBatch),
                 {lastSequence});
    for (const Row& row : rows) {
      const core::AuditEntry entry = entryOf(row);
      const std::int64_t expected = lastSequence + 1;
      if (entry.sequence != expected) {
        result.broken =
            breakAt(AuditBreak::Kind::kRemoved, expected,
                    "entry " + number(expected) + " is missing: entry " + number(lastSequence) +
                        " is followed by entry " + number(entry.sequence));
        return result;
      }
      if (entry.previousHash != lastHash) {
        result.broken =
            breakAt(AuditBreak::Kind::kRemoved, entry.sequence,
                    "entry " + number(entry.sequence) + " does not follow " +
                        (lastSequence == 0 ? std::string("the start of the trail")
                                           : "entry " + number(lastSequence)) +
                        ": its previous hash is not that entry's hash (entries were removed or "
                        "reordered, or the one before was changed and given a new hash)");
        return result;
      }
      if (entry.hash == core::auditMac(entry, key)) {
        keyed = true;
      } else if (keyed || entry.sequence >= keyedFrom || core::auditHash(entry) != entry.hash) {
        keyed = keyed || entry.sequence >= keyedFrom;
        result.broken = breakAt(
            AuditBreak::Kind::kAltered, entry.sequence,
            "entry " + number(entry.sequence) + " was altered: its content does not give its " +
                (keyed ? "stored MAC (altered, or re-hashed by someone without the audit key)"
                       : "stored hash"));
        return result;
      }
      if (exported && entry.sequence == exported->sequence && entry.hash != exported->hash) {
        result.broken = breakAt(AuditBreak::Kind::kAltered, entry.sequence,
                                "entry " + number(entry.sequence) +
                                    " is not the entry of the exported head: its MAC differs, so "
                                    "the trail was rewritten from there or before");
        return result;
      }
      lastSequence = entry.sequence;
      lastHash = entry.hash;
      result.head = core::AuditHead{lastSequence, lastHash};
      ++result.checked;
    }
    if (rows.size() < kVerifyBatch) break;
  }

  const std::vector<Row> head =
      db.query("SELECT last_sequence, last_hash FROM audit_head WHERE id = 1");
  if (head.empty())
    throw StoreError("the audit trail has no head row (audit_head); run `crossgrant migrate`");
  const std::int64_t headSequence = asInt(head[0][0]);
  if (headSequence > lastSequence) {
    const std::string missing = headSequence == lastSequence + 1
                                    ? "entry " + number(headSequence) + " is missing"
                                    : "entries " + number(lastSequence + 1) + " to " +
                                          number(headSequence) + " are missing";
    result.broken = breakAt(AuditBreak::Kind::kRemoved, lastSequence + 1,
                            missing + ": the trail ends at entry " + number(lastSequence) +
                                " but " + number(headSequence) + " were appended");
  } else if (headSequence < lastSequence) {
    result.broken =
        breakAt(AuditBreak::Kind::kAltered, headSequence + 1,
                "entry " + number(headSequence + 1) + " was added outside crossgrant: only " +
                    number(headSequence) + " entries were appended");
  } else if (asText(head[0][1]) != lastHash) {
    result.broken = breakAt(AuditBreak::Kind::kAltered, lastSequence,
                            "entry " + number(lastSequence) +
                                " was altered: its hash is not the one recorded when it was "
                                "appended");
  } else if (lastSequence > 0 && !keyed) {
    result.broken = breakAt(AuditBreak::Kind::kAltered, lastSequence,
                            "no entry up to entry " + number(lastSequence) +
                                " carries a MAC under the audit key: the trail was rewritten "
                                "without the key, or never sealed (run `crossgrant migrate`)");
  } else if (exported && exported->sequence > lastSequence) {
    const std::string missing = exported->sequence == lastSequence + 1
                                    ? "entry " + number(exported->sequence) + " is missing"
                                    : "entries " + number(lastSequence + 1) + " to " +
                                          number(exported->sequence) + " are missing";
    result.broken = breakAt(AuditBreak::Kind::kRemoved, lastSequence + 1,
                            missing + ": the trail ends at entry " + number(lastSequence) +
                                " but the exported head is entry " + number(exported->sequence) +
                                " (entries were cut off the end and audit_head rewound)");
  } else if (exported && exported->sequence == 0 && exported->hash != core::kAuditGenesisHash) {
    result.broken = breakAt(AuditBreak::Kind::kAltered, 0,
                            "entry 0 of the exported head is not the start of the trail");
  }
  return result;
}

}  // namespace crossgrant::store
