// The audit trail in the store: append-only and hash-chained (core/AuditChain.h). Every
// function works on the connection it is given, inside the caller's unit of work, so that an
// entry commits or rolls back together with the change it records; readAudit and verifyAudit
// only read (Reader).
//
// Appends serialize on both backends: appendAudit first UPDATEs the one row of audit_head,
// which MariaDB locks until the transaction ends and which SQLite's BEGIN IMMEDIATE writers
// reach one at a time. Sequences are therefore 1, 2, 3, ... without gaps in commit order, and
// each entry's previousHash is the hash of the entry before it. Nothing in crossgrant updates
// or deletes an audit row; verifyAudit shows whether anything else did.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crossgrant/core/Audit.h"
#include "crossgrant/store/Database.h"

namespace crossgrant::store {

/// Appends one entry. The caller fills user, role, client, action, objectType, objectKey,
/// project, before and after; appendAudit assigns sequence, at (the current UTC time to the
/// millisecond, "2026-11-25T11:40:00.123Z"), previousHash and hash, whatever entry holds.
/// Returns the entry as stored. Must run inside a write unit (Database::write).
core::AuditEntry appendAudit(Connection& db, core::AuditEntry entry);

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
    /// The entry's content does not give its stored hash, or (for the last entry) its hash
    /// is not the one audit_head recorded: the entry was changed.
    kAltered,
    /// A sequence is missing (also at the end, against audit_head), or the entry's
    /// previousHash is not the hash of the entry before it: entries were removed, reordered,
    /// or the one before was changed and given a new hash.
    kRemoved,
  };
  Kind kind = Kind::kAltered;
  std::int64_t sequence = 0;  ///< the first sequence found wrong (or missing)
  std::string message;        ///< one sentence for people, naming the sequence
};

struct AuditVerification {
  std::int64_t checked = 0;          ///< entries whose link and hash were checked
  std::optional<AuditBreak> broken;  ///< the first break; nullopt when the chain is intact
  bool intact() const { return !broken; }
};

/// Walks the whole chain from sequence 1 in order, recomputing each hash and comparing each
/// link, and reports the first break; checked counts the entries before it (all of them when
/// intact). Reads in batches, so memory does not grow with the trail.
AuditVerification verifyAudit(Reader& db);

}  // namespace crossgrant::store
