#include "crossgrant/core/AuditChain.h"

#include <Poco/DigestEngine.h>
#include <Poco/HMACEngine.h>
#include <Poco/SHA2Engine.h>

#include <stdexcept>
#include <utility>

#include "crossgrant/core/Errors.h"

namespace crossgrant::core {
namespace {

// SHA-256 with the block and digest sizes Poco::HMACEngine needs (POCO 1.11's SHA2Engine
// declares neither).
class Sha256Engine : public Poco::SHA2Engine {
 public:
  enum { BLOCK_SIZE = 64, DIGEST_SIZE = 32 };
  Sha256Engine() : Poco::SHA2Engine(Poco::SHA2Engine::SHA_256) {}
};

constexpr std::string_view kKeyIdText = "crossgrant audit key id";
constexpr std::string_view kHeadFormat = "crossgrant-audit-head/2";
constexpr std::string_view kSingleHeadFormat = "crossgrant-audit-head/1";

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

std::string chained(const AuditEntry& entry) {
  std::string input;
  field(input, entry.previousHash);
  return input + auditContent(entry);
}

bool isLowerHex(std::string_view text, std::size_t length) {
  if (text.size() != length) return false;
  for (const char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

AuditKey::AuditKey(std::string bytes) : bytes_(std::move(bytes)) {
  if (bytes_.size() != kSize)
    throw std::invalid_argument("an audit key has " + std::to_string(kSize) + " bytes, not " +
                                std::to_string(bytes_.size()));
}

std::string AuditKey::mac(std::string_view message) const {
  Poco::HMACEngine<Sha256Engine> engine(bytes_);
  engine.update(message.data(), static_cast<unsigned>(message.size()));
  return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string AuditKey::id() const { return mac(kKeyIdText); }

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
  if (entry.format == AuditFormat::kChained) {
    field(out, entry.chain);
    field(out, entry.projectIdentity);
  }
  return out;
}

std::string auditHash(const AuditEntry& entry) { return sha256Hex(chained(entry)); }

std::string auditMac(const AuditEntry& entry, const AuditKey& key) {
  return key.mac(chained(entry));
}

std::string sha256Hex(std::string_view bytes) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(bytes.data(), bytes.size());
  return Poco::DigestEngine::digestToHex(engine.digest());
}

Json auditHeadsToJson(const AuditHeads& heads) {
  Json chains = Json::array();
  for (const auto& [chain, head] : heads)
    chains.push(Json::object()
                    .set("chain", auditChainName(chain))
                    .set("sequence", head.sequence)
                    .set("mac", head.hash));
  return Json::object().set("format", std::string(kHeadFormat)).set("chains", std::move(chains));
}

namespace {

// {"sequence", "mac"} of one head at pointer (members other than those are left to the caller).
AuditHead headFromJson(const Json& json, const std::string& pointer) {
  const Json* sequence = json.find("sequence");
  if (sequence == nullptr || !sequence->isInteger() || sequence->asInteger() < 0)
    throw InvalidInput(pointer + "/sequence",
                       "expected the sequence of the chain's last entry, an integer >= 0");
  const Json* mac = json.find("mac");
  if (mac == nullptr || !mac->isString() || !isLowerHex(mac->asString(), 64))
    throw InvalidInput(pointer + "/mac",
                       "expected the last entry's MAC, 64 lower-case hexadecimal digits");
  return AuditHead{sequence->asInteger(), mac->asString()};
}

}  // namespace

AuditHeads auditHeadsFromJson(const Json& json) {
  if (!json.isObject()) throw InvalidInput("", "expected an exported audit head, a JSON object");
  const Json* format = json.find("format");
  if (format != nullptr && format->isString() && format->asString() == kSingleHeadFormat)
    return AuditHeads{{"", headFromJson(json, "")}};
  if (format == nullptr || !format->isString() || format->asString() != kHeadFormat)
    throw InvalidInput("/format", "expected \"" + std::string(kHeadFormat) + "\"");
  const Json* chains = json.find("chains");
  if (chains == nullptr || !chains->isArray())
    throw InvalidInput("/chains", "expected the heads of the chains, an array");
  AuditHeads heads;
  for (std::size_t i = 0; i < chains->items().size(); ++i) {
    const Json& item = chains->items()[i];
    const std::string pointer = "/chains/" + std::to_string(i);
    if (!item.isObject()) throw InvalidInput(pointer, "expected a chain's head, an object");
    const Json* name = item.find("chain");
    const std::optional<std::string> chain =
        name != nullptr && name->isString() ? auditChainOf(name->asString()) : std::nullopt;
    if (!chain)
      throw InvalidInput(pointer + "/chain", "expected \"installation\" or \"project:IDENTITY\"");
    if (!heads.emplace(*chain, headFromJson(item, pointer)).second)
      throw InvalidInput(pointer + "/chain", "names a chain that an earlier head names too");
  }
  return heads;
}

}  // namespace crossgrant::core
