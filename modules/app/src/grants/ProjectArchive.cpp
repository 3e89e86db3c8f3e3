#include "crossgrant/app/grants/ProjectArchive.h"

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <algorithm>
#include <cstdio>
#include <istream>
#include <map>
#include <sstream>
#include <tuple>

#include "crossgrant/app/Context.h"
#include "crossgrant/app/audit/AuditRecorder.h"
#include "crossgrant/app/workplan/EvidenceService.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/BundleCodec.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/core/Json.h"
#include "crossgrant/core/Policy.h"
#include "crossgrant/core/Progress.h"
#include "crossgrant/store/EvidenceRepository.h"
#include "crossgrant/store/ProgressRepository.h"
#include "crossgrant/store/ProjectRepository.h"
#include "grants/Edits.h"

namespace crossgrant::app {
namespace {

using core::Json;
using core::ValidationError;
using edits::quoted;
using store::EvidenceFile;

constexpr const char* kFormat = "crossgrant-archive";
constexpr std::int64_t kFormatVersion = 1;
constexpr const char* kManifest = "manifest.json";
constexpr const char* kBundle = "bundle.json";
constexpr const char* kProgress = "progress.json";
/// manifest.json and bundle.json are read whole; a ZIP of kilobytes can unpack to gigabytes.
constexpr std::size_t kMostDocumentBytes = 256 * 1024 * 1024;

/// The time of entries that have none of their own: the first a ZIP file can say.
Poco::DateTime fixedTime() { return Poco::DateTime(1980, 1, 1); }

/// An upload time ("2026-12-02T10:00:00.000Z") as an entry's time; fixedTime() if it is none.
Poco::DateTime entryTime(const std::string& utc) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (std::sscanf(utc.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &year, &month, &day, &hour, &minute,
                  &second) != 6 ||
      year < 1980 || !Poco::DateTime::isValid(year, month, day, hour, minute, second))
    return fixedTime();
  return Poco::DateTime(year, month, day, hour, minute, second);
}

std::string extensionOf(const std::string& contentType) {
  static const std::map<std::string, std::string> kExtensions = {
      {"application/pdf", "pdf"},
      {"image/jpeg", "jpg"},
      {"image/png", "png"},
      {"application/vnd.oasis.opendocument.text", "odt"},
      {"application/vnd.oasis.opendocument.spreadsheet", "ods"},
      {"application/vnd.oasis.opendocument.presentation", "odp"},
      {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"},
      {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"},
      {"application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"}};
  const auto found = kExtensions.find(contentType);
  return found == kExtensions.end() ? "bin" : found->second;
}

/// The manifest's description of a file: its record without what this installation gave it
/// (id, version), and the archive's entry name as "path".
Json manifestEntry(const EvidenceFile& f, const std::string& path) {
  Json entry = Json::object().set("path", path);
  const Json record = evidenceRecord(f);
  for (const auto& [key, value] : record.members())
    if (key != "id" && key != "version") entry.set(key, value);
  return entry;
}

void add(Poco::Zip::Compress& zip, const std::string& name, const std::string& bytes,
         const Poco::DateTime& time) {
  std::istringstream in(bytes);
  zip.addFile(in, time, Poco::Path(name, Poco::Path::PATH_UNIX), Poco::Zip::ZipCommon::CM_DEFLATE,
              Poco::Zip::ZipCommon::CL_NORMAL);
}

// ---- reading

/// The errors of an archive, each at its entry and pointer ("manifest.json/evidence/0/size").
class Problems {
 public:
  void add(std::string where, std::string message) {
    errors_.push_back({std::move(where), std::move(message)});
  }
  bool any() const { return !errors_.empty(); }
  std::size_t count() const { return errors_.size(); }
  void throwIfAny() const {
    if (any()) throw core::InvalidInput(errors_);
  }

 private:
  std::vector<ValidationError> errors_;
};

/// The entries of an archive, each read at most to a given length.
class Entries {
 public:
  explicit Entries(std::istream& in) : in_(in) {
    try {
      archive_.emplace(in_);
    } catch (const Poco::Exception& e) {
      throw core::InvalidInput("", "this is not a ZIP file that can be read (" + e.displayText() +
                                       "); a project archive is what `crossgrant export CODE "
                                       "--archive FILE.zip` writes");
    }
  }

  bool has(const std::string& name) const {
    return archive_->findHeader(name) != archive_->headerEnd();
  }

  /// Every entry that is not a directory.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (auto it = archive_->headerBegin(); it != archive_->headerEnd(); ++it)
      if (!it->first.empty() && it->first.back() != '/') out.push_back(it->first);
    return out;
  }

  /// The entry's bytes, at most most + 1 of them (so that a longer entry shows as longer);
  /// nullopt when it cannot be unpacked (why in error).
  std::optional<std::string> read(const std::string& name, std::size_t most, std::string& error) {
    const auto header = archive_->findHeader(name);
    try {
      in_.clear();
      Poco::Zip::ZipInputStream entry(in_, header->second);
      std::string out;
      char buffer[64 * 1024];
      while (out.size() <= most && (entry.read(buffer, sizeof buffer) || entry.gcount() > 0))
        out.append(buffer, static_cast<std::size_t>(entry.gcount()));
      if (out.size() > most + 1) out.resize(most + 1);
      return out;
    } catch (const Poco::Exception& e) {
      error = "the entry " + name + " cannot be unpacked: " + e.displayText();
      return std::nullopt;
    }
  }

 private:
  std::istream& in_;
  std::optional<Poco::Zip::ZipArchive> archive_;
};

bool isSha256(const std::string& text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

/// A member of a manifest object, checked for its type; nullptr (and a problem) otherwise.
const Json* member(const Json& object, const std::string& key, Json::Type type,
                   const std::string& where, Problems& problems) {
  const Json* value = object.find(key);
  if (value == nullptr) {
    problems.add(where + "/" + key, "missing");
    return nullptr;
  }
  if (value->type() != type) {
    const char* wanted = type == Json::Type::kString    ? "a string"
                         : type == Json::Type::kInteger ? "a whole number"
                         : type == Json::Type::kBool    ? "true or false"
                                                        : "an array";
    problems.add(where + "/" + key,
                 std::string("must be ") + wanted + ", not " + std::string(value->typeName()));
    return nullptr;
  }
  return value;
}

/// One evidence file as the manifest describes it, with its entry's name.
struct Described {
  std::string path;
  EvidenceFile file;
};

/// Whether text is a UTC time as the store keeps them: "2026-12-02T10:00:00.000Z".
bool isUtcMillis(const std::string& text) {
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd.dddZ";
  if (text.size() != kShape.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (kShape[i] == 'd' ? (text[i] < '0' || text[i] > '9') : text[i] != kShape[i]) return false;
  return true;
}

/// Who changed something and when, as an archive names them.
void requireWho(const std::string& who, const std::string& whoAt, const std::string& when,
                const std::string& whenAt, Problems& problems) {
  if (who.empty()) problems.add(whoAt, "must name the user");
  if (!isUtcMillis(when))
    problems.add(whenAt,
                 "must be a UTC time such as \"2026-12-02T10:00:00.000Z\", not " + quoted(when));
}

std::optional<Described> describedFile(const Json& entry, const std::string& where,
                                       std::int64_t mostBytes, Problems& problems) {
  if (!entry.isObject()) {
    problems.add(where, "must be an object describing one file");
    return std::nullopt;
  }
  const std::size_t before = problems.count();
  const auto text = [&](const char* key) {
    const Json* v = member(entry, key, Json::Type::kString, where, problems);
    return v ? v->asString() : std::string();
  };
  const auto flag = [&](const char* key) {
    const Json* v = member(entry, key, Json::Type::kBool, where, problems);
    return v && v->asBool();
  };
  Described d;
  d.path = text("path");
  d.file.objectKind = text("object");
  d.file.objectCode = text("code");
  d.file.partner = text("partner");
  d.file.fileName = evidenceFileName(text("file_name"));
  d.file.contentType = text("content_type");
  d.file.sha256 = text("sha256");
  d.file.uploadedBy = text("uploaded_by");
  d.file.uploadedAt = text("uploaded_at");
  d.file.personalData = flag("personal_data");
  d.file.shared = flag("shared");
  if (const Json* size = member(entry, "size", Json::Type::kInteger, where, problems))
    d.file.size = size->asInteger();
  if (problems.count() != before) return std::nullopt;
  if (d.file.objectKind != "activity" && d.file.objectKind != "event")
    problems.add(where + "/object",
                 "must be \"activity\" or \"event\", not " + quoted(d.file.objectKind));
  if (d.file.objectCode.empty()) problems.add(where + "/code", "must name the activity or event");
  if (d.file.fileName.empty()) problems.add(where + "/file_name", "must not be empty");
  if (!isSha256(d.file.sha256))
    problems.add(where + "/sha256", "must be 64 lower-case hexadecimal digits");
  if (d.file.size < 1) problems.add(where + "/size", "must be at least 1");
  // No more than an upload may have here: the manifest's size bounds what is unpacked.
  if (d.file.size > mostBytes)
    problems.add(where + "/size", "is " + std::to_string(d.file.size) + " bytes, more than the " +
                                      std::to_string(mostBytes) +
                                      " an evidence file may have in this installation "
                                      "(files.max_mib)");
  requireWho(d.file.uploadedBy, where + "/uploaded_by", d.file.uploadedAt, where + "/uploaded_at",
             problems);
  if (problems.count() != before) return std::nullopt;
  return d;
}

/// An entry the manifest describes by {"path", "size", "sha256"}, read and checked against it;
/// nullopt (and the problems) otherwise.
std::optional<std::string> describedDocument(Entries& archive, const Json& description,
                                             const std::string& where, Problems& problems) {
  const std::size_t before = problems.count();
  const Json* path = member(description, "path", Json::Type::kString, where, problems);
  const Json* size = member(description, "size", Json::Type::kInteger, where, problems);
  const Json* sha = member(description, "sha256", Json::Type::kString, where, problems);
  if (problems.count() != before) return std::nullopt;
  const std::string& name = path->asString();
  if (!archive.has(name)) {
    problems.add(where + "/path", "the archive has no entry " + name);
    return std::nullopt;
  }
  std::string error;
  std::optional<std::string> text = archive.read(name, kMostDocumentBytes, error);
  if (!text) {
    problems.add(where + "/path", error);
  } else if (static_cast<std::int64_t>(text->size()) != size->asInteger()) {
    problems.add(where + "/size", name + " has " + std::to_string(text->size()) + " bytes, not " +
                                      std::to_string(size->asInteger()));
    text.reset();
  } else if (core::sha256Hex(*text) != sha->asString()) {
    problems.add(where + "/sha256", name + "'s SHA-256 is " + core::sha256Hex(*text) +
                                        ": the file was changed after the archive was written");
    text.reset();
  }
  return text;
}

/// A statement as far as the bundle still has what it is about: none for a period or partner it
/// no longer has, and without the texts of activities it no longer has or that changed hands
/// (what a report of it does not print either).
std::optional<core::PeriodStatement> asTheBundleHasIt(core::PeriodStatement statement,
                                                      const core::Bundle& bundle) {
  const bool period =
      std::any_of(bundle.project.periods.begin(), bundle.project.periods.end(),
                  [&](const core::Period& p) { return p.number == statement.period; });
  const bool partner =
      statement.partner.empty() ||
      std::any_of(bundle.partners.begin(), bundle.partners.end(),
                  [&](const core::Partner& p) { return p.code == statement.partner; });
  if (!period || !partner) return std::nullopt;
  std::erase_if(statement.activities, [&](const auto& entry) {
    if (!bundle.workPlan) return true;
    for (const core::WorkPackage& wp : bundle.workPlan->workPackages)
      for (const core::Activity& activity : wp.activities)
        if (activity.code == entry.first) return activity.partner != statement.partner;
    return true;
  });
  return statement;
}

/// The progress statements of progress.json, read against the bundle as a statement saved
/// through the API is (an archive without one has none).
std::vector<store::StoredStatement> progressOf(Entries& archive, const Json& manifest,
                                               const core::Bundle& bundle, Problems& problems) {
  std::vector<store::StoredStatement> out;
  const Json* description = manifest.find("progress");
  if (description == nullptr) return out;
  const std::string top = std::string(kManifest) + "/progress";
  if (!description->isObject()) {
    problems.add(top, "must describe progress.json (its path, size and sha256)");
    return out;
  }
  const std::optional<std::string> text = describedDocument(archive, *description, top, problems);
  if (!text) return out;
  Json document;
  try {
    document = Json::parse(*text);
  } catch (const core::InvalidInput& e) {
    for (const ValidationError& error : e.errors())
      problems.add(kProgress + error.pointer, error.message);
    return out;
  }
  const Json* list = document.isObject() ? document.find("statements") : nullptr;
  if (list == nullptr || !list->isArray()) {
    problems.add(std::string(kProgress) + "/statements", "must be an array of statements");
    return out;
  }
  core::ActivityOwners owners;
  if (bundle.workPlan)
    for (const core::WorkPackage& wp : bundle.workPlan->workPackages)
      for (const core::Activity& activity : wp.activities)
        owners.emplace_back(activity.code, activity.partner);
  std::vector<std::pair<std::int64_t, std::string>> seen;
  for (std::size_t i = 0; i < list->items().size(); ++i) {
    const std::string where = std::string(kProgress) + "/statements/" + std::to_string(i);
    const Json& item = list->items()[i];
    if (!item.isObject()) {
      problems.add(where, "must be an object");
      continue;
    }
    const std::size_t before = problems.count();
    const Json* period = member(item, "period", Json::Type::kInteger, where, problems);
    const Json* partner = member(item, "partner", Json::Type::kString, where, problems);
    const Json* by = member(item, "changed_by", Json::Type::kString, where, problems);
    const Json* at = member(item, "changed_at", Json::Type::kString, where, problems);
    if (problems.count() != before) continue;
    const bool periodKnown =
        std::any_of(bundle.project.periods.begin(), bundle.project.periods.end(),
                    [&](const core::Period& p) { return p.number == period->asInteger(); });
    const bool partnerKnown =
        partner->asString().empty() ||
        std::any_of(bundle.partners.begin(), bundle.partners.end(),
                    [&](const core::Partner& p) { return p.code == partner->asString(); });
    if (!periodKnown) problems.add(where + "/period", "the bundle's project has no such period");
    if (!partnerKnown) problems.add(where + "/partner", "the bundle has no such partner");
    requireWho(by->asString(), where + "/changed_by", at->asString(), where + "/changed_at",
               problems);
    const std::pair<std::int64_t, std::string> key{period->asInteger(), partner->asString()};
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      problems.add(where, "a second statement of period " + std::to_string(key.first) + " for " +
                              (key.second.empty() ? std::string("the project") : key.second));
      continue;
    }
    seen.push_back(key);
    if (!periodKnown || !partnerKnown) continue;
    Json body = Json::object();
    for (const auto& [key, value] : item.members())
      if (key != "period" && key != "partner" && key != "changed_by" && key != "changed_at")
        body.set(key, value);
    try {
      store::StoredStatement stored;
      stored.statement = core::readPeriodStatement(body, static_cast<int>(period->asInteger()),
                                                   partner->asString(), owners);
      stored.changedBy = by->asString();
      stored.changedAt = at->asString();
      out.push_back(std::move(stored));
    } catch (const core::InvalidInput& e) {
      for (const ValidationError& error : e.errors())
        problems.add(where + error.pointer, error.message);
    }
  }
  return out;
}

}  // namespace

bool looksLikeArchive(std::string_view firstBytes) {
  return firstBytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

ProjectArchive::ProjectArchive(Context& context, Caller caller)
    : context_(context), caller_(std::move(caller)) {}

ArchiveContents ProjectArchive::write(std::string_view projectCode, std::ostream& out) {
  if (!core::allows(caller_.principal, core::Operation::kManage, {}))
    throw core::Forbidden(
        "a project archive holds every evidence file, personal data included: only an admin "
        "writes one");
  // The bundle, the progress statements and the files' rows as one unit saw them.
  const auto [bundle, statements, files] = context_.database().read([&](store::Reader& db) {
    std::optional<core::Bundle> bundle = store::loadBundle(db, projectCode);
    if (!bundle) throw core::NotFound("project " + quoted(projectCode) + " does not exist");
    const std::string identity = store::projectIdentity(db, projectCode).value();
    return std::tuple{std::move(*bundle), store::listStatements(db, identity),
                      store::listEvidence(db, identity)};
  });
  const std::string bundleText = core::writeBundle(bundle);
  Json statementList = Json::array();
  for (const store::StoredStatement& stored : statements)
    if (const std::optional<core::PeriodStatement> kept =
            asTheBundleHasIt(stored.statement, bundle))
      statementList.push(core::periodStatementToJson(*kept)
                             .set("changed_by", stored.changedBy)
                             .set("changed_at", stored.changedAt));
  // Taking every file out, personal data included, is recorded like downloading one.
  context_.database().write([&](store::Connection& db) {
    Json personal = Json::array();
    for (const EvidenceFile& file : files)
      if (file.personalData) personal.push(evidenceRecord(file));
    recordChange(db, context_.auditKey(), caller_.actor, "export", "archive",
                 std::string(projectCode), std::string(projectCode), std::nullopt,
                 Json::object()
                     .set("files", static_cast<std::int64_t>(files.size()))
                     .set("personal_data_files", std::move(personal)));
  });
  const std::string progressText =
      Json::object().set("statements", std::move(statementList)).dump() + "\n";
  ArchiveContents contents{std::string(projectCode), files.size(), 0};
  Json entries = Json::array();
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::string number = std::to_string(i + 1);
    if (number.size() < 4) number.insert(0, 4 - number.size(), '0');
    paths.push_back("evidence/" + number + "." + extensionOf(files[i].contentType));
    entries.push(manifestEntry(files[i], paths.back()));
    contents.fileBytes += files[i].size;
  }
  const Json manifest =
      Json::object()
          .set("format", kFormat)
          .set("version", kFormatVersion)
          .set("project", std::string(projectCode))
          .set("bundle", Json::object()
                             .set("path", kBundle)
                             .set("size", static_cast<std::int64_t>(bundleText.size()))
                             .set("sha256", core::sha256Hex(bundleText)))
          .set("progress", Json::object()
                               .set("path", kProgress)
                               .set("size", static_cast<std::int64_t>(progressText.size()))
                               .set("sha256", core::sha256Hex(progressText)))
          .set("evidence", std::move(entries));
  Poco::Zip::Compress zip(out, true);
  add(zip, kManifest, manifest.dump() + "\n", fixedTime());
  add(zip, kBundle, bundleText, fixedTime());
  add(zip, kProgress, progressText, fixedTime());
  for (std::size_t i = 0; i < files.size(); ++i)
    add(zip, paths[i], readEvidenceBytes(context_, files[i]), entryTime(files[i].uploadedAt));
  zip.close();
  if (!out) throw core::Unavailable("cannot write the archive");
  return contents;
}

ArchiveImport ProjectArchive::restore(std::istream& in) {
  Entries archive(in);
  Problems problems;
  const auto document = [&](const std::string& name) -> std::optional<std::string> {
    if (!archive.has(name)) {
      problems.add(name, "the archive has no entry " + name);
      return std::nullopt;
    }
    std::string error;
    std::optional<std::string> text = archive.read(name, kMostDocumentBytes, error);
    if (!text) problems.add(name, error);
    if (text && text->size() > kMostDocumentBytes) {
      problems.add(name, "unpacks to more than 256 MiB");
      return std::nullopt;
    }
    return text;
  };

  // The manifest first: it says what the rest must be.
  const std::optional<std::string> manifestText = document(kManifest);
  problems.throwIfAny();
  Json manifest;
  try {
    manifest = Json::parse(*manifestText);
  } catch (const core::InvalidInput& e) {
    for (const ValidationError& error : e.errors())
      problems.add(kManifest + error.pointer, error.message);
    problems.throwIfAny();
  }
  const std::string top = kManifest;
  if (!manifest.isObject()) problems.add(top, "must be a JSON object");
  problems.throwIfAny();
  const Json* format = member(manifest, "format", Json::Type::kString, top, problems);
  if (format && format->asString() != kFormat)
    problems.add(top + "/format", "is " + quoted(format->asString()) + ", not \"" + kFormat +
                                      "\": this is not a crossgrant project archive");
  const Json* version = member(manifest, "version", Json::Type::kInteger, top, problems);
  if (version && version->asInteger() != kFormatVersion)
    problems.add(top + "/version", "archives of version " + std::to_string(version->asInteger()) +
                                       " are not known here; this installation reads version " +
                                       std::to_string(kFormatVersion));
  const Json* project = member(manifest, "project", Json::Type::kString, top, problems);
  const Json* bundleEntry = manifest.find("bundle");
  if (bundleEntry == nullptr || !bundleEntry->isObject())
    problems.add(top + "/bundle", "must describe bundle.json (its size and sha256)");
  const Json* evidence = member(manifest, "evidence", Json::Type::kArray, top, problems);
  problems.throwIfAny();

  // The bundle, checked against its description and read with this installation's rules.
  const Json* bundleSize =
      member(*bundleEntry, "size", Json::Type::kInteger, top + "/bundle", problems);
  const Json* bundleSha =
      member(*bundleEntry, "sha256", Json::Type::kString, top + "/bundle", problems);
  const std::optional<std::string> bundleText = document(kBundle);
  problems.throwIfAny();
  if (static_cast<std::int64_t>(bundleText->size()) != bundleSize->asInteger())
    problems.add(top + "/bundle/size", "bundle.json has " + std::to_string(bundleText->size()) +
                                           " bytes, not " +
                                           std::to_string(bundleSize->asInteger()));
  else if (core::sha256Hex(*bundleText) != bundleSha->asString())
    problems.add(top + "/bundle/sha256",
                 "bundle.json's SHA-256 is " + core::sha256Hex(*bundleText) +
                     ": the file was changed after the archive was written");
  problems.throwIfAny();
  ProjectService projects(context_, caller_);
  core::Bundle bundle;
  try {
    bundle = projects.readBundle(*bundleText);
  } catch (const core::InvalidInput& e) {
    for (const ValidationError& error : e.errors())
      problems.add(kBundle + error.pointer, error.message);
    problems.throwIfAny();
  }
  if (bundle.project.code != project->asString())
    problems.add(top + "/project", "names " + quoted(project->asString()) +
                                       ", but bundle.json holds project " +
                                       quoted(bundle.project.code));
  // Who may not import the project, or an installation that has it, is told so before any
  // file is read or written.
  projects.authorizeImport(bundle);
  if (context_.database().read([&](store::Reader& db) {
        return store::findProject(db, bundle.project.code).has_value();
      }))
    throw core::Conflict("project " + quoted(bundle.project.code) +
                         " exists in this installation; an archive restores a project that is "
                         "not there (delete it first, or import its bundle with --replace)");

  const std::vector<store::StoredStatement> statements =
      progressOf(archive, manifest, bundle, problems);

  std::vector<Described> described;
  std::vector<std::string> named;
  for (std::size_t i = 0; i < evidence->items().size(); ++i) {
    const std::string where = top + "/evidence/" + std::to_string(i);
    std::optional<Described> d =
        describedFile(evidence->items()[i], where, context_.settings().maxEvidenceBytes, problems);
    if (!d) continue;
    if (!archive.has(d->path))
      problems.add(where + "/path", "the archive has no entry " + d->path);
    else
      named.push_back(d->path);
    described.push_back(std::move(*d));
  }
  for (const std::string& name : archive.names())
    if (name != kManifest && name != kBundle && name != kProgress &&
        std::find(named.begin(), named.end(), name) == named.end())
      problems.add(name, "the manifest does not say what this entry is");
  problems.throwIfAny();

  // The files, one at a time: each checked, then written under a new name. Any problem and
  // every file written is removed again.
  std::vector<std::string> written;
  try {
    for (std::size_t i = 0; i < described.size(); ++i) {
      EvidenceFile& file = described[i].file;
      const std::string where = top + "/evidence/" + std::to_string(i);
      std::string error;
      const std::optional<std::string> bytes =
          archive.read(described[i].path, static_cast<std::size_t>(file.size), error);
      if (!bytes) {
        problems.add(where + "/path", error);
        continue;
      }
      if (static_cast<std::int64_t>(bytes->size()) != file.size) {
        problems.add(where + "/size", described[i].path + " has " +
                                          (bytes->size() > static_cast<std::size_t>(file.size)
                                               ? "more"
                                               : std::to_string(bytes->size())) +
                                          " bytes, not " + std::to_string(file.size));
        continue;
      }
      if (core::sha256Hex(*bytes) != file.sha256) {
        problems.add(where + "/sha256", described[i].path +
                                            "'s SHA-256 differs: the file was changed after the "
                                            "archive was written");
        continue;
      }
      const std::optional<std::string> type = evidenceType(*bytes);
      if (type != file.contentType) {
        problems.add(where + "/content_type", described[i].path + " is " +
                                                  (type ? *type : "none of the evidence types") +
                                                  ", not " + file.contentType);
        continue;
      }
      if (problems.any()) continue;  // checked, but nothing more is written
      file.storedName = storeEvidenceBytes(context_, *bytes);
      written.push_back(file.storedName);
    }
    problems.throwIfAny();
    ArchiveImport result;
    result.contents = {bundle.project.code, described.size(), 0};
    for (const Described& d : described) result.contents.fileBytes += d.file.size;
    result.bundle = projects.importBundle(
        bundle, false, {}, [&](store::Connection& db, const std::string& identity) {
          Json records = Json::array();
          for (Described& d : described) {
            d.file.id = store::insertEvidence(db, identity, d.file);
            d.file.version = 1;
            records.push(evidenceRecord(d.file));
          }
          if (!described.empty())
            recordChange(db, context_.auditKey(), caller_.actor, "import", "evidence",
                         bundle.project.code, bundle.project.code, std::nullopt,
                         std::move(records));
          Json saved = Json::array();
          for (const store::StoredStatement& stored : statements) {
            store::saveStatement(db, identity, stored.statement, stored.changedBy,
                                 stored.changedAt);
            saved.push(core::periodStatementToJson(stored.statement));
          }
          if (!statements.empty())
            recordChange(db, context_.auditKey(), caller_.actor, "import", "progress_statement",
                         bundle.project.code, bundle.project.code, std::nullopt, std::move(saved));
        });
    return result;
  } catch (...) {
    removeEvidenceFiles(context_, written);
    throw;
  }
}

}  // namespace crossgrant::app
