#define BOOST_TEST_MODULE budget_processes
#include <boost/test/unit_test.hpp>
