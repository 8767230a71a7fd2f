// Faults injected on a schedule of API request numbers.
//
// SPEC is a comma list of: 503@N, 503xK@N (K answers 503 from the Nth on), 429@N, 409@N
// (GitLab's "another update in progress"), CODE@N and CODExK@N for any other 4xx or 5xx (the
// host's error JSON, "Injected CODE", not applied), 429-bare@N (no Retry-After), 429-date@N
// (Retry-After as an HTTP date 2 s ahead), cut-body@N (applied; the status line, headers and
// half the body, then the connection is reset), truncated@N (applied; a complete answer whose
// body is cut in half), not-json@N (applied; an HTML page instead of JSON), wrong-shape@N
// (applied; a JSON array of numbers where the endpoint answers its object or list),
// drop-before@N, drop-after@N, slow=MS@N, echo-auth@N, echo-auth-text@N (request N answers 400
// with a body that quotes its Authorization header, as JSON error or as plain text: a careless
// host or proxy), random:P:SEED (each request, with probability P,
// gets one of 503 / drop-before / drop-after, chosen from SEED and the request number, so a
// run is reproducible whatever the thread interleaving). N counts API requests from 1, starting
// when the plan is installed (at start-up, POST /_sim/faults or POST /_sim/reset).
#pragma once

#include <map>
#include <mutex>
#include <string>

namespace cib::sim {

enum class FaultKind {
  kNone,
  kUnavailable,
  kTooManyRequests,
  kConflict,
  kDropBefore,
  kDropAfter,
  kSlow,
  kEchoAuth,
  kEchoAuthText,
  kStatus,  // `status`: the host's error answer with that code
  kTooManyBare,
  kTooManyDate,
  kCutBody,
  kTruncated,
  kNotJson,
  kWrongShape
};

struct Fault {
  FaultKind kind = FaultKind::kNone;
  int slow_ms = 0;
  int status = 0;  // kStatus only

  // True when the fault replaces the answer and the request is not applied.
  bool replaces_answer() const;
  // True when the request is applied and the answer then spoilt (cut, truncated, not JSON).
  bool spoils_answer() const;

  // The name written to the request log ("503", "drop-after", "slow=200"); empty for none.
  std::string name() const;
};

class FaultPlan {
 public:
  // Throws std::invalid_argument naming the bad item.
  static FaultPlan parse(const std::string& spec);

  // The fault for the `number`th request (1-based) since the plan was installed.
  Fault fault_for(long number) const;

 private:
  std::map<long, Fault> scheduled_;
  double random_probability_ = 0.0;
  unsigned long long random_seed_ = 0;
};

}  // namespace cib::sim

namespace cib::sim {

// The installed plan and the request number it counts from; safe to use from many threads.
class FaultSchedule {
 public:
  // `base_seq`: the number of API requests seen before the plan takes effect.
  void install(FaultPlan plan, long base_seq);

  // Keeps the plan, counting from `base_seq` again.
  void rebase(long base_seq);

  Fault fault_for_seq(long seq) const;

 private:
  mutable std::mutex mutex_;
  FaultPlan plan_;
  long base_seq_ = 0;
};

}  // namespace cib::sim
