#define BOOST_TEST_MODULE secrets
#include <boost/test/unit_test.hpp>
