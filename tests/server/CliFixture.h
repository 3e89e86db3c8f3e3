// Runs build/bin/crossgrant as a separate process against a fresh database of the targeted
// backend, as a user would: standard input from a string, standard output and error captured,
// the exit status. Shared by the CLI test files.
#pragma once

#include <sys/types.h>

#include <chrono>
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

/// A file a child process may not have created yet: "" until then.
std::string readIfThere(const std::string& path);

/// A child process stopped on every exit path: stop() or the destructor send SIGTERM, then
/// SIGKILL if it has not ended within the timeout; it is always reaped.
class ChildProcess {
 public:
  ChildProcess() = default;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess() { stop(); }

  void adopt(pid_t pid) { pid_ = pid; }
  /// Whether it has ended by itself (then reaped, its status in exitStatus()).
  bool ended();
  /// Whether it ends by itself within timeout.
  bool waitFor(std::chrono::steady_clock::duration timeout);
  /// Stops it and returns its exit status (128 + signal when a signal ended it).
  int stop(std::chrono::steady_clock::duration timeout = std::chrono::seconds(10));
  /// The exit status once it has ended; -1 before.
  int exitStatus() const { return status_; }

 private:
  pid_t pid_ = 0;
  int status_ = -1;
};

/// `crossgrant serve` as a separate process, stopped when it goes out of scope.
class ServeProcess {
 public:
  /// Starts `serve --port 0` on databaseUrl and returns once it listens: its port is read from
  /// the first line it prints ("crossgrant VERSION serving http://127.0.0.1:PORT/ ..."), within
  /// 30 s. Fails the test case if it ends or prints no such line.
  void start(const std::string& databaseUrl);
  int port() const { return port_; }
  /// Stops it (SIGTERM); its exit status.
  int stop() { return process_.stop(); }
  std::string errors() const;

 private:
  TempDir io_;
  ChildProcess process_;  // after io_: stopped before the directory goes
  int port_ = 0;
};

}  // namespace crossgrant::test
