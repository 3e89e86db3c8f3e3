#include "crossgrant/store/AuditLog.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>
#include <utility>

#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/Json.h"
#include "crossgrant/store/ProjectRepository.h"

namespace crossgrant::store {
namespace {

constexpr std::size_t kVerifyBatch = 1000;

const char* const kColumns =
    "SELECT id, chain, sequence, format, at, user_name, role, client, action, object_type, "
    "object_key, project, project_identity, before_json, after_json, previous_hash, hash "
    "FROM audit_entries";

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
  entry.id = asInt(row[0]);
  entry.chain = asText(row[1]);
  entry.sequence = asInt(row[2]);
  entry.format = asInt(row[3]) == static_cast<int>(core::AuditFormat::kLegacy)
                     ? core::AuditFormat::kLegacy
                     : core::AuditFormat::kChained;
  entry.at = asText(row[4]);
  entry.user = asText(row[5]);
  entry.role = asText(row[6]);
  entry.client = asText(row[7]);
  entry.action = asText(row[8]);
  entry.objectType = asText(row[9]);
  entry.objectKey = asText(row[10]);
  entry.project = asText(row[11]);
  entry.projectIdentity = asText(row[12]);
  entry.before = optionalTextOf(row[13]);
  entry.after = optionalTextOf(row[14]);
  entry.previousHash = asText(row[15]);
  entry.hash = asText(row[16]);
  return entry;
}

std::string number(std::int64_t value) { return std::to_string(value); }

// "entry 5 of ... is missing", "entries 5 to 7 of ... are missing".
std::string missing(std::int64_t first, std::int64_t last, const std::string& where) {
  return first == last
             ? "entry " + number(first) + where + " is missing"
             : "entries " + number(first) + " to " + number(last) + where + " are missing";
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

// Binds key when none is bound, from the installation chain's entry installationSequence
// (the next one when nullopt: the first chained with the key); throws AuditKeyMismatch for
// another key. Runs after the appending chain's row is taken.
// Returns whether this call bound it.
bool bindAuditKey(Connection& db, const core::AuditKey& key,
                  std::optional<std::int64_t> installationSequence) {
  if (const std::optional<std::string> bound = boundAuditKeyId(db)) {
    requireBoundKey(*bound, key);
    return false;
  }
  const std::int64_t firstKeyed =
      installationSequence
          ? *installationSequence
          : asInt(db.query("SELECT last_sequence FROM audit_chains WHERE chain = ''").at(0).at(0)) +
                1;
  // Another unit may bind a key at the same time, or have bound it after this unit's snapshot
  // was taken (MariaDB): the insert is ignored then, and the row is read as it is now.
  const bool mysql = db.backend() == "mysql";
  const bool inserted = db.execute(std::string(mysql ? "INSERT IGNORE" : "INSERT OR IGNORE") +
                                       " INTO audit_key (id, key_id, first_keyed, bound_at) "
                                       "VALUES (1, ?, ?, ?)",
                                   {key.id(), firstKeyed, nowUtcMillis()}) == 1;
  requireBoundKey(asText(db.query(std::string("SELECT key_id FROM audit_key WHERE id = 1") +
                                  (mysql ? " FOR UPDATE" : ""))
                             .at(0)
                             .at(0)),
                  key);
  return inserted;
}

// The sequence in the installation chain from which every entry must carry a MAC; INT64_MAX
// while no key is bound (the plain entries of such a trail still fail verifyAudit's rule that
// a chain ends keyed).
std::int64_t firstKeyed(Reader& db) {
  const std::vector<Row> rows = db.query("SELECT first_keyed FROM audit_key WHERE id = 1");
  return rows.empty() ? INT64_MAX : asInt(rows[0][0]);
}

[[noreturn]] void noInstallationChain() {
  throw StoreError(
      "the audit trail has no installation chain (audit_chains); run `crossgrant migrate`");
}

// Takes the chain's row of audit_chains (every other append to the chain waits here until this
// unit ends) and returns the sequence the next entry gets and the hash it follows. A project
// chain without a row (every project identity gets one when it is made) is started.
std::pair<std::int64_t, std::string> takeHead(Connection& db, const std::string& chain) {
  if (db.execute("UPDATE audit_chains SET last_sequence = last_sequence + 1 WHERE chain = ?",
                 {chain}) != 1) {
    if (chain.empty()) noInstallationChain();
    db.execute("INSERT INTO audit_chains (chain, last_sequence, last_hash) VALUES (?, 1, ?)",
               {chain, std::string(core::kAuditGenesisHash)});
    return {1, std::string(core::kAuditGenesisHash)};
  }
  const Row head =
      db.query("SELECT last_sequence, last_hash FROM audit_chains WHERE chain = ?", {chain}).at(0);
  return {asInt(head[0]), asText(head[1])};
}

// Names chains for people: "the installation chain", "the chain of project LLI-317".
class ChainNames {
 public:
  explicit ChainNames(Reader& db) {
    for (const Row& row : db.query("SELECT identity, code FROM project_identities"))
      codes_.emplace(asText(row[0]), asText(row[1]));
  }
  std::string operator()(const std::string& chain) const {
    if (chain.empty()) return "the installation chain";
    const auto code = codes_.find(chain);
    return "the chain of " +
           (code == codes_.end() ? "an unknown project" : "project " + code->second) + " (" +
           core::auditChainName(chain) + ")";
  }

 private:
  std::map<std::string, std::string> codes_;
};

struct ChainRow {
  std::string chain;
  std::int64_t lastSequence = 0;
  std::string lastHash;
};

// Walks one chain as verifyAudit describes; false (with result.broken set) at its first break.
class ChainWalk {
 public:
  ChainWalk(Reader& db, const core::AuditKey& key, const ChainNames& names,
            std::int64_t installationKeyedFrom)
      : db_(db), key_(key), names_(names), installationKeyedFrom_(installationKeyedFrom) {}

  bool walk(const ChainRow& row, const std::optional<core::AuditHead>& exported,
            AuditVerification& result) {
    const std::string& chain = row.chain;
    const std::string where = " of " + names_(chain);
    const std::int64_t keyedFrom = chain.empty() ? installationKeyedFrom_ : 1;
    const auto broken = [&](AuditBreak::Kind kind, std::int64_t sequence, std::string message) {
      result.broken = AuditBreak{kind, chain, sequence, std::move(message)};
      return false;
    };
    std::int64_t lastSequence = 0;
    std::string lastHash(core::kAuditGenesisHash);
    bool keyed = false;
    bool chained = false;
    for (;;) {
      const std::vector<Row> rows = db_.query(
          std::string(kColumns) + " WHERE chain = ? AND sequence > ? ORDER BY sequence LIMIT " +
              std::to_string(kVerifyBatch),
          {chain, lastSequence});
      for (const Row& stored : rows) {
        const core::AuditEntry entry = entryOf(stored);
        const std::int64_t expected = lastSequence + 1;
        const std::string name = "entry " + number(entry.sequence) + where;
        if (entry.sequence != expected)
          return broken(AuditBreak::Kind::kRemoved, expected,
                        "entry " + number(expected) + where + " is missing: entry " +
                            number(lastSequence) + " is followed by entry " +
                            number(entry.sequence));
        if (entry.previousHash != lastHash)
          return broken(AuditBreak::Kind::kRemoved, entry.sequence,
                        name + " does not follow " +
                            (lastSequence == 0 ? std::string("the start of the chain")
                                               : "entry " + number(lastSequence)) +
                            ": its previous hash is not that entry's hash (entries were removed "
                            "or reordered, or the one before was changed and given a new hash)");
        // A legacy entry's content covers neither chain nor identity: migration 9 gave it the
        // identity of its project's code, which is all it may have.
        const bool legacy = entry.format == core::AuditFormat::kLegacy;
        if (legacy ? (!chain.empty() || chained || entry.projectIdentity != entry.project)
                   : entry.chain != entry.projectIdentity)
          return broken(AuditBreak::Kind::kAltered, entry.sequence,
                        name + " was altered: " +
                            (legacy ? std::string("an entry from before chains cannot follow a "
                                                  "chained one, sit in a project's chain or "
                                                  "belong to a project other than its code's")
                                    : std::string("it names another project than its chain's")));
        chained = chained || !legacy;
        if (entry.hash == core::auditMac(entry, key_)) {
          keyed = true;
        } else if (keyed || entry.sequence >= keyedFrom || !legacy ||
                   core::auditHash(entry) != entry.hash) {
          keyed = keyed || entry.sequence >= keyedFrom || !legacy;
          return broken(AuditBreak::Kind::kAltered, entry.sequence,
                        name + " was altered: its content does not give its " +
                            (keyed ? "stored MAC (altered, or re-hashed by someone without the "
                                     "audit key)"
                                   : "stored hash"));
        }
        if (exported && entry.sequence == exported->sequence && entry.hash != exported->hash)
          return broken(AuditBreak::Kind::kAltered, entry.sequence,
                        name +
                            " is not the entry of the exported head: its MAC differs, so "
                            "the chain was rewritten from there or before");
        lastSequence = entry.sequence;
        lastHash = entry.hash;
        ++result.checked;
      }
      if (rows.size() < kVerifyBatch) break;
    }

    const std::int64_t headSequence = row.lastSequence;
    if (headSequence > lastSequence) {
      return broken(AuditBreak::Kind::kRemoved, lastSequence + 1,
                    missing(lastSequence + 1, headSequence, where) + ": the chain ends at entry " +
                        number(lastSequence) + " but " + number(headSequence) + " were appended");
    }
    if (headSequence < lastSequence)
      return broken(AuditBreak::Kind::kAltered, headSequence + 1,
                    "entry " + number(headSequence + 1) + where +
                        " was added outside crossgrant: only " + number(headSequence) +
                        " entries were appended");
    if (row.lastHash != lastHash)
      return broken(AuditBreak::Kind::kAltered, lastSequence,
                    "entry " + number(lastSequence) + where +
                        " was altered: its hash is not the one recorded when it was appended");
    if (lastSequence > 0 && !keyed)
      return broken(AuditBreak::Kind::kAltered, lastSequence,
                    "no entry up to entry " + number(lastSequence) + where +
                        " carries a MAC under the audit key: the trail was rewritten without "
                        "the key, or never sealed (run `crossgrant migrate`)");
    if (exported && exported->sequence > lastSequence) {
      return broken(AuditBreak::Kind::kRemoved, lastSequence + 1,
                    missing(lastSequence + 1, exported->sequence, where) +
                        ": the chain ends at entry " + number(lastSequence) +
                        " but the exported head is entry " + number(exported->sequence) +
                        " (entries were cut off the end and the chain's row rewound)");
    }
    if (exported && exported->sequence == 0 && exported->hash != core::kAuditGenesisHash)
      return broken(AuditBreak::Kind::kAltered, 0,
                    "entry 0" + where + " of the exported head is not the start of the chain");
    result.heads[chain] = core::AuditHead{lastSequence, lastHash};
    ++result.chains;
    return true;
  }

 private:
  Reader& db_;
  const core::AuditKey& key_;
  const ChainNames& names_;
  std::int64_t installationKeyedFrom_;
};

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
  if (entry.projectIdentity.empty() && !entry.project.empty())
    entry.projectIdentity = projectIdentity(db, entry.project).value_or("");
  entry.chain = entry.projectIdentity;
  entry.format = core::AuditFormat::kChained;
  auto [sequence, previous] = takeHead(db, entry.chain);
  const bool boundNow = bindAuditKey(
      db, key, entry.chain.empty() ? std::optional<std::int64_t>(sequence) : std::nullopt);
  entry.sequence = sequence;
  entry.previousHash = std::move(previous);
  entry.at = nowUtcMillis();
  entry.hash = core::auditMac(entry, key);
  db.execute(
      "INSERT INTO audit_entries (chain, sequence, format, at, user_name, role, client, action, "
      "object_type, object_key, project, project_identity, before_json, after_json, "
      "previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {entry.chain, entry.sequence, std::int64_t{static_cast<int>(entry.format)}, entry.at,
       entry.user, entry.role, entry.client, entry.action, entry.objectType, entry.objectKey,
       entry.project, entry.projectIdentity, optionalText(entry.before), optionalText(entry.after),
       entry.previousHash, entry.hash});
  entry.id = db.lastInsertId();
  db.execute("UPDATE audit_chains SET last_hash = ? WHERE chain = ?", {entry.hash, entry.chain});
  // The key was bound by an entry of a project's chain: entries of the installation's from
  // before the key are sealed at once, as the installation chain's first keyed entry would.
  if (boundNow && !entry.chain.empty()) {
    core::AuditEntry who;
    who.user = entry.user;
    who.role = entry.role;
    who.client = entry.client;
    sealAudit(db, key, std::move(who));
  }
  return entry;
}

