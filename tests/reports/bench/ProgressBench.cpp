// The progress-report benchmark (scripts/bench-progress): generates a large project in bundle
// form (20 partners, 6 periods, 5,000 activities, 50,000 events, 100 indicators; sizes can be
// changed), imports it with the real executable into a fresh database, then renders the
// project progress report of one period from the database with the real executable, several
// times, each in its own process, and prints the import time, the render time (best and
// median), the pages and each process's peak memory (wait4's ru_maxrss). Exit status 0 when
// the targets hold: render under 1 s and under 100 MB.
//
// The data is generated from a fixed seed, so every run measures the same project. It starts
// from the demo of version 2 (its programme, rules and partner figures) and multiplies it.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "crossgrant/core/Date.h"
#include "crossgrant/core/Json.h"

namespace {

using crossgrant::core::Date;
using crossgrant::core::Json;
namespace fs = std::filesystem;

struct Sizes {
  int partners = 20;
  int periods = 6;
  int activities = 5'000;
  int events = 50'000;
  int indicators = 100;
  int period = 3;  ///< the period whose report is rendered
  int runs = 5;
};

/// A small deterministic generator (xorshift), so that every run builds the same project.
class Random {
 public:
  std::uint64_t next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 7;
    state_ ^= state_ << 17;
    return state_;
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }

 private:
  std::uint64_t state_ = 0x9E3779B97F4A7C15ull;
};

Json texts(const std::string& lv, const std::string& en) {
  return Json::object().set("en", en).set("lv", lv);
}

