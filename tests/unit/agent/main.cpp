#define BOOST_TEST_MODULE unit_agent_server
#include <boost/test/unit_test.hpp>
