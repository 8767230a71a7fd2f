// What every spool decoder throws for bytes it cannot read: the field is named, never its value.
#pragma once

#include <string>

#include "spool/spool_error.h"

namespace cib {

[[noreturn]] inline void unreadable(const std::string& what) {
  throw SpoolError(SpoolError::Kind::not_sqlite, "the spool holds an unreadable " + what);
}

}  // namespace cib
