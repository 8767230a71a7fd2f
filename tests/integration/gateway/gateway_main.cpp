#define BOOST_TEST_MODULE integration_gateway
#include <boost/test/unit_test.hpp>
