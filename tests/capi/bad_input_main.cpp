// capi_bad_input: every entry point of the C ABI fed what a careless or hostile caller passes.
// Each refused call must return a status, name the offending field, and leave the process alive.
// Links only the shared library, as a caller does.
#define BOOST_TEST_MODULE capi_bad_input
#include <boost/test/unit_test.hpp>
