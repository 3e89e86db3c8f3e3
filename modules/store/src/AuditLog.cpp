#include "crossgrant/store/AuditLog.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <utility>

#include "crossgrant/core/AuditChain.h"

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

}  // namespace

core::AuditEntry appendAudit(Connection& db, core::AuditEntry entry) {
  // Taking the head's row first makes every other append wait here until this one commits.
  if (db.execute("UPDATE audit_head SET last_sequence = last_sequence + 1 WHERE id = 1") != 1)
    throw StoreError("the audit trail has no head row (audit_head); run `crossgrant migrate`");
  const Row head = db.query("SELECT last_sequence, last_hash FROM audit_head WHERE id = 1").at(0);
  entry.sequence = asInt(head[0]);
  entry.previousHash = asText(head[1]);
  entry.at = nowUtcMillis();
  entry.hash = core::auditHash(entry);
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

AuditVerification verifyAudit(Reader& db) {
  AuditVerification result;
  std::int64_t lastSequence = 0;
  std::string lastHash(core::kAuditGenesisHash);
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
      if (core::auditHash(entry) != entry.hash) {
        result.broken = breakAt(AuditBreak::Kind::kAltered, entry.sequence,
                                "entry " + number(entry.sequence) +
                                    " was altered: its content does not give its stored hash");
        return result;
      }
      lastSequence = entry.sequence;
      lastHash = entry.hash;
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
  }
  return result;
}

}  // namespace crossgrant::store
