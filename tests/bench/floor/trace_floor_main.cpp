// trace-floor TRACE [--host KIND] [--github-reports checks|comment] [--linger-ms N]
//             [--terminal-linger-ms N] [--max-delay-ms N] [--warm] [--json]
// trace-floor TRACE --pull-requests
// Prints the request floor of a trace; exit 0, 1 on a bad trace, 2 on a usage error.
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>

#include "host_shapes.h"
#include "report_threads.h"
#include "trace_fields.h"
#include "trace_floor.h"
#include "trace_reader.h"

namespace {

constexpr const char* kUsage =
    "usage: trace-floor TRACE [--host KIND] [--github-reports checks|comment] [--linger-ms N]\n"
    "                   [--terminal-linger-ms N] [--max-delay-ms N] [--warm] [--json]\n"
    "Prints the request floor of TRACE: the fewest requests that deliver every content the\n"
    "debounce must let through (defaults: linger 2000, terminal linger 200, max delay 10000),\n"
    "including the reads of a cold start (an empty spool); --warm leaves those out. KIND is\n"
    "the host whose request shapes count: bitbucket-cloud (default), bitbucket-dc, github\n"
    "(reports as check runs of an App; --github-reports comment: as PR comments) or gitlab.\n"
    "--pull-requests prints instead, a JSON line each, the pull request the model puts the\n"
    "reports of each commit on ({\"repo\",\"sha\",\"pr\"}), for a simulator to be told.\n";

struct Options {
  std::string trace;
  cib::bench::FloorSettings settings;
  bool json = false;
  bool pull_requests = false;
};

std::int64_t parse_ms(const std::string& option, const std::string& text) {
  std::size_t used = 0;
  long long value = -1;
  try {
    value = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || value < 0) {
    throw std::invalid_argument(option + ": expected a non-negative integer, got \"" + text + "\"");
  }
  return value;
}

std::string parse_host(const std::string& text) {
  const auto& kinds = cib::bench::host_kinds();
  if (std::find(kinds.begin(), kinds.end(), text) != kinds.end()) return text;
  throw std::invalid_argument(
      "--host: expected bitbucket-cloud, bitbucket-dc, github or gitlab, "
      "got \"" +
      text + "\"");
}

bool parse_github_reports(const std::string& text) {
  if (text == "checks" || text == "comment") return text == "checks";
  throw std::invalid_argument("--github-reports: expected checks or comment, got \"" + text + "\"");
}

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(arg + ": missing value");
      return argv[++i];
    };
    if (arg == "--json") {
      options.json = true;
    } else if (arg == "--pull-requests") {
      options.pull_requests = true;
    } else if (arg == "--warm") {
      options.settings.cold_start = false;
    } else if (arg == "--host") {
      options.settings.host = parse_host(value());
    } else if (arg == "--github-reports") {
      options.settings.github_checks = parse_github_reports(value());
    } else if (arg == "--linger-ms") {
      options.settings.linger_ms = parse_ms(arg, value());
    } else if (arg == "--terminal-linger-ms") {
      options.settings.terminal_linger_ms = parse_ms(arg, value());
    } else if (arg == "--max-delay-ms") {
      options.settings.max_delay_ms = parse_ms(arg, value());
    } else if (!arg.empty() && arg[0] == '-') {
      throw std::invalid_argument("unknown option " + arg);
    } else if (options.trace.empty()) {
      options.trace = arg;
    } else {
      throw std::invalid_argument("more than one TRACE given");
    }
  }
  if (options.trace.empty()) throw std::invalid_argument("missing TRACE");
  return options;
}

void print_pull_requests(const std::string& trace) {
  const auto threads = cib::bench::report_threads(cib::trace::read_trace_file(trace));
  for (const auto& [commit, pr] : threads) {
    Poco::JSON::Object line(Poco::JSON_PRESERVE_KEY_ORDER);
    line.set("repo", commit.first);
    line.set("sha", commit.second);
    line.set("pr", pr);
    line.stringify(std::cout);
    std::cout << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
    std::cout << kUsage;
    return 0;
  }
  Options options;
  try {
    options = parse_options(argc, argv);
  } catch (const std::invalid_argument& e) {
    std::cerr << "trace-floor: " << e.what() << "\n" << kUsage;
    return 2;
  }
  try {
    if (options.pull_requests) {
      print_pull_requests(options.trace);
      return 0;
    }
    const cib::bench::FloorResult result =
        cib::bench::compute_trace_floor(options.trace, options.settings);
    if (options.json) {
      std::cout << cib::bench::floor_json(options.trace, options.settings.host, result) << "\n";
    } else {
      std::cout << options.trace << " on " << options.settings.host << ": " << result.calls
                << " calls, naive " << result.naive << " requests, floor " << result.floor
                << " requests (status " << result.floor_by_kind[0] << ", comment "
                << result.floor_by_kind[1] << ", report " << result.floor_by_kind[2] << "; "
                << result.lookups << " of them cold-start reads)\n";
    }
  } catch (const cib::trace::TraceError& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
