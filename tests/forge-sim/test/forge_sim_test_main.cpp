#define BOOST_TEST_MODULE forge_sim
#include <boost/test/unit_test.hpp>
