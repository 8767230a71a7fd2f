// cibatch drain: opens a client on the configured spool, which resumes what earlier clients of
// the same identity left there, and waits until it is delivered or the time is up.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "cli_errors.h"
#include "cli_options.h"
#include "command_client.h"
#include "commands.h"
#include "drain_others.h"
#include "progress_bar.h"

namespace cib::cli {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

constexpr const char* kUsage =
    "usage: cibatch drain --config FILE [options]\n"
    "\n"
    "Opens a client on the spool that FILE configures (spool.path), which resumes the updates\n"
    "that earlier clients of the same identity left there, and waits until they are delivered.\n"
    "On a terminal a progress line is shown on stderr; one summary line ends on stdout:\n"
    "  drained 12 slots in 1.4 s; 0 left\n"
    "  drain timed out after 600 s: 3 left, 2 gating\n"
    "Updates that clients of another identity (another host.api_url spelling, such as\n"
    "localhost for 127.0.0.1, or another account) left in the same spool are not this\n"
    "configuration's to deliver: the drain lists each one's API URL and counts on stderr.\n"
    "\n"
    "options:\n"
    "  --config FILE       cibatch YAML (a file of its own or a pipeline file)\n"
    "  --set KEY=VALUE     set one configuration key after FILE (repeatable)\n"
    "  --timeout-ms N      how long to wait for delivery (default 600000)\n"
    "  -v, --verbose       print every delivery report to stderr, not only failures, and the\n"
    "                      library's info lines besides its warnings and errors\n"
    "  -q, --quiet         print none of the library's log lines\n"
    "  --help              show this help\n"
    "\n"
    "Exit status: 0 nothing left, 1 error (the spool or configuration cannot be used), 2 usage\n"
    "error, 3 gating updates left undelivered or an update refused by the host (its delivery\n"
    "report is on stderr), 4 only non-gating updates left, 5 updates of other identities left\n"
    "(run drain with their configuration). Updates left stay in the spool for the next client\n"
    "or the next drain. The last line on stderr says why the exit status is not 0.\n";

// Only non-gating updates (INPROGRESS edits, comments, reports) are left: the pipeline's gates
// saw their final state, but something is still owed to the host.
constexpr int kExitNonGatingLeft = 4;
// Updates of other identities are left in the spool: this configuration cannot deliver them.
constexpr int kExitOthersLeft = 5;

// How long one flush waits before the progress line is redrawn.
constexpr std::int32_t kStepMs = 200;

struct DrainEnd {
  std::size_t total = 0;   // the most slots seen waiting at once
  std::size_t left = 0;    // slots still unsettled at the end
  std::size_t gating = 0;  // of those, gating ones
  bool gating_known = true;
  bool timed_out = false;   // the deadline passed with slots left
  std::size_t failed = 0;   // slots the host refused for good (reported, not left)
  std::string error;        // the library refused a call; the exit status is 1
  std::int64_t others = 0;  // updates of other identities still pending in the spool
  milliseconds elapsed{0};
};

std::string slots(std::size_t n) {
  return std::to_string(n) + (n == 1 ? " slot" : " slots");
}

std::string summary_line(const DrainEnd& end) {
  std::string failed =
      end.failed > 0 ? ", " + std::to_string(end.failed) + " failed" : std::string();
  if (end.others > 0) failed += "; " + std::to_string(end.others) + " of other identities left";
  if (end.left == 0 && end.error.empty()) {
    return "drained " + slots(end.total) + " in " + format_seconds(end.elapsed) + "; 0 left" +
           failed;
  }
  std::string left = std::to_string(end.left) + " left";
  if (end.gating_known) left += ", " + std::to_string(end.gating) + " gating";
  const char* how = !end.error.empty() ? "drain failed"
                    : end.timed_out    ? "drain timed out"
                                       : "drain stopped";
  return std::string(how) + " after " + format_seconds(end.elapsed) + ": " + left + failed;
}

int exit_status(const DrainEnd& end) {
  if (!end.error.empty()) return kExitError;
  // A slot the host refused for good is undelivered too, as for the post commands.
  if (end.gating > 0 || end.failed > 0) return kExitUndelivered;
  if (end.others > 0) return kExitOthersLeft;
  return end.left == 0 ? kExitOk : kExitNonGatingLeft;
}

// Serves the queued delivery reports and prints them to stderr on a line of their own.
void show_reports(CommandClient& session, std::ostringstream& reports, ProgressBar& bar) {
  session.serve_queued();
  if (reports.tellp() <= 0) return;
  bar.clear();
  std::cerr << reports.str() << std::flush;
  reports.str("");
}

class Drain {
 public:
  Drain(CommandClient& session, std::ostringstream& reports, ProgressBar& bar)
      : session_(session), reports_(reports), bar_(bar) {}

