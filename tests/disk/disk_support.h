// What the disk tests share: the YAML of a client with a spool, posting a comment through the C
// ABI with its status and message, and a ledger of what the library accepted, checked against
// what the simulator holds at the end.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cibatch.h"
#include "forge_sim.h"
#include "recording_client.h"
#include "sim_state.h"

namespace cib::test {

inline const long kPr = 7;

// A client of `sim` with its spool (and its budget file, beside it) at `spool_path`; only a
// flush sends. `more` is added to the spool mapping (", max_mb: 1").
std::string disk_client_yaml(const ForgeSim& sim, const std::string& spool_path,
                             const std::string& sync = "batch", const std::string& more = "");

// One call's outcome: its status and the library's message.
struct Outcome {
  cib_status status = CIB_OK;
  std::string message;
  bool ok() const { return status == CIB_OK; }
};

// Runs one call of the wrapper; a refusal (cibatch::Error) becomes its status and message.
Outcome attempt(const std::function<void()>& call);

// What the library accepted: the newest body of each key. Everything in it must reach the host.
class Ledger {
 public:
  // Posts comment `key` with `body` on PR kPr, and records it when it was accepted.
  Outcome post(RecordingClient& session, const std::string& key, const std::string& body);
  int accepted() const { return accepted_; }
  // What the simulator lacks of it, one line per slot; empty when it holds everything.
  std::vector<std::string> missing(const ForgeSim& sim) const;

 private:
  DesiredState want_;
  int accepted_ = 0;
};

// Flushes everything (30 s at most) and checks that the host holds all `ledger` accepted and
// that no delivery report said FAILED.
void expect_all_delivered(RecordingClient& session, const ForgeSim& sim, const Ledger& ledger);

// Makes a spool at `spool` with one delivered comment in it, by a client closed again.
void make_spool(const ForgeSim& sim, const std::string& spool);

// True when `text` holds every one of `parts`; the test's message shows the text.
bool names_all(const std::string& text, std::initializer_list<std::string> parts);

}  // namespace cib::test
