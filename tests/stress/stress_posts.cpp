#include "stress_posts.h"

#include <cstdio>

namespace cib::test {
namespace {

constexpr int kVersions = 3;  // of each status and comment
constexpr const char* kStatusKeys[] = {"build", "lint"};

std::string commit_of(int round, int thread) {
  char text[41];
  std::snprintf(text, sizeof text, "%040x", round * 1000 + thread + 1);
  return text;
}

bool has_report(int thread) {
  return thread % 4 == 0;
}
std::int64_t pr_of(int thread) {
  return 1 + thread % 8;
}
std::string comment_key(int round, int thread) {
  return "r" + std::to_string(round) + "-t" + std::to_string(thread);
}
std::string comment_body(int round, int thread, int version) {
  return "round " + std::to_string(round) + " thread " + std::to_string(thread) + " version " +
         std::to_string(version);
}
// The newest status alternates between the two terminal states, so a stale one shows.
cib_state final_state(int thread, int key) {
  return (thread + key) % 2 == 0 ? CIB_STATE_SUCCESSFUL : CIB_STATE_FAILED;
}
cib_report_result final_result(int thread) {
  return thread % 8 == 0 ? CIB_RESULT_PASSED : CIB_RESULT_FAILED;
}
std::string annotation_summary(int version, int i) {
  return "version " + std::to_string(version) + " finding " + std::to_string(i);
}

// A post is accepted, or refused only as the header allows while the client is open: a full
// queue, which the test does not expect to reach but then waits out.
template <typename Post>
void post_checked(CallChecks& checks, const char* call, Post post) {
  cib_status got = post();
  while (got == CIB_ERR_QUEUE_FULL) {
    got = post();
  }
  checks.expect(call, got, {CIB_OK});
}

void post_status(cib_client* client, const std::string& commit, int key, cib_state state,
                 const std::string& description, std::uint64_t tag, CallChecks& checks) {
  cib_build_status status = CIB_BUILD_STATUS_INIT;
  status.repo = stress_repo().c_str();
  status.commit = commit.c_str();
  status.key = kStatusKeys[key];
  status.state = state;
  status.description = description.c_str();
  post_checked(checks, "cib_client_post_status",
               [&] { return cib_client_post_status(client, &status, tag, 0, nullptr, 0); });
}

void post_report(cib_client* client, const std::string& commit, int version, int thread,
                 std::uint64_t tag, CallChecks& checks) {
  const int count = version + 1;  // 2, then 3 annotations
  std::string ids[3], summaries[3];
  cib_annotation annotations[3];
  const cib_annotation* pointers[3];
  for (int i = 0; i < count; ++i) {
    ids[i] = "finding-" + std::to_string(i);
    summaries[i] = annotation_summary(version, i);
    annotations[i] = CIB_ANNOTATION_INIT;
    annotations[i].id = ids[i].c_str();
    annotations[i].path = "src/main.c";
    annotations[i].line = i + 1;
    annotations[i].summary = summaries[i].c_str();
    pointers[i] = &annotations[i];
  }
  cib_report report = CIB_REPORT_INIT;
  report.repo = stress_repo().c_str();
  report.commit = commit.c_str();
  report.id = "stress";
  report.title = "Stress";
  report.result = version == 2 ? final_result(thread) : CIB_RESULT_PENDING;
  report.annotations = pointers;
  report.annotation_count = static_cast<std::size_t>(count);
  post_checked(checks, "cib_client_post_report",
               [&] { return cib_client_post_report(client, &report, tag, 0, nullptr, 0); });
}

}  // namespace

const std::string& stress_repo() {
  static const std::string repo = "acme/stress";
  return repo;
}

void post_updates(cib_client* client, int round, int thread, CallChecks& checks) {
  const std::string commit = commit_of(round, thread);
  const std::string key = comment_key(round, thread);
  const std::uint64_t tag = static_cast<std::uint64_t>(thread) + 1;
  for (int version = 1; version <= kVersions; ++version) {
    for (int k = 0; k < 2; ++k) {
      const cib_state state = version == kVersions ? final_state(thread, k) : CIB_STATE_INPROGRESS;
      post_status(client, commit, k, state, "version " + std::to_string(version), tag, checks);
    }
    const std::string body = comment_body(round, thread, version);
    cib_comment comment = CIB_COMMENT_INIT;
    comment.repo = stress_repo().c_str();
    comment.pr = pr_of(thread);
    comment.key = key.c_str();
    comment.body = body.c_str();
    post_checked(checks, "cib_client_post_comment",
                 [&] { return cib_client_post_comment(client, &comment, tag, 0, nullptr, 0); });
    if (has_report(thread) && version >= 2)
      post_report(client, commit, version - 1, thread, tag, checks);
  }
}

void add_wanted(DesiredState& want, int round, int thread) {
  const std::string commit = commit_of(round, thread);
  const std::string& repo = stress_repo();
  for (int k = 0; k < 2; ++k) {
    want.statuses[repo + "|" + commit + "|" + kStatusKeys[k]] =
        final_state(thread, k) == CIB_STATE_SUCCESSFUL ? "SUCCESSFUL" : "FAILED";
  }
  want.comments[repo + "|" + std::to_string(pr_of(thread)) + "|" + comment_key(round, thread)] =
      comment_body(round, thread, kVersions);
  if (!has_report(thread)) return;
  const std::string slot = repo + "|" + commit + "|stress";
  want.report_results[slot] = final_result(thread) == CIB_RESULT_PASSED ? "PASSED" : "FAILED";
  auto& annotations = want.report_annotations[slot];
  for (int i = 0; i < 3; ++i)
    annotations["finding-" + std::to_string(i)] = annotation_summary(2, i);
}

}  // namespace cib::test
