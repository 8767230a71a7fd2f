// What the posting commands (status, comment, report, sonar) share: their common options and
// help text, and posting one update then waiting for its delivery.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "cibatch.hpp"
#include "cli_options.h"
#include "via_agent.h"

namespace cib::cli {

// The options and help lines every posting command takes.
#define CIB_CLI_COMMON_HELP                                                                    \
  "  --config FILE       cibatch YAML (a file of its own or a pipeline file)\n"                \
  "  --set KEY=VALUE     set one configuration key after FILE (repeatable)\n"                  \
  "  --tag N             tag the post with N; the flush waits for that tag (default 0: all)\n" \
  "  --force             send even when the host already holds this content\n"                 \
  "  --timeout-ms N      how long to wait for delivery (default 30000)\n"                      \
  "  --wait              through an agent, also wait for delivery (as without one)\n"          \
  "  --no-agent          post from this process even when an agent runs (also\n"               \
  "                      CIBATCH_AGENT=off)\n"                                                 \
  "  -v, --verbose       also print the library's info lines (warnings and errors always)\n"   \
  "  -q, --quiet         print none of the library's log lines\n"                              \
  "  --help              show this help\n"                                                     \
  "\n"                                                                                         \
  "When `cibatch agent` runs (docs/AGENT.md), the post goes to it and the command returns\n"   \
  "once it is in the agent's spool; --config then only names the host (and may be left\n"      \
  "out). Without an agent, or with --wait, the command waits for delivery.\n"                  \
  "Delivery reports go to stderr. Exit status: 0 delivered or unchanged (through an agent:\n"  \
  "taken), 1 error (nothing posted), 2 usage error, 3 not delivered (failed, or still\n"       \
  "waiting when the timeout ran out; the last line on stderr says why).\n"

// specs plus --help, --config, --set, --tag, --force, --timeout-ms, --wait, --no-agent,
// --verbose, --quiet.
std::vector<OptionSpec> with_common(std::vector<OptionSpec> specs);
// UsageError when a positional argument was given.
void check_no_positionals(const ParsedArgs& a);
// Prints usage when --help was given, and says so.
bool wants_help(const ParsedArgs& a, const char* usage);

using PostFn = std::function<void(cibatch::Client&, std::uint64_t tag, std::uint32_t flags)>;
// Hands the post to a running agent (via_agent.h); else opens a client from --config and --set,
// posts, flushes for --timeout-ms (default `default_timeout_ms`), prints the delivery reports.
// Returns the command's exit status.
int post_and_wait(const ParsedArgs& a, const PostFn& post, const AgentPost& agent_post,
                  std::int32_t default_timeout_ms = 30000);

}  // namespace cib::cli
