// Statuses that calls on other threads got and the header does not document for them, gathered
// for the test's thread (Boost.Test checks are not thread-safe).
#pragma once

#include <initializer_list>
#include <mutex>
#include <string>
#include <vector>

#include "cibatch.h"

namespace cib::test {

class CallChecks {
 public:
  // Records `call` when `got` is not one of `allowed`. Any thread.
  void expect(const char* call, cib_status got, std::initializer_list<cib_status> allowed);
  // Records a failure that is not a status (a callback run after it was cleared, say).
  void fail(const std::string& what);
  // What was recorded, and forgets it.
  std::vector<std::string> take();

 private:
  std::mutex mutex_;
  std::vector<std::string> failures_;
};

}  // namespace cib::test
