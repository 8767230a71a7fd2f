// cibatch status / comment / report: post one update, flush it, and say how it ended.
#include <cstdint>
#include <functional>
#include <iostream>
#include <iterator>
#include <limits>
#include <optional>

#include "abi_payloads.h"
#include "cli_errors.h"
#include "cli_options.h"
#include "command_client.h"
#include "commands.h"
#include "op_json.h"
#include "payload_limits.h"
#include "post_support.h"
#include "trace_reader.h"
#include "trace_words.h"

namespace cib::cli {
namespace {

constexpr const char* kStatusUsage =
    "usage: cibatch status --config FILE --repo R --commit C --key K --state S [options]\n"
    "\n"
    "Posts one build status. S is INPROGRESS, SUCCESSFUL, FAILED or STOPPED.\n"
    "  --name, --url, --description, --ref TEXT   optional fields\n" CIB_CLI_COMMON_HELP;

constexpr const char* kCommentUsage =
    "usage: cibatch comment --config FILE --repo R --pr N --key K (--body TEXT | --body-file F)"
    " [options]\n"
    "\n"
    "Creates or updates the pull-request comment with key K (Markdown; --body-file - reads\n"
    "stdin).\n" CIB_CLI_COMMON_HELP;

constexpr const char* kReportUsage =
    "usage: cibatch report --config FILE --repo R --commit C --id ID --title T --result R"
    " [options]\n"
    "\n"
    "Posts one Code Insights report. R is PASSED, FAILED or PENDING.\n"
    "  --details TEXT, --link URL, --reporter NAME   optional report fields\n"
    "  --data-json FILE          a JSON array of {title, type, value}, as in a trace\n"
    "  --annotations-json FILE   a JSON array of annotations, as in a trace\n" CIB_CLI_COMMON_HELP;

}  // namespace

std::vector<OptionSpec> with_common(std::vector<OptionSpec> specs) {
  for (const OptionSpec& common : std::vector<OptionSpec>{{"help", false, false},
                                                          {"config", true, false},
                                                          {"set", true, true},
                                                          {"tag", true, false},
                                                          {"force", false, false},
                                                          {"timeout-ms", true, false},
                                                          {"wait", false, false},
                                                          {"no-agent", false, false},
                                                          {"verbose", false, false, 'v'},
                                                          {"quiet", false, false, 'q'}}) {
    specs.push_back(common);
  }
  return specs;
}

void check_no_positionals(const ParsedArgs& a) {
  if (!a.positionals().empty()) throw UsageError("unexpected argument " + a.positionals()[0]);
}

namespace {

template <std::size_t N>
std::string word_option(const ParsedArgs& a, const std::string& name,
                        const std::array<const char*, N>& words) {
  const std::string value = a.required(name);
  if (trace::word_index(words, value) < 0) {
    throw UsageError("--" + name + ": expected " + trace::word_list(words) + ", got \"" + value +
                     "\"");
  }
  return value;
}

// A NUL would end the C string the library gets, silently cutting the content there.
void refuse_nul(const std::string& name, const std::string& text, bool json) {
  const std::size_t line = trace::first_nul_line(text, json);
  if (line == 0) return;
  throw CommandError(name + ":" + std::to_string(line) +
                     ": holds a NUL character (\\u0000), which the library cannot carry (a C "
                     "string ends there); remove it");
}

// Reads path, refuses a NUL in it, and hands its text to parse; errors name the file.
template <typename Parse>
auto read_file_with(const std::string& path, bool json, Parse parse) {
  try {
    const std::string text = trace::read_text_file(path);
    refuse_nul(path, text, json);
    return parse(text);
  } catch (const trace::TraceError& e) {
    const std::string what = e.what();
    throw CommandError(what.compare(0, path.size(), path) == 0 ? what : path + ": " + what);
  }
}

// What the library would refuse is refused here, before a client opens.
template <typename Op>
void check_before_posting(const Op& op) {
  try {
    trace::check_payload(op);
  } catch (const trace::TraceError& e) {
    throw CommandError(std::string("cibatch: ") + e.what());
  }
}

}  // namespace

int post_and_wait(const ParsedArgs& a, const PostFn& post, const AgentPost& agent_post,
                  std::int32_t default_timeout_ms) {
  const auto timeout = static_cast<std::int32_t>(
      a.integer("timeout-ms", default_timeout_ms, 0, std::numeric_limits<std::int32_t>::max()));
  // Loaded once: it names the agent's identity, or opens this command's own client.
  std::optional<cibatch::Config> conf;
  if (a.has("config")) conf.emplace(load_config(a.value("config"), settings_from(a)));
  if (const std::optional<int> done =
          post_via_agent(a, conf ? &*conf : nullptr, agent_post, timeout)) {
    return *done;
  }
  a.required("config");  // a UsageError without one
  const auto tag =
      static_cast<std::uint64_t>(a.integer("tag", 0, 0, std::numeric_limits<std::int64_t>::max()));
  const Verbosity verbosity = verbosity_from(a.has("verbose"), a.has("quiet"));
  CommandClient session(*conf, std::cerr, true, verbosity);
  conf.reset();
  post(session.client(), tag, a.has("force") ? CIB_POST_FORCE : 0u);
  const cibatch::Settlement flushed = session.flush(tag, timeout);
  session.serve_queued();
  if (flushed.status != CIB_OK) {
    std::cerr << flushed.message << "\n"
              << ending_line("not delivered", session.log(), flushed.message) << "\n";
    return kExitUndelivered;
  }
  if (session.deliveries().failed_slots() == 0) return kExitOk;
  std::cerr << ending_line("refused by the host", session.log()) << "\n";
  return kExitUndelivered;
}

bool wants_help(const ParsedArgs& a, const char* usage) {
  if (a.has("help")) std::cout << usage;
  return a.has("help");
}

namespace {

int run_status(const Args& args) {
  const ParsedArgs a = parse_args(args, with_common({{"repo", true, false},
                                                     {"commit", true, false},
                                                     {"key", true, false},
                                                     {"state", true, false},
                                                     {"name", true, false},
                                                     {"url", true, false},
                                                     {"description", true, false},
                                                     {"ref", true, false}}));
  if (wants_help(a, kStatusUsage)) return kExitOk;
  check_no_positionals(a);
  const trace::StatusOp op{a.required("repo"),     a.required("commit"),
                           a.required("key"),      word_option(a, "state", trace::kStateWords),
                           a.value("name"),        a.value("url"),
                           a.value("description"), a.value("ref")};
  check_before_posting(op);
  const StatusPayload payload(op);
  return post_and_wait(
      a,
      [&](cibatch::Client& c, std::uint64_t tag, std::uint32_t flags) {
        c.post(*payload.get(), tag, flags);
      },
      AgentPost{[&op] { return op_json(op); }, "", ""});
}

std::string comment_body(const ParsedArgs& a) {
  if (a.has("body") == a.has("body-file")) {
    throw UsageError("give exactly one of --body and --body-file");
  }
  if (a.has("body")) return a.value("body");
  const std::string path = a.value("body-file");
  if (path != "-") return read_file_with(path, false, [](std::string text) { return text; });
  std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  refuse_nul("stdin", text, false);
  return text;
}

int run_comment(const Args& args) {
  const ParsedArgs a = parse_args(args, with_common({{"repo", true, false},
                                                     {"pr", true, false},
                                                     {"key", true, false},
                                                     {"body", true, false},
                                                     {"body-file", true, false}}));
  if (wants_help(a, kCommentUsage)) return kExitOk;
  check_no_positionals(a);
  trace::CommentOp op;
  op.repo = a.required("repo");
  a.required("pr");
  op.pr = a.integer("pr", 0, 1, std::numeric_limits<std::int64_t>::max());
  op.key = a.required("key");
  op.body = comment_body(a);
  check_before_posting(op);
  const CommentPayload payload(op);
  return post_and_wait(
      a,
      [&](cibatch::Client& c, std::uint64_t tag, std::uint32_t flags) {
        c.post(*payload.get(), tag, flags);
      },
      AgentPost{[&op] { return op_json(op); }, "", ""});
}

int run_report(const Args& args) {
  const ParsedArgs a = parse_args(args, with_common({{"repo", true, false},
                                                     {"commit", true, false},
                                                     {"id", true, false},
                                                     {"title", true, false},
                                                     {"result", true, false},
                                                     {"details", true, false},
                                                     {"link", true, false},
                                                     {"reporter", true, false},
                                                     {"data-json", true, false},
                                                     {"annotations-json", true, false}}));
  if (wants_help(a, kReportUsage)) return kExitOk;
  check_no_positionals(a);
  trace::ReportOp op;
  op.repo = a.required("repo");
  op.commit = a.required("commit");
  op.id = a.required("id");
  op.title = a.required("title");
  op.result = word_option(a, "result", trace::kResultWords);
  op.details = a.value("details");
  op.link = a.value("link");
  op.reporter = a.value("reporter");
  if (a.has("data-json")) {
    op.data = read_file_with(a.value("data-json"), true, trace::parse_report_data_json);
  }
  if (a.has("annotations-json")) {
    op.annotations =
        read_file_with(a.value("annotations-json"), true, trace::parse_annotations_json);
  }
  check_before_posting(op);
  const ReportPayload payload(op);
  return post_and_wait(
      a,
      [&](cibatch::Client& c, std::uint64_t tag, std::uint32_t flags) {
        c.post(*payload.get(), tag, flags);
      },
      AgentPost{[&op] { return op_json(op); }, "", ""});
}

}  // namespace

Command status_command() {
  return {"status", "post one build status and wait for its delivery", kStatusUsage, &run_status};
}

Command comment_command() {
  return {"comment", "create or update one keyed pull-request comment", kCommentUsage,
          &run_comment};
}

Command report_command() {
  return {"report", "post one Code Insights report with its annotations", kReportUsage,
          &run_report};
}

}  // namespace cib::cli
