#include "crossgrant/app/workplan/EvidenceService.h"

#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "crossgrant/app/Context.h"
#include "crossgrant/app/audit/AuditRecorder.h"
#include "crossgrant/app/identity/SecureRandom.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/Date.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Json.h"
#include "crossgrant/core/Policy.h"
#include "crossgrant/core/Text.h"
#include "crossgrant/store/ProjectRepository.h"
#include "crossgrant/store/WorkPlanRepository.h"
#include "grants/Edits.h"

namespace crossgrant::app {
namespace {

namespace fs = std::filesystem;
using core::Json;
using edits::quoted;
using store::Connection;
using store::EvidenceFile;

constexpr std::size_t kMostNameCharacters = 255;

bool startsWith(const std::string& bytes, std::string_view prefix) {
  return bytes.compare(0, prefix.size(), prefix) == 0;
}

/// The entries of a ZIP archive, and the text of one of them (at most a few kilobytes).
struct ZipView {
  std::vector<std::string> names;
  std::string mimetype;
};

std::optional<ZipView> zipView(const std::string& bytes) {
  try {
    std::istringstream stream(bytes);
    Poco::Zip::ZipArchive archive(stream);
    ZipView view;
    for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it)
      view.names.push_back(it->first);
    const auto mimetype = archive.findHeader("mimetype");
    if (mimetype != archive.headerEnd() && mimetype->second.getUncompressedSize() < 200) {
      stream.clear();
      Poco::Zip::ZipInputStream in(stream, mimetype->second);
      char text[256];
      in.read(text, sizeof text);
      view.mimetype.assign(text, static_cast<std::size_t>(in.gcount()));
    }
    return view;
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
}

/// The project's identity, programme and the object's partner (NotFound when either is missing).
struct Owner {
  std::string identity;
  std::string programme;
  std::string partner;
};

Owner ownerOf(store::Reader& db, std::string_view project, std::string_view kind,
              std::string_view code) {
  const std::optional<core::Project> stored = store::findProject(db, project);
  if (!stored) throw core::NotFound("project " + quoted(project) + " does not exist");
  Owner owner{store::projectIdentity(db, project).value(), stored->programmeCode, ""};
  if (kind == "activity") {
    const auto activity = store::findActivity(db, project, code);
    if (!activity)
      throw core::NotFound("activity " + quoted(code) + " does not exist in project " +
                           quoted(project));
    owner.partner = activity->activity.partner;
  } else if (kind == "event") {
    const auto event = store::findEvent(db, project, code);
    if (!event)
      throw core::NotFound("event " + quoted(code) + " does not exist in project " +
                           quoted(project));
    owner.partner = event->partner;
  } else {
    throw core::NotFound("evidence belongs to an activity or an event, not to " + quoted(kind));
  }
  return owner;
}

/// The project's identity and programme, for files already stored.
Owner projectOwner(store::Reader& db, std::string_view project) {
  const std::optional<core::Project> stored = store::findProject(db, project);
  if (!stored) throw core::NotFound("project " + quoted(project) + " does not exist");
  return {store::projectIdentity(db, project).value(), stored->programmeCode, ""};
}

EvidenceFile requireFile(store::Reader& db, const Owner& owner, std::string_view project,
                         std::int64_t id) {
  auto file = store::findEvidence(db, owner.identity, id);
  if (!file)
    throw core::NotFound("evidence file " + std::to_string(id) + " does not exist in project " +
                         quoted(project));
  return *file;
}

bool objectExists(store::Reader& db, std::string_view project, const EvidenceFile& file) {
  const store::PlanObject kind =
      file.objectKind == "activity" ? store::PlanObject::kActivity : store::PlanObject::kEvent;
  return store::planVersion(db, kind, project, file.objectCode).has_value();
}

}  // namespace

std::string evidenceFileName(std::string_view name) {
  const auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (char c : name)
    if (static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != 0x7f) out += c;
  return std::string(core::utf8Prefix(out, kMostNameCharacters));
}

std::optional<std::string> evidenceType(const std::string& bytes) {
  if (startsWith(bytes, "%PDF-")) return "application/pdf";
  if (startsWith(bytes, "\xFF\xD8\xFF")) return "image/jpeg";
  if (startsWith(bytes, "\x89PNG\r\n\x1A\n")) return "image/png";
  if (!startsWith(bytes, "PK\x03\x04")) return std::nullopt;
  const std::optional<ZipView> zip = zipView(bytes);
  if (!zip) return std::nullopt;
  // ODF names its type in its first entry, "mimetype".
  for (const char* odf :
       {"application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation"})
    if (zip->mimetype == odf) return std::string(odf);
  const auto has = [&](std::string_view name) {
    return std::find(zip->names.begin(), zip->names.end(), name) != zip->names.end();
  };
  if (!has("[Content_Types].xml")) return std::nullopt;
  if (has("word/document.xml"))
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  if (has("xl/workbook.xml"))
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if (has("ppt/presentation.xml"))
    return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
  return std::nullopt;
}

Json evidenceRecord(const EvidenceFile& f) {
  return Json::object()
      .set("id", f.id)
      .set("object", f.objectKind)
      .set("code", f.objectCode)
      .set("partner", f.partner)
      .set("file_name", f.fileName)
      .set("content_type", f.contentType)
      .set("size", f.size)
      .set("sha256", f.sha256)
      .set("personal_data", f.personalData)
      .set("shared", f.shared)
      .set("uploaded_by", f.uploadedBy)
      .set("uploaded_at", f.uploadedAt)
      .set("version", f.version);
}

EvidenceService::EvidenceService(Context& context, Caller caller)
    : context_(context), caller_(std::move(caller)) {}

namespace {

void requireWork(const Caller& caller, const Owner& owner, std::string_view project,
                 const std::string& partner) {
  const core::Decision decision = core::decide(caller.principal, core::Operation::kWritePartnerWork,
                                               {owner.programme, std::string(project), partner});
  if (!decision.allowed()) throw core::Forbidden(decision.reason);
}

bool mayDownload(const Caller& caller, const Owner& owner, std::string_view project,
                 const EvidenceFile& file) {
  const core::Scope partner{owner.programme, std::string(project), file.partner};
  if (!file.personalData)
    return core::allows(caller.principal, core::Operation::kReadProject, partner);
  return core::allows(caller.principal, core::Operation::kReadPartnerPersonal, partner) ||
         (file.shared &&
          core::allows(caller.principal, core::Operation::kReadProjectData, partner));
}

fs::path pathOf(const Context& context, const std::string& storedName) {
  return fs::path(context.settings().evidenceDirectory) / storedName;
}

}  // namespace

std::string storeEvidenceBytes(const Context& context, const std::string& bytes) {
  const fs::path directory(context.settings().evidenceDirectory);
  std::error_code made;
  fs::create_directories(directory, made);
  if (made)
    throw core::Unavailable("cannot create the evidence directory " + directory.string() + ": " +
                            made.message());
  fs::permissions(directory, fs::perms::owner_all, fs::perm_options::replace, made);
  // 192 random bits from the kernel's CSPRNG, as 32 base64url characters: a file name that
  // says nothing and that no upload can choose.
  const std::string storedName = randomToken(24);
  const fs::path part = directory / (storedName + ".part");
  {
    std::ofstream out(part, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      fs::remove(part, made);
      throw core::Unavailable("cannot write the evidence file into " + directory.string());
    }
  }
  fs::rename(part, directory / storedName, made);
  if (made) throw core::Unavailable("cannot store the evidence file: " + made.message());
  return storedName;
}

std::string readEvidenceBytes(const Context& context, const EvidenceFile& file) {
  std::ifstream in(pathOf(context, file.storedName), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in || core::sha256Hex(bytes.view()) != file.sha256)
    throw core::Unavailable(
        "the stored evidence file " + std::to_string(file.id) + " (" + file.fileName +
        ") is missing or changed on disk (its SHA-256 differs): restore it from the backup");
  return std::move(bytes).str();
}

EvidenceFile EvidenceService::upload(std::string_view project, std::string_view kind,
                                     std::string_view code, const std::string& bytes,
                                     std::string_view fileName, bool personalData) {
  const std::int64_t most = context_.settings().maxEvidenceBytes;
  if (static_cast<std::int64_t>(bytes.size()) > most)
    throw core::Error(core::ErrorKind::kTooLarge,
                      "the file has " + std::to_string(bytes.size()) + " bytes, more than the " +
                          std::to_string(most) + " an evidence file may have");
  if (bytes.empty()) throw core::InvalidInput("", "the file is empty");
  const std::optional<std::string> type = evidenceType(bytes);
  if (!type)
    throw core::Error(core::ErrorKind::kUnsupportedMediaType,
                      "evidence is a PDF, a JPEG or PNG picture, or an ODF or OOXML document "
                      "(.odt, .ods, .odp, .docx, .xlsx, .pptx); this file's bytes are none of "
                      "them",
                      "file_type");
  const std::string name = evidenceFileName(fileName);
  if (name.empty())
    throw core::InvalidInput("/name", "the file needs its name, e.g. attendance.pdf");
  // Who may not add to the object is refused before anything is written.
  context_.database().read([&](store::Reader& db) {
    const Owner owner = ownerOf(db, project, kind, code);
    requireWork(caller_, owner, project, owner.partner);
  });
  const std::string storedName = storeEvidenceBytes(context_, bytes);
  try {
    return context_.database().write([&](Connection& db) {
      const Owner owner = ownerOf(db, project, kind, code);
      requireWork(caller_, owner, project, owner.partner);
      EvidenceFile file;
      file.objectKind = std::string(kind);
      file.objectCode = std::string(code);
      file.partner = owner.partner;
      file.storedName = storedName;
      file.fileName = name;
      file.contentType = *type;
      file.size = static_cast<std::int64_t>(bytes.size());
      file.sha256 = core::sha256Hex(bytes);
      file.personalData = personalData;
      file.uploadedBy = caller_.actor.user;
      file.uploadedAt = core::utcTimestamp(context_.nowMillis());
      file.id = store::insertEvidence(db, owner.identity, file);
      recordChange(db, context_.auditKey(), caller_.actor, "upload", "evidence",
                   std::string(project) + "/" + std::to_string(file.id), std::string(project),
                   std::nullopt, evidenceRecord(file));
      return file;
    });
  } catch (...) {
    removeEvidenceFiles(context_, {storedName});  // nothing refers to it
    throw;
  }
}

std::vector<EvidenceEntry> EvidenceService::list(std::string_view project, std::string_view kind,
                                                 std::string_view code) {
  return context_.database().read([&](store::Reader& db) {
    const Owner owner = kind.empty() ? projectOwner(db, project) : ownerOf(db, project, kind, code);
    std::vector<EvidenceEntry> entries;
    for (EvidenceFile& file : store::listEvidence(db, owner.identity, kind, code)) {
      const bool downloadable = mayDownload(caller_, owner, project, file);
      const bool exists = objectExists(db, project, file);
      entries.push_back({std::move(file), downloadable, exists});
    }
    return entries;
  });
}

EvidenceDownload EvidenceService::download(std::string_view project, std::int64_t id) {
  const auto [file, owner] = context_.database().read([&](store::Reader& db) {
    const Owner owner = projectOwner(db, project);
    return std::pair{requireFile(db, owner, project, id), owner};
  });
  if (!mayDownload(caller_, owner, project, file))
    throw core::Forbidden(
        "this file holds personal data: its partner's staff and controller, the lead partner and "
        "admins download it, and programme staff and auditors once the lead shares it");
  EvidenceDownload out{file, readEvidenceBytes(context_, file)};
  if (file.personalData)
    context_.database().write([&](Connection& db) {
      recordChange(db, context_.auditKey(), caller_.actor, "download", "evidence",
                   std::string(project) + "/" + std::to_string(id), std::string(project),
                   std::nullopt, evidenceRecord(file));
    });
  return out;
}

EvidenceFile EvidenceService::setFlags(std::string_view project, std::int64_t id, bool personalData,
                                       bool shared, BaseVersion version) {
  return context_.database().write([&](Connection& db) {
    const Owner owner = projectOwner(db, project);
    const EvidenceFile before = requireFile(db, owner, project, id);
    requireWork(caller_, owner, project, before.partner);
    if (shared != before.shared && !core::allows(caller_.principal, core::Operation::kWriteProject,
                                                 {owner.programme, std::string(project), ""}))
      throw core::Forbidden(
          "only the lead partner shares a file with programme staff and auditors");
    edits::lockAt(
        "evidence file " + std::to_string(id), version,
        [&](std::int64_t v) { return store::lockEvidence(db, owner.identity, id, v); },
        [&] {
          const EvidenceFile now = requireFile(db, owner, project, id);
          return edits::Current{now.version, evidenceRecord(now)};
        });
    store::updateEvidenceFlags(db, owner.identity, id, personalData, shared);
    EvidenceFile after = requireFile(db, owner, project, id);
    recordChange(db, context_.auditKey(), caller_.actor, "update", "evidence",
                 std::string(project) + "/" + std::to_string(id), std::string(project),
                 evidenceRecord(before), evidenceRecord(after));
    return after;
  });
}

void EvidenceService::remove(std::string_view project, std::int64_t id, BaseVersion version) {
  const std::string storedName = context_.database().write([&](Connection& db) {
    const Owner owner = projectOwner(db, project);
    const EvidenceFile before = requireFile(db, owner, project, id);
    requireWork(caller_, owner, project, before.partner);
    edits::lockAt(
        "evidence file " + std::to_string(id), version,
        [&](std::int64_t v) { return store::lockEvidence(db, owner.identity, id, v); },
        [&] {
          const EvidenceFile now = requireFile(db, owner, project, id);
          return edits::Current{now.version, evidenceRecord(now)};
        });
    store::deleteEvidence(db, owner.identity, id);
    recordChange(db, context_.auditKey(), caller_.actor, "delete", "evidence",
                 std::string(project) + "/" + std::to_string(id), std::string(project),
                 evidenceRecord(before), std::nullopt);
    return before.storedName;
  });
  removeEvidenceFiles(context_, {storedName});
}

std::vector<std::string> takeProjectEvidence(Connection& db, std::string_view identity) {
  return store::deleteProjectEvidence(db, identity);
}

void removeEvidenceFiles(const Context& context, const std::vector<std::string>& storedNames) {
  std::error_code ignored;  // a file already gone is gone
  for (const std::string& name : storedNames) fs::remove(pathOf(context, name), ignored);
}

}  // namespace crossgrant::app
