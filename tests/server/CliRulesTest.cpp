// The programme rules as part of the database's state, through the real executable: migrate
// records the configured rules, `rules show` prints them with their fingerprints, `rules
// update` records a changed configuration with an audit entry, `serve` refuses to start on
// rules other than the recorded ones (exit 2, naming the difference, never listening) and
// records them on a database that has none, and a submitted report carries the fingerprint.
#include <Poco/AutoPtr.h>
#include <Poco/Util/PropertyFileConfiguration.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "CliFixture.h"
#include "TestSupport.h"
#include "crossgrant/core/AuditChain.h"
#include "crossgrant/core/Json.h"
#include "crossgrant/core/RulesFingerprint.h"
#include "crossgrant/plugin/PluginRegistry.h"
#include "crossgrant/store/Database.h"

namespace {

namespace core = crossgrant::core;
using crossgrant::test::binaryDir;
using crossgrant::test::Cli;
using crossgrant::test::CliResult;
using crossgrant::test::contains;
using crossgrant::test::readFile;
using crossgrant::test::writeFile;

const std::string kCapLine = "plugins.interreg-2014-2020.fund_rate_cap = 0.85";

/// The rules a configuration file gives, by key, computed here from the plugins themselves.
std::vector<core::RulesDescription> rulesOf(const std::string& configFile) {
  Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> config =
      new Poco::Util::PropertyFileConfiguration(configFile);
  const crossgrant::plugin::PluginRegistry plugins(binaryDir() + "/plugins", *config);
  std::vector<core::RulesDescription> rules;
  for (const std::string& key : plugins.keys())
    rules.push_back(core::describeRules(*plugins.rules(key)));
  return rules;
}

const core::RulesDescription& ofKey(const std::vector<core::RulesDescription>& rules,
                                    const std::string& key) {
  for (const core::RulesDescription& description : rules)
    if (description.key == key) return description;
  BOOST_FAIL("no rules of " << key);
  return rules.front();
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  BOOST_REQUIRE_MESSAGE(at != std::string::npos, "no \"" << from << "\" in the configuration");
  return text.replace(at, from.size(), to);
}

struct RulesCli : Cli {
  std::string defaultConfig = binaryDir() + "/config/crossgrant.properties";

  /// A copy of the built configuration, its relative paths made absolute, with interreg-2014-
  /// 2020's fund rate cap set to cap.
  std::string configWithCap(const std::string& cap) {
    const std::string config = binaryDir() + "/config";
    std::string text = readFile(defaultConfig);
    text = replaced(text, "plugins.directory = ../plugins",
                    "plugins.directory = " + binaryDir() + "/plugins");
    text = replaced(text, "reports.directory = ../reports",
                    "reports.directory = " + config + "/../reports");
    text = replaced(text, "auth.common_passwords = common-passwords.txt",
                    "auth.common_passwords = " + config + "/common-passwords.txt");
    text = replaced(text, "web.directory = ../web", "web.directory = " + binaryDir() + "/web");
    text = replaced(text, kCapLine, "plugins.interreg-2014-2020.fund_rate_cap = " + cap);
    const std::string file = dir.file("changed-" + cap + ".properties");
    writeFile(file, text);
    return file;
  }

