#include "CliFixture.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

namespace crossgrant::test {

std::string cliExecutable() { return binaryDir() + "/bin/crossgrant"; }

pid_t launchCli(const TempDir& dir, const std::string& databaseUrl,
                const std::vector<std::string>& args, const std::string& input,
                const std::string& workingDirectory) {
  writeFile(dir.file("stdin"), input);
  const pid_t pid = ::fork();
  if (pid == 0) {
    const auto redirect = [](const std::string& path, int fd, int flags) {
      const int file = ::open(path.c_str(), flags, 0644);
      if (file < 0 || ::dup2(file, fd) < 0) ::_exit(127);
      ::close(file);
    };
    redirect(dir.file("stdin"), 0, O_RDONLY);
    redirect(dir.file("stdout"), 1, O_WRONLY | O_CREAT | O_TRUNC);
    redirect(dir.file("stderr"), 2, O_WRONLY | O_CREAT | O_TRUNC);
    if (!workingDirectory.empty() && ::chdir(workingDirectory.c_str()) != 0) ::_exit(127);
    ::setenv("CROSSGRANT_DB", databaseUrl.c_str(), 1);
    ::unsetenv("CROSSGRANT_CONFIG");
    std::vector<char*> argv;
    std::string program = cliExecutable();
    argv.push_back(program.data());
    std::vector<std::string> copies = args;
    for (std::string& arg : copies) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(program.c_str(), argv.data());
    ::_exit(127);
  }
  BOOST_REQUIRE_MESSAGE(pid > 0, "fork failed");
  return pid;
}

CliResult collectCli(const TempDir& dir, pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  CliResult result;
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = readFile(dir.file("stdout"));
  result.err = readFile(dir.file("stderr"));
  return result;
}

Cli::Cli() {
  const CliResult migrated = run({"migrate"});
  BOOST_REQUIRE_MESSAGE(migrated.status == 0, "migrate failed: " << migrated.err);
}

CliResult Cli::run(const std::vector<std::string>& args, const std::string& input,
                   const std::string& workingDirectory) {
  return collectCli(io, launchCli(io, databaseUrl, args, input, workingDirectory));
}

CliResult Cli::importDemo() { return run({"import", demoBundlePath()}); }

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace crossgrant::test
