// cibatch replay: replays a trace through the library and prints one JSON line of counts.
#include <cstdint>
#include <iostream>
#include <limits>

#include "cli_errors.h"
#include "cli_options.h"
#include "command_client.h"
#include "commands.h"
#include "summary.h"
#include "trace_reader.h"
#include "trace_replayer.h"

namespace cib::cli {
namespace {

constexpr const char* kUsage =
    "usage: cibatch replay TRACE --config FILE [options]\n"
    "\n"
    "Replays TRACE (JSON Lines, one call a line) through the library in real time, flushes,\n"
    "and prints one JSON line last on stdout:\n"
    "  {\"calls\":N,\"requests\":M,\"by_kind\":{...},\"retries\":R,\"rate_limited\":K,"
    "\"undelivered\":U}\n"
    "\n"
    "options:\n"
    "  --config FILE            cibatch YAML (a file of its own or a pipeline file)\n"
    "  --set KEY=VALUE          set one configuration key after FILE (repeatable)\n"
    "  --time-scale X           multiply every sleep by X (0.5: twice as fast; default 1)\n"
    "  --tag N                  tag every post with N (default 0)\n"
    "  --flush-timeout-ms N     how long the final flush, and each flush op of TRACE without\n"
    "                           timeout_ms, may wait (default 60000)\n"
    "  -v, --verbose            print every delivery report to stderr, not only failures, and\n"
    "                           the library's info lines besides its warnings and errors\n"
    "  -q, --quiet              print none of the library's log lines\n"
    "  --echo-returns           after each post the library accepted, print \"returned LINE\"\n"
    "                           (its line in TRACE) on stdout at once, before the summary\n"
    "  --help                   show this help\n"
    "\n"
    "Every line of TRACE is checked (fields, sizes, NULs) before anything is posted.\n"
    "\n"
    "exit status: 0 all delivered, 1 error (a bad line of TRACE: nothing was posted), 2 usage\n"
    "error, 3 something left undelivered (the last line on stderr says why)\n";

constexpr std::int64_t kMaxTimeoutMs = 2147483647;

int run_replay(const Args& args) {
  const ParsedArgs a = parse_args(args, {{"help", false, false},
                                         {"config", true, false},
                                         {"set", true, true},
                                         {"time-scale", true, false},
                                         {"tag", true, false},
                                         {"flush-timeout-ms", true, false},
                                         {"verbose", false, false, 'v'},
                                         {"quiet", false, false, 'q'},
                                         {"echo-returns", false, false}});
  if (a.has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (a.positionals().size() != 1) throw UsageError("expected exactly one TRACE");
  const std::string trace_path = a.positionals()[0];
  const std::string config = a.required("config");
  const Verbosity verbosity = verbosity_from(a.has("verbose"), a.has("quiet"));
  const double time_scale = a.decimal("time-scale", 1.0);
  const auto tag =
      static_cast<std::uint64_t>(a.integer("tag", 0, 0, std::numeric_limits<std::int64_t>::max()));
  const auto flush_timeout =
      static_cast<std::int32_t>(a.integer("flush-timeout-ms", 60000, 0, kMaxTimeoutMs));
  const auto settings = settings_from(a);

  std::vector<trace::TraceLine> lines;
  try {
    lines = trace::read_trace_file(trace_path);
  } catch (const trace::TraceError& e) {
    throw CommandError(e.what());
  }
  check_sonar_files(lines, trace_path);

  cibatch::Config conf = load_config(config, settings);
  CommandClient session(conf, std::cerr, a.has("verbose"), verbosity);
  conf.reset();
  TraceReplayer replayer(session, trace_path, tag, time_scale, flush_timeout);
  if (a.has("echo-returns")) replayer.echo_returns_to(std::cout);
  replayer.run(lines);

  ReplayTotals totals;
  totals.calls = replayer.calls();
  const cibatch::Settlement flushed = session.flush(0, flush_timeout);
  if (flushed.status != CIB_OK) std::cerr << flushed.message << "\n";
  totals.left = flushed.left;
  session.serve_queued();
  totals.failed_slots = session.deliveries().failed_slots();
  const std::string stats = session.client().stats_json();
  session.close();

  std::cout << replay_summary_json(stats, totals) << std::endl;
  if (totals.undelivered() == 0) return kExitOk;
  std::cerr << ending_line(std::to_string(totals.undelivered()) + " left undelivered",
                           session.log(), flushed.message)
            << std::endl;
  return kExitUndelivered;
}

}  // namespace

Command replay_command() {
  return {"replay", "replay a trace through the library and count its requests", kUsage,
          &run_replay};
}

}  // namespace cib::cli