  /// Runs args and waits at most 20 s; a process still running then (a server that listens)
  /// is stopped and reported with status -1.
  CliResult runBriefly(const std::vector<std::string>& args) {
    const pid_t pid = crossgrant::test::launchCli(io, databaseUrl, args, "", "");
    int status = 0;
    for (int i = 0; i < 200; ++i) {
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        CliResult result;
        result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        result.out = readFile(io.file("stdout"));
        result.err = readFile(io.file("stderr"));
        return result;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ::kill(pid, SIGTERM);
    CliResult result = crossgrant::test::collectCli(io, pid);
    result.status = -1;
    return result;
  }
};

std::vector<core::Json> jsonLines(const std::string& text) {
  std::vector<core::Json> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    BOOST_REQUIRE(end != std::string::npos);
    lines.push_back(core::Json::parse(text.substr(start, end - start)));
    start = end + 1;
  }
  return lines;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_rules, RulesCli)

BOOST_AUTO_TEST_CASE(rules_has_help_and_is_listed) {
  BOOST_TEST(contains(run({"--help"}).out, "rules"));
  const CliResult help = run({"rules", "--help"});
  BOOST_TEST(help.status == 0);
  for (const char* part : {"Usage: crossgrant rules", "show", "update", "--json",
                           "Other commands work with the rules configured"})
    BOOST_TEST(contains(help.out, part), part);
  BOOST_TEST(contains(run({"serve", "--help"}).out, "crossgrant rules update"));
  const CliResult unknown = run({"rules", "forget"});
  BOOST_TEST(unknown.status == 2);
  BOOST_TEST(contains(unknown.err, "expected show or update"), unknown.err);
}

BOOST_AUTO_TEST_CASE(rules_show_after_migrate_prints_the_configured_fingerprint) {
  const std::vector<core::RulesDescription> configured = rulesOf(defaultConfig);
  BOOST_REQUIRE_EQUAL(configured.size(), 3u);
  const CliResult show = run({"rules", "show"});
  BOOST_TEST_REQUIRE(show.status == 0, show.err);
  BOOST_TEST(contains(show.out, "overall fingerprint " + core::rulesFingerprint(configured)),
             show.out);
  for (const core::RulesDescription& rules : configured)
    BOOST_TEST(contains(show.out, rules.key + "  fingerprint " + rules.fingerprint), show.out);
  BOOST_TEST(contains(show.out, "fund_rate_cap: 0.85"), show.out);
  BOOST_TEST(contains(show.out, "fund_rate_cap: 0.8\n"), show.out);
  BOOST_TEST(contains(show.out, "flat_rates: office_admin 0.15 of staff"), show.out);
  BOOST_TEST(contains(show.out, "rounding: half_up"), show.out);
  BOOST_TEST(contains(show.out, "recorded "), show.out);
  BOOST_TEST(contains(show.out, " by os:"), show.out);
  BOOST_TEST(contains(show.out, "the rules configured here are the recorded ones"), show.out);

  // --json: the canonical JSON of all plugins' rules, whose SHA-256 is the overall fingerprint.
  const CliResult json = run({"rules", "show", "--json"});
  BOOST_TEST_REQUIRE(json.status == 0, json.err);
  BOOST_REQUIRE(!json.out.empty() && json.out.back() == '\n');
  const std::string canonical = json.out.substr(0, json.out.size() - 1);
  BOOST_TEST(core::sha256Hex(canonical) == core::rulesFingerprint(configured));
  const core::Json parsed = core::Json::parse(canonical);
  BOOST_REQUIRE(parsed.items().size() == 3u);
  BOOST_TEST(parsed.items()[1].find("key")->asString() == "interreg-2014-2020");
  BOOST_TEST(parsed.items()[1].find("fund_rate_cap")->asString() == "0.85");

  // Migrating again records nothing anew; the audit trail has nothing of it.
  const CliResult again = run({"migrate"});
  BOOST_TEST(again.status == 0, again.err);
  BOOST_TEST(!contains(again.out, "recorded the programme rules"), again.out);
  BOOST_TEST(run({"audit", "export"}).out.empty());
}

BOOST_AUTO_TEST_CASE(rules_update_records_a_changed_configuration_and_is_audited) {
  const std::string changed = configWithCap("0.80");
  const std::vector<core::RulesDescription> before = rulesOf(defaultConfig);
  const std::vector<core::RulesDescription> after = rulesOf(changed);
  BOOST_REQUIRE(core::rulesFingerprint(before) != core::rulesFingerprint(after));

  const CliResult update = run({"rules", "update", "--config", changed});
  BOOST_TEST_REQUIRE(update.status == 0, update.err);
  BOOST_TEST(contains(update.out, "interreg-2014-2020: fund_rate_cap 0.85 -> 0.8\n"), update.out);
  BOOST_TEST(!contains(update.out, "interreg-2021-2027"), update.out);
  BOOST_TEST(contains(update.out, "recorded the programme rules configured here (fingerprint " +
                                      core::rulesFingerprint(after) + ")"),
             update.out);

  const CliResult show = run({"rules", "show", "--config", changed});
  BOOST_TEST(show.status == 0, show.err);
  BOOST_TEST(contains(show.out, "overall fingerprint " + core::rulesFingerprint(after)), show.out);
  BOOST_TEST(contains(show.out, "interreg-2014-2020  fingerprint " +
                                    ofKey(after, "interreg-2014-2020").fingerprint),
             show.out);
  BOOST_TEST(contains(show.out, "the rules configured here are the recorded ones"), show.out);
  const CliResult showDefault = run({"rules", "show"});
  BOOST_TEST(contains(showDefault.out,
                      "the rules configured here differ: interreg-2014-2020: fund_rate_cap is "
                      "0.85 here, 0.8 recorded"),
             showDefault.out);

  const CliResult audit = run({"audit", "export"});
  BOOST_TEST_REQUIRE(audit.status == 0, audit.err);
  const std::vector<core::Json> entries = jsonLines(audit.out);
  BOOST_TEST_REQUIRE(entries.size() == 1u);
  const core::Json& entry = entries.front();
  BOOST_TEST(entry.find("action")->asString() == "update");
  BOOST_TEST(entry.find("object_type")->asString() == "rules");
  BOOST_TEST(contains(entry.find("user")->asString(), "os:"));
  const auto capIn = [](const core::Json& record) {
    return record.find("plugins")
        ->find("interreg-2014-2020")
        ->find("rules")
        ->find("fund_rate_cap")
        ->asString();
  };
  BOOST_TEST(capIn(*entry.find("before")) == "0.85");
  BOOST_TEST(capIn(*entry.find("after")) == "0.8");
  BOOST_TEST(entry.find("before")->find("fingerprint")->asString() ==
             core::rulesFingerprint(before));
  BOOST_TEST(entry.find("after")->find("fingerprint")->asString() == core::rulesFingerprint(after));

  const CliResult again = run({"rules", "update", "--config", changed});
  BOOST_TEST(again.status == 0, again.err);
  BOOST_TEST(contains(again.out, "nothing to update"), again.out);
  BOOST_TEST(jsonLines(run({"audit", "export"}).out).size() == 1u);
  const CliResult verified = run({"audit", "verify"});
  BOOST_TEST(verified.status == 0, verified.out);
}

BOOST_AUTO_TEST_CASE(serve_without_its_web_directory_exits_2_naming_it_and_never_listens) {
  BOOST_REQUIRE(run({"migrate"}).status == 0);
  const std::string same = configWithCap("0.85");
  const std::string missing = dir.file("no-such-web");
  writeFile(same, replaced(readFile(same), "web.directory = " + binaryDir() + "/web",
                           "web.directory = " + missing));
  const CliResult served = runBriefly({"serve", "--port", "0", "--config", same});
  BOOST_TEST(served.status == 2, served.out << served.err);
  BOOST_TEST(contains(served.err, "crossgrant serve: the web interface's directory " + missing +
                                      " (web.directory) does not exist"),
             served.err);
  BOOST_TEST(!contains(served.out, "serving http://"), served.out);
}

BOOST_AUTO_TEST_CASE(serve_with_other_rules_exits_2_naming_the_difference_and_never_listens) {
  const std::string changed = configWithCap("0.80");
  const CliResult served = runBriefly({"serve", "--port", "0", "--config", changed});
  BOOST_TEST(served.status == 2, served.out << served.err);
  BOOST_TEST(contains(served.err,
                      "the programme rules configured here differ from those recorded in the "
                      "database: interreg-2014-2020: fund_rate_cap is 0.8 here, 0.85 recorded; "
                      "run `crossgrant rules update` to record this configuration, or fix "
                      "crossgrant.properties"),
             served.err);
  BOOST_TEST(!contains(served.out, "serving http://"), served.out);
  // Other commands keep working with their configured rules.
  BOOST_TEST(run({"programmes", "--config", changed}).status == 0);
  // What is recorded did not change.
  BOOST_TEST(
      contains(run({"rules", "show"}).out, "the rules configured here are the recorded ones"));
}

BOOST_AUTO_TEST_CASE(serve_on_a_database_without_recorded_rules_records_them) {
  {
    const auto db = crossgrant::store::Database::open(databaseUrl);
    db->write([](crossgrant::store::Connection& c) { c.execute("DELETE FROM programme_rules"); });
  }
  BOOST_TEST(contains(run({"rules", "show"}).out, "no programme rules are recorded"));
  const pid_t pid = crossgrant::test::launchCli(io, databaseUrl, {"serve", "--port", "0"}, "", "");
  std::string out;
  for (int i = 0; i < 100 && !contains(out, "serving http://"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    out = readFile(io.file("stdout"));
  }
  ::kill(pid, SIGTERM);
  const CliResult stopped = crossgrant::test::collectCli(io, pid);
  BOOST_TEST_REQUIRE(contains(out, "serving http://"), out << stopped.err);
  BOOST_TEST(stopped.status == 0, stopped.err);
  const CliResult show = run({"rules", "show"});
  BOOST_TEST(
      contains(show.out, "overall fingerprint " + core::rulesFingerprint(rulesOf(defaultConfig))),
      show.out);
}

BOOST_AUTO_TEST_CASE(a_submitted_report_carries_the_fingerprint_of_its_rules) {
  BOOST_REQUIRE_EQUAL(importDemo().status, 0);
  const std::string fingerprint = ofKey(rulesOf(defaultConfig), "interreg-2014-2020").fingerprint;
  const CliResult submitted = run({"report", "LLI-317", "--kind", "financial", "--lang", "en", "-o",
                                   io.file("fin.pdf"), "--submit"});
  BOOST_TEST_REQUIRE(submitted.status == 0, submitted.err);
  BOOST_TEST(contains(submitted.out, "rules fingerprint " + fingerprint + "\n"), submitted.out);

  // The audit entry's after is the report's JSON, as the API shows it.
  const std::vector<core::Json> entries = jsonLines(run({"audit", "export"}).out);
  bool found = false;
  for (const core::Json& entry : entries) {
    if (entry.find("action")->asString() != "submit") continue;
    found = true;
    BOOST_TEST(entry.find("after")->find("rules")->asString() == fingerprint);
  }
  BOOST_TEST(found);

  // Computed with other rules, the report records theirs.
  const std::string changed = configWithCap("0.80");
  const CliResult other = run({"report", "LLI-317", "--kind", "financial", "--lang", "en", "-o",
                               io.file("fin2.pdf"), "--submit", "--config", changed});
  BOOST_TEST_REQUIRE(other.status == 0, other.err);
  BOOST_TEST(contains(other.out, "rules fingerprint " +
                                     ofKey(rulesOf(changed), "interreg-2014-2020").fingerprint),
             other.out);
}

BOOST_AUTO_TEST_SUITE_END()
