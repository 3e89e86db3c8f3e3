#include "crossgrant/store/EvidenceRepository.h"

#include "RepositorySupport.h"

namespace crossgrant::store {
namespace {

using detail::text;

const char* const kColumns =
    "SELECT id, object_kind, object_code, partner, stored_name, file_name, content_type, size, "
    "sha256, personal_data, shared, uploaded_by, uploaded_at, version FROM evidence_files";

EvidenceFile fileOf(const Row& row) {
  return {asInt(row[0]),       asText(row[1]),  asText(row[2]),  asText(row[3]), asText(row[4]),
          asText(row[5]),      asText(row[6]),  asInt(row[7]),   asText(row[8]), asInt(row[9]) != 0,
          asInt(row[10]) != 0, asText(row[11]), asText(row[12]), asInt(row[13])};
}

std::int64_t flag(bool value) { return value ? 1 : 0; }

}  // namespace

std::int64_t insertEvidence(Connection& db, std::string_view projectIdentity,
                            const EvidenceFile& f) {
  db.execute(
      "INSERT INTO evidence_files (project_identity, object_kind, object_code, partner, "
      "stored_name, file_name, content_type, size, sha256, personal_data, shared, uploaded_by, "
      "uploaded_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
      {text(projectIdentity), f.objectKind, f.objectCode, f.partner, f.storedName, f.fileName,
       f.contentType, f.size, f.sha256, flag(f.personalData), flag(f.shared), f.uploadedBy,
       f.uploadedAt});
  return db.lastInsertId();
}

std::vector<EvidenceFile> listEvidence(Reader& db, std::string_view projectIdentity,
                                       std::string_view kind, std::string_view code) {
  std::vector<EvidenceFile> files;
  const bool one = !kind.empty();
  const std::string sql = std::string(kColumns) + " WHERE project_identity = ?" +
                          (one ? " AND object_kind = ? AND object_code = ?" : "") + " ORDER BY id";
  std::vector<Value> params{text(projectIdentity)};
  if (one) {
    params.emplace_back(text(kind));
    params.emplace_back(text(code));
  }
  for (const Row& row : db.query(sql, params)) files.push_back(fileOf(row));
  return files;
}

std::optional<EvidenceFile> findEvidence(Reader& db, std::string_view projectIdentity,
                                         std::int64_t id) {
  const auto rows = db.query(std::string(kColumns) + " WHERE project_identity = ? AND id = ?",
                             {text(projectIdentity), id});
  if (rows.empty()) return std::nullopt;
  return fileOf(rows[0]);
}

bool lockEvidence(Connection& db, std::string_view projectIdentity, std::int64_t id,
                  std::int64_t version) {
  return db.execute(
             "UPDATE evidence_files SET version = version WHERE project_identity = ? AND id = ? "
             "AND version = ?",
             {text(projectIdentity), id, version}) == 1;
}

void updateEvidenceFlags(Connection& db, std::string_view projectIdentity, std::int64_t id,
                         bool personalData, bool shared) {
  db.execute(
      "UPDATE evidence_files SET personal_data = ?, shared = ?, version = version + 1 "
      "WHERE project_identity = ? AND id = ?",
      {flag(personalData), flag(shared), text(projectIdentity), id});
}

void deleteEvidence(Connection& db, std::string_view projectIdentity, std::int64_t id) {
  db.execute("DELETE FROM evidence_files WHERE project_identity = ? AND id = ?",
             {text(projectIdentity), id});
}

std::vector<std::string> deleteProjectEvidence(Connection& db, std::string_view projectIdentity) {
  std::vector<std::string> names;
  for (const Row& row :
       db.query("SELECT stored_name FROM evidence_files WHERE project_identity = ?",
                {text(projectIdentity)}))
    names.push_back(asText(row[0]));
  db.execute("DELETE FROM evidence_files WHERE project_identity = ?", {text(projectIdentity)});
  return names;
}

}  // namespace crossgrant::store
