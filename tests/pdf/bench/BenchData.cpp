#include "BenchData.h"

#include "crossgrant/core/Date.h"
#include "crossgrant/core/Locale.h"
#include "crossgrant/core/Money.h"

namespace crossgrant::bench {
namespace {

constexpr std::array<std::string_view, 16> kFirstNames{
    "Jānis", "Līga",     "Ieva", "Andris", "Gintarė", "Mindaugas", "Rūta",  "Kęstutis",
    "Aušra", "Žydrūnas", "Ilze", "Māris",  "Dainius", "Eglė",      "Ģirts", "Šarūnas"};
constexpr std::array<std::string_view, 16> kSurnames{
    "Bērziņš",      "Kalniņa",   "Ozoliņa",       "Liepiņš", "Jankauskaitė", "Petrauskas",
    "Kazlauskienė", "Žukauskas", "Stankevičienė", "Vaitkus", "Krūmiņa",      "Ābols",
    "Šimkus",       "Gražulytė", "Ķēniņš",        "Čepulis"};
constexpr std::array<std::string_view, 8> kPartners{
    "Zemgales plānošanas reģions",
    "Auces novada pašvaldība",
    "Dobeles novada pašvaldība",
    "Jaunjelgavas novada pašvaldība",
    "Viesītes novada pašvaldība",
    "Joniškio Algirdo Raudonikio meno mokyklos Atviras jaunimo centras",
    "VšĮ Rokiškio jaunimo centras",
    "Kretingos dienos užimtumo centras"};
constexpr std::array<std::string_view, 6> kCategories{"Personāla izmaksas", "Biroja izmaksas",
                                                      "Kelionių išlaidos",  "Ārējie pakalpojumi",
                                                      "Įrangos išlaidos",   "Infrastruktūra"};
constexpr std::array<std::string_view, 8> kFirstClauses{
    "Sociālā darbinieka atalgojums",  "Semināra telpu īre Jelgavā",
    "Kelionė į partnerių susitikimą", "Mācību materiālu druka",
    "Jaunimo stovyklos maitinimas",   "Ekspertu konsultācijas",
    "Įrangos pirkimas centrui",       "Apmācību vadītāja honorārs"};
constexpr std::array<std::string_view, 8> kSecondClauses{
    "pēc līguma Nr. 17/2019 ar piegādātāju", "atskaites periodā, ieskaitot nodokļus",
    "pagal sutartį su tiekėju ir sąskaitą",  "projekta aktivitātes ietvaros",
    "remiantis pirkimo dokumentais",         "saskaņā ar darba laika uzskaiti",
    "su PVM, kaip nurodyta sąskaitoje",      "un saistītie transporta izdevumi"};

std::uint32_t mix(std::uint32_t value) {
  value ^= value >> 16;
  value *= 0x7FEB352Du;
  value ^= value >> 15;
  value *= 0x846CA68Bu;
  value ^= value >> 16;
  return value;
}

}  // namespace

void BenchData::fill(int index, BenchRow& row) {
  const std::uint32_t r = mix(static_cast<std::uint32_t>(index) + 1);
  row.cells[0] = std::to_string(index + 1);
  row.cells[1].assign(kFirstNames[r % kFirstNames.size()]);
  row.cells[1] += ' ';
  row.cells[1] += kSurnames[(r >> 4) % kSurnames.size()];
  row.partner = static_cast<int>((r >> 8) % kPartners.size());
  row.cells[2].assign(kPartners[static_cast<std::size_t>(row.partner)]);
  core::Date date{2018 + static_cast<int>((r >> 11) % 3), 1 + static_cast<int>((r >> 13) % 12),
                  1 + static_cast<int>((r >> 17) % 28)};
  row.cells[3] = date.toString();
  row.cells[4].assign(kCategories[(r >> 21) % kCategories.size()]);
  row.descriptionFirst.assign(kFirstClauses[(r >> 24) % kFirstClauses.size()]);
  row.descriptionSecond.assign(kSecondClauses[(r >> 27) % kSecondClauses.size()]);
  row.cells[5] = row.descriptionFirst;
  row.cells[5] += ' ';
  row.cells[5] += row.descriptionSecond;
  row.declaredCents = 1000 + static_cast<std::int64_t>(mix(r) % 5'000'000);
  row.verifiedCents = row.declaredCents - static_cast<std::int64_t>(r % 7 == 0 ? r % 5000 : 0);
  row.cells[6] =
      core::formatAmount(core::Amount::fromMinor(row.declaredCents), core::Language::kLv);
  row.cells[7] =
      core::formatAmount(core::Amount::fromMinor(row.verifiedCents), core::Language::kLv);
}

std::array<std::string_view, kColumns> BenchData::titles() {
  return {"Nr.",        "Vārds, uzvārds", "Partneris", "Datums",
          "Kategorija", "Apraksts",       "Deklarēts", "Pārbaudīts"};
}

std::array<float, kColumns> BenchData::widths() {
  return {30.0f, 82.0f, 160.0f, 56.0f, 88.0f, 216.0f, 63.0f, 63.0f};
}

std::string_view BenchData::partner(int index) {
  return kPartners[static_cast<std::size_t>(index) % kPartners.size()];
}

int BenchData::partnerCount() { return static_cast<int>(kPartners.size()); }

}  // namespace crossgrant::bench
