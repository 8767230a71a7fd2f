#define BOOST_TEST_MODULE unit_spool_store
#include <boost/test/unit_test.hpp>
