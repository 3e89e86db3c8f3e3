// Who may see and change what: roles held in scopes, the principal a request or command acts
// as, and the actor the audit trail records. The policy that decides (Policy.h) reads only
// these types, so the HTTP server and the command line ask the same question the same way.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crossgrant::core {

enum class Role {
  kAdmin,       ///< manages programmes, users and plugin configuration
  kProgramme,   ///< programme authority / joint secretariat of one programme
  kLead,        ///< lead-partner coordinator of one project
  kPartner,     ///< staff of one partner organisation in one project
  kController,  ///< first-level controller of one partner
  kAuditor,     ///< read-only across one programme or all
};

std::string_view toString(Role role);
std::optional<Role> parseRole(std::string_view text);

/// One role held in one scope. Which fields a role uses: admin none; programme `programme`;
/// lead `project`; partner and controller `project` and `partner`; auditor `programme`, or
/// none for every programme. Unused fields are empty as stored; in a principal loaded for the
/// policy (store::resolvedGrants), a lead, partner or controller grant also names its
/// project's programme, so that the policy knows which programme it may see.
struct Grant {
  Role role = Role::kAuditor;
  std::string programme;
  std::string project;
  std::string partner;

  bool operator==(const Grant&) const = default;
};

/// The identity a request or command acts as.
struct Principal {
  std::string user;                ///< user name; "os:NAME" for the operating-system user
  std::vector<Grant> grants;       ///< empty for a user with no roles
  bool isOperatingSystem = false;  ///< command-line tools run as the OS user may do everything
};

/// Who did something, as the audit trail records it.
struct Actor {
  std::string user;    ///< user name, "os:NAME" for command-line changes, "" for anonymous
  std::string role;    ///< the role the action was allowed under ("" when none applied)
  std::string client;  ///< client address ("127.0.0.1"), "cli" for the command line
};

}  // namespace crossgrant::core
