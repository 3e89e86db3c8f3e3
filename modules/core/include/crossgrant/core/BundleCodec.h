// The project bundle (spec/bundle-v1.md): reading with full validation, writing in the one
// canonical form. Reading reports every error of a document at once, each with its JSON
// Pointer; writing then reading then writing gives byte-identical text.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "crossgrant/core/Json.h"
#include "crossgrant/core/ProgrammeRules.h"
#include "crossgrant/core/Project.h"

namespace crossgrant::core {

/// Finds the rules of a programme-rules key; nullptr when no plugin provides that key.
using RulesLookup = std::function<const ProgrammeRules*(std::string_view key)>;

/// Parses and validates a bundle document. Throws InvalidInput carrying every error found
/// (not JSON, wrong types, unknown or missing fields, bad amounts, unknown cost categories
/// or rules keys, duplicate codes, no or several lead partners, dates out of order, ...).
/// Data that is well-formed but does not reconcile is not an error: see Findings.
Bundle readBundle(std::string_view text, const RulesLookup& rules);
Bundle readBundle(const Json& document, const RulesLookup& rules);
/// Text overloads that make calls with a std::string or a literal unambiguous (Json converts
/// from both too); the same as the std::string_view one.
Bundle readBundle(const std::string& text, const RulesLookup& rules);
Bundle readBundle(const char* text, const RulesLookup& rules);

/// The canonical document: fixed key order, amounts as strings with two fraction digits,
/// titles sorted by language code, UTF-8 unescaped, two-space indent, final newline.
Json bundleToJson(const Bundle& bundle);
std::string writeBundle(const Bundle& bundle);

// The bundle's parts on their own, for APIs that edit one part of a project. Each reader
// validates like readBundle does for that part (pointers relative to the object given) and
// throws InvalidInput with every error found.
Programme readProgramme(const Json& object, const RulesLookup& rules);
/// The bundle's "project" object; programmeCode is not part of it and is left empty.
Project readProject(const Json& object);
Partner readPartner(const Json& object, const ProgrammeRules& rules);
std::vector<BudgetLine> readBudget(const Json& array, const ProgrammeRules& rules);
std::vector<Contribution> readCofinancing(const Json& array);
Json programmeToJson(const Programme& programme);
Json projectToJson(const Project& project);
Json partnerToJson(const Partner& partner);
Json budgetToJson(const std::vector<BudgetLine>& budget);
Json cofinancingToJson(const std::vector<Contribution>& cofinancing);

}  // namespace crossgrant::core
