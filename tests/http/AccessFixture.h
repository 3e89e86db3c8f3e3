// The HTTP fixture with two programmes, each with one project and its partners, and one user
// per role, each with an open session: the world the access tests ask their questions in.
//
//   LV-LT-2014-2020 / LLI-317 (the demo bundle,      EE-LV-2014-2020 / EE-LV-042 (a copy)
//     version 2: with its work plan and events)
//   partners LP, PP1 ... PP7                          the same partner codes and work plan
//
// Users (label: grant): admin; programme and auditor of LV-LT-2014-2020; lead of LLI-317;
// partner and controller of LLI-317/PP6; none (signed in, no role).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "HttpApiFixture.h"

namespace crossgrant::test {

class AccessFixture : public HttpApiFixture {
 public:
  static constexpr const char* kProgramme = "LV-LT-2014-2020";
  static constexpr const char* kProject = "LLI-317";
  static constexpr const char* kPartner = "PP6";
  static constexpr const char* kOtherProgramme = "EE-LV-2014-2020";
  static constexpr const char* kOtherProject = "EE-LV-042";

  /// Every role label, in the order tables list them.
  static const std::vector<std::string>& roleLabels();

  AccessFixture();

  struct Member {
    std::string name;
    std::string password;
    std::string token;
    std::vector<core::Grant> grants;  ///< as created
  };
  /// By role label ("admin", "programme", "auditor", "lead", "partner", "controller", "none").
  std::map<std::string, Member> members;

  /// A client signed in as the label's user; "anonymous" sends no credentials.
  HttpTestClient as(const std::string& label);
  /// Opens a fresh session for the label's user (store only) and makes it the member's token.
  void renewSession(const std::string& label);

  /// Gives every member back the grants it was created with: deleting a project or partner
  /// revokes the grants on it, and a test that restores the object restores them too.
  void restoreGrants();

  /// Every row of the domain tables and of users and role_grants, as text: equal dumps mean
  /// the database's programmes, projects, partners, budgets, co-financing, work plans, events,
  /// indicators, users and grants are unchanged.
  std::string dump();
};

/// The demo bundle of version 2 moved to another programme and project code (partners and
/// work plan as in the demo).
std::string otherProgrammeBundle();

}  // namespace crossgrant::test
