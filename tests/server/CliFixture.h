// Runs build/bin/crossgrant as a separate process against a fresh database of the targeted
// backend, as a user would: standard input from a string, standard output and error captured,
// the exit status. Shared by the CLI test files.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "TestSupport.h"

namespace crossgrant::test {

struct CliResult {
  int status = -1;
  std::string out;
  std::string err;
};

/// build/bin/crossgrant.
std::string cliExecutable();

/// Starts the executable with CROSSGRANT_DB=databaseUrl, input as standard input and standard
/// output and error going to files of dir, in workingDirectory ("" = the current one); returns
/// the child's pid.
pid_t launchCli(const TempDir& dir, const std::string& databaseUrl,
                const std::vector<std::string>& args, const std::string& input,
                const std::string& workingDirectory);

/// Waits for the child and reads what it wrote.
CliResult collectCli(const TempDir& dir, pid_t pid);

/// One fresh database per test, migrated as `crossgrant migrate` does (scripts/run does so
/// before anything else); run() executes a command line against it.
struct Cli {
  Cli();
  TempDir dir;
  TempDir io;
  std::string databaseUrl = freshDatabaseUrl(dir);

  CliResult run(const std::vector<std::string>& args, const std::string& input = "",
                const std::string& workingDirectory = "");
  CliResult importDemo();
};

bool contains(const std::string& text, const std::string& part);

}  // namespace crossgrant::test
