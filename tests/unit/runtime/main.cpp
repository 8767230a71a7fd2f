#define BOOST_TEST_MODULE unit_runtime
#include <boost/test/unit_test.hpp>
