// One entry of the append-only, chained audit trail. The trail is made of chains: one for the
// installation (users, sessions, programmes, rules) and one for each project, named by the
// project's identity, which is never reused (a project deleted and imported again under its code
// starts a chain of its own). Each entry's hash (a keyed MAC, AuditChain.h) covers its own
// content and the previous entry's hash in its chain, so that a removed, altered or reordered
// entry breaks the chain (crossgrant audit verify).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crossgrant/core/Json.h"

namespace crossgrant::core {

/// The layout of an entry's content (AuditChain.h). Entries appended before the trail had
/// chains (schema migration 9) are kLegacy and all belong to the installation chain.
enum class AuditFormat { kLegacy = 1, kChained = 2 };

struct AuditEntry {
  /// The entry's position in the whole trail, assigned on append: ascending in the order
  /// entries were appended, also across chains; not part of the chained content.
  std::int64_t id = 0;
  /// The chain: "" for the installation's, else the identity of the project whose chain it is.
  std::string chain;
  std::int64_t sequence = 0;  ///< 1, 2, ... without gaps within the chain, assigned on append
  AuditFormat format = AuditFormat::kChained;
  std::string at;    ///< UTC, "2026-11-25T11:40:00.123Z"
  std::string user;  ///< as in Actor
  std::string role;
  std::string client;
  std::string action;      ///< e.g. "create", "update", "delete", "import", "login", "login_failed"
  std::string objectType;  ///< e.g. "project", "partner", "user", "session"
  std::string objectKey;   ///< e.g. "LLI-317", "LLI-317/PP6", "alice"
  std::string project;     ///< the code of the project the object belongs to, "" when none
  /// The identity of that project when the entry was appended ("" when none): what the entry
  /// belongs to, while its code may later name another project.
  std::string projectIdentity;
  std::optional<std::string> before;  ///< the object's state as JSON, nullopt when none
  std::optional<std::string> after;
  std::string previousHash;  ///< the previous entry's hash; 64 zeros for the first
  /// Hex HMAC-SHA-256 of previousHash and this entry's content under the audit key (plain
  /// SHA-256 for entries appended before the installation had a key).
  std::string hash;

  bool operator==(const AuditEntry&) const = default;
};

/// How a chain is named to people and in exported heads: "installation" for "", and
/// "project:IDENTITY" for a project's chain.
std::string auditChainName(const std::string& chain);
/// The chain a name of auditChainName gives; nullopt for any other text.
std::optional<std::string> auditChainOf(std::string_view name);

/// The entry as the API and `crossgrant audit export` show it: {"id", "chain" (its
/// auditChainName), "sequence", "at", "user", "role", "client", "action", "object_type",
/// "object_key", "project", "project_identity" (null when none), "before", "after",
/// "previous_hash", "hash"}; before and after are the object's JSON (null when none; a string
/// if the stored text is not JSON), the rest as stored.
Json auditEntryToJson(const AuditEntry& entry);

}  // namespace crossgrant::core
