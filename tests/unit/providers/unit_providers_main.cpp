#define BOOST_TEST_MODULE unit_providers
#include <boost/test/unit_test.hpp>
