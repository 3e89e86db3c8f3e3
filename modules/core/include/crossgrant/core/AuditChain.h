// The hash chain of the audit trail: how an entry's hash is computed from its content and the
// previous entry's hash. Pure functions; the store decides what is stored and when.
//
// hash = lower-case hex SHA-256 of previousHash followed by the canonical content (every other
// field of the entry in a fixed order), each field written as its decimal byte length, ':' and
// its bytes; an absent before/after as "-" instead. Lengths make the encoding unambiguous, so no
// two different entries share a content, and a changed field always changes the hash.
#pragma once

#include <string>
#include <string_view>

#include "crossgrant/core/Audit.h"

namespace crossgrant::core {

/// The previousHash of the first entry: 64 zeros.
inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

/// The canonical content of entry (every field but previousHash and hash).
std::string auditContent(const AuditEntry& entry);

/// The hash entry must carry, given its previousHash and content (entry.hash is ignored).
std::string auditHash(const AuditEntry& entry);

/// Lower-case hex SHA-256 of bytes.
std::string sha256Hex(std::string_view bytes);

}  // namespace crossgrant::core
