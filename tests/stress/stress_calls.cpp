#include "stress_calls.h"

#include <algorithm>
#include <utility>

namespace cib::test {

void CallChecks::expect(const char* call, cib_status got,
                        std::initializer_list<cib_status> allowed) {
  if (std::find(allowed.begin(), allowed.end(), got) != allowed.end()) return;
  fail(std::string(call) + " returned " + cib_status_name(got));
}

void CallChecks::fail(const std::string& what) {
  const std::lock_guard<std::mutex> lock(mutex_);
  // A broken call repeats in a loop: the first few say enough.
  if (failures_.size() < 20) failures_.push_back(what);
}

std::vector<std::string> CallChecks::take() {
  const std::lock_guard<std::mutex> lock(mutex_);
  return std::exchange(failures_, {});
}

}  // namespace cib::test
