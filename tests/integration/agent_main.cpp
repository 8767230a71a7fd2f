#define BOOST_TEST_MODULE integration_agent
#include <boost/test/unit_test.hpp>
