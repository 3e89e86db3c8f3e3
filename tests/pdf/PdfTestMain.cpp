#define BOOST_TEST_MODULE pdf
#include <boost/test/unit_test.hpp>
