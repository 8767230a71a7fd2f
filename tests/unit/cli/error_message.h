// Runs a call that must throw and hands back what it said, so that tests compare whole
// messages: a user reads them, and the file, line and field must all be there.
#pragma once

#include <boost/test/unit_test.hpp>
#include <string>

namespace cib::testing {

template <typename Error, typename Call>
std::string error_message(Call call) {
  try {
    call();
  } catch (const Error& e) {
    return e.what();
  }
  BOOST_ERROR("the call returned instead of throwing");
  return "<nothing thrown>";
}

}  // namespace cib::testing
