#define BOOST_TEST_MODULE resilience_process
#include <boost/test/unit_test.hpp>
