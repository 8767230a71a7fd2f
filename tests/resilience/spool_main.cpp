#define BOOST_TEST_MODULE resilience_spool
#include <boost/test/unit_test.hpp>
