// cibatch flush: a build's last step. Through the agent, waits until the posts of one tag (a
// build) are settled and says how each slot ended; without one, every earlier command already
// waited for its own post, so it delivers what the spool still holds, as `cibatch drain`.
#include <iostream>
#include <limits>
#include <optional>

#include "cli_errors.h"
#include "cli_options.h"
#include "command_client.h"
#include "commands.h"
#include "post_support.h"
#include "via_agent.h"

namespace cib::cli {
namespace {

constexpr const char* kUsage =
    "usage: cibatch flush [--config FILE] [--tag N] [options]\n"
    "\n"
    "Through `cibatch agent` (docs/AGENT.md): sends the posts of tag N now (0, the default:\n"
    "every post) and waits until they are settled, then prints the failed ones (all with -v)\n"
    "among every post of tag N the agent took. A build's last step runs it, so that the build\n"
    "ends with its gating statuses on the host. Without an agent (or with --no-agent) it is\n"
    "`cibatch drain --config FILE`.\n"
    "\n"
    "options:\n"
    "  --config FILE       cibatch YAML: which host (through the agent), or the spool to drain\n"
    "  --set KEY=VALUE     set one configuration key after FILE (repeatable)\n"
    "  --tag N             the posts' tag, e.g. the build number (default 0: every post)\n"
    "  --timeout-ms N      how long to wait (default 60000; -1: no limit)\n"
    "  --no-agent          do not ask an agent (also CIBATCH_AGENT=off)\n"
    "  -v, --verbose       print every delivery report, not only failures\n"
    "  -q, --quiet         print none of the library's log lines\n"
    "  --help              show this help\n"
    "\n"
    "Exit status: 0 every post of the tag delivered or unchanged, 1 error, 2 usage error,\n"
    "3 a post failed or is still waiting when the timeout ran out (the last line on stderr\n"
    "says why); without an agent, drain's.\n";

constexpr std::int32_t kDefaultTimeoutMs = 60000;

int run(const Args& args) {
  const ParsedArgs a = parse_args(args, {{"help", false, false},
                                         {"config", true, false},
                                         {"set", true, true},
                                         {"tag", true, false},
                                         {"timeout-ms", true, false},
                                         {"no-agent", false, false},
                                         {"verbose", false, false, 'v'},
                                         {"quiet", false, false, 'q'}});
  if (wants_help(a, kUsage)) return kExitOk;
  check_no_positionals(a);
  const auto timeout = static_cast<std::int32_t>(
      a.integer("timeout-ms", kDefaultTimeoutMs, -1, std::numeric_limits<std::int32_t>::max()));
  a.integer("tag", 0, 0, std::numeric_limits<std::int64_t>::max());  // checked before asking
  std::optional<cibatch::Config> conf;
  if (a.has("config")) conf.emplace(load_config(a.value("config"), settings_from(a)));
  if (const std::optional<int> done = flush_via_agent(a, conf ? &*conf : nullptr, timeout)) {
    return *done;
  }
  if (!a.has("config")) {
    throw UsageError("no agent answers, and without one flush drains the spool of --config FILE");
  }
  Args drain{"--config", a.value("config")};
  for (const std::string& s : a.values("set")) drain.insert(drain.end(), {"--set", s});
  if (timeout >= 0) drain.insert(drain.end(), {"--timeout-ms", std::to_string(timeout)});
  if (a.has("verbose")) drain.push_back("--verbose");
  if (a.has("quiet")) drain.push_back("--quiet");
  return drain_command().run(drain);
}

}  // namespace

Command flush_command() {
  return {"flush", "wait until one build's posts are settled (through the agent)", kUsage, &run};
}

}  // namespace cib::cli
