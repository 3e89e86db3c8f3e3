#include "crossgrant/core/AuditChain.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

namespace crossgrant::core {
namespace {

void field(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
}

void optionalField(std::string& out, const std::optional<std::string>& value) {
  if (value)
    field(out, *value);
  else
    out += '-';
}

}  // namespace

std::string auditContent(const AuditEntry& entry) {
  std::string out;
  field(out, std::to_string(entry.sequence));
  field(out, entry.at);
  field(out, entry.user);
  field(out, entry.role);
  field(out, entry.client);
  field(out, entry.action);
  field(out, entry.objectType);
  field(out, entry.objectKey);
  field(out, entry.project);
  optionalField(out, entry.before);
  optionalField(out, entry.after);
  return out;
}

std::string auditHash(const AuditEntry& entry) {
  std::string input;
  field(input, entry.previousHash);
  return sha256Hex(input + auditContent(entry));
}

std::string sha256Hex(std::string_view bytes) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(bytes.data(), bytes.size());
  return Poco::DigestEngine::digestToHex(engine.digest());
}

}  // namespace crossgrant::core
