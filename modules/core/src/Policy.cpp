#include "crossgrant/core/Policy.h"

namespace crossgrant::core {
namespace {

bool isProjectRole(Role role) {
  return role == Role::kLead || role == Role::kPartner || role == Role::kController;
}

/// The grant covers the whole programme (and everything in it).
bool coversProgramme(const Grant& grant, const std::string& programme) {
  switch (grant.role) {
    case Role::kAdmin:
      return true;
    case Role::kProgramme:
      return !programme.empty() && grant.programme == programme;
    case Role::kAuditor:
      return grant.programme.empty() || grant.programme == programme;
    default:
      return false;
  }
}

/// The grant is tied to the scope's project.
bool onProject(const Grant& grant, const Scope& scope) {
  return isProjectRole(grant.role) && !scope.projectGone && !scope.project.empty() &&
         grant.project == scope.project;
}

/// The grant is tied to the scope's partner.
bool onPartner(const Grant& grant, const Scope& scope) {
  return onProject(grant, scope) && !scope.partner.empty() && grant.partner == scope.partner;
}

bool reaches(const Grant& grant, const Scope& scope) {
  if (coversProgramme(grant, scope.programme)) return true;
  if (!scope.project.empty()) return onProject(grant, scope);
  if (!scope.programme.empty())
    return isProjectRole(grant.role) && grant.programme == scope.programme;
  return false;
}

bool grantAllows(const Grant& grant, Operation operation, const Scope& scope) {
  const bool admin = grant.role == Role::kAdmin;
  const bool reader = (grant.role == Role::kProgramme || grant.role == Role::kAuditor) &&
                      coversProgramme(grant, scope.programme);
  const bool lead = grant.role == Role::kLead && onProject(grant, scope);
  switch (operation) {
    case Operation::kReadProgramme:
    case Operation::kReadProject:
      return reaches(grant, scope);
    case Operation::kManage:
      return admin;
    case Operation::kReadProjectData:
      return admin || reader || lead;
    case Operation::kWriteProject:
    case Operation::kWritePartnerFigures:
      return admin || lead;
    case Operation::kReadPartner:
      return admin || reader || lead ||
             ((grant.role == Role::kPartner || grant.role == Role::kController) &&
              onPartner(grant, scope));
    case Operation::kWritePartner:
    case Operation::kWritePartnerWork:
      return admin || lead || (grant.role == Role::kPartner && onPartner(grant, scope));
    case Operation::kReadPartnerPersonal:
      return admin || lead ||
             ((grant.role == Role::kPartner || grant.role == Role::kController) &&
              onPartner(grant, scope));
    case Operation::kImportBundle:
      return admin || grant.role == Role::kLead;
    case Operation::kReadAudit:
      if (admin) return true;
      if (grant.role != Role::kAuditor) return false;
      if (scope.programme.empty() && scope.project.empty()) return grant.programme.empty();
      return coversProgramme(grant, scope.programme);
  }
  return false;
}

bool readOnly(const Principal& principal, const Scope& scope) {
  for (const Grant& grant : principal.grants) {
    if (grant.role != Role::kAuditor && grant.role != Role::kProgramme &&
        grant.role != Role::kController && reaches(grant, scope))
      return false;
  }
  return true;
}

std::string reasonFor(const Principal& principal, Operation operation, const Scope& scope) {
  switch (operation) {
    case Operation::kManage:
      return "only an admin may manage programmes, create or delete projects, and manage users";
    case Operation::kImportBundle:
      return "only an admin (new projects) or a lead partner (its own project) may import "
             "bundles";
    case Operation::kReadAudit:
      return "the audit trail is for auditors and admins; an auditor of one programme reads it "
             "project by project (?project=CODE) or for the programme (?programme=CODE)";
    case Operation::kReadProjectData:
      return "the whole project (bundle, findings) is for its lead partner, its programme, "
             "auditors and admins";
    case Operation::kReadPartner:
      return "you may read only your own partner's data";
    case Operation::kReadPartnerPersonal:
      return "files with personal data are read by their partner's staff and controller, the "
             "lead partner and admins";
    case Operation::kWritePartnerFigures:
      if (readOnly(principal, scope)) break;
      return "a partner's approved figures (total, budget, co-financing, role) are changed by "
             "the lead partner or an admin";
    case Operation::kWritePartner:
      if (readOnly(principal, scope)) break;
      return "you may change only your own partner's data";
    case Operation::kWritePartnerWork:
      if (readOnly(principal, scope)) break;
      return "you may change only the activities and events your own partner is responsible "
             "for";
    case Operation::kWriteProject:
      if (readOnly(principal, scope)) break;
      return "only the lead partner or an admin may change the project and its partners";
    case Operation::kReadProgramme:
    case Operation::kReadProject:
      break;
  }
  return "your roles here are read-only";
}

}  // namespace

bool canSee(const Principal& principal, const Scope& scope) {
  if (principal.isOperatingSystem) return true;
  for (const Grant& grant : principal.grants)
    if (reaches(grant, scope)) return true;
  return false;
}

Decision decide(const Principal& principal, Operation operation, const Scope& scope) {
  Decision decision;
  if (principal.isOperatingSystem) {
    decision.outcome = Decision::Outcome::kAllow;
    return decision;
  }
  // The broadest grant that allows it names the role: admin before the scoped roles.
  for (const Grant& grant : principal.grants) {
    if (grantAllows(grant, operation, scope) &&
        (decision.outcome != Decision::Outcome::kAllow || grant.role == Role::kAdmin)) {
      decision.outcome = Decision::Outcome::kAllow;
      decision.role = std::string(toString(grant.role));
    }
  }
  if (decision.allowed()) return decision;
  const bool anObject = !scope.programme.empty() || !scope.project.empty();
  if (anObject && !canSee(principal, scope)) {
    decision.outcome = Decision::Outcome::kHidden;
    return decision;
  }
  decision.outcome = Decision::Outcome::kForbidden;
  decision.reason = reasonFor(principal, operation, scope);
  return decision;
}

bool allows(const Principal& principal, Operation operation, const Scope& scope) {
  return decide(principal, operation, scope).allowed();
}

PartnerView partnerView(const Principal& principal, const Scope& partner) {
  if (allows(principal, Operation::kReadPartner, partner)) return PartnerView::kFull;
  for (const Grant& grant : principal.grants)
    if (grant.role == Role::kPartner && onProject(grant, partner)) return PartnerView::kSummary;
  return PartnerView::kNone;
}

}  // namespace crossgrant::core
