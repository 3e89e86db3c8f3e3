#include "crossgrant/app/Caller.h"

#include <pwd.h>
#include <unistd.h>

#include <string>
#include <vector>

namespace crossgrant::app {

Caller Caller::commandLine() {
  const uid_t uid = geteuid();
  std::string name = "uid-" + std::to_string(uid);
  long size = sysconf(_SC_GETPW_R_SIZE_MAX);
  std::vector<char> buffer(static_cast<std::size_t>(size > 0 ? size : 16384));
  passwd entry{};
  passwd* found = nullptr;
  if (getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found != nullptr &&
      found->pw_name != nullptr && *found->pw_name != '\0') {
    name = found->pw_name;
  }
  Caller caller;
  caller.principal.user = "os:" + name;
  caller.principal.isOperatingSystem = true;
  caller.actor = core::Actor{"os:" + name, "", "cli"};
  return caller;
}

}  // namespace crossgrant::app
