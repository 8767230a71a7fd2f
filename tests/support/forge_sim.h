// Runs tests/forge-sim (the host simulator) as a child process for one test, and
// reads what it saw through its /_sim/ endpoints. The destructor stops it (SIGTERM, SIGKILL
// after 5 s), so a failing test leaves no process behind.
#pragma once

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "child_process.h"

namespace cib::test {

struct ForgeSimOptions {
  std::string host;  // the host it plays: "gitlab", or empty for Bitbucket Cloud
  bool tls = false;
  std::string cert_file;  // with tls: the server certificate (PEM)
  std::string key_file;   // with tls: its key
  std::string ca_file;    // with tls: verify the simulator with this CA in the control
                          // calls; empty: do not verify them
  int rate_limit = 0;     // requests per window and identity; 0: unlimited
  int rate_window_s = 3600;
  bool retry_after = true;    // false: 429 answers carry no Retry-After
  std::string report_put;     // "keep" or "drop" (a re-PUT report's annotations); empty: drop
  std::string faults;         // a fault SPEC, see tests/forge-sim/README.md
  std::string require_token;  // when set, the only credential the simulator accepts
  std::string log_file;       // JSONL request log file; empty: none (requests() still works)
  std::string state_out;      // final state written here on exit; empty: none
  std::vector<std::string> extra_args;
};

class ForgeSim {
 public:
  // Starts the simulator and waits (at most 10 s) until it listens. Throws std::runtime_error.
  explicit ForgeSim(ForgeSimOptions options = {});
  ~ForgeSim();

  ForgeSim(const ForgeSim&) = delete;
  ForgeSim& operator=(const ForgeSim&) = delete;

  std::uint16_t port() const { return port_; }
  // "http://127.0.0.1:PORT" or "https://…"
  std::string origin() const;
  // What cibatch's host.api_url is set to: origin() + "/2.0" for Bitbucket Cloud, + "/api/v4"
  // for GitLab, origin() itself for Data Center and GitHub.
  std::string api_url() const;

  // GET /_sim/state: {"statuses":{…},"comments":{…},"reports":{…}}
  Poco::JSON::Object::Ptr state() const;
  // GET /_sim/requests: one object per API request, in the order they were logged.
  std::vector<Poco::JSON::Object::Ptr> requests() const;
  // GET /_sim/stats: {"requests","by_status","rate_limited","invalid","dropped"}
  Poco::JSON::Object::Ptr stats() const;
  // POST /_sim/faults: replaces the fault plan; its numbers count from the next request.
  void set_faults(const std::string& spec);
  // POST /_sim/reset: forgets state, log and counters.
  void reset();

  // Stops the simulator as SIGTERM does (it writes state_out) and returns its wait status.
  int stop();

  // The control calls' raw HTTP exchange, for tests of the control endpoints themselves.
  // `authorization`, when not empty, is sent as the Authorization header (for API calls a test
  // makes as a person would, e.g. deleting a comment).
  std::string control(const std::string& method, const std::string& path,
                      const std::string& body = "", const std::string& authorization = "") const;

 private:
  ForgeSimOptions options_;
  std::unique_ptr<ChildProcess> child_;
  std::uint16_t port_ = 0;
};

}  // namespace cib::test
