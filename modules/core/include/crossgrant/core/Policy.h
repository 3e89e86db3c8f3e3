// The one place that decides who may see and change what. Pure: it reads a principal's grants
// and an object's scope (programme, project, partner) and answers; it never touches the store.
// The HTTP server asks it for every route before the handler runs (Router.h's Permission names
// the operation), handlers ask it which members of a list to show, and the command line acts
// as the operating-system user, whom it allows everything.
//
// What each role may do in its scope:
//   admin       everything, everywhere.
//   programme   read its programme and every project and partner of it in full.
//   auditor     as programme, for its programme or (a grant without programme) all; and the
//               audit trail: project by project within its programme, or all of it. Never
//               writes.
//   lead        read its project in full and its programme; edit the project and every partner
//               of it, approved figures included, and its whole work plan, events and
//               indicators; replace it by bundle import.
//   partner     read its project's identification and partner list, its work plan, events and
//               indicators, and its own partner in full; edit its own partner's own data but not
//               the approved figures, and the activities and events its partner is responsible
//               for.
//   controller  read its project's identification and its own partner in full.
// Programmes, creating and deleting projects, and users are managed by admins only.
//
// Visibility: an object is visible when a grant reaches it: admin everything; programme and
// auditor grants their programme and everything in it; project grants (lead, partner,
// controller) their project, every partner of it, and their project's programme (which the
// grant names once the server has loaded it, see Access.h). A refused operation on a visible
// object is kForbidden (HTTP 403), on an invisible one kHidden (404), so that existence does
// not leak across scopes.
#pragma once

#include <string>

#include "crossgrant/core/Access.h"

namespace crossgrant::core {

/// What an operation acts on, from the top down: a programme has only `programme`; a project
/// its programme and `project`; a partner all three. Empty throughout for operations on no
/// particular object (managing users, importing a bundle).
struct Scope {
  std::string programme;
  std::string project;
  std::string partner;
  /// What the operation acts on belonged to a project that is gone (deleted; its code may name
  /// another project now): project is that project's code, and no grant tied to a project
  /// reaches it, only those over its whole programme (programme, "" when that is gone too).
  bool projectGone = false;
};

enum class Operation {
  kReadProgramme,        ///< a programme object
  kManage,               ///< programmes, creating and deleting projects, users: admins only
  kReadProject,          ///< a project's identification and its partner list
  kReadProjectData,      ///< the whole project: bundle export, findings, every partner in full
  kWriteProject,         ///< edit the project, add or remove partners, replace it by import
  kReadPartner,          ///< one partner in full, with budget and co-financing
  kWritePartner,         ///< one partner's own data: name, country, legal status, VAT
  kWritePartnerFigures,  ///< one partner's approved figures: total, budget, co-financing, role
  kWritePartnerWork,     ///< the activities a partner is responsible for and the events it
                         ///< organises (work packages and indicators: kWriteProject)
  kReadPartnerPersonal,  ///< a partner's evidence files marked as personal data: its staff and
                         ///< controller, the lead, admins (programme staff and auditors only
                         ///< where the lead shares a file, which the data says)
  kImportBundle,         ///< import bundles at all (admins, leads); which ones: kManage for a
                         ///< new project, kWriteProject to replace an existing one
  kReadAudit,            ///< the audit trail of the scope's project; with an empty scope the
                         ///< whole trail (admins, auditors of all programmes)
};

struct Decision {
  enum class Outcome { kAllow, kForbidden, kHidden };
  Outcome outcome = Outcome::kHidden;
  std::string role;    ///< kAllow: the role of the grant that allowed it ("" for the OS user)
  std::string reason;  ///< kForbidden: why, in one sentence for people
  bool allowed() const { return outcome == Outcome::kAllow; }
};

/// Whether principal may perform operation on the object at scope, and if not whether the
/// object is visible to it at all.
Decision decide(const Principal& principal, Operation operation, const Scope& scope);

/// decide(...).allowed().
bool allows(const Principal& principal, Operation operation, const Scope& scope);

/// Whether the object at scope is visible to principal (see the top of this file).
bool canSee(const Principal& principal, const Scope& scope);

/// How much of a partner a partner list shows: everything, the shared identification (code,
/// role, name, country) that the project's other partners see, or nothing.
enum class PartnerView { kNone, kSummary, kFull };
PartnerView partnerView(const Principal& principal, const Scope& partner);

}  // namespace crossgrant::core
