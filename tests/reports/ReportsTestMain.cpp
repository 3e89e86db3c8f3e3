#define BOOST_TEST_MODULE crossgrant reports
#include <boost/test/unit_test.hpp>
