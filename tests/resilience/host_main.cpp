#define BOOST_TEST_MODULE resilience_host
#include <boost/test/unit_test.hpp>
