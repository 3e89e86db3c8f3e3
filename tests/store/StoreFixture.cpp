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

core::Bundle sampleBundleV2(const std::string& projectCode) {
  core::Bundle bundle = sampleBundle(projectCode);
  core::Activity camps;
  camps.code = "A2.1";
  camps.title = {{"lv", "Nometnes jauniešiem ar funkcionāliem traucējumiem"},
                 {"lt", "Stovyklos jaunimui 😀"}};
  camps.partner = "PP2";
  camps.status = core::ActivityStatus::kDone;
  camps.planned = {Date{2018, 6, 1}, Date{2019, 8, 31}};
  camps.actual = {Date{2018, 7, 2}, Date{2019, 8, 16}};
  camps.location = "Viesīte";
  camps.description = {{"en", "Two summer camps"}, {"lv", "Divas vasaras nometnes"}};
  core::Activity exchanges;
  exchanges.code = "A2.2";
  exchanges.title = {{"en", "Experience exchanges"}};
  exchanges.partner = "LP";
  exchanges.status = core::ActivityStatus::kOngoing;
  exchanges.planned = {Date{2019, 1, 1}, Date{2019, 12, 31}};
  exchanges.actual.start = Date{2019, 2, 5};
  core::Activity conference;
  conference.code = "A3.1";
  conference.title = {{"lv", "Noslēguma konference"}};
  conference.partner = "LP";
  conference.planned = {Date{2020, 1, 1}, Date{2020, 1, 31}};

  core::WorkPackage inclusion{
      "WP2",
      {{"en", "Social inclusion measures"}, {"lv", "Sociālās iekļaušanas pasākumi"}},
      "PP2",
      {camps, exchanges}};
  core::WorkPackage communication{"WP3", {{"lt", "Komunikacija"}}, "LP", {conference}};
  bundle.workPlan = core::WorkPlan{{inclusion, communication}};

  core::Event camp;
  camp.code = "E1";
  camp.activity = "A2.1";
  camp.kind = "camp";
  camp.title = {{"lv", "Vasaras nometne 2018"}};
  camp.start = Date{2018, 7, 2};
  camp.end = Date{2018, 7, 6};
  camp.place = "Viesīte";
  camp.partner = "PP2";
  camp.participants = {24, 20, {{"youth", 20}, {"disabilities", 12}, {"professionals", 4}}, true};
  core::Event visit;
  visit.code = "E2";
  visit.activity = "A2.2";
  visit.kind = "exchange_visit";
  visit.title = {{"en", "Experience exchange in Jelgava"}};
  visit.start = Date{2019, 2, 5};
  visit.time = "10:00";
  visit.partner = "LP";
  visit.participants = {31, std::nullopt, {}, true};
  core::Event webinar;
  webinar.code = "E3";
  webinar.activity = "A2.2";
  webinar.kind = "training";
  webinar.title = {{"lt", "Mokymai internetu"}};
  webinar.start = Date{2019, 3, 12};
  webinar.online = true;
  webinar.partner = "PP6";
  webinar.participants.total = 12;
  bundle.events = std::vector<core::Event>{camp, visit, webinar};

  core::Indicator reached;
  reached.code = "O1";
  reached.programmeIndicator = "RCO81";
  reached.name = {{"en", "People reached"}, {"lv", "Sasniegtie cilvēki"}};
  reached.unit = "people";
  reached.target = core::Quantity::fromMinor(100000);
  reached.fromEvents = core::EventSource{core::EventSource::Measure::kUnique,
                                         {"disabilities", "children", "youth", "seniors"},
                                         true,
                                         {"camp", "conference"},
                                         true};
  core::Indicator none;
  none.code = "O2";
  none.unit = "participations";
  none.baseline = core::Quantity::fromMinor(250);
  none.target = core::Quantity::fromMinor(5000);
  none.fromEvents = core::EventSource{core::EventSource::Measure::kTotal, {}, false, {}, true};
  core::Indicator services;
  services.code = "R1";
  services.kind = core::IndicatorKind::kResult;
  services.name = {{"lv", "Jauni sociālie pakalpojumi"}};
  services.unit = "services";
  services.target = core::Quantity::fromMinor(300);
  services.values = {{3, core::Quantity::fromMinor(100)}, {2, core::Quantity::fromMinor(50)}};
  bundle.indicators = std::vector<core::Indicator>{reached, none, services};
  return bundle;
}

}  // namespace crossgrant::test
