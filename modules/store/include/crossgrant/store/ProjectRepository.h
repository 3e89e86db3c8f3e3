// Programmes, projects, partners, budget lines and co-financing in the store. Every function
// works on the connection it is given, inside the caller's unit of work, so that a request's
// changes commit or roll back together: readers take a Reader (Database::read, or a
// Connection in Database::write), writers a Connection (Database::write). Order of partners, budget
// lines, co-financing entries and periods is kept as given.
//
// Writers throw core::InvalidInput (each field at its JSON Pointer) for text longer than the
// schema holds, the same on every backend: codes 100 characters, rules keys and budget
// categories 100, fund names 200, language codes 20, countries 10, currencies 3, free text
// (names, titles, acronyms, sources) 65,535 bytes.
//
// Programmes, projects and partners carry a version that grows by one with every update and
// never goes back for the object's key (a programme's or project's code, a partner's code in
// its project): an edit based on a version read earlier must find a greater one once anything
// changed. A replaced project and every partner a replace keeps start one above the versions
// they had. An object created under a key that was deleted before (a programme, a project, a
// partner deleted or dropped by a replace, or gone with its project) starts one above the last
// version it had, kept in retired_keys; a key never used starts at 1. Versions are per key
// rather than drawn from a shared counter: an edit names its object by key, so only that key's
// history matters, and writers of different objects never wait on a common row.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/core/Project.h"
#include "crossgrant/store/Database.h"

namespace crossgrant::store {

std::vector<core::Programme> listProgrammes(Reader& db);
std::optional<core::Programme> findProgramme(Reader& db, std::string_view code);
/// Conflict if the code exists.
void insertProgramme(Connection& db, const core::Programme& programme);
/// NotFound if the code does not exist.
void updateProgramme(Connection& db, const core::Programme& programme);
/// NotFound if missing; Conflict while projects belong to it.
void deleteProgramme(Connection& db, std::string_view code);

/// Projects without partners, ordered by code; only those of one programme if given (none
/// for an unknown programme).
std::vector<core::Project> listProjects(Reader& db, std::string_view programmeCode = {});
std::optional<core::Project> findProject(Reader& db, std::string_view code);
/// Conflict if the code exists; NotFound if its programme does not.
void insertProject(Connection& db, const core::Project& project);
/// Replaces the project's fields, titles and periods; NotFound if missing.
void updateProject(Connection& db, const core::Project& project);
/// Deletes the project with its partners and everything under them; NotFound if missing.
void deleteProject(Connection& db, std::string_view code);

// Identities. Every programme and project has one that is never reused: a project deleted and
// created again under its code has a new one, and what belongs to the old project (its
// submitted reports, its audit chain) stays with the old identity. A bundle replace keeps the
// identity. Identities of projects are kept, with their code and programme, after the project
// is gone (project_identities).

/// The identity of the project that has this code now; nullopt when none has.
std::optional<std::string> projectIdentity(Reader& db, std::string_view code);
/// The identity of the programme that has this code now; nullopt when none has.
std::optional<std::string> programmeIdentity(Reader& db, std::string_view code);

/// Where what belongs to a project identity sits in the hierarchy.
struct IdentityScope {
  std::string code;       ///< the project's code (that of its last life if it is gone)
  std::string programme;  ///< its programme's code now, "" when that programme is gone too
  bool current = false;   ///< a project has the identity now (it was not deleted)
};
/// nullopt for an identity never recorded.
std::optional<IdentityScope> identityScope(Reader& db, std::string_view identity);

/// Partners with their budget and co-financing, in order. NotFound if the project is missing.
std::vector<core::Partner> listPartners(Reader& db, std::string_view projectCode);
std::optional<core::Partner> findPartner(Reader& db, std::string_view projectCode,
                                         std::string_view partnerCode);
/// Appends a partner; Conflict if its code exists in the project, NotFound for the project.
void insertPartner(Connection& db, std::string_view projectCode, const core::Partner& partner);
/// Replaces the partner (fields, budget, co-financing); NotFound if missing.
void updatePartner(Connection& db, std::string_view projectCode, const core::Partner& partner);
/// NotFound if the project or the partner is missing.
void deletePartner(Connection& db, std::string_view projectCode, std::string_view partnerCode);

// Versions, for edits that must not overwrite a change they have not seen (optimistic
// concurrency). Such an edit first locks the object at the version its author read, then
// reads the current state, then writes with the update functions above; an edit that does
// not get the lock changes nothing. The lock is the transaction's first statement, so that
// every later read of it (on MariaDB, its snapshot) sees the state it locked.

/// The stored version of a programme, project or partner; nullopt when it does not exist.
std::optional<std::int64_t> programmeVersion(Reader& db, std::string_view code);
std::optional<std::int64_t> projectVersion(Reader& db, std::string_view code);
/// A project and its version, read together (one query fewer than findProject and
/// projectVersion).
struct VersionedProject {
  core::Project project;
  std::int64_t version = 0;
};
std::optional<VersionedProject> findVersionedProject(Reader& db, std::string_view code);
std::optional<std::int64_t> partnerVersion(Reader& db, std::string_view projectCode,
                                           std::string_view partnerCode);
/// If the object is at version, locks it until the transaction ends (other writers of it
/// wait; on SQLite every writer waits anyway) and returns true; returns false when it is at
/// another version or does not exist. Changes nothing.
bool lockProgramme(Connection& db, std::string_view code, std::int64_t version);
bool lockProject(Connection& db, std::string_view code, std::int64_t version);
bool lockPartner(Connection& db, std::string_view projectCode, std::string_view partnerCode,
                 std::int64_t version);

/// The whole project as a bundle (project.programmeCode set), or nullopt.
std::optional<core::Bundle> loadBundle(Reader& db, std::string_view projectCode);
/// Stores a whole bundle. A missing programme is created; an existing one must be equal
/// (Conflict naming the differing field otherwise). An existing project is a Conflict unless
/// replace, which deletes it and stores the bundle in its place, one version later. A project
/// naming a programme other than the bundle's is InvalidInput (an empty name means the
/// bundle's).
void saveBundle(Connection& db, const core::Bundle& bundle, bool replace);

}  // namespace crossgrant::store
