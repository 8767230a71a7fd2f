// cibatch sonar: post a SonarQube analysis (the files its Web API answered, or a SARIF file)
// through cib_client_post_sonar, flush it, and say how it ended.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "commands.h"
#include "post_support.h"

namespace cib::cli {
namespace {

constexpr const char* kSonarUsage =
    "usage: cibatch sonar --config FILE --repo R --commit C [--pr N] [--id ID]\n"
    "       (--issues F [--issues F2 ...] [--gate F] [--measures F] | --sarif F) [options]\n"
    "\n"
    "Posts a SonarQube analysis as a Code Insights report: the JSON SonarQube answered to\n"
    "api/issues/search (one file a page), api/qualitygates/project_status and\n"
    "api/measures/component, or one SARIF 2.1.0 file (a report per run).\n"
    "  --id ID                  report id (default sonar; for SARIF the tool's name)\n"
    "  --server-url, --dashboard-url URL   rule links and the report's link\n" CIB_CLI_COMMON_HELP;

std::string json_file(const ParsedArgs& a, const std::string& name) {
  return a.has(name) ? read_json_file(a.value(name)) : "";
}

int run_sonar(const Args& args) {
  const ParsedArgs a = parse_args(args, with_common({{"repo", true, false},
                                                     {"commit", true, false},
                                                     {"pr", true, false},
                                                     {"id", true, false},
                                                     {"issues", true, true},
                                                     {"gate", true, false},
                                                     {"measures", true, false},
                                                     {"sarif", true, false},
                                                     {"server-url", true, false},
                                                     {"dashboard-url", true, false}}));
  if (wants_help(a, kSonarUsage)) return kExitOk;
  check_no_positionals(a);
  const bool answers = a.has("issues") || a.has("gate") || a.has("measures");
  if (answers == a.has("sarif")) {
    throw UsageError("give either --issues (with --gate, --measures) or --sarif");
  }
  const std::string repo = a.required("repo"), commit = a.required("commit");
  const std::string id = a.value("id"), server = a.value("server-url");
  const std::string dashboard = a.value("dashboard-url");
  std::vector<std::string> pages;
  for (const std::string& path : a.values("issues")) {
    pages.push_back(read_json_file(path));
  }
  const std::string gate = json_file(a, "gate");
  const std::string measures = json_file(a, "measures");
  const std::string sarif = json_file(a, "sarif");
  std::vector<const char*> page_ptrs;
  for (const std::string& page : pages) page_ptrs.push_back(page.c_str());
  cib_sonar sonar = CIB_SONAR_INIT;
  sonar.repo = repo.c_str();
  sonar.commit = commit.c_str();
  sonar.pr = a.integer("pr", 0, 0, std::numeric_limits<std::int64_t>::max());
  sonar.id = id.c_str();
  sonar.issue_pages = page_ptrs.empty() ? nullptr : page_ptrs.data();
  sonar.issue_page_count = page_ptrs.size();
  sonar.gate = gate.c_str();
  sonar.measures = measures.c_str();
  sonar.sarif = sarif.c_str();
  sonar.server_url = server.c_str();
  sonar.dashboard_url = dashboard.c_str();
  return post_and_wait(a, [&](cibatch::Client& c, std::uint64_t tag, std::uint32_t flags) {
    c.post(sonar, tag, flags);
  });
}

}  // namespace

Command sonar_command() {
  return {"sonar", "post a SonarQube analysis (Web API answers or SARIF) as a report", kSonarUsage,
          &run_sonar};
}

}  // namespace cib::cli
