// A project archive: one ZIP file that holds a project whole, to move it into another
// installation or keep it. docs/archive.md describes the format:
//
//   manifest.json   what the archive holds: the project's code, the bundle's size and SHA-256,
//                   and each evidence file with its object, partner, name, type, size, SHA-256,
//                   flags and who uploaded it when
//   bundle.json     the project's bundle in canonical form (as `crossgrant export` writes it)
//   evidence/NNNN.EXT   the evidence files' bytes, in the order the store lists them
//
// An archive is a function of what is stored: its entries carry fixed times (an evidence
// file's its upload time), so that exporting the same project twice gives the same bytes.
// Writing it reads each file back and checks it against its SHA-256; reading it checks every
// entry before anything is stored, and stores the project and every file's row in one unit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

#include "crossgrant/app/Caller.h"
#include "crossgrant/app/grants/ProjectService.h"

namespace crossgrant::app {

class Context;

struct ArchiveContents {
  std::string projectCode;
  std::size_t files = 0;
  std::int64_t fileBytes = 0;  ///< the evidence files' bytes together, before compression
};

struct ArchiveImport {
  ImportResult bundle;
  ArchiveContents contents;
};

/// Whether bytes begin as a ZIP file does ("PK\3\4"): `crossgrant import` takes both.
bool looksLikeArchive(std::string_view firstBytes);

class ProjectArchive {
 public:
  ProjectArchive(Context& context, Caller caller);

  /// Writes the archive of a stored project to out. It holds every evidence file, personal
  /// data included: only an admin writes one (Forbidden). NotFound for a missing project;
  /// Unavailable when a stored file is missing or changed on disk (nothing useful is written,
  /// the caller discards out).
  ArchiveContents write(std::string_view projectCode, std::ostream& out);
  /// Restores an archive (a seekable stream) as a new project: every entry is checked first
  /// (InvalidInput with the entry and pointer of each problem, e.g. "manifest.json/evidence/2/
  /// sha256" or "bundle.json/partners/0/code"), then the files are written and the project and
  /// the files' rows stored in one unit, audited as an import of the bundle and one of the
  /// evidence. Conflict when the project exists (an archive does not replace one); Forbidden
  /// unless the caller may import a new project. Nothing is left behind when it fails.
  ArchiveImport restore(std::istream& in);

 private:
  Context& context_;
  Caller caller_;
};

}  // namespace crossgrant::app
