// The audit trail in the store: append-only chains, each linked with a keyed MAC
// (core/AuditChain.h). Every function works on the connection it is given, inside the caller's
// unit of work, so that an entry commits or rolls back together with the change it records;
// readAudit and verifyAudit only read (Reader).
//
// Chains. The trail is one chain for the installation (users, sessions, logins, programmes,
// rules) and one for each project identity (ProjectRepository.h): an entry whose project
// exists goes to that project's chain, every other to the installation's. Appends to one chain
// serialize: appendAudit first UPDATEs the chain's row of audit_chains, which MariaDB locks
// until the transaction ends and which SQLite's BEGIN IMMEDIATE writers reach one at a time.
// Sequences within a chain are therefore 1, 2, 3, ... without gaps in commit order, and each
// entry's previousHash is the hash of the entry before it in its chain. Writers of different
// projects take different rows, so they never wait for each other on the trail (on a
// multi-primary MariaDB cluster they do not conflict), and a project's entries cannot be
// moved to another project or chain without breaking both. An entry also has an id, its
// position in the whole trail (auto-increment), by which reads order and page across chains.
// Nothing in crossgrant updates or deletes an audit row; verifyAudit shows whether anything
// else did.
//
// The key: audit_key records the id (core::AuditKey::id) of the key the trail is chained
// with and the sequence, in the installation chain, of the first entry chained with it, bound
// by the first keyed append or seal. Every append and verification first checks that it was
// given that key (AuditKeyMismatch otherwise). Entries appended before the key was bound carry
// plain SHA-256 hashes; they are accepted only in the installation chain before that sequence
// and before any keyed entry, and a chain with entries must end in a keyed one (sealAudit
// appends one at once). So without the key, an entry can be neither altered nor re-chained,
// and the only undetected change left is cutting entries off the end of a chain (or a whole
// chain) and rewinding its row, which verifying against heads exported earlier
// (core::AuditHeads) detects.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "crossgrant/core/Audit.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/store/Database.h"

namespace crossgrant::store {

/// The key given is not the one the database's audit trail is chained with (or the id the
/// database records was altered).
class AuditKeyMismatch : public core::ConfigurationError {
 public:
  using core::ConfigurationError::ConfigurationError;
};

/// The id of the key the trail is chained with; nullopt while no key is bound.
std::optional<std::string> boundAuditKeyId(Reader& db);

/// Throws AuditKeyMismatch if a key other than key is bound.
void requireAuditKey(Reader& db, const core::AuditKey& key);

/// Appends one entry. The caller fills user, role, client, action, objectType, objectKey,
/// project (a code, or ""), before and after, and may fill projectIdentity (for an entry about
/// a project that is gone, such as the download of its report); without it the identity is
/// that of the project with that code, if one exists. The entry goes to the chain of its
/// project identity, or to the installation's when it has none. appendAudit assigns id,
/// chain, sequence, format, at (the current UTC time to the millisecond,
/// "2026-11-25T11:40:00.123Z"), previousHash and hash, whatever entry holds. hash is the
/// entry's MAC under key, which is bound if no key is yet. Returns the entry as stored. Must
/// run inside a write unit (Database::write). AuditKeyMismatch for another key than the bound
/// one.
core::AuditEntry appendAudit(Connection& db, const core::AuditKey& key, core::AuditEntry entry);

/// Binds key if no key is bound yet and, if the installation chain's last entry is not keyed
/// (entries from before the key), appends seal (the caller fills who; action, object and after are
/// set here: "seal", "audit_trail", after {"sealed_sequence", "sealed_hash"}) so that the entries
/// before it are covered by its MAC at once. Returns the seal entry, or nullopt when nothing
/// needed sealing. AuditKeyMismatch for another key than the bound one.
std::optional<core::AuditEntry> sealAudit(Connection& db, const core::AuditKey& key,
                                          core::AuditEntry seal);

/// Which entries readAudit returns. Empty strings and nullopt mean "no restriction" (an empty
/// identity restricts to entries of no project).
struct AuditFilter {
  std::string project;  ///< only entries whose project has this code (any identity)
  std::optional<std::string> projectIdentity;  ///< only entries of this project identity
  /// only entries of the projects whose programme (now, or last if gone) has this identity
  std::optional<std::string> programmeIdentity;
  std::string user;                  ///< only entries of this user (exactly)
  std::string action;                ///< only entries of this action ("update", "login", ...)
  std::string from;                  ///< only entries with at >= from ("2026-11-25" or a full time)
  std::string before;                ///< only entries with at < before (exclusive)
  std::int64_t afterId = 0;          ///< only entries with a higher id (paging)
  std::optional<std::size_t> limit;  ///< at most this many
};

/// Entries matching filter in ascending id order (the order they were appended in).
std::vector<core::AuditEntry> readAudit(Reader& db, const AuditFilter& filter);

/// Where and how a chain is broken.
struct AuditBreak {
  enum class Kind {
    /// The entry's content does not give its stored MAC (nor, before the first keyed entry,
    /// its plain hash), or (for the last entry) its hash is not the one its chain's row
    /// recorded, or the chain has entries but no keyed one, or entries belong to a chain that
    /// crossgrant never started: the entry was changed.
    kAltered,
    /// A sequence is missing (also at the end, against the chain's row), or the entry's
    /// previousHash is not the hash of the entry before it, or the chain ends before the
    /// exported head, or a chain of the exported heads is gone: entries were removed,
    /// reordered, or the one before was changed and given a new hash.
    kRemoved,
  };
  Kind kind = Kind::kAltered;
  std::string chain;          ///< the broken chain ("" for the installation's)
  std::int64_t sequence = 0;  ///< the first sequence found wrong (or missing) in it
  std::string message;        ///< one sentence for people, naming the chain and the sequence
};

struct AuditVerification {
  std::int64_t checked = 0;          ///< entries whose link and hash were checked
  std::int64_t chains = 0;           ///< chains walked to their end
  std::optional<AuditBreak> broken;  ///< the first break; nullopt when every chain is intact
  core::AuditHeads heads;            ///< each chain's last entry (what `audit head` exports)
  bool intact() const { return !broken; }
};

/// Walks every chain from sequence 1 in order, recomputing each MAC under key (each plain hash
/// before the first keyed entry) and comparing each link, and reports the first break; checked
/// counts the entries checked before it (all of them when intact). With exported, every chain
/// it names must also still hold its head: the entry with that sequence and hash (so that
/// entries cut off the end of a chain since then, or the whole chain, are found even when its
/// row was rewound or deleted with them). Reads in batches, so memory does not grow with the
/// trail. With only, just those chains are walked (those of them that exist), for a check of
/// part of the trail such as an audit extract's. AuditKeyMismatch for another key than the
/// bound one.
AuditVerification verifyAudit(Reader& db, const core::AuditKey& key,
                              const std::optional<core::AuditHeads>& exported = std::nullopt,
                              const std::optional<std::set<std::string>>& only = std::nullopt);

}  // namespace crossgrant::store
