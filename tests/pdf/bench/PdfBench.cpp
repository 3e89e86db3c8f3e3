// The PDF benchmark (scripts/bench-pdf runs it). Without --child it is the driver: it runs
// each measurement in a child process (itself with --child), so that every figure has its
// own peak memory (wait4's ru_maxrss), and prints pages per second, milliseconds per report,
// peak MB and the ratio of the engine to plain libharu. With --child it renders and prints
// one line "ms=... pages=... bytes=... documents=...".
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "BenchData.h"
#include "EngineRender.h"
#include "PlainLibharu.h"
#include "crossgrant/core/Labels.h"
#include "crossgrant/pdf/FontLocator.h"

namespace {

using crossgrant::core::Labels;
using crossgrant::core::Language;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string child;  // empty: the driver
  int rows = 20000;
  int runs = 3;
  int threads = 1;
  int parallel = 2;
  std::string out;  // a directory to keep the PDFs in (driver), or a file (child)
};

struct Result {
  double ms = 0;
  long pages = 0;
  long bytes = 0;
  long documents = 0;
  double peakMb = 0;
  double cpuMs = 0;  // user + system time of the whole child process
};

[[noreturn]] void usage() {
  std::cerr << "usage: pdf_bench [--rows N] [--runs N] [--parallel N] [--out DIR]\n"
               "  --rows N      table rows of the big document (default 20000: about 1,000 "
               "pages)\n"
               "  --runs N      runs of each measurement; the median counts (default 3)\n"
               "  --parallel N  threads of the concurrent measurement (default 2; 0 skips it)\n"
               "  --out DIR     keep the rendered PDFs there\n";
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage();
      return argv[++i];
    };
    if (arg == "--child") {
      options.child = value();
    } else if (arg == "--rows") {
      options.rows = std::stoi(value());
    } else if (arg == "--runs") {
      options.runs = std::max(1, std::stoi(value()));
    } else if (arg == "--threads") {
      options.threads = std::max(1, std::stoi(value()));
    } else if (arg == "--parallel") {
      options.parallel = std::max(0, std::stoi(value()));
    } else if (arg == "--out") {
      options.out = value();
    } else {
      usage();
    }
  }
  return options;
}

std::string fontDirectory() {
  return std::filesystem::path(crossgrant::pdf::locateFonts().regular).parent_path().string();
}

// Child: renders as told and prints the result line.
int runChild(const Options& options) {
  const Labels labels = Labels::load(CROSSGRANT_SOURCE_DIR "/reports/i18n", Language::kLv);
  const std::string fonts = fontDirectory();
  std::vector<std::string> outputs(static_cast<std::size_t>(options.threads));
  std::vector<int> pages(outputs.size());
  const auto render = [&](std::size_t i) {
    int count = 0;
    if (options.child == "engine") {
      outputs[i] = crossgrant::bench::renderEngine(options.rows, labels, count);
    } else if (options.child == "plain") {
      outputs[i] = crossgrant::bench::renderPlain(options.rows, fonts, count);
    } else if (options.child == "small") {
      outputs[i] = crossgrant::bench::renderSmall(labels, count);
    } else if (options.child == "data") {
      crossgrant::bench::BenchData data;
      crossgrant::bench::BenchRow row;
      for (int r = 0; r < options.rows; ++r) data.fill(r, row);
    } else {
      usage();
    }
    pages[i] = count;
  };
  const Clock::time_point start = Clock::now();
  if (options.threads == 1) {
    render(0);
  } else {
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < outputs.size(); ++i) threads.emplace_back(render, i);
    for (std::thread& thread : threads) thread.join();
  }
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  long totalPages = 0;
  long totalBytes = 0;
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    totalPages += pages[i];
    totalBytes += static_cast<long>(outputs[i].size());
  }
  if (!options.out.empty() && !outputs[0].empty())
    std::ofstream(options.out, std::ios::binary) << outputs[0];
  std::printf("ms=%.3f pages=%ld bytes=%ld documents=%zu\n", ms, totalPages, totalBytes,
              outputs.size());
  return 0;
}

