// The audit trail in the store: append-only and chained with a keyed MAC (core/AuditChain.h).
// Every function works on the connection it is given, inside the caller's unit of work, so that
// an entry commits or rolls back together with the change it records; readAudit and verifyAudit
// only read (Reader).
//
// Appends serialize on both backends: appendAudit first UPDATEs the one row of audit_head,
// which MariaDB locks until the transaction ends and which SQLite's BEGIN IMMEDIATE writers
// reach one at a time. Sequences are therefore 1, 2, 3, ... without gaps in commit order, and
// each entry's previousHash is the hash of the entry before it. Nothing in crossgrant updates
// or deletes an audit row; verifyAudit shows whether anything else did.
//
// The key: audit_key records the id (core::AuditKey::id) of the key the trail is chained
// with and the sequence of the first entry chained with it, bound by the first keyed append or
// seal. Every append and verification first checks that it was given that key
// (AuditKeyMismatch otherwise). Entries appended before the key was bound carry plain SHA-256
// hashes; they are accepted only before that sequence and before any keyed entry, and a trail
// with entries must end in a keyed one (sealAudit appends one at once). So without the key, an
// entry can be neither altered nor re-chained, and the only undetected change left is cutting
// entries off the end and rewinding audit_head, which verifying against a head exported
// earlier (core::AuditHead) detects.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
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
/// project, before and after; appendAudit assigns sequence, at (the current UTC time to the
/// millisecond, "2026-11-25T11:40:00.123Z"), previousHash and hash, whatever entry holds.
/// hash is the entry's MAC under key, which is bound if no key is yet. Returns the entry as
/// stored. Must run inside a write unit (Database::write). AuditKeyMismatch for another key
/// than the bound one.
core::AuditEntry appendAudit(Connection& db, const core::AuditKey& key, core::AuditEntry entry);

/// Binds key if no key is bound yet and, if the trail's last entry is not keyed (entries from
/// before the key), appends seal (the caller fills who; action, object and after are set
/// here: "seal", "audit_trail", after {"sealed_sequence", "sealed_hash"}) so that the entries
/// before it are covered by its MAC at once. Returns the seal entry, or nullopt when nothing
/// needed sealing. AuditKeyMismatch for another key than the bound one.
std::optional<core::AuditEntry> sealAudit(Connection& db, const core::AuditKey& key,
                                          core::AuditEntry seal);

/// Which entries readAudit returns. Empty strings and nullopt mean "no restriction".
struct AuditFilter {
  std::string project;               ///< only entries whose project is this code
  std::string from;                  ///< only entries with at >= from ("2026-11-25" or a full time)
  std::string before;                ///< only entries with at < before (exclusive)
  std::int64_t afterSequence = 0;    ///< only entries with a higher sequence (paging)
  std::optional<std::size_t> limit;  ///< at most this many
};

/// Entries matching filter in ascending sequence order.
std::vector<core::AuditEntry> readAudit(Reader& db, const AuditFilter& filter);

/// Where and how the chain is broken.
struct AuditBreak {
  enum class Kind {
    /// The entry's content does not give its stored MAC (nor, before the first keyed entry,
    /// its plain hash), or (for the last entry) its hash is not the one audit_head recorded,
    /// or the trail has entries but no keyed one: the entry was changed.
    kAltered,
    /// A sequence is missing (also at the end, against audit_head), or the entry's
    /// previousHash is not the hash of the entry before it, or the trail ends before the
    /// exported head: entries were removed, reordered, or the one before was changed and given
    /// a new hash.
    kRemoved,
  };
  Kind kind = Kind::kAltered;
  std::int64_t sequence = 0;  ///< the first sequence found wrong (or missing)
  std::string message;        ///< one sentence for people, naming the sequence
};

struct AuditVerification {
  std::int64_t checked = 0;          ///< entries whose link and hash were checked
  std::optional<AuditBreak> broken;  ///< the first break; nullopt when the chain is intact
  core::AuditHead head;              ///< the last entry checked (what `audit head` exports)
  bool intact() const { return !broken; }
};

/// Walks the whole chain from sequence 1 in order, recomputing each MAC under key (each plain
/// hash before the first keyed entry) and comparing each link, and reports the first break;
/// checked counts the entries before it (all of them when intact). With exported, the trail
/// must also still hold that head: its entry with that sequence and hash (so that entries cut
/// off the end since it was exported are found even when audit_head was rewound with them).
/// Reads in batches, so memory does not grow with the trail. AuditKeyMismatch for another key
/// than the bound one.
AuditVerification verifyAudit(Reader& db, const core::AuditKey& key,
                              const std::optional<core::AuditHead>& exported = std::nullopt);

}  // namespace crossgrant::store
