#define BOOST_TEST_MODULE unit_auth
#include <boost/test/unit_test.hpp>