  // Flushes in steps until nothing is left, the deadline passes, or delivery stops.
  void wait(milliseconds timeout) {
    const steady_clock::time_point deadline = start_ + timeout;
    // The first flush does not wait, so that the total counts every slot the spool held.
    for (std::int64_t step_ms = 0;; step_ms = kStepMs) {
      const auto remaining = std::max(milliseconds(0), remaining_until(deadline));
      const auto step =
          static_cast<std::int32_t>(std::min<std::int64_t>(step_ms, remaining.count()));
      const steady_clock::time_point called = steady_clock::now();
      const cibatch::Settlement flushed = session_.flush(0, step);
      const cib_status status = flushed.status;
      const std::size_t left = flushed.left;
      const bool returned_early = steady_clock::now() - called < milliseconds(step);
      end_.left = left;
      end_.total = std::max(end_.total, left);
      show_reports(session_, reports_, bar_);
      bar_.draw(end_.total - left, end_.total, elapsed());
      if (status == CIB_OK || left == 0) return;
      if (status != CIB_ERR_TIMED_OUT && status != CIB_ERR_UNDELIVERED) {
        fail(flushed.message);
        return;
      }
      if (steady_clock::now() >= deadline) {
        end_.timed_out = true;
        return;
      }
      // Undelivered before the step was over: the dispatcher stopped, and waiting longer
      // cannot help. Say why, then let close() count what is left.
      if (status == CIB_ERR_UNDELIVERED && returned_early) {
        bar_.clear();
        std::cerr << flushed.message << "\n";
        return;
      }
    }
  }

  // Ends delivery; its counts are the ones the summary and the exit status report.
  void close() {
    end_.elapsed = elapsed();
    cibatch::Settlement closed;
    std::string refused;
    try {
      closed = session_.client().close();
    } catch (const cibatch::Error& e) {
      refused = e.what();
    }
    show_reports(session_, reports_, bar_);
    bar_.clear();
    if (!refused.empty()) {
      end_.gating_known = false;
      fail(refused);
      return;
    }
    end_.left = closed.left;
    end_.gating = closed.gating_left;
    end_.total = std::max(end_.total, closed.left);
  }

  DrainEnd end() const {
    DrainEnd end = end_;
    end.failed = session_.deliveries().failed_slots();
    return end;
  }

 private:
  void fail(const std::string& message) {
    if (end_.error.empty()) end_.error = message;
  }

  milliseconds elapsed() const {
    return std::chrono::duration_cast<milliseconds>(steady_clock::now() - start_);
  }

  // Rounded up: a wait rounded down to 0 ms would spin through the last millisecond.
  static milliseconds remaining_until(steady_clock::time_point deadline) {
    return std::chrono::ceil<milliseconds>(deadline - steady_clock::now());
  }

  CommandClient& session_;
  std::ostringstream& reports_;
  ProgressBar& bar_;
  steady_clock::time_point start_ = steady_clock::now();
  DrainEnd end_;
};

int run_drain(const Args& args) {
  const ParsedArgs a = parse_args(args, {{"help", false, false},
                                         {"config", true, false},
                                         {"set", true, true},
                                         {"timeout-ms", true, false},
                                         {"verbose", false, false, 'v'},
                                         {"quiet", false, false, 'q'}});
  if (a.has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (!a.positionals().empty()) throw UsageError("unexpected argument " + a.positionals()[0]);
  const std::string config = a.required("config");
  const Verbosity verbosity = verbosity_from(a.has("verbose"), a.has("quiet"));
  const milliseconds timeout(a.integer("timeout-ms", 600000, 0, 2147483647));
  const auto settings = settings_from(a);

  cibatch::Config conf = load_config(config, settings);
  const bool spooled = conf.value("spool.sync") != "off";
  const std::string spool_path = conf.value("spool.path");
  const std::string api_url = conf.value("host.api_url");
  const bool terminal = stderr_is_terminal();
  // Reports are collected here first, so that they never land in the middle of the bar.
  std::ostringstream reports;
  CommandClient session(conf, reports, a.has("verbose"), verbosity, terminal);
  conf.reset();
  ProgressBar bar(std::cerr, terminal, terminal ? stderr_columns() - 1 : 0);

  Drain drain(session, reports, bar);
  drain.wait(timeout);
  drain.close();
  session.close();
  DrainEnd end = drain.end();
  std::vector<PendingIdentity> others;
  if (end.error.empty() && spooled) {
    try {
      others = other_identities(spool_path, api_url, end.left);
    } catch (const CommandError& e) {
      std::cerr << "cibatch: warning: cannot tell what the spool holds for other identities: "
                << e.what() << "\n";
    }
  }
  end.others = pending_of(others);
  std::cout << summary_line(end) << std::endl;
  const int status = exit_status(end);
  if (!end.error.empty()) {
    std::cerr << end.error << "\n";
  } else if (status == kExitOthersLeft) {
    print_others(others, std::cerr);
  } else if (status != kExitOk) {
    if (!others.empty()) print_others(others, std::cerr);
    std::cerr << ending_line(std::to_string(end.left + end.failed) + " left undelivered",
                             session.log(),
                             end.timed_out ? "the time ran out (--timeout-ms)" : std::string())
              << "\n";
  }
  return status;
}

}  // namespace

Command drain_command() {
  return {"drain", "deliver what earlier runs left in the spool, then close", kUsage, &run_drain};
}

}  // namespace cib::cli
