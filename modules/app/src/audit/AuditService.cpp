#include "crossgrant/app/audit/AuditService.h"

#include <filesystem>

#include "crossgrant/app/Context.h"
#include "crossgrant/app/audit/AuditKeyFile.h"
#include "crossgrant/core/Date.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/store/ProjectRepository.h"

namespace crossgrant::app {
namespace {

constexpr std::size_t kBatch = 1000;

std::optional<core::Date> dateOf(const std::optional<std::string>& text, const std::string& name) {
  if (!text) return std::nullopt;
  const std::optional<core::Date> date = core::Date::parse(*text);
  if (!date)
    throw core::InvalidInput(name, "expected a date YYYY-MM-DD (UTC), not \"" + *text + "\"");
  return date;
}

}  // namespace

void setAuditPeriod(store::AuditFilter& filter, const std::optional<std::string>& from,
                    const std::optional<std::string>& to, const std::string& fromName,
                    const std::string& toName) {
  const std::optional<core::Date> first = dateOf(from, fromName);
  const std::optional<core::Date> last = dateOf(to, toName);
  if (first && last && *last < *first) {
    throw core::InvalidInput(
        toName, "is " + last->toString() + ", before " + fromName + " " + first->toString());
  }
  // Times are "YYYY-MM-DDTHH:MM:SS.mmmZ", so every time of a day sorts at or after the day.
  if (first) filter.from = first->toString();
  if (last) filter.before = core::endOfDay(*last);
}

void AuditService::selectProject(store::AuditFilter& filter, const std::string& code) {
  const std::optional<std::string> identity =
      context_.database().read([&](store::Reader& db) { return store::projectIdentity(db, code); });
  if (identity)
    filter.projectIdentity = identity;
  else
    filter.project = code;
}

void AuditService::selectProgramme(store::AuditFilter& filter, const std::string& code) {
  const std::optional<std::string> identity = context_.database().read(
      [&](store::Reader& db) { return store::programmeIdentity(db, code); });
  if (!identity) throw core::NotFound("programme \"" + code + "\" does not exist");
  filter.programmeIdentity = identity;
}

std::vector<core::AuditEntry> AuditService::entries(const store::AuditFilter& filter) {
  return context_.database().read([&](store::Reader& db) { return store::readAudit(db, filter); });
}

std::int64_t AuditService::forEach(store::AuditFilter filter,
                                   const std::function<void(const core::AuditEntry&)>& sink) {
  // One snapshot for the whole walk: across chains, ids are handed out as entries are appended,
  // not as their units commit, so batches read one by one could pass an entry that commits
  // after a later one. A snapshot holds off no writer on either backend.
  return context_.database().read([&](store::Reader& db) {
    filter.limit = kBatch;
    std::int64_t count = 0;
    for (;;) {
      const std::vector<core::AuditEntry> batch = store::readAudit(db, filter);
      for (const core::AuditEntry& entry : batch) {
        sink(entry);
        ++count;
      }
      if (batch.size() < kBatch) return count;
      filter.afterId = batch.back().id;
    }
  });
}

store::AuditVerification AuditService::verify(const std::optional<core::AuditHeads>& exported) {
  const core::AuditKey& key = context_.auditKey();
  return context_.database().read(
      [&](store::Reader& db) { return store::verifyAudit(db, key, exported); });
}

AuditKeySetup AuditService::prepareKey(const core::Actor& actor) {
  AuditKeySetup setup;
  const std::string& path = context_.settings().auditKeyFile;
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    const std::optional<std::string> bound =
        context_.database().read([](store::Reader& db) { return store::boundAuditKeyId(db); });
    if (bound)
      throw core::ConfigurationError(
          "the audit key file " + path +
          " (audit.key_file) does not exist, but this database's audit trail is chained with the "
          "key of id " +
          bound->substr(0, 12) +
          "…: restore that file (a new key would leave the trail unverifiable)");
    setup.createdKeyFile = createAuditKeyFile(path);
  }
  const core::AuditKey& key = context_.auditKey();
  core::AuditEntry seal;
  seal.user = actor.user;
  seal.role = actor.role;
  seal.client = actor.client;
  setup.seal = context_.database().write(
      [&](store::Connection& db) { return store::sealAudit(db, key, seal); });
  return setup;
}

void AuditService::requireKey() {
  const core::AuditKey& key = context_.auditKey();
  context_.database().read([&](store::Reader& db) { store::requireAuditKey(db, key); });
}

}  // namespace crossgrant::app
