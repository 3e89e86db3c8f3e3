// ProjectService with domain values, as a spreadsheet import or a web page calls it: the demo
// bundle and its findings, versioned partner edits, what a partner may change, grants revoked
// with their partner, who may import, and that a use case that throws changes nothing.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "AppFixture.h"
#include "crossgrant/app/audit/AuditRecorder.h"
#include "crossgrant/app/identity/UserService.h"
#include "crossgrant/core/Errors.h"

namespace app = crossgrant::app;
namespace core = crossgrant::core;
using core::Amount;
using core::Grant;
using core::Role;
using crossgrant::test::AppFixture;

namespace {

constexpr const char* kProject = AppFixture::kProject;

/// The entries of the trail after the first `skip`.
std::vector<core::AuditEntry> entriesAfter(AppFixture& f, std::size_t skip) {
  std::vector<core::AuditEntry> all = f.auditTrail();
  return {all.begin() + static_cast<std::ptrdiff_t>(std::min(skip, all.size())), all.end()};
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(project_service, AppFixture)

BOOST_AUTO_TEST_CASE(the_demo_bundle_imports_with_exactly_the_two_published_findings) {
  app::ProjectService service = asAdmin();
  const core::Bundle bundle =
      service.readBundle(crossgrant::test::readFile(crossgrant::test::demoBundlePath()));
  BOOST_TEST(bundle.project.code == kProject);
  BOOST_TEST(bundle.partners.size() == 8u);

  const app::ImportResult result = service.importBundle(bundle, false);
  BOOST_TEST(result.projectCode == kProject);
  BOOST_TEST(!result.replaced);
  BOOST_TEST(result.revoked.empty());
  BOOST_REQUIRE_EQUAL(result.findings.size(), 2u);

  const core::Finding& contributions = result.findings[0];
  BOOST_TEST(contributions.code == "contributions_mismatch");
  BOOST_TEST(contributions.partner.value_or("<none>") == "PP6");
  BOOST_TEST(contributions.expected.toString() == "94535.16");
  BOOST_TEST(contributions.actual.toString() == "94535.11");
  BOOST_TEST(contributions.difference().minor() == -5);

  const core::Finding& fund = result.findings[1];
  BOOST_TEST(fund.code == "project_fund_mismatch");
  BOOST_TEST(!fund.partner.has_value());
  BOOST_TEST(fund.expected.toString() == "672567.74");
  BOOST_TEST(fund.actual.toString() == "672567.64");
  BOOST_TEST(fund.difference().minor() == -10);

  // What is stored gives the same findings and reads back as the same bundle.
  BOOST_TEST((service.findings(kProject) == result.findings));
  BOOST_TEST((service.loadBundle(kProject) == bundle));
  BOOST_TEST(service.project(kProject).version == 1);

  // One audit entry, as the admin who imported it.
  const std::vector<core::AuditEntry> trail = auditTrail();
  BOOST_REQUIRE_EQUAL(trail.size(), 1u);
  BOOST_TEST(trail[0].action == "import");
  BOOST_TEST(trail[0].objectType == "bundle");
  BOOST_TEST(trail[0].objectKey == kProject);
  BOOST_TEST(trail[0].user == "app-admin");
  BOOST_TEST(trail[0].role == "admin");
  BOOST_TEST(trail[0].client == AppFixture::kClient);
  BOOST_TEST(!trail[0].before.has_value());
}

BOOST_AUTO_TEST_CASE(importing_again_without_replace_is_a_conflict_and_changes_nothing) {
  importDemo();
  const std::string before = state();
  core::Bundle renamed = demoBundle();
  renamed.project.acronym = "Renamed";
  BOOST_CHECK_THROW(asAdmin().importBundle(renamed, false), core::Conflict);
  BOOST_CHECK_THROW(asAdmin().importBundle(demoBundle(), false), core::Conflict);
  BOOST_TEST(state() == before);
  BOOST_TEST(asAdmin().project(kProject).value.acronym == demoBundle().project.acronym);
}

BOOST_AUTO_TEST_CASE(partner_updates_name_their_version_and_a_stale_one_gets_the_stored_partner) {
  importDemo();
  app::ProjectService service = asAdmin();
  const app::Versioned<core::Partner> read = service.partner(kProject, "PP6");
  BOOST_TEST(read.version == 1);

  core::Partner first = read.value;
  first.name = "VšĮ Rokiškio socialinės paramos centras";
  const app::Versioned<core::Partner> updated = service.updatePartner(kProject, "PP6", first, 1);
  BOOST_TEST(updated.version == 2);
  BOOST_TEST(updated.value.name == first.name);

  // A second editor who read version 1 too: refused, shown what is stored now.
  core::Partner second = read.value;
  second.name = "Another name";
  try {
    service.updatePartner(kProject, "PP6", second, 1);
    BOOST_FAIL("a stale version was accepted");
  } catch (const core::StaleVersion& stale) {
    BOOST_TEST(stale.currentVersion() == 2);
    const app::Versioned<core::Partner> stored = service.partner(kProject, "PP6");
    BOOST_TEST(stored.version == 2);
    BOOST_TEST(stored.value.name == first.name);
    BOOST_TEST(stale.current().dump() == app::partnerRecord(stored).dump());
    BOOST_TEST(stale.current().find("name")->asString() == first.name);
    BOOST_TEST(stale.current().find("version")->asInteger() == 2);
  }
  BOOST_CHECK_THROW(service.updatePartner(kProject, "PP6", second, std::nullopt),
                    core::VersionRequired);
  BOOST_TEST(service.partner(kProject, "PP6").value.name == first.name);
  BOOST_TEST(service.partner(kProject, "PP6").version == 2);
}

BOOST_AUTO_TEST_CASE(a_partner_changes_its_name_but_not_its_approved_figures) {
  importDemo();
  app::ProjectService staff = projects(partnerOf("PP6"));
  const app::Versioned<core::Partner> read = staff.partner(kProject, "PP6");

  core::Partner renamed = read.value;
  renamed.name = "Rokiškio rajono socialinės paramos centras";
  const std::size_t entries = auditTrail().size();
  const app::Versioned<core::Partner> updated =
      staff.updatePartner(kProject, "PP6", renamed, read.version);
  BOOST_TEST(updated.version == read.version + 1);
  BOOST_TEST(updated.value.name == renamed.name);
  const std::vector<core::AuditEntry> added = entriesAfter(*this, entries);
  BOOST_REQUIRE_EQUAL(added.size(), 1u);
  BOOST_TEST(added[0].user == "staff-of-PP6");
  BOOST_TEST(added[0].role == "partner");
  BOOST_TEST(added[0].objectKey == "LLI-317/PP6");

  const std::string before = state();
  core::Partner total = updated.value;
  total.total = Amount::fromMinor(total.total.minor() + 5);
  BOOST_CHECK_THROW(staff.updatePartner(kProject, "PP6", total, updated.version), core::Forbidden);

  // Closing the 0.05 gap of the finding from the partner's side is just as forbidden.
  core::Partner cofinancing = updated.value;
  BOOST_REQUIRE(!cofinancing.cofinancing.empty());
  cofinancing.cofinancing.back().amount =
      Amount::fromMinor(cofinancing.cofinancing.back().amount.minor() + 5);
  BOOST_CHECK_THROW(staff.updatePartner(kProject, "PP6", cofinancing, updated.version),
                    core::Forbidden);
  // Even without a version: the refusal does not depend on it.
  BOOST_CHECK_THROW(staff.updatePartner(kProject, "PP6", cofinancing, std::nullopt),
                    core::Forbidden);
  BOOST_TEST(state() == before);
  BOOST_TEST((staff.partner(kProject, "PP6").value == updated.value));

  // The lead may change the figures.
  app::ProjectService lead = projects(leadOf(kProject, AppFixture::kProgramme));
  BOOST_TEST(lead.updatePartner(kProject, "PP6", cofinancing, updated.version).version ==
             updated.version + 1);
  BOOST_TEST(lead.findings(kProject).size() == 1u);
}

BOOST_AUTO_TEST_CASE(deleting_a_partner_revokes_the_grants_on_it_and_lists_them) {
  importDemo();
  createUser("pp3-controller", {Grant{Role::kController, "", kProject, "PP3"}});
  createUser("pp4-partner", {Grant{Role::kPartner, "", kProject, "PP4"}});

  const std::vector<app::RevokedGrant> revoked = asAdmin().deletePartner(kProject, "PP3", 1);
  BOOST_REQUIRE_EQUAL(revoked.size(), 1u);
  BOOST_TEST(revoked[0].userName == "pp3-controller");
  BOOST_TEST((revoked[0].grant == Grant{Role::kController, "", kProject, "PP3"}));

  app::UserService users(context, admin().actor);
  BOOST_TEST(users.get("pp3-controller").grants.empty());
  BOOST_REQUIRE_EQUAL(users.get("pp4-partner").grants.size(), 1u);
  BOOST_TEST(users.get("pp4-partner").grants[0].partner == "PP4");
  BOOST_CHECK_THROW(asAdmin().partner(kProject, "PP3"), core::NotFound);

  // The revoke is in the trail, as the one who deleted the partner, before the delete.
  const std::vector<core::AuditEntry> trail = auditTrail();
  BOOST_REQUIRE_GE(trail.size(), 2u);
  const core::AuditEntry& revoke = trail[trail.size() - 2];
  BOOST_TEST(revoke.action == "revoke");
  BOOST_TEST(revoke.objectKey == "pp3-controller");
  BOOST_TEST(revoke.user == "app-admin");
  BOOST_TEST(trail.back().action == "delete");
  BOOST_TEST(trail.back().objectKey == "LLI-317/PP3");
}

BOOST_AUTO_TEST_CASE(a_lead_of_another_project_may_not_import_this_one) {
  importDemo();
  asAdmin().importBundle(otherBundle(), false);
  const app::Caller otherLead = leadOf(AppFixture::kOtherProject, AppFixture::kOtherProgramme);
  const std::string before = state();

  core::Bundle changed = demoBundle();
  changed.project.acronym = "Taken over";
  BOOST_CHECK_THROW(projects(otherLead).importBundle(changed, true), core::Forbidden);
  BOOST_CHECK_THROW(projects(otherLead).importBundle(
                        changed, true, app::bundleTag(asAdmin().exportBundle(kProject))),
                    core::Forbidden);
  BOOST_CHECK_THROW(projects(otherLead).authorizeImport(changed), core::Forbidden);
  // Nor a new project: only admins create projects.
  core::Bundle fresh = demoBundle();
  fresh.project.code = "LLI-999";
  BOOST_CHECK_THROW(projects(otherLead).importBundle(fresh, false), core::Forbidden);
  // Nor its own project moved into another programme.
  core::Bundle moved = otherBundle();
  moved.programme = demoBundle().programme;
  moved.project.programmeCode = moved.programme.code;
  BOOST_CHECK_THROW(projects(otherLead).importBundle(moved, true), core::Forbidden);
  BOOST_TEST(state() == before);

  // This project's own lead may replace it, based on the export it read.
  const app::Caller lead = leadOf(kProject, AppFixture::kProgramme);
  const app::ImportResult replaced =
      projects(lead).importBundle(changed, true, app::bundleTag(asAdmin().exportBundle(kProject)));
  BOOST_TEST(replaced.replaced);
  BOOST_TEST(asAdmin().project(kProject).value.acronym == "Taken over");
  BOOST_TEST(asAdmin().project(kProject).version == 2);
}

BOOST_AUTO_TEST_CASE(a_use_case_that_throws_leaves_the_store_unchanged) {
  importDemo();
  createUser("pp6-partner", {Grant{Role::kPartner, "", kProject, "PP6"}});
  app::ProjectService service = asAdmin();
  const std::string before = state();
  const std::string exported = service.exportBundle(kProject);

  // A second lead partner: refused after the partner was locked in the write unit.
  core::Partner lead = service.partner(kProject, "PP6").value;
  lead.role = core::PartnerRole::kLead;
  BOOST_CHECK_THROW(service.updatePartner(kProject, "PP6", lead, 1), core::InvalidInput);
  // A partner code that is taken.
  core::Partner duplicate = service.partner(kProject, "PP6").value;
  BOOST_CHECK_THROW(service.createPartner(kProject, duplicate), core::Conflict);
  // A programme that still has projects.
  BOOST_CHECK_THROW(service.deleteProgramme(AppFixture::kProgramme, 1), core::Conflict);
  // A budget replaced on a stale version.
  BOOST_CHECK_THROW(service.replaceBudget(kProject, "PP6", {}, 7), core::StaleVersion);
  // A delete without a version keeps the partner and the grant on it.
  BOOST_CHECK_THROW(service.deletePartner(kProject, "PP6", std::nullopt), core::VersionRequired);
  // A replace based on an export that is not what is stored.
  core::Bundle changed = demoBundle();
  changed.project.acronym = "Changed";
  BOOST_CHECK_THROW(service.importBundle(changed, true, app::bundleTag(exported + " ")),
                    core::Conflict);
  // A replace that drops a partner with a grant, refused for its stale base: the grant stays.
  core::Bundle withoutPp6 = demoBundle();
  withoutPp6.partners.erase(std::remove_if(withoutPp6.partners.begin(), withoutPp6.partners.end(),
                                           [](const core::Partner& p) { return p.code == "PP6"; }),
                            withoutPp6.partners.end());
  BOOST_CHECK_THROW(service.importBundle(withoutPp6, true, app::bundleTag("stale")),
                    core::Conflict);
  // A project in a programme whose rules no plugin provides.
  core::Bundle unknownRules = otherBundle();
  unknownRules.programme.rules = "no-such-rules";
  BOOST_CHECK_THROW(service.importBundle(unknownRules, false), core::InvalidInput);

  BOOST_TEST(service.exportBundle(kProject) == exported);
  BOOST_TEST(state() == before);
}

BOOST_AUTO_TEST_SUITE_END()
