// What the C ABI tests share: an errstr buffer, checks on the status and message a refused call
// leaves, valid payloads to spoil one field at a time, and a client that never sends (held by
// the C++ wrapper, cibatch.hpp).
#pragma once

#include <boost/test/unit_test.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "cibatch.h"
#include "cibatch.hpp"

namespace cib::capi {

// The shim's limits (plugin/api): identifiers and text.
constexpr std::size_t kMaxIdBytes = 1024;       // repo, commit, key, id
constexpr std::size_t kMaxTextBytes = 1 << 20;  // every other string
constexpr std::size_t kMaxReportData = 10;

// Two bytes that can never appear in UTF-8.
constexpr const char* kInvalidUtf8 = "\xff\xfe";

// A caller's errstr, big enough that a message the shim should have shortened is seen whole.
class Errstr {
 public:
  Errstr();
  char* data() { return text_; }
  std::size_t size() const { return sizeof text_; }
  std::string str() const { return text_; }

 private:
  char text_[8192];
};

// The statuses a refused call may return: one, or any_of() where the header leaves a choice.
struct Expected {
  Expected(cib_status status) : statuses{status} {}  // NOLINT: implicit by design
  std::vector<cib_status> statuses;
};
Expected any_of(cib_status a, cib_status b);

// Checks a refused call: its status is expected, and errstr reads "<function>: ...", names
// `field`, is valid UTF-8, and does not echo a long argument back.
void check_refused(cib_status got, const Expected& want, const Errstr& errstr, const char* function,
                   const char* field);
// Checks an accepted call: CIB_OK, and errstr emptied.
void check_accepted(cib_status got, const Errstr& errstr);

bool is_valid_utf8(const std::string& text);
std::string repeated(std::size_t bytes, char c = 'a');

// A status, a comment and a report (one datum, two annotations) that the shim accepts.
cib_build_status valid_status();
cib_comment valid_comment();

class ValidReport {
 public:
  ValidReport();
  ValidReport(const ValidReport&) = delete;  // the report points into this object
  ValidReport& operator=(const ValidReport&) = delete;

  cib_report report;
  cib_report_data data[kMaxReportData + 1];
  const cib_report_data* data_ptrs[kMaxReportData + 1];
  cib_annotation annotations[2];
  const cib_annotation* annotation_ptrs[2];
};

// A configuration that opens a client for Bitbucket Cloud at a loopback port nothing listens on,
// with every linger and the longest delay ten minutes and destroy giving up after 100 ms.
cibatch::Config quiet_config();

// A client of quiet_config(): posts are accepted and wait, so nothing is sent.
cibatch::Client quiet_client();

// One counter of cib_client_stats_json ("calls", "requests", ...); fails the test and returns -1
// when the JSON cannot be read or lacks it.
std::int64_t stat_counter(const cibatch::Client& client, const std::string& name);

}  // namespace cib::capi

// check_refused with the call's text as context, so a failure says which call it was.
#define CIB_CHECK_REFUSED(call, want, errstr, function, field)                 \
  do {                                                                         \
    BOOST_TEST_CONTEXT(#call) {                                                \
      ::cib::capi::check_refused((call), want, (errstr), (function), (field)); \
    }                                                                          \
  } while (0)
