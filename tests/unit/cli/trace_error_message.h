// Runs a call that must throw and hands back what it said, so tests compare whole messages.
#pragma once

#include <boost/test/unit_test.hpp>
#include <string>

#define CIB_ERROR_MESSAGE_OF(ErrorType, expression)                     \
  ([&]() -> std::string {                                              \
    try {                                                              \
      (void)(expression);                                              \
    } catch (const ErrorType& e) {                                     \
      return e.what();                                                 \
    }                                                                  \
    BOOST_ERROR("expected " #ErrorType " from " #expression);          \
    return "<nothing thrown>";                                         \
  }())
