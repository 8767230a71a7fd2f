#define BOOST_TEST_MODULE unit_sonar_pull
#include <boost/test/unit_test.hpp>
