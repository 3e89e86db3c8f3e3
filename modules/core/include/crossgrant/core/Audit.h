// One entry of the append-only, chained audit trail. Each entry's hash (a keyed MAC,
// AuditChain.h) covers its own content and the previous entry's hash, so that a removed,
// altered or reordered entry breaks the chain (crossgrant audit verify).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "crossgrant/core/Json.h"

namespace crossgrant::core {

struct AuditEntry {
  std::int64_t sequence = 0;  ///< 1, 2, ... without gaps, assigned on append
  std::string at;             ///< UTC, "2026-11-25T11:40:00.123Z"
  std::string user;           ///< as in Actor
  std::string role;
  std::string client;
  std::string action;      ///< e.g. "create", "update", "delete", "import", "login", "login_failed"
  std::string objectType;  ///< e.g. "project", "partner", "user", "session"
  std::string objectKey;   ///< e.g. "LLI-317", "LLI-317/PP6", "alice"
  std::string project;     ///< the project the object belongs to, "" when none
  std::optional<std::string> before;  ///< the object's state as JSON, nullopt when none
  std::optional<std::string> after;
  std::string previousHash;  ///< the previous entry's hash; 64 zeros for the first
  /// Hex HMAC-SHA-256 of previousHash and this entry's content under the audit key (plain
  /// SHA-256 for entries appended before the installation had a key).
  std::string hash;

  bool operator==(const AuditEntry&) const = default;
};

/// The entry as the API and `crossgrant audit export` show it: {"sequence", "at", "user",
/// "role", "client", "action", "object_type", "object_key", "project", "before", "after",
/// "previous_hash", "hash"}; before and after are the object's JSON (null when none; a string
/// if the stored text is not JSON), the rest as stored.
Json auditEntryToJson(const AuditEntry& entry);

}  // namespace crossgrant::core
