// cibatch sonar: post a SonarQube analysis (the files its Web API answered, or a SARIF file)
// through cib_client_post_sonar, flush it, and say how it ended. The files are read by
// SonarPayload, as for a trace's sonar op.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "cli_errors.h"
#include "commands.h"
#include "op_json.h"
#include "post_support.h"
#include "sonar_payload.h"
#include "trace_fields.h"
#include "trace_reader.h"

namespace cib::cli {
namespace {

constexpr const char* kSonarUsage =
    "usage: cibatch sonar --config FILE --repo R --commit C [--pr N] [--id ID]\n"
    "       (--issues F [--issues F2 ...] [--gate F] [--measures F] | --sarif F |\n"
    "        --task report-task.txt) [options]\n"
    "\n"
    "Posts a SonarQube analysis as a Code Insights report: the JSON SonarQube answered to\n"
    "api/issues/search (one file a page), api/qualitygates/project_status and\n"
    "api/measures/component, or one SARIF 2.1.0 file (a report per run). With --task, the\n"
    "scanner's report-task.txt: waits for the analysis on sonar.url and reads it from there\n"
    "(pull mode; --timeout-ms defaults to 330000, sonar.wait_timeout_ms's default plus 30 s).\n"
    "  --id ID                  report id (default sonar; for SARIF the tool's name)\n"
    "  --server-url, --dashboard-url URL   rule links and the report's link\n" CIB_CLI_COMMON_HELP;

// --NAME's value, which must name a file when the option is given.
std::string file_option(const ParsedArgs& a, const std::string& name) {
  if (!a.has(name)) return "";
  std::string path = a.value(name);
  if (path.empty()) throw UsageError("--" + name + ": expected a file, got an empty path");
  return path;
}

trace::SonarOp sonar_op(const ParsedArgs& a) {
  trace::SonarOp op;
  op.repo = a.required("repo");
  op.commit = a.required("commit");
  op.pr = a.integer("pr", 0, 0, std::numeric_limits<std::int64_t>::max());
  op.id = a.value("id");
  for (const std::string& path : a.values("issues")) {
    if (path.empty()) throw UsageError("--issues: expected a file, got an empty path");
    op.issues.push_back(path);
  }
  op.gate = file_option(a, "gate");
  op.measures = file_option(a, "measures");
  op.sarif = file_option(a, "sarif");
  op.server_url = a.value("server-url");
  op.dashboard_url = a.value("dashboard-url");
  return op;
}

// Pull mode: the library reads report-task.txt and the analysis; the flush waits for both.
int run_task(const ParsedArgs& a) {
  if (a.has("id") || a.has("server-url") || a.has("dashboard-url")) {
    throw UsageError(
        "--task takes the report id, server and dashboard from sonar.url and the "
        "scanner's report-task.txt; drop --id, --server-url and --dashboard-url");
  }
  const std::string repo = a.required("repo");
  const std::string commit = a.required("commit");
  const std::int64_t pr = a.integer("pr", 0, 0, std::numeric_limits<std::int64_t>::max());
  const std::string task = file_option(a, "task");
  constexpr std::int32_t kTaskTimeoutMs = 330000;
  const auto task_json = [&] {
    try {
      return sonar_task_json(repo, commit, pr, trace::read_text_file(task));
    } catch (const trace::TraceError& e) {
      throw CommandError(std::string("cibatch sonar: ") + e.what());
    }
  };
  return post_and_wait(
      a,
      [&](cibatch::Client& c, std::uint64_t tag, std::uint32_t flags) {
        c.post_sonar_task(repo, commit, pr, task, tag, flags);
      },
      AgentPost{task_json, "", ""}, kTaskTimeoutMs);
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
                                                     {"task", true, false},
                                                     {"server-url", true, false},
                                                     {"dashboard-url", true, false}}));
  if (wants_help(a, kSonarUsage)) return kExitOk;
  check_no_positionals(a);
  const bool answers = a.has("issues") || a.has("gate") || a.has("measures");
  if (static_cast<int>(answers) + a.has("sarif") + a.has("task") != 1) {
    throw UsageError("give one of --issues (with --gate, --measures), --sarif or --task");
  }
  if (a.has("task")) return run_task(a);
  // The files are read as a trace's sonar op reads them, all before a client opens.
  const trace::SonarOp op = sonar_op(a);
  std::optional<SonarTexts> texts;
  try {
    texts.emplace(read_sonar_files(op, ""));
  } catch (const trace::TraceError& e) {
    throw CommandError(std::string("cibatch sonar: ") + e.what());
  }
  const auto texts_json = [&] {
    return sonar_texts_json(texts->op, texts->pages, texts->gate, texts->measures, texts->sarif);
  };
  return post_and_wait(
      a,
      [&](cibatch::Client& c, std::uint64_t tag, std::uint32_t flags) {
        const SonarPayload payload(std::move(*texts));
        c.post(*payload.get(), tag, flags);
      },
      AgentPost{texts_json, op.server_url, op.dashboard_url});
}

}  // namespace

Command sonar_command() {
  return {"sonar", "post a SonarQube analysis (Web API answers or SARIF) as a report", kSonarUsage,
          &run_sonar};
}

}  // namespace cib::cli
