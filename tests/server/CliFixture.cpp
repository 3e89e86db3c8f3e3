#include "CliFixture.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <thread>

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

std::string readIfThere(const std::string& path) {
  std::error_code error;
  return std::filesystem::exists(path, error) ? readFile(path) : std::string();
}

namespace {

int statusOf(int waitStatus) {
  return WIFEXITED(waitStatus) ? WEXITSTATUS(waitStatus) : 128 + WTERMSIG(waitStatus);
}

}  // namespace

bool ChildProcess::ended() {
  if (pid_ <= 0) return true;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) != pid_) return false;
  status_ = statusOf(status);
  pid_ = 0;
  return true;
}

bool ChildProcess::waitFor(std::chrono::steady_clock::duration timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!ended()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

int ChildProcess::stop(std::chrono::steady_clock::duration timeout) {
  if (pid_ <= 0) return status_;
  ::kill(pid_, SIGTERM);
  if (!waitFor(timeout)) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    status_ = statusOf(status);
    pid_ = 0;
  }
  return status_;
}

void ServeProcess::start(const std::string& databaseUrl) {
  process_.adopt(launchCli(io_, databaseUrl, {"serve", "--port", "0"}, "", ""));
  const std::string marker = "serving http://127.0.0.1:";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  std::string out;
  while (!contains(out, "\n")) {
    if (process_.ended())
      BOOST_FAIL("serve ended with status " << process_.exitStatus() << ": " << errors());
    if (std::chrono::steady_clock::now() >= deadline)
      BOOST_FAIL("serve printed no line within 30 s: " << errors());
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    out = readIfThere(io_.file("stdout"));
  }
  const std::string first = out.substr(0, out.find('\n'));
  BOOST_REQUIRE_MESSAGE(first.rfind("crossgrant ", 0) == 0 && contains(first, marker), first);
  port_ = std::stoi(first.substr(first.find(marker) + marker.size()));
  BOOST_REQUIRE(port_ > 0);
}

std::string ServeProcess::errors() const { return readIfThere(io_.file("stderr")); }

}  // namespace crossgrant::test
