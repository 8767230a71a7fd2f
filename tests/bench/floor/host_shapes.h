// The request shapes of one code host, as the floor model sees them: what a content costs once
// the debounce has decided it must be seen, which reads a process with an empty spool makes
// before a slot's first write, and what a plugin without cibatch sends for the same call. One
// file per host (cloud_shapes.cpp, dc_shapes.cpp, github_shapes.cpp, gitlab_shapes.cpp); the
// debounce model (debounce_model.h) knows none of them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "floor_types.h"
#include "report_threads.h"

namespace cib::bench {

// A read a cold process makes once: `what` names it (a PR's comment listing, a commit's pull
// requests, a report), so a read another slot already made costs nothing again.
struct Lookup {
  std::string what;
  std::int64_t requests = 1;
};

class HostShapes {
 public:
  virtual ~HostShapes() = default;

  // Requests that turn the host's copy from `before` (nullptr: nothing delivered yet) into
  // `after`; 0 when they are equal.
  virtual std::int64_t request_cost(const SlotContent* before, const SlotContent& after) const = 0;

  // The reads before the first write of the slot `content` belongs to, on a host that holds
  // nothing yet.
  virtual std::vector<Lookup> cold_lookups(const SlotContent& content) const = 0;

  // Requests a plugin without cibatch sends for one call, and for one report of a Sonar
  // analysis (today's Sonar plugins re-create it whatever changed).
  virtual std::int64_t naive_cost(const SlotContent& call) const = 0;
  virtual std::int64_t naive_sonar_cost(const trace::ReportOp& report) const = 0;
};

// The hosts trace-floor knows, in the order scripts/bench prints them.
inline const std::vector<std::string>& host_kinds() {
  static const std::vector<std::string> kinds{"bitbucket-cloud", "bitbucket-dc", "github",
                                              "gitlab"};
  return kinds;
}

// The shapes of settings.host; `threads` says on which PR a report that becomes a comment
// lands. std::invalid_argument for a host it does not know.
std::unique_ptr<HostShapes> make_host_shapes(const FloorSettings& settings,
                                             const ReportThreads& threads);

std::unique_ptr<HostShapes> make_cloud_shapes();
std::unique_ptr<HostShapes> make_dc_shapes();
std::unique_ptr<HostShapes> make_github_check_shapes();
// GitHub without an App (or github.reports: comment), and GitLab: a report is a keyed comment
// on the pull request of its commit, found with one read per commit.
std::unique_ptr<HostShapes> make_github_comment_shapes(const ReportThreads& threads);
std::unique_ptr<HostShapes> make_gitlab_shapes(const ReportThreads& threads);

}  // namespace cib::bench
