#include "providers/github/check_run_sync.h"

#include "providers/github/bodies.h"
#include "providers/github/check_run_content.h"
#include "providers/github/check_run_plan.h"
#include "providers/github/targets.h"
#include "providers/json_answers.h"

namespace cib::github {

namespace {

CheckRunDigests digests_of(const CheckRun& run) {
  CheckRunDigests digests;
  digests.run = run_digest(run);
  for (const CheckAnnotation& annotation : run.annotations) {
    digests.annotations.emplace_back(annotation.id, annotation_digest(annotation));
  }
  return digests;
}

void forget_run(RemoteState& remote) {
  remote.remote_id.clear();
  remote.annotations.clear();
  remote.report_known = false;
  remote.report_digest.clear();
}

// Sends one step; false when the run to update is gone. RemoteState names the run and what it
// holds once the host took the request.
bool send_step(const SlotId& slot, const CheckRun& run, const CheckRunDigests& digests,
               const CheckRunStep& step, RemoteState& remote, GithubExchange& exchange) {
  const bool create = step.kind == CheckRunStep::Kind::create;
  const std::string body =
      check_run_body(run, slot.commit, CheckRunRequest{create, step.completes, step.items});
  if (create) {
    // A new run starts empty; an answer lost on the way leaves at most an extra run, which the
    // next one of the same name hides.
    forget_run(remote);
    const HttpRequest request = github_request("POST", check_runs_target(slot.repo), body);
    const HttpResponse response = exchange.send(request);
    try {
      remote.remote_id = read_host_comment(response.body).id;
    } catch (const std::exception& e) {
      throw unreadable_answer(request, response, e.what());
    }
  } else {
    // Until the completing request is answered the fields are not known to be held.
    remote.report_known = false;
    const HttpRequest request =
        github_request("PATCH", check_run_target(slot.repo, remote.remote_id), body);
    if (exchange.send(request, true).status == 404) return false;
  }
  for (const std::size_t i : step.items) {
    remote.annotations[digests.annotations[i].first] = digests.annotations[i].second;
  }
  if (step.completes) {
    remote.report_known = true;
    remote.report_digest = digests.run;
  }
  return true;
}

// Executes a fresh plan; false when a run to update turned out to be gone.
bool run_plan(const SlotId& slot, const CheckRun& run, const CheckRunDigests& digests, bool force,
              RemoteState& remote, GithubExchange& exchange) {
  for (const CheckRunStep& step : plan_check_run(digests, remote, force)) {
    if (!send_step(slot, run, digests, step, remote, exchange)) return false;
  }
  return true;
}

}  // namespace

void sync_check_run(const SlotId& slot, const ReportContent& report, bool force,
                    RemoteState& remote, GithubExchange& exchange) {
  const CheckRun run = check_run_of(slot.key, report);
  const CheckRunDigests digests = digests_of(run);
  if (!run_plan(slot, run, digests, force, remote, exchange)) {
    forget_run(remote);
    if (!run_plan(slot, run, digests, false, remote, exchange)) {
      throw HostError(404, "PATCH " + check_runs_target(slot.repo) +
                               ": the check run just created is gone (404)");
    }
  }
  remote.host_known = true;
}

}  // namespace cib::github
