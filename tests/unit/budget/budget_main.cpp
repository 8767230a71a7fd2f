#define BOOST_TEST_MODULE cibatch budget
#include <boost/test/unit_test.hpp>
