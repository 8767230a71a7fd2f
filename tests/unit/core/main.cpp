#define BOOST_TEST_MODULE unit_core
#include <boost/test/unit_test.hpp>
