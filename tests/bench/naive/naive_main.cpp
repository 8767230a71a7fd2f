// bench-naive: the baseline that scripts/demo, scripts/bench and the budget-pressure bench set
// cibatch against. It replays a trace as a plugin without cibatch would, one request per call
// (and per annotation; a Sonar analysis re-creates its report), and prints the summary line
// `cibatch replay` prints.
#include <exception>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/config_store.h"
#include "naive_replay.h"
#include "naive_sender.h"
#include "trace_fields.h"
#include "trace_reader.h"

namespace {

constexpr const char* kUsage =
    "usage: bench-naive TRACE --config FILE [--set KEY=VALUE]... [--time-scale X]\n"
    "\n"
    "Replays TRACE (JSON Lines, docs/TRACES.md) in real time as a plugin without cibatch would:\n"
    "every call sends its requests at once, again after a 429, a 5xx or a dropped connection.\n"
    "Bitbucket Cloud: a status one POST, a comment one new comment, a report one PUT and one\n"
    "PUT per annotation, a sonar op a DELETE and a PUT of each report and its annotations in\n"
    "POSTs of 100. Data Center (host.kind: bitbucket-dc): a status one POST, a comment one new\n"
    "comment, a report one PUT and one POST of its annotations (a sonar op a DELETE first).\n"
    "GitHub (host.kind: github): a status one POST, a comment one new comment, a report a new\n"
    "check run, 50 annotations a request (without an App: one new comment on its commit's pull\n"
    "request). GitLab (host.kind: gitlab): a status one POST, a comment or a report one new\n"
    "note (a report on its commit's merge request).\n"
    "Prints one JSON line last on stdout:\n"
    "  {\"calls\":N,\"requests\":M,\"by_kind\":{...},\"retries\":R,\"rate_limited\":K,"
    "\"undelivered\":U}\n"
    "\n"
    "options:\n"
    "  --config FILE     cibatch YAML: host.kind, host.api_url, host.auth, tls, proxy and\n"
    "                    transport keys\n"
    "  --set KEY=VALUE   set one configuration key after FILE (repeatable)\n"
    "  --time-scale X    multiply every sleep by X (default 1)\n"
    "  -h, --help        show this help\n"
    "\n"
    "exit status: 0 all delivered, 1 error, 2 usage error, 3 something left undelivered\n";

struct Options {
  std::string trace, config;
  std::vector<std::pair<std::string, std::string>> settings;
  double time_scale = 1.0;
  bool help = false;
};

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::pair<std::string, std::string> setting(const std::string& text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) throw UsageError("--set: expected KEY=VALUE");
  return {text.substr(0, eq), text.substr(eq + 1)};
}

Options parse(int argc, char** argv) {
  Options o;
  std::vector<std::string> positionals;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      o.help = true;
      return o;
    }
    const bool valued = arg == "--config" || arg == "--set" || arg == "--time-scale";
    if (valued && i + 1 >= argc) throw UsageError(arg + ": expected a value");
    if (arg == "--config") {
      o.config = argv[++i];
    } else if (arg == "--set") {
      o.settings.push_back(setting(argv[++i]));
    } else if (arg == "--time-scale") {
      const std::string value = argv[++i];
      std::size_t used = 0;
      try {
        o.time_scale = std::stod(value, &used);
      } catch (const std::exception&) {
      }
      if (used != value.size() || !(o.time_scale >= 0)) {
        throw UsageError("--time-scale: expected a number >= 0");
      }
    } else if (arg.size() > 1 && arg[0] == '-') {
      throw UsageError(arg + ": unknown option");
    } else {
      positionals.push_back(arg);
    }
  }
  if (positionals.size() != 1) throw UsageError("expected exactly one TRACE");
  if (o.config.empty()) throw UsageError("--config FILE is required");
  o.trace = positionals[0];
  return o;
}

cib::Settings settings_of(const Options& o) {
  cib::ConfigStore store;
  store.load_yaml(o.config);
  for (const auto& [key, value] : o.settings) store.set(key, value, {"--set"});
  return store.settings();
}

int run(const Options& o) {
  const std::vector<cib::trace::TraceLine> lines = cib::trace::read_trace_file(o.trace);
  const cib::Settings settings = settings_of(o);
  cib::bench::NaiveSender sender(settings);
  cib::bench::NaiveReplay replay(sender, settings, o.time_scale, std::cerr);
  replay.run(lines, o.trace);
  std::cout << cib::bench::naive_summary_json(replay.totals(), sender.counts()) << std::endl;
  return replay.totals().failed == 0 ? 0 : 3;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parse(argc, argv);
    if (options.help) {
      std::cout << kUsage;
      return 0;
    }
    return run(options);
  } catch (const UsageError& e) {
    std::cerr << "bench-naive: " << e.what() << "\n" << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "bench-naive: " << e.what() << "\n";
    return 1;
  }
}
