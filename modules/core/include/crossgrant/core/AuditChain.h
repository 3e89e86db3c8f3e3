// The chain of the audit trail: how an entry's hash is computed from its content and the
// previous entry's hash. Pure functions; the store decides what is stored and when.
//
// An entry's content is every other field of the entry in a fixed order, each field written as
// its decimal byte length, ':' and its bytes; an absent before/after as "-" instead. A chained
// entry (AuditFormat::kChained) ends with its chain and its project's identity, so that an
// entry cannot be moved to another chain or project; a legacy entry has neither. The entry's
// id (its position in the whole trail) is not content. Lengths
// make the encoding unambiguous, so no two different entries share a content, and a changed
// field always changes the hash. The chained input is previousHash written the same way,
// followed by the content.
//
// Entries are chained with a keyed MAC (auditMac: HMAC-SHA-256 under the installation's audit
// key, which is kept outside the database), so that whoever can write the database but cannot
// read the key can neither alter an entry nor re-chain the entries after it. Entries appended
// before the installation had a key carry the plain SHA-256 of the same input (auditHash); the
// first keyed entry seals them, since its MAC covers their last hash.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "crossgrant/core/Audit.h"

namespace crossgrant::core {

/// The previousHash of the first entry: 64 zeros.
inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

/// The secret the audit trail is chained with: 32 bytes.
class AuditKey {
 public:
  static constexpr std::size_t kSize = 32;

  /// Throws std::invalid_argument unless bytes holds exactly kSize bytes.
  explicit AuditKey(std::string bytes);

  /// Lower-case hex HMAC-SHA-256 of message under this key.
  std::string mac(std::string_view message) const;
  /// What identifies the key without revealing it: the MAC of a fixed text, in hex. Stored in
  /// the database so that a server given another key file says so instead of appending
  /// entries no one could verify.
  std::string id() const;

 private:
  std::string bytes_;
};

/// The canonical content of entry (every field but id, previousHash and hash).
std::string auditContent(const AuditEntry& entry);

/// The plain SHA-256 chain value of entry (entry.hash is ignored): what entries appended
/// before the audit key existed carry.
std::string auditHash(const AuditEntry& entry);

/// The keyed chain value of entry under key (entry.hash is ignored): what every entry appended
/// with the key carries.
std::string auditMac(const AuditEntry& entry, const AuditKey& key);

/// Lower-case hex SHA-256 of bytes.
std::string sha256Hex(std::string_view bytes);

/// Where a chain ended when an operator exported it (`crossgrant audit head`): its last
/// entry's sequence and hash (sequence 0 and kAuditGenesisHash for an empty chain).
struct AuditHead {
  std::int64_t sequence = 0;
  std::string hash{kAuditGenesisHash};

  bool operator==(const AuditHead&) const = default;
};

/// The heads of every chain, by chain ("" for the installation's).
using AuditHeads = std::map<std::string, AuditHead>;

/// {"format": "crossgrant-audit-head/2", "chains": [{"chain": auditChainName, "sequence": N,
/// "mac": "hex"}, ...]} in the order of the chains.
Json auditHeadsToJson(const AuditHeads& heads);
/// The heads auditHeadsToJson wrote, or the one head of a trail of one chain that
/// crossgrant-audit-head/1 wrote ({"format", "sequence", "mac"}: the installation chain's,
/// which holds every entry from before chains). Throws InvalidInput at the JSON pointer of
/// anything else.
AuditHeads auditHeadsFromJson(const Json& json);

}  // namespace crossgrant::core
