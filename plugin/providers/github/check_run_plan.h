// Which requests bring a report's check run from what RemoteState says GitHub holds to the
// desired run. GitHub takes at most 50 annotations a request and only ever appends them: a run
// whose findings only grew is PATCHed with the new ones; one whose findings changed or went is
// replaced by a new run of the same name (GitHub shows the newest run of a name). Pure: the
// provider executes the steps in order and updates RemoteState after each, so a delivery cut
// short resumes with the annotations not yet sent.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "model/remote_state.h"

namespace cib::github {

constexpr std::size_t kAnnotationsPerRequest = 50;

// The desired run reduced to digests: its fields as sent, and each annotation (in the order it
// is sent) as (finding id, digest of the annotation as sent).
struct CheckRunDigests {
  std::string run;
  std::vector<std::pair<std::string, std::string>> annotations;
};

struct CheckRunStep {
  enum class Kind {
    create,  // POST .../check-runs
    update,  // PATCH .../check-runs/{id} (the run RemoteState names)
  };
  Kind kind = Kind::create;
  std::vector<std::size_t> items;  // indices into CheckRunDigests::annotations
  bool completes = false;          // carries status completed and the conclusion

  bool operator==(const CheckRunStep& o) const {
    return kind == o.kind && items == o.items && completes == o.completes;
  }
};

using CheckRunPlan = std::vector<CheckRunStep>;

// RemoteState: remote_id the run's id, annotations what it holds (id -> digest), report_known
// and report_digest the fields of a completed run. Empty when the run holds the desired state.
// `force` starts a new run.
CheckRunPlan plan_check_run(const CheckRunDigests& desired, const RemoteState& remote, bool force);

}  // namespace cib::github
