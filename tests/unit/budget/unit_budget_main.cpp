#define BOOST_TEST_MODULE unit_budget
#include <boost/test/unit_test.hpp>
