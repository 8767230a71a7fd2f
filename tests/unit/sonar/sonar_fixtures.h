// Fixture answers under tests/unit/sonar/data/, and answers made in the test.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "model/content.h"

namespace cib {

// So that Boost.Test can print the model's words when a check fails.
inline std::ostream& operator<<(std::ostream& out, ReportResult r) {
  return out << to_string(r);
}
inline std::ostream& operator<<(std::ostream& out, Severity s) {
  return out << to_string(s);
}
inline std::ostream& operator<<(std::ostream& out, FindingType t) {
  return out << to_string(t);
}
inline std::ostream& operator<<(std::ostream& out, DataType t) {
  return out << to_string(t);
}

}  // namespace cib

namespace cib::sonar::test {

// The text of data/<name>.
std::string fixture(const std::string& name);

// An `api/issues/search` page of `count` open issues of project `project`, keys
// "<prefix>-<n>" for n from `first`.
std::string generated_page(const std::string& project, const std::string& prefix, std::size_t first,
                           std::size_t count);

}  // namespace cib::sonar::test
