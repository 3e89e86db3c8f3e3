#include "StoreFixture.h"

namespace crossgrant::test {

using core::Amount;
using core::Date;

StoreFixture::StoreFixture() : url(freshDatabaseUrl(dir)), db(store::Database::open(url)) {
  db->migrate();
}

core::Partner samplePartner(const std::string& code, const std::string& name) {
  core::Partner partner;
  partner.code = code;
  partner.role = core::PartnerRole::kPartner;
  partner.name = name;
  partner.country = "LT";
  partner.legalStatus = core::LegalStatus::kNgo;
  partner.vatRecoverable = true;
  partner.total = Amount::fromMinor(9453516);
  partner.budget = {{"staff", Amount::fromMinor(5000000)},
                    {"office_admin", Amount::fromMinor(750000)}};
  partner.cofinancing = {
      {"ERDF", core::ContributionType::kFund, Amount::fromMinor(8035484)},
      {"Rokiškio rajono savivaldybė", core::ContributionType::kPublic, Amount::fromMinor(1418027)}};
  return partner;
}

core::Bundle sampleBundle(const std::string& projectCode) {
  core::Bundle bundle;
  bundle.programme = {"LV-LT-2014-2020", "Interreg V-A Latvija–Lietuva 2014–2020",
                      "interreg-2014-2020", "ERDF"};
  core::Project& project = bundle.project;
  project.code = projectCode;
  project.programmeCode = bundle.programme.code;
  project.acronym = "SocQuality";
  project.titles = {
      {"en", "Improving availability and quality of social services in the Middle Baltic"},
      {"lt", "Socialinių paslaugų prieinamumo ir kokybės gerinimas Vidurio Baltijos regione"},
      {"lv", "Sociālo pakalpojumu pieejamības un kvalitātes uzlabošana Vidus-Baltijas reģionā"}};
  project.start = Date{2018, 3, 1};
  project.end = Date{2020, 2, 29};
  project.currency = "EUR";
  project.approvedTotal = Amount::fromMinor(79125620);
  project.approvedFund = Amount::fromMinor(67256774);
  project.periods = {{1, Date{2018, 3, 1}, Date{2018, 8, 31}},
                     {2, Date{2018, 9, 1}, Date{2019, 2, 28}},
                     {3, Date{2019, 3, 1}, Date{2019, 8, 31}},
                     {4, Date{2019, 9, 1}, Date{2020, 2, 29}}};

  core::Partner lead;
  lead.code = "LP";
  lead.role = core::PartnerRole::kLead;
  lead.name = "Zemgales plānošanas reģions (ā č ē ģ ī ķ ļ ņ š ū ž Ā Č Ē Ģ Ī Ķ Ļ Ņ Š Ū Ž)";
  lead.country = "LV";
  lead.legalStatus = core::LegalStatus::kPublicEquivalent;
  lead.vatRecoverable = false;
  lead.total = Amount::fromMinor(12000000);
  lead.budget = {{"staff", Amount::fromMinor(6000000)},
                 {"office_admin", Amount::fromMinor(900000)},
                 {"travel", Amount::fromMinor(1100000)},
                 {"external", Amount::fromMinor(4000000)}};
  lead.cofinancing = {
      {"ERDF", core::ContributionType::kFund, Amount::fromMinor(10200000)},
      {"Latvijas valsts budžets", core::ContributionType::kAutomaticPublic,
       Amount::fromMinor(600000)},
      {"Zemgales plānošanas reģions", core::ContributionType::kPublic, Amount::fromMinor(1200000)}};

  core::Partner jaunjelgava = samplePartner("PP2", "Jaunjelgavas novada dome");
  jaunjelgava.country = "LV";
  jaunjelgava.legalStatus = core::LegalStatus::kPublic;
  jaunjelgava.vatRecoverable = false;
  jaunjelgava.total = Amount::fromMinor(8564509);

  core::Partner rokiskis =
      samplePartner("PP6", "VšĮ Rokiškio jaunimo centras 😀 (ą č ę ė į š ų ū ž Ą Č Ę Ė Į Š Ų Ū Ž)");
  bundle.partners = {lead, jaunjelgava, rokiskis};
  return bundle;
}

}  // namespace crossgrant::test
