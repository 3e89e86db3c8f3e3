// Who a use case acts for: the principal the policy judges (core/Policy.h) and the actor the
// audit trail records. The HTTP API builds one per request from its session; the command line
// acts as the operating-system user, who may do everything.
#pragma once

#include "crossgrant/core/Access.h"

namespace crossgrant::app {

struct Caller {
  core::Principal principal;
  core::Actor actor;

  /// The operating-system user running crossgrant: principal "os:NAME" allowed everything,
  /// actor {user "os:" + the effective user's login name ("os:uid-N" when it has none), role
  /// "", client "cli"}.
  static Caller commandLine();
};

}  // namespace crossgrant::app
