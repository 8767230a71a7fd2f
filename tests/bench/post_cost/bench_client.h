// What the benchmark programs share: a client opened through the C ABI alone (held by
// cibatch.hpp), from a list of configuration keys, with the sentence the library gave when it
// refused one.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "cibatch.hpp"

namespace cib::bench {

// Every linger and delay at its maximum: nothing falls due while a benchmark runs, so the
// dispatcher sleeps instead of delivering.
constexpr const char* kMaxLingerMs = "3600000";
constexpr const char* kMaxDelayMs = "86400000";

using Settings = std::vector<std::pair<std::string, std::string>>;

// The result of open_client: a client, or why there is none.
struct OpenedClient {
  cibatch::Client client{nullptr};
  std::string error;    // empty when client is set
  std::string skipped;  // the tolerated key that this library did not know, when it did not
};

// A Bitbucket Cloud client at api_url whose lingers and delays are at their maximum and whose
// destroy gives up at once, plus `extra` applied after them (so it may override them).
Settings quiet_settings(const std::string& api_url, const Settings& extra);

// Applies settings in order to a new configuration and opens a client. A key this library does
// not know (a benchmark run against an older build) is reported by name, unless it is
// `tolerated`: that one is skipped and named in `skipped`.
OpenedClient open_client(const Settings& settings, const std::string& tolerated = "");

// "CIB_ERR_...: message" for a failed call.
std::string describe_failure(const cibatch::Error& error);

}  // namespace cib::bench
