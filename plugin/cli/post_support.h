// What the posting commands (status, comment, report, sonar) share: their common options and
// help text, and posting one update then waiting for its delivery.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "cibatch.hpp"
#include "cli_options.h"

namespace cib::cli {

// The options and help lines every posting command takes.
#define CIB_CLI_COMMON_HELP                                                                    \
  "  --config FILE       cibatch YAML (a file of its own or a pipeline file)\n"                \
  "  --set KEY=VALUE     set one configuration key after FILE (repeatable)\n"                  \
  "  --tag N             tag the post with N; the flush waits for that tag (default 0: all)\n" \
  "  --force             send even when the host already holds this content\n"                 \
  "  --timeout-ms N      how long to wait for delivery (default 30000)\n"                      \
  "  -v, --verbose       also print the library's info lines (warnings and errors always)\n"   \
  "  -q, --quiet         print none of the library's log lines\n"                              \
  "  --help              show this help\n"                                                     \
  "\n"                                                                                         \
  "Delivery reports go to stderr. Exit status: 0 delivered or unchanged, 1 error (nothing\n"   \
  "posted), 2 usage error, 3 not delivered (failed, or still waiting when the timeout ran\n"   \
  "out; the last line on stderr says why).\n"

// specs plus --help, --config, --set, --tag, --force, --timeout-ms, --verbose, --quiet.
std::vector<OptionSpec> with_common(std::vector<OptionSpec> specs);
// UsageError when a positional argument was given.
void check_no_positionals(const ParsedArgs& a);
// Prints usage when --help was given, and says so.
bool wants_help(const ParsedArgs& a, const char* usage);

using PostFn = std::function<void(cibatch::Client&, std::uint64_t tag, std::uint32_t flags)>;
// Opens a client from --config and --set, posts, flushes for --timeout-ms (default
// `default_timeout_ms`), prints the delivery reports, and returns the command's exit status.
int post_and_wait(const ParsedArgs& a, const PostFn& post, std::int32_t default_timeout_ms = 30000);

}  // namespace cib::cli
