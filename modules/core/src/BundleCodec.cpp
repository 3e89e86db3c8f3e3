#include "crossgrant/core/BundleCodec.h"

#include <algorithm>
#include <initializer_list>
#include <optional>

#include "JsonReading.h"
#include "WorkPlanCodec.h"
#include "crossgrant/core/Errors.h"

namespace crossgrant::core {
namespace {

using namespace reading;

constexpr std::string_view kFormat = "crossgrant.bundle";
constexpr std::int64_t kLatestVersion = 2;

const Fields kBundleFields = {"format",   "version",   "programme", "project",
                              "partners", "work_plan", "events",    "indicators"};
const Fields kProgrammeFields = {"code", "name", "rules", "fund"};
const Fields kProjectFields = {"code", "acronym",  "title",    "start",
                               "end",  "currency", "approved", "periods"};
const Fields kApprovedFields = {"total", "fund"};
const Fields kPeriodFields = {"number", "start", "end"};
const Fields kPartnerFields = {"code",    "role",         "name",
                               "country", "legal_status", "vat_recoverable",
                               "total",   "budget",       "cofinancing"};
const Fields kBudgetLineFields = {"category", "amount"};
const Fields kContributionFields = {"source", "type", "amount"};

std::string categoryList(const ProgrammeRules& rules) {
  std::string text;
  for (const CostCategory& category : rules.categories) {
    if (!text.empty()) text += ", ";
    text += category.key;
  }
  return text;
}

Programme parseProgramme(const Json& object, const std::string& pointer, Errors& errors) {
  Programme programme;
  if (!checkObject(object, pointer, kProgrammeFields, errors)) return programme;
  programme.code = readString(object, "code", pointer, errors).value_or("");
  programme.name = readString(object, "name", pointer, errors).value_or("");
  programme.rules = readString(object, "rules", pointer, errors).value_or("");
  programme.fund = readString(object, "fund", pointer, errors).value_or("");
  return programme;
}

// The rules named by a programme that was read; reports an unknown key at its "rules" member.
const ProgrammeRules* findRules(const Json& object, const Programme& programme,
                                const std::string& pointer, const RulesLookup& lookup,
                                Errors& errors) {
  if (!object.isObject() || programme.rules.empty()) return nullptr;
  const ProgrammeRules* rules = lookup ? lookup(programme.rules) : nullptr;
  if (rules == nullptr) {
    fail(errors, child(pointer, "rules"),
         "unknown programme rules " + quoted(programme.rules) + ": no rules plugin provides it",
         "unknown_rules", {{"found", programme.rules}});
  }
  return rules;
}

void parseTitles(const Json& value, const std::string& pointer, Project& project, Errors& errors) {
  parseTexts(value, pointer, "title", project.titles, errors);
}

void parseApproved(const Json& value, const std::string& pointer, Project& project,
                   Errors& errors) {
  if (!checkObject(value, pointer, kApprovedFields, errors)) return;
  if (value.find("total") == nullptr && value.find("fund") == nullptr) {
    fail(errors, pointer, "expected at least one of \"total\", \"fund\", found neither");
    return;
  }
  if (const Json* total = value.find("total")) {
    project.approvedTotal = parseAmountValue(*total, child(pointer, "total"), errors);
  }
  if (const Json* fund = value.find("fund")) {
    project.approvedFund = parseAmountValue(*fund, child(pointer, "fund"), errors);
  }
}

// Reads the periods and checks their numbering, order and contiguity, and that they lie within
// the project's dates (when those were read).
void parsePeriods(const Json& array, const std::string& pointer, const std::optional<Date>& start,
                  const std::optional<Date>& end, Project& project, Errors& errors) {
  std::optional<Date> previousEnd;
  for (std::size_t i = 0; i < array.items().size(); ++i) {
    const Json& item = array.items()[i];
    const std::string at = child(pointer, i);
    if (!checkObject(item, at, kPeriodFields, errors)) {
      previousEnd.reset();
      continue;
    }
    const std::optional<std::int64_t> number = readInteger(item, "number", at, errors);
    const std::optional<Date> periodStart = readDate(item, "start", at, errors);
    const std::optional<Date> periodEnd = readDate(item, "end", at, errors);
    const auto expectedNumber = static_cast<std::int64_t>(i + 1);
    if (number && *number != expectedNumber) {
      fail(errors, child(at, "number"),
           "expected period number " + std::to_string(expectedNumber) + ", found " +
               std::to_string(*number) + " (periods are numbered 1, 2, ... in order)");
    }
    if (periodStart && periodEnd && *periodEnd < *periodStart) {
      fail(
          errors, child(at, "end"),
          "period ends " + periodEnd->toString() + ", before it starts " + periodStart->toString());
    }
    if (periodStart && previousEnd && *periodStart != previousEnd->nextDay()) {
      fail(errors, child(at, "start"),
           "expected " + previousEnd->nextDay().toString() + ", the day after period " +
               std::to_string(i) + " ends, found " + periodStart->toString() +
               " (periods are contiguous)");
    }
    if (periodStart && start && *periodStart < *start) {
      fail(errors, child(at, "start"),
           "period starts " + periodStart->toString() + ", before the project starts " +
               start->toString(),
           "period_before_project",
           {{"start", periodStart->toString()}, {"project_start", start->toString()}});
    }
    if (periodEnd && end && *periodEnd > *end) {
      fail(errors, child(at, "end"),
           "period ends " + periodEnd->toString() + ", after the project ends " + end->toString(),
           "period_after_project",
           {{"end", periodEnd->toString()}, {"project_end", end->toString()}});
    }
    if (number && periodStart && periodEnd) {
      project.periods.push_back({static_cast<int>(*number), *periodStart, *periodEnd});
    }
    // An inverted period says nothing reliable about where the next one should start.
    const bool inverted = periodStart && periodEnd && *periodEnd < *periodStart;
    previousEnd = inverted ? std::nullopt : periodEnd;
  }
}

Project parseProject(const Json& object, const std::string& pointer, Errors& errors) {
  Project project;
  if (!checkObject(object, pointer, kProjectFields, errors)) return project;
  project.code = readString(object, "code", pointer, errors).value_or("");
  project.acronym = readString(object, "acronym", pointer, errors).value_or("");
  if (const Json* title = member(object, "title", pointer, errors)) {
    parseTitles(*title, child(pointer, "title"), project, errors);
  }
  const std::optional<Date> start = readDate(object, "start", pointer, errors);
  const std::optional<Date> end = readDate(object, "end", pointer, errors);
  if (start) project.start = *start;
  if (end) project.end = *end;
  if (start && end && *end < *start) {
    fail(errors, child(pointer, "end"),
         "project ends " + end->toString() + ", before it starts " + start->toString(),
         "end_before_start", {{"start", start->toString()}, {"end", end->toString()}});
  }
  if (std::optional<std::string> currency = readString(object, "currency", pointer, errors)) {
    if (findCurrency(*currency) == nullptr) {
      fail(errors, child(pointer, "currency"),
           "expected EUR, LVL or LTL, found " + quoted(*currency), "choice",
           {{"found", *currency}, {"choices", "EUR, LVL, LTL"}});
    } else {
      project.currency = *currency;
    }
  }
  if (const Json* approved = member(object, "approved", pointer, errors, false)) {
    parseApproved(*approved, child(pointer, "approved"), project, errors);
  }
  if (const Json* periods = readArray(object, "periods", pointer, errors)) {
    parsePeriods(*periods, child(pointer, "periods"), start, end, project, errors);
  }
  return project;
}

// Reads budget lines; checks categories against rules unless rules is nullptr (unknown rules
// key, reported elsewhere), and refuses a category listed twice.
std::vector<BudgetLine> parseBudget(const Json& array, const std::string& pointer,
                                    const ProgrammeRules* rules, Errors& errors) {
  std::vector<BudgetLine> budget;
  if (!array.isArray()) {
    wrongType(errors, pointer, "an array", array);
    return budget;
  }
  std::vector<std::pair<std::string, std::size_t>> seen;
  for (std::size_t i = 0; i < array.items().size(); ++i) {
    const Json& item = array.items()[i];
    const std::string at = child(pointer, i);
    if (!checkObject(item, at, kBudgetLineFields, errors)) continue;
    const std::optional<std::string> category = readString(item, "category", at, errors);
    const std::optional<Amount> amount = readAmount(item, "amount", at, errors);
    bool categoryOk = category.has_value();
    if (category && rules != nullptr && !rules->knowsCategory(*category)) {
      fail(errors, child(at, "category"),
           "unknown cost category " + quoted(*category) + " for rules " + quoted(rules->key) +
               " (known: " + categoryList(*rules) + ")",
           "unknown_category", {{"found", *category}, {"known", categoryList(*rules)}});
      categoryOk = false;
    }
    if (category) {
      const auto previous = std::find_if(
          seen.begin(), seen.end(), [&](const auto& entry) { return entry.first == *category; });
      if (previous != seen.end()) {
        fail(errors, child(at, "category"),
             "duplicate cost category " + quoted(*category) + " (already at " +
                 child(pointer, previous->second) + ")",
             "duplicate_category", {{"found", *category}});
        categoryOk = false;
      } else {
        seen.emplace_back(*category, i);
      }
    }
    if (categoryOk && amount) budget.push_back({*category, *amount});
  }
  return budget;
}

// Reads co-financing entries; refuses a second "fund" entry from the same source.
std::vector<Contribution> parseCofinancing(const Json& array, const std::string& pointer,
                                           Errors& errors) {
  std::vector<Contribution> cofinancing;
  if (!array.isArray()) {
    wrongType(errors, pointer, "an array", array);
    return cofinancing;
  }
  std::vector<std::pair<std::string, std::size_t>> funds;
  for (std::size_t i = 0; i < array.items().size(); ++i) {
    const Json& item = array.items()[i];
    const std::string at = child(pointer, i);
    if (!checkObject(item, at, kContributionFields, errors)) continue;
    const std::optional<std::string> source = readString(item, "source", at, errors);
    const std::optional<ContributionType> type = readEnum<ContributionType>(
        item, "type", at, errors, {"fund", "public", "automatic_public", "private"},
        parseContributionType);
    const std::optional<Amount> amount = readAmount(item, "amount", at, errors);
    bool ok = source && type && amount;
    if (source && type == ContributionType::kFund) {
      const auto previous = std::find_if(funds.begin(), funds.end(),
                                         [&](const auto& entry) { return entry.first == *source; });
      if (previous != funds.end()) {
        fail(errors, child(at, "source"),
             "a second \"fund\" entry from " + quoted(*source) + " (already at " +
                 child(pointer, previous->second) + "); expected exactly one per fund",
             "second_fund_entry", {{"source", *source}});
        ok = false;
      } else {
        funds.emplace_back(*source, i);
      }
    }
    if (ok) cofinancing.push_back({*source, *type, *amount});
  }
  return cofinancing;
}

Partner parsePartner(const Json& object, const std::string& pointer, const ProgrammeRules* rules,
                     Errors& errors) {
  Partner partner;
  if (!checkObject(object, pointer, kPartnerFields, errors)) return partner;
  partner.code = readString(object, "code", pointer, errors).value_or("");
  if (std::optional<PartnerRole> role = readEnum<PartnerRole>(
          object, "role", pointer, errors, {"lead", "partner"}, parsePartnerRole)) {
    partner.role = *role;
  }
  partner.name = readString(object, "name", pointer, errors).value_or("");
  if (std::optional<std::string> country = readString(object, "country", pointer, errors, false)) {
    if (isCountryCode(*country)) {
      partner.country = *country;
    } else {
      fail(errors, child(pointer, "country"),
           "expected an ISO 3166-1 alpha-2 code (two upper-case letters such as \"LV\"), found " +
               quoted(*country),
           "country", {{"found", *country}});
    }
  }
  if (std::optional<LegalStatus> status = readEnum<LegalStatus>(
          object, "legal_status", pointer, errors,
          {"public", "public_equivalent", "private", "ngo"}, parseLegalStatus)) {
    partner.legalStatus = *status;
  }
  partner.vatRecoverable = readBool(object, "vat_recoverable", pointer, errors).value_or(false);
  partner.total = readAmount(object, "total", pointer, errors).value_or(Amount());
  if (const Json* budget = member(object, "budget", pointer, errors)) {
    partner.budget = parseBudget(*budget, child(pointer, "budget"), rules, errors);
  }
  if (const Json* cofinancing = member(object, "cofinancing", pointer, errors)) {
    partner.cofinancing = parseCofinancing(*cofinancing, child(pointer, "cofinancing"), errors);
  }
  return partner;
}

// Reads the partners and checks what concerns them together: at least one, unique codes,
// exactly one lead. Returns the partners read.
std::vector<Partner> parsePartners(const Json& array, const std::string& pointer,
                                   const ProgrammeRules* rules, Errors& errors) {
  std::vector<Partner> partners;
  if (array.items().empty()) {
    fail(errors, pointer, "expected at least one partner, found none");
    return partners;
  }
  std::vector<std::pair<std::string, std::size_t>> codes;
  std::optional<std::size_t> lead;
  bool allRolesRead = true;
  for (std::size_t i = 0; i < array.items().size(); ++i) {
    const Json& item = array.items()[i];
    const std::string at = child(pointer, i);
    const std::size_t errorsBefore = errors.size();
    Partner partner = parsePartner(item, at, rules, errors);
    const auto roleErrorAt = child(at, "role");
    const bool roleRead =
        item.isObject() && std::none_of(errors.begin() + errorsBefore, errors.end(),
                                        [&](const auto& e) { return e.pointer == roleErrorAt; });
    if (!roleRead) allRolesRead = false;
    if (!partner.code.empty()) {
      const auto previous = std::find_if(codes.begin(), codes.end(), [&](const auto& entry) {
        return entry.first == partner.code;
      });
      if (previous != codes.end()) {
        fail(errors, child(at, "code"),
             "duplicate partner code " + quoted(partner.code) + " (already at " +
                 child(pointer, previous->second) + ")");
      } else {
        codes.emplace_back(partner.code, i);
      }
    }
    if (roleRead && partner.role == PartnerRole::kLead) {
      if (lead) {
        fail(errors, roleErrorAt,
             "a second lead partner (the lead is already at " + child(pointer, *lead) +
                 "); expected exactly one");
      } else {
        lead = i;
      }
    }
    partners.push_back(std::move(partner));
  }
  if (!lead && allRolesRead) {
    fail(errors, pointer, "no partner has role \"lead\"; expected exactly one");
  }
  return partners;
}

// "Exactly one entry of type fund per fund": every partner has a fund entry from the
// programme's fund (a second one is refused by parseCofinancing; entries from further funds of
// a multi-fund programme are allowed). Reads the document itself, so that pointers name the
// entries as given.
void checkFundEntries(const Json& partners, const std::string& fund, Errors& errors) {
  for (std::size_t i = 0; i < partners.items().size(); ++i) {
    const Json& partner = partners.items()[i];
    const Json* cofinancing = partner.isObject() ? partner.find("cofinancing") : nullptr;
    if (cofinancing == nullptr || !cofinancing->isArray()) continue;
    const bool found = std::any_of(
        cofinancing->items().begin(), cofinancing->items().end(), [&](const Json& entry) {
          const Json* type = entry.isObject() ? entry.find("type") : nullptr;
          const Json* source = entry.isObject() ? entry.find("source") : nullptr;
          return type != nullptr && type->isString() && type->asString() == "fund" &&
                 source != nullptr && source->isString() && source->asString() == fund;
        });
    if (!found) {
      fail(errors, child(child("/partners", i), "cofinancing"),
           "no entry of type \"fund\" from the programme's fund " + quoted(fund) +
               "; expected exactly one (amount \"0.00\" where the fund pays nothing)",
           "fund_entry_missing", {{"fund", fund}});
    }
  }
}

}  // namespace

Bundle readBundle(std::string_view text, const RulesLookup& rules) {
  return readBundle(Json::parse(text), rules);
}

Bundle readBundle(const std::string& text, const RulesLookup& rules) {
  return readBundle(std::string_view(text), rules);
}

Bundle readBundle(const char* text, const RulesLookup& rules) {
  return readBundle(std::string_view(text), rules);
}

Bundle readBundle(const Json& document, const RulesLookup& rules) {
  Errors errors;
  Bundle bundle;
  const std::string root;
  if (!checkObject(document, root, kBundleFields, errors)) throw InvalidInput(std::move(errors));

  if (std::optional<std::string> format = readString(document, "format", root, errors, false)) {
    if (*format != kFormat) {
      fail(errors, "/format", "expected " + quoted(kFormat) + ", found " + quoted(*format));
    }
  }
  const std::optional<std::int64_t> version = readInteger(document, "version", root, errors);
  if (version && (*version < 1 || *version > kLatestVersion)) {
    fail(errors, "/version", "expected version 1 or 2, found " + std::to_string(*version));
  }
  if (version && *version == 1) {
    // The sections of version 2 are not part of version 1.
    for (std::string_view section : workplan::kSections)
      if (document.find(section) != nullptr)
        fail(errors, "/" + std::string(section),
             "a version-1 bundle has no \"" + std::string(section) + "\"; write version 2");
  }
  const ProgrammeRules* programmeRules = nullptr;
  if (const Json* programme = member(document, "programme", root, errors)) {
    bundle.programme = parseProgramme(*programme, "/programme", errors);
    programmeRules = findRules(*programme, bundle.programme, "/programme", rules, errors);
  }
  if (const Json* project = member(document, "project", root, errors)) {
    bundle.project = parseProject(*project, "/project", errors);
  }
  bundle.project.programmeCode = bundle.programme.code;
  if (const Json* partners = readArray(document, "partners", root, errors)) {
    bundle.partners = parsePartners(*partners, "/partners", programmeRules, errors);
    if (!bundle.programme.fund.empty()) checkFundEntries(*partners, bundle.programme.fund, errors);
  }
  if (version == 2) workplan::readSections(document, bundle, programmeRules, errors);
  for (ValidationError& error : bundleTotalErrors(bundle)) errors.push_back(std::move(error));
  throwIfAny(errors);
  return bundle;
}

Programme readProgramme(const Json& object, const RulesLookup& rules) {
  Errors errors;
  Programme programme = parseProgramme(object, "", errors);
  findRules(object, programme, "", rules, errors);
  throwIfAny(errors);
  return programme;
}

Project readProject(const Json& object) {
  Errors errors;
  Project project = parseProject(object, "", errors);
  throwIfAny(errors);
  return project;
}

Partner readPartner(const Json& object, const ProgrammeRules& rules) {
  Errors errors;
  Partner partner = parsePartner(object, "", &rules, errors);
  for (ValidationError& error : partnerTotalErrors(partner, "")) errors.push_back(std::move(error));
  throwIfAny(errors);
  return partner;
}

std::vector<BudgetLine> readBudget(const Json& array, const ProgrammeRules& rules) {
  Errors errors;
  std::vector<BudgetLine> budget = parseBudget(array, "", &rules, errors);
  for (ValidationError& error : budgetTotalErrors(budget, "")) errors.push_back(std::move(error));
  throwIfAny(errors);
  return budget;
}

std::vector<Contribution> readCofinancing(const Json& array) {
  Errors errors;
  std::vector<Contribution> cofinancing = parseCofinancing(array, "", errors);
  for (ValidationError& error : cofinancingTotalErrors(cofinancing, "")) {
    errors.push_back(std::move(error));
  }
  throwIfAny(errors);
  return cofinancing;
}

Json programmeToJson(const Programme& programme) {
  return Json::object()
      .set("code", programme.code)
      .set("name", programme.name)
      .set("rules", programme.rules)
      .set("fund", programme.fund);
}

Json projectToJson(const Project& project) {
  Json json = Json::object();
  json.set("code", project.code).set("acronym", project.acronym);
  std::vector<std::pair<std::string, std::string>> titles = project.titles;
  std::sort(titles.begin(), titles.end());
  Json title = Json::object();
  for (const auto& [language, text] : titles) title.set(language, text);
  json.set("title", std::move(title))
      .set("start", project.start.toString())
      .set("end", project.end.toString())
      .set("currency", project.currency);
  if (project.approvedTotal || project.approvedFund) {
    Json approved = Json::object();
    if (project.approvedTotal) approved.set("total", project.approvedTotal->toString());
    if (project.approvedFund) approved.set("fund", project.approvedFund->toString());
    json.set("approved", std::move(approved));
  }
  Json periods = Json::array();
  for (const Period& period : project.periods) {
    periods.push(Json::object()
                     .set("number", period.number)
                     .set("start", period.start.toString())
                     .set("end", period.end.toString()));
  }
  json.set("periods", std::move(periods));
  return json;
}

Json budgetToJson(const std::vector<BudgetLine>& budget) {
  Json json = Json::array();
  for (const BudgetLine& line : budget) {
    json.push(Json::object().set("category", line.category).set("amount", line.amount.toString()));
  }
  return json;
}

Json cofinancingToJson(const std::vector<Contribution>& cofinancing) {
  Json json = Json::array();
  for (const Contribution& contribution : cofinancing) {
    json.push(Json::object()
                  .set("source", contribution.source)
                  .set("type", toString(contribution.type))
                  .set("amount", contribution.amount.toString()));
  }
  return json;
}

Json partnerToJson(const Partner& partner) {
  return Json::object()
      .set("code", partner.code)
      .set("role", toString(partner.role))
      .set("name", partner.name)
      .set("country", partner.country)
      .set("legal_status", toString(partner.legalStatus))
      .set("vat_recoverable", partner.vatRecoverable)
      .set("total", partner.total.toString())
      .set("budget", budgetToJson(partner.budget))
      .set("cofinancing", cofinancingToJson(partner.cofinancing));
}

Json bundleToJson(const Bundle& bundle) {
  Json partners = Json::array();
  for (const Partner& partner : bundle.partners) partners.push(partnerToJson(partner));
  Json document = Json::object()
                      .set("format", kFormat)
                      .set("version", Json(static_cast<std::int64_t>(bundle.formatVersion())))
                      .set("programme", programmeToJson(bundle.programme))
                      .set("project", projectToJson(bundle.project))
                      .set("partners", std::move(partners));
  workplan::writeSections(bundle, document);
  return document;
}

std::string writeBundle(const Bundle& bundle) { return bundleToJson(bundle).dump(true); }

}  // namespace crossgrant::core
