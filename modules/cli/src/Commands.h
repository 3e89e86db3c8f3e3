// Every command of the command line, one file each.
#pragma once

#include "Command.h"

namespace crossgrant::cli {

Command serveCommand();
Command migrateCommand();
Command importCommand();
Command exportCommand();
Command checkCommand();
Command programmesCommand();
Command projectsCommand();
Command auditCommand();
Command userCommand();
Command reportCommand();
Command verifyCommand();
Command rulesCommand();
Command templateCommand();
Command exportSheetCommand();
Command importSheetCommand();
Command evidenceCommand();

}  // namespace crossgrant::cli
