// Hosts that show a report as a keyed comment on its commit's pull request: GitLab (a merge
// request note, key report-<id>) and GitHub without an App (an issue comment). A status, a
// comment and a report are one request each (create, then update). Cold start: one read of
// the commit's pull requests per commit with a report, and one listing per PR, shared by the
// PR's comments and report comments. A plugin without cibatch posts one note per call.
#include "host_shapes.h"
#include "report_diff.h"

namespace cib::bench {
namespace {

class CommentReportShapes final : public HostShapes {
 public:
  explicit CommentReportShapes(ReportThreads threads) : threads_(std::move(threads)) {}

  std::int64_t request_cost(const SlotContent* before, const SlotContent& after) const override {
    return single_request_cost(before, after);
  }

  std::vector<Lookup> cold_lookups(const SlotContent& content) const override {
    if (const auto* report = std::get_if<trace::ReportOp>(&content)) {
      return {commit_pull_requests(report->repo, report->commit),
              thread_listing(report->repo, report_thread(threads_, report->repo, report->commit))};
    }
    if (const auto* comment = std::get_if<trace::CommentOp>(&content)) {
      return {thread_listing(comment->repo, comment->pr)};
    }
    return {};
  }

  std::int64_t naive_cost(const SlotContent& /*call*/) const override { return 1; }
  std::int64_t naive_sonar_cost(const trace::ReportOp& /*report*/) const override { return 1; }

 private:
  ReportThreads threads_;
};

}  // namespace

std::unique_ptr<HostShapes> make_gitlab_shapes(const ReportThreads& threads) {
  return std::make_unique<CommentReportShapes>(threads);
}

std::unique_ptr<HostShapes> make_github_comment_shapes(const ReportThreads& threads) {
  return std::make_unique<CommentReportShapes>(threads);
}

}  // namespace cib::bench
