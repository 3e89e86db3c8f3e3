// The loader: refuses libraries of another API version, without the version symbol, that are
// no libraries at all, or that repeat a key; refuses a missing or empty directory; stays usable
// after refusing a library.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include <Poco/Util/MapConfiguration.h>

#include "PluginTestSupport.h"
#include "crossgrant/plugin/PluginApi.h"

namespace crossgrant::plugin::test {
namespace {

using crossgrant::test::TempDir;

Poco::AutoPtr<Poco::Util::MapConfiguration> emptyConfig() {
  return new Poco::Util::MapConfiguration;
}

std::string shippedPlugin(const std::string& key) { return pluginDirectory() + "/" + key + ".so"; }

void copyInto(const TempDir& dir, const std::string& library, const std::string& name) {
  std::filesystem::copy_file(library, dir.file(name));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(registry)

BOOST_AUTO_TEST_CASE(a_library_of_another_api_version_is_refused_naming_both_versions) {
  PluginRegistry registry;
  const std::string message =
      loadError([&] { registry.loadLibrary(CG_TEST_PLUGIN_WRONG_VERSION, *emptyConfig()); });
  BOOST_TEST(message == "plugin " + std::string(CG_TEST_PLUGIN_WRONG_VERSION) +
                            " was built against plugin API version " +
                            std::to_string(kApiVersion + 1) +
                            "; this crossgrant provides version " + std::to_string(kApiVersion));
  BOOST_TEST(registry.keys().empty());
}

BOOST_AUTO_TEST_CASE(a_directory_with_a_wrong_version_library_is_refused) {
  TempDir dir;
  copyInto(dir, shippedPlugin("interreg-2014-2020"), "interreg-2014-2020.so");
  copyInto(dir, CG_TEST_PLUGIN_WRONG_VERSION, "newer.so");
  const std::string message =
      loadError([&] { PluginRegistry registry(dir.path(), *emptyConfig()); });
  BOOST_TEST(contains(message, dir.file("newer.so") + " was built against plugin API version"),
             message);
}

BOOST_AUTO_TEST_CASE(a_library_without_the_version_symbol_is_refused) {
  PluginRegistry registry;
  const std::string message =
      loadError([&] { registry.loadLibrary(CG_TEST_PLUGIN_NO_VERSION, *emptyConfig()); });
  BOOST_TEST(contains(message, std::string(CG_TEST_PLUGIN_NO_VERSION) +
                                   " does not export crossgrantPluginApiVersion()"),
             message);
  BOOST_TEST(registry.keys().empty());
}

BOOST_AUTO_TEST_CASE(a_file_that_is_no_library_is_refused) {
  TempDir dir;
  crossgrant::test::writeFile(dir.file("notes.so"), "not an ELF file\n");
  const std::string message =
      loadError([&] { PluginRegistry registry(dir.path(), *emptyConfig()); });
  BOOST_TEST(contains(message, "cannot load plugin " + dir.file("notes.so")), message);
}

BOOST_AUTO_TEST_CASE(a_missing_directory_is_refused_by_name) {
  TempDir dir;
  const std::string missing = dir.file("no-such-plugins");
  const std::string message = loadError([&] { PluginRegistry registry(missing, *emptyConfig()); });
  BOOST_TEST(message == "plugin directory " + missing + " does not exist");
}

BOOST_AUTO_TEST_CASE(a_directory_without_libraries_is_refused_by_name) {
  TempDir dir;
  crossgrant::test::writeFile(dir.file("README.md"), "no plugins here\n");
  const std::string message =
      loadError([&] { PluginRegistry registry(dir.path(), *emptyConfig()); });
  BOOST_TEST(message == "plugin directory " + dir.path() + " holds no plugin library (*.so)");
}

BOOST_AUTO_TEST_CASE(a_key_provided_twice_is_refused_naming_both_libraries) {
  TempDir dir;
  copyInto(dir, shippedPlugin("interreg-2014-2020"), "interreg-2014-2020.so");
  copyInto(dir, CG_TEST_PLUGIN_DUPLICATE_KEY, "zz-duplicate.so");
  const std::string message =
      loadError([&] { PluginRegistry registry(dir.path(), *emptyConfig()); });
  BOOST_TEST(message == "plugin " + dir.file("zz-duplicate.so") +
                            " provides the key interreg-2014-2020, which plugin " +
                            dir.file("interreg-2014-2020.so") + " already provides");
}

BOOST_AUTO_TEST_CASE(a_refused_library_leaves_the_registry_as_it_was) {
  PluginRegistry registry;
  registry.loadLibrary(shippedPlugin("interreg-2014-2020"), *emptyConfig());
  const core::ProgrammeRules* before = registry.rules("interreg-2014-2020");
  BOOST_TEST_REQUIRE(before != nullptr);

  BOOST_TEST(!loadError([&] {
                registry.loadLibrary(CG_TEST_PLUGIN_DUPLICATE_KEY, *emptyConfig());
              }).empty());
  BOOST_TEST(!loadError([&] {
                registry.loadLibrary(shippedPlugin("interreg-2014-2020"), *emptyConfig());
              }).empty());
  BOOST_TEST(!loadError([&] {
                registry.loadLibrary(CG_TEST_PLUGIN_WRONG_VERSION, *emptyConfig());
              }).empty());

  registry.loadLibrary(shippedPlugin("eea-norway-grants"), *emptyConfig());
  const std::vector<std::string> expected = {"eea-norway-grants", "interreg-2014-2020"};
  BOOST_TEST(registry.keys() == expected, boost::test_tools::per_element());
  BOOST_TEST(registry.rules("interreg-2014-2020") == before);
  BOOST_TEST(before->fundRateCap.toString() == "0.85");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace crossgrant::plugin::test