std::optional<core::AuditEntry> sealAudit(Connection& db, const core::AuditKey& key,
                                          core::AuditEntry seal) {
  // Takes the installation chain's row (MariaDB counts an UPDATE that changes nothing as 0
  // rows, so the row is looked for by the SELECT).
  db.execute("UPDATE audit_chains SET last_sequence = last_sequence WHERE chain = ''");
  const std::vector<Row> head = db.query("SELECT last_sequence FROM audit_chains WHERE chain = ''");
  if (head.empty()) noInstallationChain();
  bindAuditKey(db, key, asInt(head[0][0]) + 1);
  const std::vector<Row> last =
      db.query(std::string(kColumns) + " WHERE chain = '' ORDER BY sequence DESC LIMIT 1");
  if (last.empty()) return std::nullopt;
  const core::AuditEntry entry = entryOf(last[0]);
  if (entry.hash == core::auditMac(entry, key)) return std::nullopt;
  seal.action = "seal";
  seal.objectType = "audit_trail";
  seal.objectKey = "";
  seal.project = "";
  seal.projectIdentity = "";
  seal.before = std::nullopt;
  seal.after = core::Json::object()
                   .set("sealed_sequence", entry.sequence)
                   .set("sealed_hash", entry.hash)
                   .dump(false);
  return appendAudit(db, key, std::move(seal));
}

