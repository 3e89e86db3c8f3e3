// What the store conformance tests share: a fresh, migrated database on the backend the run
// targets (CROSSGRANT_TEST_BACKEND), and a hand-built bundle full of Latvian and Lithuanian
// text, a 4-byte UTF-8 character and real-looking amounts.
#pragma once

#include <memory>
#include <string>

#include "TestSupport.h"
#include "crossgrant/core/Project.h"
#include "crossgrant/store/Database.h"

namespace crossgrant::test {

struct StoreFixture {
  StoreFixture();
  TempDir dir;
  std::string url;
  std::unique_ptr<store::Database> db;
};

/// The SocQuality-like project under the LV-LT programme, with three partners.
core::Bundle sampleBundle(const std::string& projectCode = "LLI-317");
/// sampleBundle with every section of version 2: two work packages with three activities,
/// three events (one without unique people, one with empty target groups) and three indicators
/// (from events with groups and kinds, from events with no kinds, recorded).
core::Bundle sampleBundleV2(const std::string& projectCode = "LLI-317");
/// A partner with two budget lines and two contributions.
core::Partner samplePartner(const std::string& code, const std::string& name);

}  // namespace crossgrant::test
