#include "naive_github_requests.h"

#include <string>
#include <variant>

#include "providers/annotation_cap.h"
#include "providers/github/bodies.h"
#include "providers/github/check_run_content.h"
#include "providers/github/check_run_plan.h"
#include "providers/github/github_exchange.h"
#include "providers/github/targets.h"
#include "providers/json_answers.h"
#include "providers/report_note.h"

namespace cib::bench {
namespace {

using github::GithubExchange;

// The library's cap on the findings a GitHub report holds.
constexpr std::size_t kAnnotationsPerReport = 1000;

void post_comment(const std::string& repo, std::int64_t pr, const std::string& text,
                  GithubExchange& exchange) {
  exchange.send(github::github_request("POST", github::issue_comments_target(repo, pr),
                                       github::comment_body(text)));
}

// The requests of a new run: the library's plan for a run GitHub holds nothing of.
github::CheckRunPlan new_run_plan(const github::CheckRun& run) {
  github::CheckRunDigests digests;
  for (const github::CheckAnnotation& annotation : run.annotations) {
    digests.annotations.emplace_back(annotation.id, "");
  }
  return github::plan_check_run(digests, RemoteState{}, true);
}

void send_check_run(const SlotId& slot, const ReportContent& report, GithubExchange& exchange) {
  const github::CheckRun run = github::check_run_of(slot.key, report);
  std::string run_id;
  for (const github::CheckRunStep& step : new_run_plan(run)) {
    const bool create = step.kind == github::CheckRunStep::Kind::create;
    const std::string body = github::check_run_body(
        run, slot.commit, github::CheckRunRequest{create, step.completes, step.items});
    if (create) {
      const HttpRequest request =
          github::github_request("POST", github::check_runs_target(slot.repo), body);
      const HttpResponse response = exchange.send(request);
      try {
        run_id = read_host_comment(response.body).id;
      } catch (const std::exception& e) {
        throw unreadable_answer(request, response, e.what());
      }
    } else {
      exchange.send(
          github::github_request("PATCH", github::check_run_target(slot.repo, run_id), body));
    }
  }
}

}  // namespace

DeliveryOutcome send_naive_github(const NaiveCall& call, Sender& sender, bool check_runs) {
  HostExchange host(sender, error_message);
  // A plugin without cibatch reads nothing, so nothing is remembered between calls.
  github::EtagCache etags;
  GithubExchange exchange(host, etags);
  const SlotId& slot = call.slot;
  if (const auto* status = std::get_if<StatusContent>(&call.content)) {
    exchange.send(github::github_request("POST", github::status_target(slot.repo, slot.commit),
                                         github::status_body(slot.key, *status)));
  } else if (const auto* comment = std::get_if<CommentContent>(&call.content)) {
    post_comment(slot.repo, slot.pr, comment->body, exchange);
  } else {
    const ReportContent kept =
        cap_annotations(std::get<ReportContent>(call.content), kAnnotationsPerReport);
    if (check_runs) {
      send_check_run(slot, kept, exchange);
    } else {
      post_comment(slot.repo, call.thread, render_report_note(slot.key, kept), exchange);
    }
  }
  return host.outcome();
}

}  // namespace cib::bench
