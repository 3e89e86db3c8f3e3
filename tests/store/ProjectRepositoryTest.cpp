#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include "StoreFixture.h"
#include "crossgrant/core/Errors.h"
#include "crossgrant/store/ProjectRepository.h"

namespace core = crossgrant::core;
namespace store = crossgrant::store;
using core::Amount;
using core::Conflict;
using core::NotFound;
using crossgrant::test::sampleBundle;
using crossgrant::test::samplePartner;
using crossgrant::test::StoreFixture;
using store::Connection;

namespace {

const core::Programme kProgramme{"LV-LT-2014-2020", "Interreg V-A Latvija–Lietuva 2014–2020",
                                 "interreg-2014-2020", "ERDF"};

core::Project sampleProject(const std::string& code) {
  core::Project project = sampleBundle(code).project;
  return project;
}

std::int64_t versionOf(store::Database& db, const std::string& sql,
                       const std::vector<store::Value>& params) {
  return db.write([&](Connection& c) { return store::asInt(c.query(sql, params).at(0).at(0)); });
}

bool messageHas(const std::exception& error, const std::string& part) {
  return std::string(error.what()).find(part) != std::string::npos;
}

std::vector<std::string> codesOf(const std::vector<core::Partner>& partners) {
  std::vector<std::string> codes;
  for (const core::Partner& partner : partners) codes.push_back(partner.code);
  return codes;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(programmes)

BOOST_FIXTURE_TEST_CASE(crud, StoreFixture) {
  const core::Programme other{"EEA-2014-2021", "EEZ un Norvēģijas finanšu instruments",
                              "eea-norway-grants", "EEA/Norway Grants"};
  db->write([&](Connection& c) {
    store::insertProgramme(c, kProgramme);
    store::insertProgramme(c, other);
  });
  db->write([&](Connection& c) {
    BOOST_TEST((store::listProgrammes(c) == std::vector<core::Programme>{other, kProgramme}));
    BOOST_TEST((store::findProgramme(c, "LV-LT-2014-2020") == kProgramme));
    BOOST_TEST(!store::findProgramme(c, "LV-LT-2021-2027").has_value());
  });

  core::Programme changed = kProgramme;
  changed.name = "Interreg V-A Latvija–Lietuva programma";
  changed.rules = "interreg-2021-2027";
  db->write([&](Connection& c) { store::updateProgramme(c, changed); });
  db->write(
      [&](Connection& c) { BOOST_TEST((store::findProgramme(c, kProgramme.code) == changed)); });
  BOOST_TEST(versionOf(*db, "SELECT version FROM programmes WHERE code = ?", {kProgramme.code}) ==
             2);

  db->write([&](Connection& c) { store::deleteProgramme(c, other.code); });
  db->write([&](Connection& c) {
    BOOST_TEST(!store::findProgramme(c, other.code).has_value());
    BOOST_TEST(store::listProgrammes(c).size() == 1u);
  });
}

BOOST_FIXTURE_TEST_CASE(duplicate_code_is_a_conflict, StoreFixture) {
  db->write([&](Connection& c) { store::insertProgramme(c, kProgramme); });
  BOOST_CHECK_EXCEPTION(db->write([&](Connection& c) { store::insertProgramme(c, kProgramme); }),
                        Conflict,
                        [](const Conflict& e) { return messageHas(e, "LV-LT-2014-2020"); });
}

BOOST_FIXTURE_TEST_CASE(codes_differing_in_case_or_accent_are_distinct, StoreFixture) {
  db->write([&](Connection& c) {
    for (const char* code : {"SEN", "sen", "ŠEN", "SĒN"})
      store::insertProgramme(c, {code, "n", "interreg-2014-2020", "ERDF"});
  });
  db->write([&](Connection& c) {
    BOOST_TEST(store::listProgrammes(c).size() == 4u);
    BOOST_TEST(store::findProgramme(c, "ŠEN")->code == "ŠEN");
  });
}

BOOST_FIXTURE_TEST_CASE(missing_programmes_are_not_found, StoreFixture) {
  BOOST_CHECK_THROW(db->write([&](Connection& c) { store::updateProgramme(c, kProgramme); }),
                    NotFound);
  BOOST_CHECK_THROW(db->write([&](Connection& c) { store::deleteProgramme(c, kProgramme.code); }),
                    NotFound);
}

BOOST_FIXTURE_TEST_CASE(deleting_a_programme_with_projects_is_a_conflict, StoreFixture) {
  db->write([&](Connection& c) {
    store::insertProgramme(c, kProgramme);
    store::insertProject(c, sampleProject("LLI-317"));
  });
  BOOST_CHECK_EXCEPTION(
      db->write([&](Connection& c) { store::deleteProgramme(c, kProgramme.code); }), Conflict,
      [](const Conflict& e) { return messageHas(e, "1 project"); });
  db->write(
      [&](Connection& c) { BOOST_TEST(store::findProgramme(c, kProgramme.code).has_value()); });
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(projects)

BOOST_FIXTURE_TEST_CASE(crud, StoreFixture) {
  const core::Project first = sampleProject("LLI-317");
  core::Project second = sampleProject("LLI-001");
  second.approvedTotal.reset();
  second.approvedFund.reset();
  second.periods.clear();
  second.titles = {{"lt", "Pirmasis projektas"}};
  db->write([&](Connection& c) {
    store::insertProgramme(c, kProgramme);
    store::insertProgramme(c, {"OTHER", "Other", "interreg-2021-2027", "ERDF"});
    store::insertProject(c, first);
    store::insertProject(c, second);
    core::Project third = sampleProject("ZZ-9");
    third.programmeCode = "OTHER";
    store::insertProject(c, third);
  });
  db->write([&](Connection& c) {
    BOOST_TEST((store::findProject(c, "LLI-317") == first));
    BOOST_TEST((store::findProject(c, "LLI-001") == second));
    BOOST_TEST(!store::findProject(c, "LLI-999").has_value());
    const auto all = store::listProjects(c);
    BOOST_TEST_REQUIRE(all.size() == 3u);
    BOOST_TEST(all[0].code == "LLI-001");
    BOOST_TEST(all[1].code == "LLI-317");
    BOOST_TEST(all[2].code == "ZZ-9");
    BOOST_TEST((all[1] == first));
    const auto ofProgramme = store::listProjects(c, kProgramme.code);
    BOOST_TEST((ofProgramme == std::vector<core::Project>{second, first}));
    BOOST_TEST(store::listProjects(c, "NO-SUCH").empty());
  });

  core::Project changed = first;
  changed.acronym = "SocQuality 2";
  changed.titles = {{"lv", "Jauns nosaukums — ģimenēm"}, {"en", "New title"}};
  changed.periods.pop_back();
  changed.approvedFund = Amount::fromMinor(1);
  changed.currency = "LVL";
  changed.programmeCode = "OTHER";
  db->write([&](Connection& c) { store::updateProject(c, changed); });
  db->write([&](Connection& c) { BOOST_TEST((store::findProject(c, "LLI-317") == changed)); });
  BOOST_TEST(
      versionOf(*db, "SELECT version FROM projects WHERE code = ?", {std::string("LLI-317")}) == 2);

  db->write([&](Connection& c) { store::deleteProject(c, "LLI-001"); });
  db->write([&](Connection& c) {
    BOOST_TEST(!store::findProject(c, "LLI-001").has_value());
    BOOST_TEST(store::listProjects(c).size() == 2u);
  });
}

BOOST_FIXTURE_TEST_CASE(duplicate_and_missing, StoreFixture) {
  const core::Project project = sampleProject("LLI-317");
  BOOST_CHECK_EXCEPTION(db->write([&](Connection& c) { store::insertProject(c, project); }),
                        NotFound,
                        [](const NotFound& e) { return messageHas(e, "LV-LT-2014-2020"); });
  db->write([&](Connection& c) {
    store::insertProgramme(c, kProgramme);
    store::insertProject(c, project);
  });
  BOOST_CHECK_EXCEPTION(db->write([&](Connection& c) { store::insertProject(c, project); }),
                        Conflict, [](const Conflict& e) { return messageHas(e, "LLI-317"); });
  const core::Project missing = sampleProject("LLI-404");
  BOOST_CHECK_THROW(db->write([&](Connection& c) { store::updateProject(c, missing); }), NotFound);
  BOOST_CHECK_THROW(db->write([&](Connection& c) { store::deleteProject(c, "LLI-404"); }),
                    NotFound);
  core::Project badProgramme = project;
  badProgramme.programmeCode = "NO-SUCH";
  BOOST_CHECK_THROW(db->write([&](Connection& c) { store::updateProject(c, badProgramme); }),
                    NotFound);
}

BOOST_FIXTURE_TEST_CASE(delete_takes_everything_under_the_project, StoreFixture) {
  db->write([&](Connection& c) { store::saveBundle(c, sampleBundle(), false); });
  db->write([&](Connection& c) { store::deleteProject(c, "LLI-317"); });
  for (const char* table :
       {"projects", "project_titles", "periods", "partners", "budget_lines", "cofinancing"}) {
    BOOST_TEST_CONTEXT(table) {
      BOOST_TEST(versionOf(*db, std::string("SELECT COUNT(*) FROM ") + table, {}) == 0);
    }
  }
  BOOST_CHECK_THROW(db->write([&](Connection& c) { store::listPartners(c, "LLI-317"); }), NotFound);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(partners)

BOOST_FIXTURE_TEST_CASE(crud_keeps_order, StoreFixture) {
  db->write([&](Connection& c) {
    store::insertProgramme(c, kProgramme);
    store::insertProject(c, sampleProject("LLI-317"));
  });
  const core::Partner third = samplePartner("PP3", "Joniškio r. socialinių paslaugų centras");
  const core::Partner first = samplePartner("PP9", "Kretingos dienos užimtumo centras");
  core::Partner second = samplePartner("PP1", "Auces novada pašvaldība");
  second.budget.clear();
  second.cofinancing.clear();
  db->write([&](Connection& c) {
    store::insertPartner(c, "LLI-317", first);
    store::insertPartner(c, "LLI-317", second);
    store::insertPartner(c, "LLI-317", third);
  });
  db->write([&](Connection& c) {
    BOOST_TEST(
        (store::listPartners(c, "LLI-317") == std::vector<core::Partner>{first, second, third}));
    BOOST_TEST((store::findPartner(c, "LLI-317", "PP1") == second));
    BOOST_TEST(!store::findPartner(c, "LLI-317", "PP7").has_value());
    BOOST_TEST(!store::findPartner(c, "LLI-999", "PP1").has_value());
  });

  core::Partner changed = first;
  changed.name = "Kretingos r. dienos užimtumo centras „Šaltinis“";
  changed.role = core::PartnerRole::kLead;
  changed.vatRecoverable = false;
  changed.legalStatus = core::LegalStatus::kPrivate;
  changed.budget = {{"equipment", Amount::fromMinor(12)}};
  changed.cofinancing.push_back(
      {"Privatus", core::ContributionType::kPrivate, Amount::fromMinor(3)});
  db->write([&](Connection& c) { store::updatePartner(c, "LLI-317", changed); });
  db->write([&](Connection& c) {
    BOOST_TEST(
        (store::listPartners(c, "LLI-317") == std::vector<core::Partner>{changed, second, third}));
  });
  BOOST_TEST(versionOf(*db, "SELECT version FROM partners WHERE code = ?", {std::string("PP9")}) ==
             2);
  BOOST_TEST(versionOf(*db, "SELECT version FROM partners WHERE code = ?", {std::string("PP1")}) ==
             1);

  db->write([&](Connection& c) { store::deletePartner(c, "LLI-317", "PP1"); });
  db->write([&](Connection& c) {
    BOOST_TEST(
        (codesOf(store::listPartners(c, "LLI-317")) == std::vector<std::string>{"PP9", "PP3"}));
  });
}

BOOST_FIXTURE_TEST_CASE(duplicate_and_missing, StoreFixture) {
  const core::Partner partner = samplePartner("PP1", "Viesītes novada pašvaldība");
  BOOST_CHECK_THROW(db->write([&](Connection& c) { store::insertPartner(c, "LLI-317", partner); }),
                    NotFound);
  BOOST_CHECK_THROW(db->write([&](Connection& c) { store::listPartners(c, "LLI-317"); }), NotFound);
  db->write([&](Connection& c) {
    store::insertProgramme(c, kProgramme);
    store::insertProject(c, sampleProject("LLI-317"));
    store::insertProject(c, sampleProject("LLI-318"));
    store::insertPartner(c, "LLI-317", partner);
    // The same code in another project is another partner.
    store::insertPartner(c, "LLI-318", partner);
  });
  BOOST_CHECK_EXCEPTION(
      db->write([&](Connection& c) { store::insertPartner(c, "LLI-317", partner); }), Conflict,
      [](const Conflict& e) { return messageHas(e, "PP1"); });
  const core::Partner missing = samplePartner("PP5", "Nav");
  BOOST_CHECK_THROW(db->write([&](Connection& c) { store::updatePartner(c, "LLI-317", missing); }),
                    NotFound);
  BOOST_CHECK_THROW(db->write([&](Connection& c) { store::deletePartner(c, "LLI-317", "PP5"); }),
                    NotFound);
  BOOST_CHECK_THROW(db->write([&](Connection& c) { store::deletePartner(c, "LLI-999", "PP1"); }),
                    NotFound);
}

BOOST_FIXTURE_TEST_CASE(concurrent_transactions_all_land, StoreFixture) {
  db->write([&](Connection& c) {
    store::insertProgramme(c, kProgramme);
    store::insertProject(c, sampleProject("LLI-317"));
  });
  constexpr int kThreads = 4;
  constexpr int kPerThread = 10;
  std::vector<std::string> failures(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        for (int i = 0; i < kPerThread; ++i) {
          const std::string code = "T" + std::to_string(t) + "-" + std::to_string(i);
          db->write([&](Connection& c) {
            store::insertPartner(c, "LLI-317", samplePartner(code, "Partneris " + code + " ž"));
          });
        }
      } catch (const std::exception& e) {
        failures[t] = e.what();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) BOOST_TEST(failures[t] == "");
  const auto partners = db->write([&](Connection& c) { return store::listPartners(c, "LLI-317"); });
  BOOST_TEST(partners.size() == static_cast<std::size_t>(kThreads * kPerThread));
  // Each thread's partners keep the order in which that thread appended them.
  for (int t = 0; t < kThreads; ++t) {
    int next = 0;
    for (const core::Partner& partner : partners) {
      if (partner.code.rfind("T" + std::to_string(t) + "-", 0) != 0) continue;
      BOOST_TEST(partner.code == "T" + std::to_string(t) + "-" + std::to_string(next));
      BOOST_TEST(partner.budget.size() == 2u);
      ++next;
    }
    BOOST_TEST(next == kPerThread);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(bundles)

BOOST_FIXTURE_TEST_CASE(round_trip_keeps_every_byte, StoreFixture) {
  const core::Bundle bundle = sampleBundle();
  db->write([&](Connection& c) { store::saveBundle(c, bundle, false); });
  const auto loaded = db->write([&](Connection& c) { return store::loadBundle(c, "LLI-317"); });
  BOOST_TEST_REQUIRE(loaded.has_value());
  BOOST_TEST((*loaded == bundle));

  // The stored text is the very same bytes, 4-byte characters included.
  const std::string name = db->write([&](Connection& c) {
    return store::asText(
        c.query("SELECT name FROM partners WHERE code = ?", {std::string("PP6")}).at(0).at(0));
  });
  BOOST_TEST(name == bundle.partners[2].name);
  BOOST_TEST(name.find("\xF0\x9F\x98\x80") != std::string::npos);
  BOOST_TEST(loaded->project.titles[2].second ==
             "Sociālo pakalpojumu pieejamības un kvalitātes uzlabošana Vidus-Baltijas reģionā");

  db->write([&](Connection& c) { BOOST_TEST(!store::loadBundle(c, "LLI-000").has_value()); });
}

BOOST_FIXTURE_TEST_CASE(order_is_kept_as_given, StoreFixture) {
  core::Bundle bundle = sampleBundle();
  std::swap(bundle.partners[0], bundle.partners[2]);
  std::swap(bundle.partners[0].budget[0], bundle.partners[0].budget[1]);
  std::swap(bundle.project.periods[1], bundle.project.periods[3]);
  db->write([&](Connection& c) { store::saveBundle(c, bundle, false); });
  const auto loaded = db->write([&](Connection& c) { return store::loadBundle(c, "LLI-317"); });
  BOOST_TEST_REQUIRE(loaded.has_value());
  BOOST_TEST((*loaded == bundle));
}

BOOST_FIXTURE_TEST_CASE(existing_project_needs_replace, StoreFixture) {
  db->write([&](Connection& c) { store::saveBundle(c, sampleBundle(), false); });
  core::Bundle second = sampleBundle();
  second.project.acronym = "SocQuality+";
  second.partners.pop_back();
  second.partners[1].name = "Dobeles novada pašvaldība";
  BOOST_CHECK_EXCEPTION(db->write([&](Connection& c) { store::saveBundle(c, second, false); }),
                        Conflict, [](const Conflict& e) { return messageHas(e, "LLI-317"); });
  db->write(
      [&](Connection& c) { BOOST_TEST((store::loadBundle(c, "LLI-317") == sampleBundle())); });

  db->write([&](Connection& c) { store::saveBundle(c, second, true); });
  db->write([&](Connection& c) { BOOST_TEST((store::loadBundle(c, "LLI-317") == second)); });
  BOOST_TEST(versionOf(*db, "SELECT COUNT(*) FROM partners", {}) == 2);
  BOOST_TEST(versionOf(*db, "SELECT COUNT(*) FROM projects", {}) == 1);
  BOOST_TEST(
      versionOf(*db, "SELECT version FROM projects WHERE code = ?", {std::string("LLI-317")}) == 2);
}

BOOST_FIXTURE_TEST_CASE(existing_programme_must_be_equal, StoreFixture) {
  db->write([&](Connection& c) { store::saveBundle(c, sampleBundle("LLI-1"), false); });
  // An equal programme is reused for a second project.
  db->write([&](Connection& c) { store::saveBundle(c, sampleBundle("LLI-2"), false); });
  db->write([&](Connection& c) {
    BOOST_TEST(store::listProgrammes(c).size() == 1u);
    BOOST_TEST(store::listProjects(c, "LV-LT-2014-2020").size() == 2u);
  });

  core::Bundle differing = sampleBundle("LLI-3");
  differing.programme.rules = "interreg-2021-2027";
  BOOST_CHECK_EXCEPTION(
      db->write([&](Connection& c) { store::saveBundle(c, differing, false); }), Conflict,
      [](const Conflict& e) {
        return messageHas(e, "programme LV-LT-2014-2020 exists with rules interreg-2014-2020") &&
               messageHas(e, "interreg-2021-2027");
      });
  differing = sampleBundle("LLI-3");
  differing.programme.fund = "ENI";
  BOOST_CHECK_EXCEPTION(
      db->write([&](Connection& c) { store::saveBundle(c, differing, false); }), Conflict,
      [](const Conflict& e) { return messageHas(e, "fund ERDF, the bundle says ENI"); });
  db->write([&](Connection& c) { BOOST_TEST(!store::findProject(c, "LLI-3").has_value()); });
}

BOOST_FIXTURE_TEST_CASE(failed_save_leaves_nothing, StoreFixture) {
  core::Bundle bundle = sampleBundle();
  bundle.partners.push_back(bundle.partners[1]);
  BOOST_CHECK_THROW(db->write([&](Connection& c) { store::saveBundle(c, bundle, false); }),
                    Conflict);
  db->write([&](Connection& c) {
    BOOST_TEST(store::listProgrammes(c).empty());
    BOOST_TEST(store::listProjects(c).empty());
  });
  BOOST_TEST(versionOf(*db, "SELECT COUNT(*) FROM partners", {}) == 0);
}

BOOST_FIXTURE_TEST_CASE(largest_amounts_survive, StoreFixture) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  core::Bundle bundle = sampleBundle();
  bundle.project.approvedTotal = Amount::fromMinor(kMax);
  bundle.project.approvedFund = Amount::fromMinor(kMin);
  bundle.partners[0].total = Amount::fromMinor(kMax);
  bundle.partners[0].budget[0].amount = Amount::fromMinor(kMax);
  bundle.partners[0].cofinancing[0].amount = Amount::fromMinor(kMin);
  db->write([&](Connection& c) { store::saveBundle(c, bundle, false); });
  const auto loaded = db->write([&](Connection& c) { return store::loadBundle(c, "LLI-317"); });
  BOOST_TEST_REQUIRE(loaded.has_value());
  BOOST_TEST(loaded->project.approvedTotal->minor() == kMax);
  BOOST_TEST(loaded->project.approvedFund->minor() == kMin);
  BOOST_TEST(loaded->partners[0].total.minor() == kMax);
  BOOST_TEST(loaded->partners[0].budget[0].amount.minor() == kMax);
  BOOST_TEST(loaded->partners[0].cofinancing[0].amount.minor() == kMin);
  BOOST_TEST((*loaded == bundle));
}

BOOST_FIXTURE_TEST_CASE(project_of_another_programme_is_invalid_input, StoreFixture) {
  core::Bundle bundle = sampleBundle();
  bundle.project.programmeCode = "OTHER";
  BOOST_CHECK_THROW(db->write([&](Connection& c) { store::saveBundle(c, bundle, false); }),
                    core::InvalidInput);
}

BOOST_FIXTURE_TEST_CASE(field_limits_are_the_same_on_every_backend, StoreFixture) {
  std::string longest;
  for (int i = 0; i < 100; ++i) longest += "ž";  // 100 characters, 200 bytes
  core::Bundle bundle = sampleBundle(longest);
  bundle.partners[1].code = longest;
  db->write([&](Connection& c) { store::saveBundle(c, bundle, false); });
  const auto loaded = db->write([&](Connection& c) { return store::loadBundle(c, longest); });
  BOOST_TEST_REQUIRE(loaded.has_value());
  BOOST_TEST((*loaded == bundle));

  core::Bundle tooLong = sampleBundle("LLI-2");
  tooLong.partners[1].code = longest + "x";
  tooLong.project.currency = "EURO";
  try {
    db->write([&](Connection& c) { store::saveBundle(c, tooLong, false); });
    BOOST_FAIL("over-long fields were stored");
  } catch (const core::InvalidInput& error) {
    BOOST_TEST((error.errors() == std::vector<core::ValidationError>{
                                      {"/project/currency", "at most 3 characters, not 4"},
                                      {"/partners/1/code", "at most 100 characters, not 101"}}));
  }
  db->write([&](Connection& c) { BOOST_TEST(!store::findProject(c, "LLI-2").has_value()); });
  BOOST_CHECK_THROW(db->write([&](Connection& c) {
    store::insertProgramme(c, {"LV-LT ", "n", "interreg-2014-2020", "ERDF"});
  }),
                    core::InvalidInput);
  core::Partner partner = samplePartner(longest + "x", "n");
  BOOST_CHECK_THROW(db->write([&](Connection& c) { store::insertPartner(c, longest, partner); }),
                    core::InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()

// Versions never go back for an object's key: an edit based on a version read before a replace,
// or before the object was deleted and created again, must not find its version stored again.
BOOST_AUTO_TEST_SUITE(versions_never_go_back)

std::int64_t partnerAt(store::Database& db, const std::string& partner) {
  return db.read([&](store::Reader& c) { return store::partnerVersion(c, "LLI-317", partner); })
      .value();
}

BOOST_FIXTURE_TEST_CASE(a_replace_puts_every_kept_partner_above_its_version, StoreFixture) {
  db->write([&](Connection& c) { store::saveBundle(c, sampleBundle(), false); });
  const core::Bundle bundle = sampleBundle();
  const std::string first = bundle.partners.front().code;
  const std::string last = bundle.partners.back().code;
  db->write([&](Connection& c) {
    store::updatePartner(c, "LLI-317", bundle.partners.front());
    store::updatePartner(c, "LLI-317", bundle.partners.front());
  });
  const std::int64_t before = partnerAt(*db, first);
  BOOST_REQUIRE(before == 3);
  db->write([&](Connection& c) { store::saveBundle(c, bundle, true); });
  BOOST_TEST(partnerAt(*db, first) == before + 1);
  BOOST_TEST(partnerAt(*db, last) == 2);
  BOOST_TEST(
      !db->write([&](Connection& c) { return store::lockPartner(c, "LLI-317", first, before); }));
}

BOOST_FIXTURE_TEST_CASE(a_partner_created_again_starts_above_its_earlier_life, StoreFixture) {
  db->write([&](Connection& c) { store::saveBundle(c, sampleBundle(), false); });
  const core::Partner partner = sampleBundle().partners.back();
  db->write([&](Connection& c) { store::updatePartner(c, "LLI-317", partner); });
  BOOST_REQUIRE(partnerAt(*db, partner.code) == 2);
  db->write([&](Connection& c) { store::deletePartner(c, "LLI-317", partner.code); });
  db->write([&](Connection& c) { store::insertPartner(c, "LLI-317", partner); });
  BOOST_TEST(partnerAt(*db, partner.code) == 3);

  // Dropped by a replace, then brought back by another.
  core::Bundle without = sampleBundle();
  without.partners.pop_back();
  db->write([&](Connection& c) { store::saveBundle(c, without, true); });
  db->write([&](Connection& c) { store::saveBundle(c, sampleBundle(), true); });
  BOOST_TEST(partnerAt(*db, partner.code) == 4);
}

BOOST_FIXTURE_TEST_CASE(a_project_and_programme_created_again_start_above_their_last_versions,
                        StoreFixture) {
  const core::Bundle bundle = sampleBundle();
  db->write([&](Connection& c) { store::saveBundle(c, bundle, false); });
  db->write([&](Connection& c) { store::updateProject(c, bundle.project); });
  db->write([&](Connection& c) { store::updateProgramme(c, bundle.programme); });
  const std::int64_t lead = partnerAt(*db, "LP");
  db->write([&](Connection& c) { store::deleteProject(c, "LLI-317"); });
  db->write([&](Connection& c) { store::deleteProgramme(c, bundle.programme.code); });
  db->write([&](Connection& c) { store::saveBundle(c, bundle, false); });
  db->read([&](store::Reader& c) {
    BOOST_TEST(store::projectVersion(c, "LLI-317").value() == 3);
    BOOST_TEST(store::programmeVersion(c, bundle.programme.code).value() == 3);
  });
  BOOST_TEST(partnerAt(*db, "LP") == lead + 1);
}

BOOST_AUTO_TEST_SUITE_END()
