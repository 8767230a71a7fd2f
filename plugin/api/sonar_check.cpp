#include "api/sonar_check.h"

#include <set>
#include <string>

#include "api/guard.h"
#include "api/payload_check.h"
#include "sonar/sarif_reader.h"
#include "sonar/sonar_analysis.h"
#include "sonar/sonar_error.h"
#include "sonar/sonar_limits.h"
#include "sonar_pull/report_task.h"

namespace cib::api {
namespace {

constexpr std::size_t kMaxReportData = 10;  // cib_report's data_count bound
constexpr const char* kDefaultId = "sonar";

[[noreturn]] void fail(const std::string& field, const std::string& what) {
  throw CallError(CIB_ERR_INVALID_ARGUMENT, field + ": " + what);
}

bool given(const char* text) {
  return text != nullptr && text[0] != '\0';
}

// Exactly one form: answers (pages, gate or measures) or one SARIF document.
bool sarif_form(const cib_sonar* s) {
  const bool answers =
      s->issue_page_count > 0 || s->issue_pages != nullptr || given(s->gate) || given(s->measures);
  const bool sarif = given(s->sarif);
  if (answers && sarif) {
    fail("sonar->issue_pages, sonar->sarif",
         "both forms given; pass either the Web API answers (issue_pages, gate, measures) or "
         "one SARIF document");
  }
  if (!answers && !sarif) {
    fail("sonar->issue_pages, sonar->sarif",
         "no analysis given; pass the Web API answers (issue_pages, gate, measures) or one "
         "SARIF document");
  }
  return sarif;
}

std::string input_text(const std::string& field, const char* value) {
  return checked_text(field.c_str(), value, true, sonar::kMaxInputBytes);
}

sonar::SonarAnswers answers_of(const cib_sonar* s) {
  if (s->issue_page_count > 0 && s->issue_pages == nullptr) {
    fail("sonar->issue_pages", "is NULL but issue_page_count > 0");
  }
  if (s->issue_page_count > sonar::kMaxIssuePages) {
    fail("sonar->issue_page_count",
         "more than " + std::to_string(sonar::kMaxIssuePages) + " issue pages");
  }
  sonar::SonarAnswers answers;
  for (std::size_t i = 0; i < s->issue_page_count; ++i) {
    const std::string field = "sonar->issue_pages[" + std::to_string(i) + "]";
    if (s->issue_pages[i] == nullptr) fail(field, "is NULL");
    answers.issue_pages.push_back(input_text(field, s->issue_pages[i]));
  }
  if (given(s->gate)) answers.gate = input_text("sonar->gate", s->gate);
  if (given(s->measures)) answers.measures = input_text("sonar->measures", s->measures);
  answers.server_url = checked_text("sonar->server_url", s->server_url, false, kMaxIdBytes * 4);
  answers.dashboard_url =
      checked_text("sonar->dashboard_url", s->dashboard_url, false, kMaxIdBytes * 4);
  answers.max_data_fields = kMaxReportData;
  return answers;
}

Update report_update_of(const Update& base, std::string id, ReportContent content) {
  Update u = base;
  u.id.key = std::move(id);
  u.content = std::move(content);
  return u;
}

// One update per run: the tool's id, the caller's id, or "<id>-<run>" where they would clash.
std::vector<Update> sarif_updates(const cib_sonar* s, const Update& base, const std::string& id) {
  const std::string text = input_text("sonar->sarif", s->sarif);
  std::vector<sonar::SarifReport> runs = sonar::read_sarif(text);
  if (runs.empty()) fail("sarif: runs", "holds no run, so there is no report to post");
  std::multiset<std::string> tools;
  for (const sonar::SarifReport& run : runs) tools.insert(run.report_id);
  std::vector<Update> updates;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const std::string prefix = id.empty() ? runs[i].report_id : id;
    const bool numbered = id.empty() ? tools.count(runs[i].report_id) > 1 : runs.size() > 1;
    std::string key = numbered ? prefix + "-" + std::to_string(i + 1) : prefix;
    sonar::SarifReport& run = runs[i];
    run.content.link =
        checked_text("sonar->dashboard_url", s->dashboard_url, false, kMaxIdBytes * 4);
    updates.push_back(report_update_of(base, std::move(key), std::move(run.content)));
  }
  return updates;
}

}  // namespace

std::vector<Update> sonar_updates(const cib_sonar* s, std::uint64_t tag, std::uint32_t flags) {
  require_pointer("sonar", s);
  check_version("sonar", s->version, CIB_SONAR_VERSION);
  Update base;
  base.force = checked_flags(flags);
  base.tag = tag;
  base.id.kind = SlotKind::report;
  base.id.repo = checked_repo("sonar->repo", s->repo);
  base.id.commit = checked_commit("sonar->commit", s->commit);
  if (s->pr < 0) fail("sonar->pr", "expected 0 (none) or a pull request number > 0");
  const std::string id = given(s->id) ? checked_segment_id("sonar->id", s->id) : "";
  const bool sarif = sarif_form(s);
  try {
    if (sarif) return sarif_updates(s, base, id);
    ReportContent content = sonar::read_sonar_analysis(answers_of(s));
    return {report_update_of(base, id.empty() ? kDefaultId : id, std::move(content))};
  } catch (const sonar::SonarError& e) {
    throw CallError(CIB_ERR_INVALID_ARGUMENT, e.what());
  }
}

SonarTaskPost sonar_task_post(const char* repo, const char* commit, std::int64_t pr,
                              const char* report_task_path, std::uint64_t tag,
                              std::uint32_t flags) {
  SonarTaskPost post;
  post.base.force = checked_flags(flags);
  post.base.tag = tag;
  post.base.id.kind = SlotKind::report;
  post.base.id.repo = checked_repo("repo", repo);
  post.base.id.commit = checked_commit("commit", commit);
  post.base.id.key = kDefaultId;
  if (pr < 0) fail("pr", "expected 0 (none) or a pull request number > 0");
  post.pr = pr;
  const std::string path = checked_text("report_task_path", report_task_path, true, 4096);
  try {
    post.task = sonar::read_report_task(path);
  } catch (const sonar::SonarError& e) {
    throw CallError(CIB_ERR_INVALID_ARGUMENT, e.what());
  }
  return post;
}

}  // namespace cib::api
