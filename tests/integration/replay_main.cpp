#define BOOST_TEST_MODULE integration_replay
#include <boost/test/unit_test.hpp>