std::vector<core::AuditEntry> readAudit(Reader& db, const AuditFilter& filter) {
  std::string sql = std::string(kColumns) + " WHERE id > ?";
  std::vector<Value> params{filter.afterId};
  if (!filter.project.empty()) {
    sql += " AND project = ?";
    params.emplace_back(filter.project);
  }
  if (filter.projectIdentity) {
    sql += " AND project_identity = ?";
    params.emplace_back(*filter.projectIdentity);
  }
  if (filter.programmeIdentity) {
    sql +=
        " AND project_identity IN (SELECT identity FROM project_identities WHERE "
        "programme_identity = ?)";
    params.emplace_back(*filter.programmeIdentity);
  }
  if (!filter.user.empty()) {
    sql += " AND user_name = ?";
    params.emplace_back(filter.user);
  }
  if (!filter.action.empty()) {
    sql += " AND action = ?";
    params.emplace_back(filter.action);
  }
  if (!filter.from.empty()) {
    sql += " AND at >= ?";
    params.emplace_back(filter.from);
  }
  if (!filter.before.empty()) {
    sql += " AND at < ?";
    params.emplace_back(filter.before);
  }
  sql += " ORDER BY id";
  if (filter.limit) sql += " LIMIT " + std::to_string(*filter.limit);
  std::vector<core::AuditEntry> entries;
  for (const Row& row : db.query(sql, params)) entries.push_back(entryOf(row));
  return entries;
}

