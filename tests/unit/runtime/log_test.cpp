#include "runtime/log.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "cibatch.h"

namespace cib {

BOOST_AUTO_TEST_SUITE(log_levels)

BOOST_AUTO_TEST_CASE(every_level_has_its_name) {
  BOOST_TEST(std::string(log_level_name(LogLevel::error)) == "error");
  BOOST_TEST(std::string(log_level_name(LogLevel::warning)) == "warning");
  BOOST_TEST(std::string(log_level_name(LogLevel::info)) == "info");
  BOOST_TEST(std::string(log_level_name(LogLevel::debug)) == "debug");
}

BOOST_AUTO_TEST_CASE(level_values_match_the_c_abi) {
  // Levels cross the ABI as integers; a reordering would change what callers filter.
  BOOST_TEST(static_cast<int>(LogLevel::error) == static_cast<int>(CIB_LOG_ERROR));
  BOOST_TEST(static_cast<int>(LogLevel::warning) == static_cast<int>(CIB_LOG_WARNING));
  BOOST_TEST(static_cast<int>(LogLevel::info) == static_cast<int>(CIB_LOG_INFO));
  BOOST_TEST(static_cast<int>(LogLevel::debug) == static_cast<int>(CIB_LOG_DEBUG));
}

BOOST_AUTO_TEST_CASE(a_value_outside_the_enum_is_named_unknown) {
  BOOST_TEST(std::string(log_level_name(static_cast<LogLevel>(7))) == "unknown");
}

BOOST_AUTO_TEST_CASE(null_logger_accepts_every_level) {
  NullLogger logger;
  Logger& any = logger;
  for (LogLevel level : {LogLevel::error, LogLevel::warning, LogLevel::info, LogLevel::debug}) {
    BOOST_CHECK_NO_THROW(any.log(level, "dropped"));
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
