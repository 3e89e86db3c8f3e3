// Who a change made from the command line is recorded as in the audit trail: the
// operating-system user running crossgrant, from the client "cli".
#pragma once

#include "crossgrant/core/Access.h"

namespace crossgrant::server {

/// {user "os:" + the effective user's login name ("os:uid-N" when it has none), role "",
/// client "cli"}.
core::Actor commandLineActor();

}  // namespace crossgrant::server
