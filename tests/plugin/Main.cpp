// The plugin_tests executable: the loader and the shipped programme-rules plugins.
#define BOOST_TEST_MODULE plugin
#include <boost/test/unit_test.hpp>
