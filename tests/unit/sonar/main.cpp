#define BOOST_TEST_MODULE unit_sonar
#include <boost/test/unit_test.hpp>