AuditVerification verifyAudit(Reader& db, const core::AuditKey& key,
                              const std::optional<core::AuditHeads>& exported,
                              const std::optional<std::set<std::string>>& only) {
  requireAuditKey(db, key);
  AuditVerification result;
  const ChainNames names(db);
  ChainWalk walk(db, key, names, firstKeyed(db));
  std::vector<ChainRow> chains;
  for (const Row& row :
       db.query("SELECT chain, last_sequence, last_hash FROM audit_chains ORDER BY chain"))
    chains.push_back({asText(row[0]), asInt(row[1]), asText(row[2])});
  if (chains.empty() || !chains.front().chain.empty()) noInstallationChain();
  for (const ChainRow& chain : chains) {
    if (only && !only->count(chain.chain)) continue;
    std::optional<core::AuditHead> head;
    if (exported) {
      const auto found = exported->find(chain.chain);
      if (found != exported->end()) head = found->second;
    }
    if (!walk.walk(chain, head, result)) return result;
  }
  if (only) return result;
  const std::vector<Row> strays = db.query(
      "SELECT chain, MIN(sequence) FROM audit_entries WHERE chain NOT IN (SELECT chain FROM "
      "audit_chains) GROUP BY chain ORDER BY chain LIMIT 1");
  if (!strays.empty()) {
    const std::string chain = asText(strays[0][0]);
    const std::int64_t sequence = asInt(strays[0][1]);
    result.broken = AuditBreak{AuditBreak::Kind::kAltered, chain, sequence,
                               "entry " + number(sequence) + " of " + names(chain) +
                                   " was added outside crossgrant: crossgrant never started "
                                   "that chain"};
    return result;
  }
  if (exported)
    for (const auto& [chain, head] : *exported)
      if (head.sequence > 0 && !result.heads.count(chain)) {
        result.broken =
            AuditBreak{AuditBreak::Kind::kRemoved, chain, 1,
                       names(chain) + " is gone: the exported heads end it at entry " +
                           number(head.sequence) + ", and entries 1 to " + number(head.sequence) +
                           " were removed with the chain's row"};
        return result;
      }
  return result;
}

}  // namespace crossgrant::store
