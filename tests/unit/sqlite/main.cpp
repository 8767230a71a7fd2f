#define BOOST_TEST_MODULE unit_sqlite
#include <boost/test/unit_test.hpp>