// Driver: one measurement in a child process.
Result measure(const std::string& mode, const Options& options, int threads,
               const std::string& keep) {
  int pipeEnds[2];
  if (pipe(pipeEnds) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    dup2(pipeEnds[1], STDOUT_FILENO);
    close(pipeEnds[0]);
    close(pipeEnds[1]);
    std::vector<std::string> args = {"pdf_bench",
                                     "--child",
                                     mode,
                                     "--rows",
                                     std::to_string(options.rows),
                                     "--threads",
                                     std::to_string(threads)};
    if (!keep.empty()) {
      args.push_back("--out");
      args.push_back(keep);
    }
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv("/proc/self/exe", argv.data());
    _exit(127);
  }
  close(pipeEnds[1]);
  std::string output;
  char buffer[512];
  ssize_t got;
  while ((got = read(pipeEnds[0], buffer, sizeof buffer)) > 0)
    output.append(buffer, static_cast<std::size_t>(got));
  close(pipeEnds[0]);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("the " + mode + " run failed");
  Result result;
  if (std::sscanf(output.c_str(), "ms=%lf pages=%ld bytes=%ld documents=%ld", &result.ms,
                  &result.pages, &result.bytes, &result.documents) != 4)
    throw std::runtime_error("the " + mode + " run printed \"" + output + "\"");
  result.peakMb = static_cast<double>(usage.ru_maxrss) / 1024.0;
  const auto ms = [](const timeval& time) {
    return static_cast<double>(time.tv_sec) * 1000.0 + static_cast<double>(time.tv_usec) / 1000.0;
  };
  result.cpuMs = ms(usage.ru_utime) + ms(usage.ru_stime);
  return result;
}

// The median run by time; peak memory is the largest of all runs.
Result repeated(const std::string& mode, const Options& options, int threads,
                const std::string& keep) {
  std::vector<Result> results;
  for (int run = 0; run < options.runs; ++run)
    results.push_back(measure(mode, options, threads, run == 0 ? keep : ""));
  std::sort(results.begin(), results.end(),
            [](const Result& a, const Result& b) { return a.ms < b.ms; });
  Result median = results[results.size() / 2];
  for (const Result& result : results) median.peakMb = std::max(median.peakMb, result.peakMb);
  return median;
}

void print(const char* name, const Result& result) {
  const double pagesPerSecond = result.ms > 0 ? result.pages * 1000.0 / result.ms : 0;
  std::printf("%-28s %5ld %8.1f %9.1f %9.1f %9.0f %10.1f %8.1f\n", name, result.pages,
              result.bytes / 1e6, result.ms, result.cpuMs, pagesPerSecond,
              result.ms / static_cast<double>(std::max(1L, result.documents)), result.peakMb);
}

int runDriver(const Options& options) {
  const auto keep = [&](const std::string& name) {
    return options.out.empty() ? std::string() : options.out + "/" + name;
  };
  if (!options.out.empty()) std::filesystem::create_directories(options.out);
  std::printf(
      "PDF benchmark: %d table rows of 8 columns, header on every page, a chart every "
      "50 pages; median of %d runs, each in its own process\n\n",
      options.rows, options.runs);
  const Result data = repeated("data", options, 1, "");
  const Result plain = repeated("plain", options, 1, keep("plain.pdf"));
  const Result engine = repeated("engine", options, 1, keep("engine.pdf"));
  const Result small = repeated("small", options, 1, keep("small.pdf"));
  std::printf("%-28s %5s %8s %9s %9s %9s %10s %8s\n", "", "pages", "MB out", "wall ms", "cpu ms",
              "pages/s", "ms/report", "peak MB");
  print("plain libharu", plain);
  print("crossgrant engine", engine);
  print("engine, small report", small);
  const double ratio = engine.ms / plain.ms;
  std::printf("\n(generating the rows alone takes %.1f ms of each run)\n", data.ms);
  std::printf("ratio engine/plain: %.2f wall time, %.2f cpu time (target <= 1.5)\n", ratio,
              engine.cpuMs / plain.cpuMs);
  std::printf("engine peak memory: %.1f MB (target < 100)\n", engine.peakMb);
  bool ok = ratio <= 1.5 && engine.peakMb < 100.0;
  if (options.parallel > 1) {
    const Result together = repeated("engine", options, options.parallel, "");
    const double single = engine.pages * 1000.0 / engine.ms;
    const double concurrent = together.pages * 1000.0 / together.ms;
    std::printf("\n%d documents at once on %d threads (%u cores):\n", options.parallel,
                options.parallel, std::thread::hardware_concurrency());
    print("crossgrant engine, parallel", together);
    std::printf("throughput %.0f pages/s, %.2fx one thread\n", concurrent, concurrent / single);
  }
  std::printf("\n%s\n", ok ? "targets met" : "TARGETS MISSED");
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parse(argc, argv);
    return options.child.empty() ? runDriver(options) : runChild(options);
  } catch (const std::exception& e) {
    std::cerr << "pdf_bench: " << e.what() << "\n";
    return 1;
  }
}
