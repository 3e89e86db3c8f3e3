// The evidence files of activities and events (migration 11): what each file is, kept by the
// project's identity and the object's kind and code. The bytes are outside the database, in
// the files directory under stored_name (app/workplan/EvidenceService.h writes and removes
// them); nothing here touches a file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/store/Database.h"

namespace crossgrant::store {

struct EvidenceFile {
  std::int64_t id = 0;
  std::string objectKind;  ///< "activity" or "event"
  std::string objectCode;
  std::string partner;     ///< the object's partner when the file came
  std::string storedName;  ///< 32 base64url characters, the file's name in the files directory
  std::string fileName;    ///< as uploaded, for the download
  std::string contentType;
  std::int64_t size = 0;
  std::string sha256;
  bool personalData = false;
  bool shared = false;
  std::string uploadedBy;
  std::string uploadedAt;  ///< UTC, "2026-12-02T10:00:00.000Z"
  std::int64_t version = 1;
  bool operator==(const EvidenceFile&) const = default;
};

/// Stores the row (id and version as the store gives them) and returns its id.
std::int64_t insertEvidence(Connection& db, std::string_view projectIdentity,
                            const EvidenceFile& file);
/// The project's files, oldest first; only those of one object when kind and code are given.
std::vector<EvidenceFile> listEvidence(Reader& db, std::string_view projectIdentity,
                                       std::string_view kind = {}, std::string_view code = {});
std::optional<EvidenceFile> findEvidence(Reader& db, std::string_view projectIdentity,
                                         std::int64_t id);
/// As lockPartner (ProjectRepository.h).
bool lockEvidence(Connection& db, std::string_view projectIdentity, std::int64_t id,
                  std::int64_t version);
/// Sets the flags and counts a version up.
void updateEvidenceFlags(Connection& db, std::string_view projectIdentity, std::int64_t id,
                         bool personalData, bool shared);
void deleteEvidence(Connection& db, std::string_view projectIdentity, std::int64_t id);
/// Deletes every row of the project's files and returns their stored names.
std::vector<std::string> deleteProjectEvidence(Connection& db, std::string_view projectIdentity);

}  // namespace crossgrant::store
