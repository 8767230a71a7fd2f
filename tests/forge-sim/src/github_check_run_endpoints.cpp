// GitHub check runs and their annotations. The newest check run of a name on a commit is also
// kept as a report in the shared ReportStore (keyed by its external_id, else its name), so
// /_sim/state shows it as a Bitbucket-shaped report.
#include <Poco/JSON/Array.h>

#include <map>

#include "endpoints.h"
#include "github_endpoints.h"
#include "resource_values.h"

namespace cib::sim {
namespace {

Poco::Dynamic::Var nullable(const std::string& text) {
  return text.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(text);
}

Poco::JSON::Object::Ptr render_run(const GithubCall& call, const CheckRun& run) {
  const std::string url =
      github_api_url(call) + "/repos/" + run.repo + "/check-runs/" + std::to_string(run.id);
  Poco::JSON::Object::Ptr output = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  output->set("title", nullable(run.title));
  output->set("summary", nullable(run.summary));
  output->set("text", nullable(run.text));
  output->set("annotations_count", static_cast<long>(run.annotations.size()));
  output->set("annotations_url", url + "/annotations");
  Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  out->set("id", run.id);
  out->set("head_sha", run.head_sha);
  out->set("node_id", "CR_" + std::to_string(run.id));
  out->set("external_id", run.external_id);
  out->set("url", url);
  out->set("html_url", "https://github.example/" + run.repo + "/runs/" + std::to_string(run.id));
  out->set("details_url", nullable(run.details_url));
  out->set("status", run.status);
  out->set("conclusion", nullable(run.conclusion));
  out->set("started_at", run.started_at);
  out->set("completed_at", nullable(run.completed_at));
  out->set("output", output);
  out->set("name", run.name);
  out->set("pull_requests", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
  return out;
}

std::string report_key(const CheckRun& run) {
  return run.external_id.empty() ? run.name : run.external_id;
}

std::string result_of(const CheckRun& run) {
  if (run.conclusion == "success") return "PASSED";
  if (run.conclusion == "failure") return "FAILED";
  return "PENDING";  // neutral, in progress and GitHub's other conclusions
}

// A check run's annotation as the report's, keyed by its title (else its 1-based position).
// GitHub keeps an annotation sent twice twice, so the second copy is keyed "TITLE#2": a client
// that appends what the run already holds shows as more annotations than it meant.
Poco::JSON::Object::Ptr mirrored_annotation(const Poco::JSON::Object::Ptr& held, std::size_t index,
                                            std::map<std::string, int>& seen) {
  auto key = string_field(held, "title", std::to_string(index + 1));
  const int copy = ++seen[key];
  if (copy > 1) key += "#" + std::to_string(copy);
  Poco::JSON::Object::Ptr annotation = new Poco::JSON::Object;
  annotation->set("external_id", key);
  annotation->set("summary", string_field(held, "message"));
  annotation->set("path", string_field(held, "path"));
  annotation->set("line", held->optValue<long>("start_line", 0));
  annotation->set("host_level", string_field(held, "annotation_level"));
  return annotation;
}

void put_report(ReportStore& reports, const CheckRun& run) {
  const auto key = report_key(run);
  reports.delete_report(run.repo, run.head_sha, key);
  Poco::JSON::Object::Ptr fields = new Poco::JSON::Object;
  fields->set("title", run.title.empty() ? run.name : run.title);
  fields->set("details", run.summary);
  fields->set("result", result_of(run));
  fields->set("link", run.details_url);
  fields->set("check_run_id", run.id);
  fields->set("host_status", run.status);
  fields->set("host_conclusion", run.conclusion);
  reports.put_report(run.repo, run.head_sha, key, fields);
  const auto count = run.annotations.size();
  std::map<std::string, int> seen;
  for (std::size_t first = 0; first < count; first += kMaxAnnotationsPerRequest) {
    Poco::JSON::Array::Ptr batch = new Poco::JSON::Array;
    for (std::size_t i = first; i < count && i < first + kMaxAnnotationsPerRequest; ++i) {
      batch->add(mirrored_annotation(run.annotations[i], i, seen));
    }
    reports.upsert_annotations(run.repo, run.head_sha, key, batch);
  }
}

// The newest run of `changed`'s name on its commit is the report; older ones are not.
void mirror_report(ReportStore& reports, const CheckRunStore& runs, const CheckRun& changed) {
  const auto all = runs.of_commit(changed.repo, changed.head_sha);
  const CheckRun* newest = nullptr;
  for (const auto& run : all) {
    if (run.name != changed.name) continue;
    if (newest) reports.delete_report(run.repo, run.head_sha, report_key(*newest));
    newest = &run;
  }
  if (newest) put_report(reports, *newest);
}

Answer list_annotations(const GithubCall& call, const CheckRun& run) {
  std::vector<Poco::JSON::Object::Ptr> all;
  for (const auto& held : run.annotations) {
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const char* field : {"path", "start_line", "end_line", "start_column", "end_column",
                              "annotation_level", "title", "message", "raw_details"}) {
      out->set(field, held->has(field) ? held->get(field) : Poco::Dynamic::Var());
    }
    out->set("blob_href", "https://github.example/" + run.repo + "/blob/" + run.head_sha + "/" +
                              string_field(held, "path"));
    all.push_back(out);
  }
  return github_paged(call, all);
}

Answer commit_check_runs(const GithubCall& call, const CheckRunStore& runs) {
  const auto all = runs.of_commit(call.route.repo, call.route.ref);
  Poco::JSON::Array::Ptr rendered = new Poco::JSON::Array;
  for (auto run = all.rbegin(); run != all.rend(); ++run) rendered->add(render_run(call, *run));
  Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  out->set("total_count", static_cast<long>(all.size()));
  out->set("check_runs", rendered);
  return json_answer(200, out);
}

Answer refused(const std::string& message) {
  auto answer = github_error(422, message);
  answer.counts_invalid = false;
  return answer;
}

Answer serve_run(const GithubCall& call, CheckRunStore& runs, ReportStore& reports) {
  long id = 0;
  if (!parse_positive_id(call.route.id, id)) return github_error(404, "Not Found");
  const auto run = runs.get(call.route.repo, id);
  if (!run) return github_error(404, "Not Found");
  if (call.route.endpoint == GithubEndpoint::kCheckRunAnnotations) {
    return call.method == "GET" ? list_annotations(call, *run) : github_error(404, "Not Found");
  }
  if (call.method == "GET") return json_answer(200, render_run(call, *run));
  if (call.method != "PATCH") return github_error(404, "Not Found");
  const auto body = object_of(call.body);
  const auto refusal = check_run_refusal(body, &*run);
  if (!refusal.empty()) return refused(refusal);
  const auto updated = runs.update(call.route.repo, id, body);
  mirror_report(reports, runs, *updated);
  return json_answer(200, render_run(call, *updated));
}

}  // namespace

Answer serve_github_check_runs(const GithubCall& call, CheckRunStore& runs, ReportStore& reports) {
  switch (call.route.endpoint) {
    case GithubEndpoint::kCheckRunCreate: {
      if (call.method != "POST") return github_error(404, "Not Found");
      const auto body = object_of(call.body);
      const auto refusal = check_run_refusal(body, nullptr);
      if (!refusal.empty()) return refused(refusal);
      const auto run = runs.create(call.route.repo, body);
      mirror_report(reports, runs, run);
      return json_answer(201, render_run(call, run));
    }
    case GithubEndpoint::kCommitCheckRuns:
      if (call.method != "GET") return github_error(404, "Not Found");
      return commit_check_runs(call, runs);
    default:
      return serve_run(call, runs, reports);
  }
}

}  // namespace cib::sim
