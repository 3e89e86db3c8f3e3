// The access policy on its own: each role in and out of its scope, visibility (403 against
// 404), the role an allowed operation is recorded under, and partner lists.
#include <boost/test/unit_test.hpp>
#include <ostream>

#include "crossgrant/core/Policy.h"

namespace crossgrant::core {

// For Boost.Test's messages.
std::ostream& operator<<(std::ostream& out, Decision::Outcome outcome) {
  switch (outcome) {
    case Decision::Outcome::kAllow:
      return out << "allow";
    case Decision::Outcome::kForbidden:
      return out << "forbidden";
    case Decision::Outcome::kHidden:
      return out << "hidden";
  }
  return out;
}

}  // namespace crossgrant::core

using crossgrant::core::allows;
using crossgrant::core::canSee;
using crossgrant::core::decide;
using crossgrant::core::Decision;
using crossgrant::core::Grant;
using crossgrant::core::Operation;
using crossgrant::core::partnerView;
using crossgrant::core::PartnerView;
using crossgrant::core::Principal;
using crossgrant::core::Role;
using crossgrant::core::Scope;

namespace {

using Outcome = Decision::Outcome;

// Two programmes, each with a project; LLI-317 has partners LP and PP6.
const Scope kProgramme{"LV-LT", "", ""};
const Scope kProject{"LV-LT", "LLI-317", ""};
const Scope kLead{"LV-LT", "LLI-317", "LP"};
const Scope kPp6{"LV-LT", "LLI-317", "PP6"};
const Scope kOtherProgramme{"EE-LV", "", ""};
const Scope kOtherProject{"EE-LV", "EE-1", ""};
const Scope kOtherPartner{"EE-LV", "EE-1", "P1"};
const Scope kSameProgrammeOtherProject{"LV-LT", "LLI-400", ""};

// A principal as the server loads it: project-scoped grants name their project's programme.
Principal holding(Grant grant) {
  Principal principal;
  principal.user = "someone";
  principal.grants.push_back(std::move(grant));
  return principal;
}

const Principal kAdmin = holding({Role::kAdmin, "", "", ""});
const Principal kProgrammeStaff = holding({Role::kProgramme, "LV-LT", "", ""});
const Principal kAuditor = holding({Role::kAuditor, "LV-LT", "", ""});
const Principal kAuditorOfAll = holding({Role::kAuditor, "", "", ""});
const Principal kLeadPartner = holding({Role::kLead, "LV-LT", "LLI-317", ""});
const Principal kPartnerStaff = holding({Role::kPartner, "LV-LT", "LLI-317", "PP6"});
const Principal kController = holding({Role::kController, "LV-LT", "LLI-317", "PP6"});
const Principal kNobody = [] {
  Principal principal;
  principal.user = "nobody";
  return principal;
}();

Outcome outcome(const Principal& principal, Operation operation, const Scope& scope) {
  return decide(principal, operation, scope).outcome;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(policy)

BOOST_AUTO_TEST_CASE(admin_may_do_everything_everywhere_as_admin) {
  for (Operation operation :
       {Operation::kReadProgramme, Operation::kManage, Operation::kReadProject,
        Operation::kReadProjectData, Operation::kWriteProject, Operation::kReadPartner,
        Operation::kWritePartner, Operation::kWritePartnerFigures, Operation::kImportBundle,
        Operation::kReadAudit}) {
    for (const Scope& scope : {kProgramme, kPp6, kOtherPartner, Scope{}}) {
      const Decision decision = decide(kAdmin, operation, scope);
      BOOST_TEST(decision.allowed());
      BOOST_TEST(decision.role == "admin");
    }
  }
}

BOOST_AUTO_TEST_CASE(programme_staff_read_their_programme_only_and_never_write) {
  BOOST_TEST(allows(kProgrammeStaff, Operation::kReadProgramme, kProgramme));
  BOOST_TEST(allows(kProgrammeStaff, Operation::kReadProjectData, kProject));
  BOOST_TEST(allows(kProgrammeStaff, Operation::kReadPartner, kPp6));
  BOOST_TEST(decide(kProgrammeStaff, Operation::kReadPartner, kPp6).role == "programme");
  BOOST_TEST(outcome(kProgrammeStaff, Operation::kWriteProject, kProject) == Outcome::kForbidden);
  BOOST_TEST(outcome(kProgrammeStaff, Operation::kManage, kProgramme) == Outcome::kForbidden);
  BOOST_TEST(outcome(kProgrammeStaff, Operation::kReadAudit, {}) == Outcome::kForbidden);
  BOOST_TEST(outcome(kProgrammeStaff, Operation::kReadProgramme, kOtherProgramme) ==
             Outcome::kHidden);
  BOOST_TEST(outcome(kProgrammeStaff, Operation::kReadProject, kOtherProject) == Outcome::kHidden);
  BOOST_TEST(outcome(kProgrammeStaff, Operation::kWriteProject, kOtherProject) == Outcome::kHidden);
}

BOOST_AUTO_TEST_CASE(auditors_read_their_programme_or_all_and_the_audit_trail) {
  BOOST_TEST(allows(kAuditor, Operation::kReadProjectData, kProject));
  // The whole trail is for auditors of every programme; one programme's, project by project.
  BOOST_TEST(outcome(kAuditor, Operation::kReadAudit, {}) == Outcome::kForbidden);
  BOOST_TEST(allows(kAuditorOfAll, Operation::kReadAudit, {}));
  BOOST_TEST(allows(kAuditor, Operation::kReadAudit, kProject));
  BOOST_TEST(outcome(kAuditor, Operation::kReadAudit, kOtherProject) == Outcome::kHidden);
  BOOST_TEST(outcome(kAuditor, Operation::kReadProject, kOtherProject) == Outcome::kHidden);
  BOOST_TEST(allows(kAuditorOfAll, Operation::kReadProject, kOtherProject));
  BOOST_TEST(allows(kAuditorOfAll, Operation::kReadAudit, kOtherProject));
  for (Operation write : {Operation::kManage, Operation::kWriteProject, Operation::kWritePartner,
                          Operation::kWritePartnerFigures, Operation::kImportBundle}) {
    const Decision decision = decide(kAuditorOfAll, write, kPp6);
    BOOST_TEST((decision.outcome == Outcome::kForbidden));
    BOOST_TEST(!decision.reason.empty());
  }
  BOOST_TEST(decide(kAuditor, Operation::kWritePartner, kPp6).reason ==
             "your roles here are read-only");
}

BOOST_AUTO_TEST_CASE(lead_edits_its_project_and_every_partner_of_it) {
  for (Operation operation :
       {Operation::kReadProject, Operation::kReadProjectData, Operation::kWriteProject}) {
    BOOST_TEST(allows(kLeadPartner, operation, kProject));
    BOOST_TEST(outcome(kLeadPartner, operation, kOtherProject) == Outcome::kHidden);
    BOOST_TEST(outcome(kLeadPartner, operation, kSameProgrammeOtherProject) == Outcome::kHidden);
  }
  for (const Scope& partner : {kLead, kPp6}) {
    BOOST_TEST(allows(kLeadPartner, Operation::kReadPartner, partner));
    BOOST_TEST(allows(kLeadPartner, Operation::kWritePartner, partner));
    BOOST_TEST(allows(kLeadPartner, Operation::kWritePartnerFigures, partner));
    BOOST_TEST(decide(kLeadPartner, Operation::kWritePartnerFigures, partner).role == "lead");
  }
  BOOST_TEST(allows(kLeadPartner, Operation::kReadProgramme, kProgramme));
  BOOST_TEST(outcome(kLeadPartner, Operation::kManage, kProgramme) == Outcome::kForbidden);
  BOOST_TEST(outcome(kLeadPartner, Operation::kManage, kProject) == Outcome::kForbidden);
  BOOST_TEST(allows(kLeadPartner, Operation::kImportBundle, {}));
}

BOOST_AUTO_TEST_CASE(partner_edits_its_own_data_but_not_the_approved_figures) {
  BOOST_TEST(allows(kPartnerStaff, Operation::kReadProject, kProject));
  BOOST_TEST(allows(kPartnerStaff, Operation::kReadPartner, kPp6));
  BOOST_TEST(allows(kPartnerStaff, Operation::kWritePartner, kPp6));
  BOOST_TEST(decide(kPartnerStaff, Operation::kWritePartner, kPp6).role == "partner");
  const Decision figures = decide(kPartnerStaff, Operation::kWritePartnerFigures, kPp6);
  BOOST_TEST((figures.outcome == Outcome::kForbidden));
  BOOST_TEST(figures.reason.find("lead partner or an admin") != std::string::npos);
  BOOST_TEST(outcome(kPartnerStaff, Operation::kReadPartner, kLead) == Outcome::kForbidden);
  BOOST_TEST(outcome(kPartnerStaff, Operation::kWritePartner, kLead) == Outcome::kForbidden);
  BOOST_TEST(outcome(kPartnerStaff, Operation::kReadProjectData, kProject) == Outcome::kForbidden);
  BOOST_TEST(outcome(kPartnerStaff, Operation::kWriteProject, kProject) == Outcome::kForbidden);
  BOOST_TEST(outcome(kPartnerStaff, Operation::kReadPartner, kOtherPartner) == Outcome::kHidden);
  BOOST_TEST(outcome(kPartnerStaff, Operation::kImportBundle, {}) == Outcome::kForbidden);
}

BOOST_AUTO_TEST_CASE(controller_reads_its_partner_and_the_project_identification) {
  BOOST_TEST(allows(kController, Operation::kReadProject, kProject));
  BOOST_TEST(allows(kController, Operation::kReadPartner, kPp6));
  BOOST_TEST(decide(kController, Operation::kReadPartner, kPp6).role == "controller");
  BOOST_TEST(outcome(kController, Operation::kReadPartner, kLead) == Outcome::kForbidden);
  BOOST_TEST(outcome(kController, Operation::kWritePartner, kPp6) == Outcome::kForbidden);
  BOOST_TEST(outcome(kController, Operation::kReadProjectData, kProject) == Outcome::kForbidden);
  BOOST_TEST(outcome(kController, Operation::kReadProject, kOtherProject) == Outcome::kHidden);
}

BOOST_AUTO_TEST_CASE(a_user_without_roles_sees_nothing) {
  BOOST_TEST(!canSee(kNobody, kProgramme));
  BOOST_TEST(outcome(kNobody, Operation::kReadProject, kProject) == Outcome::kHidden);
  BOOST_TEST(outcome(kNobody, Operation::kManage, {}) == Outcome::kForbidden);
  BOOST_TEST(outcome(kNobody, Operation::kReadAudit, {}) == Outcome::kForbidden);
}

BOOST_AUTO_TEST_CASE(only_grants_over_the_programme_reach_what_a_deleted_project_left) {
  // A report of the deleted LLI-317, whose code a new project of LV-LT may have taken.
  const Scope gone{"LV-LT", "LLI-317", "", true};
  BOOST_TEST(allows(kProgrammeStaff, Operation::kReadProjectData, gone));
  BOOST_TEST(allows(kAuditor, Operation::kReadAudit, gone));
  BOOST_TEST(allows(kAdmin, Operation::kReadProjectData, gone));
  BOOST_TEST((outcome(kLeadPartner, Operation::kReadProjectData, gone) == Outcome::kHidden));
  BOOST_TEST((outcome(kPartnerStaff, Operation::kReadProject, gone) == Outcome::kHidden));
  // With its programme gone too, only who reads every programme.
  const Scope orphan{"", "LLI-317", "", true};
  BOOST_TEST(allows(kAuditorOfAll, Operation::kReadProjectData, orphan));
  BOOST_TEST((outcome(kProgrammeStaff, Operation::kReadProjectData, orphan) == Outcome::kHidden));
}

BOOST_AUTO_TEST_CASE(a_project_grant_reveals_its_programme_only_once_resolved) {
  // As stored, a lead grant names no programme; the server fills it in from the project.
  const Principal unresolved = holding({Role::kLead, "", "LLI-317", ""});
  BOOST_TEST(!canSee(unresolved, kProgramme));
  BOOST_TEST(canSee(kLeadPartner, kProgramme));
  BOOST_TEST(!canSee(kLeadPartner, kOtherProgramme));
  BOOST_TEST(allows(unresolved, Operation::kWriteProject, kProject));
}

BOOST_AUTO_TEST_CASE(several_grants_the_broadest_names_the_role) {
  Principal both = kPartnerStaff;
  both.grants.push_back({Role::kLead, "LV-LT", "LLI-317", ""});
  BOOST_TEST(decide(both, Operation::kWritePartnerFigures, kPp6).role == "lead");
  both.grants.push_back({Role::kAdmin, "", "", ""});
  BOOST_TEST(decide(both, Operation::kWritePartner, kPp6).role == "admin");
  Principal twoProgrammes = kProgrammeStaff;
  twoProgrammes.grants.push_back({Role::kAuditor, "EE-LV", "", ""});
  BOOST_TEST(allows(twoProgrammes, Operation::kReadProject, kOtherProject));
  BOOST_TEST(decide(twoProgrammes, Operation::kReadProject, kOtherProject).role == "auditor");
}

BOOST_AUTO_TEST_CASE(the_operating_system_user_may_do_everything) {
  Principal os;
  os.user = "os:root";
  os.isOperatingSystem = true;
  BOOST_TEST(allows(os, Operation::kManage, kOtherProject));
  BOOST_TEST(decide(os, Operation::kManage, {}).role.empty());
}

BOOST_AUTO_TEST_CASE(partner_lists_show_full_summary_or_nothing) {
  BOOST_TEST((partnerView(kLeadPartner, kPp6) == PartnerView::kFull));
  BOOST_TEST((partnerView(kAuditor, kPp6) == PartnerView::kFull));
  BOOST_TEST((partnerView(kPartnerStaff, kPp6) == PartnerView::kFull));
  BOOST_TEST((partnerView(kPartnerStaff, kLead) == PartnerView::kSummary));
  BOOST_TEST((partnerView(kController, kPp6) == PartnerView::kFull));
  BOOST_TEST((partnerView(kController, kLead) == PartnerView::kNone));
  BOOST_TEST((partnerView(kNobody, kPp6) == PartnerView::kNone));
}

BOOST_AUTO_TEST_SUITE_END()
