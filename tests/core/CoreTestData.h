// Test data shared by the core unit tests: the Interreg 2014-2020 rules built by hand (as the
// rules plugin would configure them), a lookup over them, the demo bundle, and text helpers.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <boost/test/unit_test.hpp>

#include "crossgrant/core/BundleCodec.h"
#include "crossgrant/core/ProgrammeRules.h"

namespace crossgrant::test {

/// interreg-2014-2020: six categories, fund cap 85 %, office_admin = 15 % of staff, half up.
inline core::ProgrammeRules interregRules() {
  core::ProgrammeRules rules;
  rules.key = "interreg-2014-2020";
  rules.title = "Interreg 2014-2020";
  rules.categories = {{"staff", "Staff costs"},
                      {"office_admin", "Office and administration"},
                      {"travel", "Travel and accommodation"},
                      {"external", "External expertise and services"},
                      {"equipment", "Equipment"},
                      {"infrastructure", "Infrastructure and works"}};
  rules.fundRateCap = core::Rate::parse("0.85");
  rules.flatRates = {{"office_admin", core::Rate::parse("0.15"), {"staff"}}};
  rules.rounding = core::Rounding::kHalfUp;
  return rules;
}

/// Knows exactly one rules key: that of `rules`, which must outlive the lookup.
inline core::RulesLookup lookupOf(const core::ProgrammeRules& rules) {
  return [&rules](std::string_view key) -> const core::ProgrammeRules* {
    return key == rules.key ? &rules : nullptr;
  };
}

inline std::string demoBundleText() {
  std::ifstream in(std::string(CROSSGRANT_SOURCE_DIR) + "/data/socquality.bundle.json",
                   std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in, "cannot open the demo bundle");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// text with its one occurrence of `from` replaced by `to`; fails the test unless `from`
/// occurs exactly once, so that a replacement never edits a place the test did not mean.
inline std::string replaced(std::string text, std::string_view from, std::string_view to) {
  const auto at = text.find(from);
  BOOST_REQUIRE_MESSAGE(at != std::string::npos, "not in the text: " << from);
  BOOST_REQUIRE_MESSAGE(text.find(from, at + 1) == std::string::npos,
                        "more than once in the text: " << from);
  text.replace(at, from.size(), to);
  return text;
}

}  // namespace crossgrant::test