Json range(const Date& start, const Date& end) {
  return Json::object().set("start", start.toString()).set("end", end.toString());
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The generated bundle's text.
std::string generate(const Sizes& sizes, const std::string& demoPath) {
  const Json demo = Json::parse(readFile(demoPath));
  Random random;
  const Date start{2018, 1, 1};
  const std::int64_t firstDay = start.dayNumber();
  const int periodDays = 182;
  const std::int64_t lastDay = firstDay + std::int64_t{periodDays} * sizes.periods - 1;
  const Date end = Date::fromDayNumber(lastDay);

  // Partners: the demo's lead partner's figures, 20 times over (the first is the lead).
  const Json& model = demo.find("partners")->items().front();
  Json partners = Json::array();
  std::vector<std::string> codes;
  for (int i = 0; i < sizes.partners; ++i) {
    const std::string code = i == 0 ? "LP" : "PP" + std::to_string(i);
    codes.push_back(code);
    Json partner = Json::object();
    for (const auto& [key, value] : model.members()) {
      if (key == "code")
        partner.set("code", code);
      else if (key == "role")
        partner.set("role", i == 0 ? "lead" : "partner");
      else if (key == "name")
        partner.set("name", "Partneris " + std::to_string(i) + " — Pašvaldība");
      else
        partner.set(key, value);
    }
    partners.push(std::move(partner));
  }
  const std::int64_t total = 120'000 * sizes.partners, fund = 102'000 * sizes.partners;

  Json periods = Json::array();
  for (int p = 0; p < sizes.periods; ++p)
    periods.push(
        Json::object()
            .set("number", p + 1)
            .set("start", Date::fromDayNumber(firstDay + std::int64_t{p} * periodDays).toString())
            .set("end",
                 Date::fromDayNumber(firstDay + std::int64_t{p + 1} * periodDays - 1).toString()));
  const Json& demoProject = *demo.find("project");
  Json project =
      Json::object()
          .set("code", "BENCH-1")
          .set("acronym", "BenchQuality")
          .set("title", texts("Liela projekta etalons", "A large project for the benchmark"))
          .set("start", start.toString())
          .set("end", end.toString())
          .set("currency", "EUR")
          .set("approved", Json::object()
                               .set("total", std::to_string(total) + ".00")
                               .set("fund", std::to_string(fund) + ".00"))
          .set("periods", std::move(periods));
  (void)demoProject;

  // Work packages of 500 activities, each activity over a stretch of the project.
  const int perPackage = 500;
  Json packages = Json::array();
  std::vector<std::pair<std::int64_t, std::int64_t>> activityDays;
  for (int a = 0; a < sizes.activities;) {
    const int wp = a / perPackage + 1;
    Json activities = Json::array();
    for (int n = 1; n <= perPackage && a < sizes.activities; ++n, ++a) {
      const std::int64_t from = firstDay + random.below(static_cast<int>(lastDay - firstDay - 200));
      const std::int64_t to = from + 30 + random.below(170);
      activityDays.emplace_back(from, to);
      activities.push(
          Json::object()
              .set("code", "A" + std::to_string(wp) + "." + std::to_string(n))
              .set("title", texts("Aktivitāte " + std::to_string(a + 1) + " ar garāku nosaukumu",
                                  "Activity " + std::to_string(a + 1)))
              .set("partner", codes[static_cast<std::size_t>(a % sizes.partners)])
              .set("status", to < lastDay - 400 ? "done" : "ongoing")
              .set("planned", range(Date::fromDayNumber(from), Date::fromDayNumber(to)))
              .set("actual",
                   to < lastDay - 400
                       ? range(Date::fromDayNumber(from), Date::fromDayNumber(to))
                       : Json::object().set("start", Date::fromDayNumber(from).toString()))
              .set("location", "Jelgava"));
    }
    packages.push(Json::object()
                      .set("code", "WP" + std::to_string(wp))
                      .set("title", texts("Darba pakete " + std::to_string(wp),
                                          "Work package " + std::to_string(wp)))
                      .set("lead", codes[static_cast<std::size_t>(wp % sizes.partners)])
                      .set("activities", std::move(activities)));
  }

  // Events inside their activities, with participants by target group.
  const std::vector<std::string> kinds = {"camp",       "conference",     "consultation_meeting",
                                          "discussion", "exchange_visit", "training",
                                          "other"};
  const std::vector<std::string> groups = {"children",       "disabilities",  "families_at_risk",
                                           "general_public", "professionals", "seniors",
                                           "youth"};
  Json events = Json::array();
  for (int e = 0; e < sizes.events; ++e) {
    const int a = random.below(sizes.activities);
    const auto [from, to] = activityDays[static_cast<std::size_t>(a)];
    const std::int64_t day = from + random.below(static_cast<int>(to - from + 1));
    const int participants = 10 + random.below(90);
    Json byGroup = Json::object();
    const int first = random.below(static_cast<int>(groups.size()));
    byGroup.set(groups[static_cast<std::size_t>(first)], participants / 2);
    byGroup.set(groups[static_cast<std::size_t>((first + 3) % groups.size())], participants / 3);
    const int wp = a / perPackage + 1;
    events.push(
        Json::object()
            .set("code", "E" + std::to_string(e + 1))
            .set("activity", "A" + std::to_string(wp) + "." + std::to_string(a % perPackage + 1))
            .set("kind",
                 kinds[static_cast<std::size_t>(random.below(static_cast<int>(kinds.size())))])
            .set("title",
                 texts("Pasākums " + std::to_string(e + 1), "Event " + std::to_string(e + 1)))
            .set("start", Date::fromDayNumber(day).toString())
            .set("place", "Viesīte")
            .set("partner", codes[static_cast<std::size_t>(a % sizes.partners)])
            .set("participants", Json::object()
                                     .set("total", participants)
                                     .set("unique", participants - random.below(5))
                                     .set("by_target_group", std::move(byGroup))));
  }

  // Indicators: half counted from events, half recorded per period.
  Json indicators = Json::array();
  for (int i = 0; i < sizes.indicators; ++i) {
    Json indicator = Json::object()
                         .set("code", "O" + std::to_string(i + 1))
                         .set("name", texts("Rādītājs " + std::to_string(i + 1),
                                            "Indicator " + std::to_string(i + 1)))
                         .set("unit", "people")
                         .set("kind", i % 2 == 0 ? "output" : "result")
                         .set("baseline", "0.00")
                         .set("target", std::to_string(1'000 + 100 * i) + ".00");
    if (i % 2 == 0) {
      indicator.set(
          "source",
          Json::object().set(
              "events",
              Json::object()
                  .set("measure", "unique")
                  .set("target_groups",
                       Json::array().push(groups[static_cast<std::size_t>(i % groups.size())]))));
    } else {
      Json values = Json::array();
      for (int p = 1; p <= sizes.periods; ++p)
        values.push(
            Json::object().set("period", p).set("value", std::to_string(50 + i + p) + ".00"));
      indicator.set("source", "recorded").set("values", std::move(values));
    }
    indicators.push(std::move(indicator));
  }

  return Json::object()
      .set("format", "crossgrant.bundle")
      .set("version", 2)
      .set("programme", *demo.find("programme"))
      .set("project", std::move(project))
      .set("partners", std::move(partners))
      .set("work_plan", Json::object().set("work_packages", std::move(packages)))
      .set("events", std::move(events))
      .set("indicators", std::move(indicators))
      .dump(false);
}

struct Run {
  int status = -1;
  double seconds = 0;
  double peakMb = 0;
  std::string err;
};

/// Runs the executable with arguments in its own process: exit status, wall time, peak memory.
Run execute(const std::string& exe, const std::vector<std::string>& args, const std::string& db,
            const std::string& errFile) {
  std::cout.flush();
  std::fflush(stdout);
  const auto started = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(exe.c_str()));
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    setenv("CROSSGRANT_DB", db.c_str(), 1);
    if (!freopen("/dev/null", "w", stdout) || !freopen(errFile.c_str(), "w", stderr)) _exit(126);
    execv(exe.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  Run run;
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.peakMb = static_cast<double>(usage.ru_maxrss) / 1024.0;
  run.err = readFile(errFile).substr(0, 2'000);
  return run;
}

int pagesOf(const std::string& pdf) {
  int pages = 0;
  for (std::size_t at = 0; (at = pdf.find("/Type /Page", at)) != std::string::npos; at += 11)
    if (pdf.compare(at + 11, 1, "s") != 0) ++pages;
  return pages;
}

int intOption(int argc, char** argv, int& i) {
  if (i + 1 >= argc) throw std::runtime_error(std::string(argv[i]) + " needs a number");
  return std::stoi(argv[++i]);
}

}  // namespace

int main(int argc, char** argv) try {
  Sizes sizes;
  std::string db;
  bool keep = false;
  std::string generateTo;  // the child that writes the bundle (see below)
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--partners")
      sizes.partners = intOption(argc, argv, i);
    else if (arg == "--activities")
      sizes.activities = intOption(argc, argv, i);
    else if (arg == "--events")
      sizes.events = intOption(argc, argv, i);
    else if (arg == "--indicators")
      sizes.indicators = intOption(argc, argv, i);
    else if (arg == "--period")
      sizes.period = intOption(argc, argv, i);
    else if (arg == "--runs")
      sizes.runs = intOption(argc, argv, i);
    else if (arg == "--db" && i + 1 < argc)
      db = argv[++i];
    else if (arg == "--keep")
      keep = true;
    else if (arg == "--generate-to" && i + 1 < argc)
      generateTo = argv[++i];
    else {
      std::cerr
          << "usage: progress_bench [--partners N] [--activities N] [--events N] "
             "[--indicators N] [--period N] [--runs N] [--db URL (an empty database)] [--keep]\n";
      return 2;
    }
  }
  if (!generateTo.empty()) {
    std::ofstream(generateTo, std::ios::binary)
        << generate(sizes, std::string(CROSSGRANT_SOURCE_DIR) + "/data/socquality.v2.bundle.json");
    return 0;
  }
  const std::string exe = std::string(CROSSGRANT_BINARY_DIR) + "/bin/crossgrant";
  const fs::path dir =
      fs::temp_directory_path() / ("crossgrant-bench-progress-" + std::to_string(getpid()));
  fs::create_directories(dir);
  if (db.empty()) db = "sqlite:" + (dir / "bench.db").string();
  const std::string errFile = (dir / "stderr.txt").string();

  std::cout << "generating: " << sizes.partners << " partners, " << sizes.periods << " periods, "
            << sizes.activities << " activities, " << sizes.events << " events, "
            << sizes.indicators << " indicators\n";
  // The bundle is generated by a child process: a process's peak memory counts what its
  // parent held when it forked, so the processes measured are forked from this small one.
  const std::string bundlePath = (dir / "bench.bundle.json").string();
  const Run generated =
      execute(fs::read_symlink("/proc/self/exe").string(),
              {"--generate-to", bundlePath, "--partners", std::to_string(sizes.partners),
               "--activities", std::to_string(sizes.activities), "--events",
               std::to_string(sizes.events), "--indicators", std::to_string(sizes.indicators)},
              db, errFile);
  if (generated.status != 0) throw std::runtime_error("generating failed: " + generated.err);
  std::printf("generated:   %.2f s, %.1f MB of bundle\n", generated.seconds,
              static_cast<double>(fs::file_size(bundlePath)) / 1e6);

  const Run migrate = execute(exe, {"migrate"}, db, errFile);
  if (migrate.status != 0) throw std::runtime_error("crossgrant migrate failed: " + migrate.err);
  const Run imported = execute(exe, {"import", bundlePath}, db, errFile);
  if (imported.status != 0) throw std::runtime_error("crossgrant import failed: " + imported.err);
  std::printf("import:      %.2f s, peak %.1f MB\n", imported.seconds, imported.peakMb);

  const std::string pdfPath = (dir / "report.pdf").string();
  std::vector<double> times;
  double peak = 0;
  for (int r = 0; r < sizes.runs; ++r) {
    const Run rendered = execute(exe,
                                 {"report", "BENCH-1", "--kind", "project", "--period",
                                  std::to_string(sizes.period), "--lang", "lv", "-o", pdfPath},
                                 db, errFile);
    if (rendered.status != 0) throw std::runtime_error("crossgrant report failed: " + rendered.err);
    times.push_back(rendered.seconds);
    peak = std::max(peak, rendered.peakMb);
  }
  std::sort(times.begin(), times.end());
  const std::string pdf = readFile(pdfPath);
  const int pages = pagesOf(pdf);
  std::printf(
      "render:      best %.3f s, median %.3f s over %d runs (project report, period %d, "
      "from the database, whole process)\n",
      times.front(), times[times.size() / 2], sizes.runs, sizes.period);
  std::printf("report:      %d pages, %.1f MB\n", pages, static_cast<double>(pdf.size()) / 1e6);
  std::printf("peak memory: %.1f MB (render)\n", peak);
  const bool met = times[times.size() / 2] < 1.0 && peak < 100.0;
  std::printf("targets:     render < 1 s and < 100 MB: %s\n", met ? "met" : "NOT met");
  if (keep) {
    std::printf("kept:        %s (the bundle, the database and the report)\n", dir.c_str());
  } else {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
  return met ? 0 : 1;
} catch (const std::exception& e) {
  std::cerr << "progress_bench: " << e.what() << "\n";
  return 2;
}
