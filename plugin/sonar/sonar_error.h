// The one error of the Sonar readers. Its message names the input (`issues page 2`, `gate`,
// `measures`, `sarif`) and the JSON path of the field, so a user can find what was wrong.
#pragma once

#include <stdexcept>
#include <string>

namespace cib::sonar {

enum class SonarErrorKind {
  invalid_input = 0,  // not JSON, wrong types, missing fields, invalid UTF-8, wrong version
  too_large = 1       // over one of the bounds in sonar_limits.h
};

class SonarError : public std::runtime_error {
 public:
  SonarError(SonarErrorKind kind, const std::string& message)
      : std::runtime_error(message), kind_(kind) {}
  SonarErrorKind kind() const { return kind_; }

 private:
  SonarErrorKind kind_;
};

}  // namespace cib::sonar
