// Evidence of activities and events: attendance lists, agendas, photos, minutes. A file is
// uploaded to one activity or event, checked against its bytes (PDF, JPEG, PNG, or an ODF or
// OOXML document; anything else is core::UnsupportedType) and at most Settings::maxEvidenceBytes
// long, and kept outside any served directory under a generated name with its SHA-256.
//
// Who may do what: a file is uploaded, flagged and removed by who may change the work of its
// object's partner (Operation::kWritePartnerWork). Everyone who reads the project lists the
// files and downloads those without personal data; a file marked personal data is downloaded
// only by its partner's staff and controller, the lead partner and admins, and by programme
// staff and auditors once the lead shares it. Only the lead (kWriteProject) shares.
//
// Deleting the activity or event keeps its files (listed with object_exists false) until the
// project is deleted; each upload, change, removal and download of a personal-data file is an
// audit entry with the file's description (never its bytes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/app/Caller.h"
#include "crossgrant/app/Versioned.h"
#include "crossgrant/core/Json.h"
#include "crossgrant/store/EvidenceRepository.h"

namespace crossgrant::app {

class Context;

/// A file as the API lists it, with whether the caller may download it and whether its object
/// still exists.
struct EvidenceEntry {
  store::EvidenceFile file;
  bool downloadable = false;
  bool objectExists = true;
};

struct EvidenceDownload {
  store::EvidenceFile file;
  std::string bytes;
};

/// PDF, JPEG, PNG, ODF (text, spreadsheet, presentation) and OOXML (docx, xlsx, pptx): the
/// media type the bytes are, or nullopt for anything else.
std::optional<std::string> evidenceType(const std::string& bytes);

/// A name to download a file as: the uploaded one without directories or control characters,
/// at most 255 characters.
std::string evidenceFileName(std::string_view name);

/// The description the API and the audit trail show: id, object, partner, file name, type,
/// size, sha256, flags, who uploaded it when, version.
core::Json evidenceRecord(const store::EvidenceFile& file);

class EvidenceService {
 public:
  EvidenceService(Context& context, Caller caller);

  /// kind: "activity" or "event".
  store::EvidenceFile upload(std::string_view project, std::string_view kind, std::string_view code,
                             const std::string& bytes, std::string_view fileName,
                             bool personalData);
  /// The project's files (of one object when kind is given).
  std::vector<EvidenceEntry> list(std::string_view project, std::string_view kind = {},
                                  std::string_view code = {});
  EvidenceDownload download(std::string_view project, std::int64_t id);
  store::EvidenceFile setFlags(std::string_view project, std::int64_t id, bool personalData,
                               bool shared, BaseVersion version);
  void remove(std::string_view project, std::int64_t id, BaseVersion version);

 private:
  Context& context_;
  Caller caller_;
};

/// Writes bytes into the evidence directory (created when missing, owner only) under a new
/// generated name and returns it; core::Unavailable when the disk refuses.
std::string storeEvidenceBytes(const Context& context, const std::string& bytes);
/// A stored file's bytes, checked against its SHA-256 (core::Unavailable when missing or
/// changed on disk).
std::string readEvidenceBytes(const Context& context, const store::EvidenceFile& file);

/// The files of a project that is being deleted: their rows go in db's unit; the bytes are
/// removed by the returned names once it has committed (removeEvidenceFiles).
std::vector<std::string> takeProjectEvidence(store::Connection& db, std::string_view identity);
void removeEvidenceFiles(const Context& context, const std::vector<std::string>& storedNames);

}  // namespace crossgrant::app
