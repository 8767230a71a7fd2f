#define BOOST_TEST_MODULE integration_client
#include <boost/test/unit_test.hpp>
