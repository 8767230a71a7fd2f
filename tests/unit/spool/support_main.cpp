#define BOOST_TEST_MODULE unit_spool_support
#include <boost/test/unit_test.hpp>
