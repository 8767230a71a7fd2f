// bench-sonar-pull [--repeat N] [--findings N,N,...] [--pending N] [--in-progress N]
//                  [--wait flush|linger|both] [--json]
// How long after SonarQube's compute-engine task ends the gate is on the pull request, in pull
// mode (cib_client_post_sonar_task), against the bundled simulator. For each number of open
// findings (default 0, 200, 1234 and 10000) and each wait (flush: the caller flushes the tag at
// once; linger: it does not, and the report waits batching.linger_ms), it runs the case
// --repeat times (default 3) on a task answered PENDING --pending times (default 2), then
// IN_PROGRESS --in-progress times (default 3), then SUCCESS, and prints median and maximum of:
// the time from the poll that saw SUCCESS to the host's first request (the report) and last
// (its annotations), the polls and their smallest gap, the Sonar and host requests, the post
// call's own time, and the time from the post to the flush's return or the delivery report.
// Exit 1 when a run could not be measured (the table names why), 2 on bad options.
#include <cstdlib>
#include <exception>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "forge_sim.h"
#include "latency_table.h"
#include "temp_dir.h"

namespace {

using cib::bench::CaseResult;
using cib::bench::PullCase;
using cib::bench::WaitMode;

struct Options {
  int repeat = 3;
  std::vector<int> findings = {0, 200, 1234, 10000};
  int pending = 2;
  int in_progress = 3;
  std::vector<WaitMode> waits = {WaitMode::flush, WaitMode::linger};
  bool json = false;
};

int count_of(const std::string& option, const std::string& text, int least) {
  std::size_t used = 0;
  int value = -1;
  try {
    value = std::stoi(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || value < least) {
    throw std::invalid_argument(option + ": expected an integer >= " + std::to_string(least) +
                                ", got \"" + text + "\"");
  }
  return value;
}

std::vector<int> list_of(const std::string& option, const std::string& text) {
  std::vector<int> values;
  std::istringstream in(text);
  for (std::string item; std::getline(in, item, ',');) values.push_back(count_of(option, item, 0));
  if (values.empty()) throw std::invalid_argument(option + ": expected a list such as 0,200");
  return values;
}

std::vector<WaitMode> waits_of(const std::string& text) {
  if (text == "flush") return {WaitMode::flush};
  if (text == "linger") return {WaitMode::linger};
  if (text == "both") return {WaitMode::flush, WaitMode::linger};
  throw std::invalid_argument("--wait: expected flush, linger or both, got \"" + text + "\"");
}

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string option = argv[i];
    if (option == "--json") {
      options.json = true;
      continue;
    }
    if (i + 1 == argc) throw std::invalid_argument("unknown option or missing value: " + option);
    const std::string value = argv[++i];
    if (option == "--repeat") {
      options.repeat = count_of(option, value, 1);
    } else if (option == "--findings") {
      options.findings = list_of(option, value);
    } else if (option == "--pending") {
      options.pending = count_of(option, value, 0);
    } else if (option == "--in-progress") {
      options.in_progress = count_of(option, value, 0);
    } else if (option == "--wait") {
      options.waits = waits_of(value);
    } else {
      throw std::invalid_argument("unknown option: " + option);
    }
  }
  return options;
}

CaseResult run_case(cib::test::ForgeSim& sim, const Options& options, const PullCase& pull_case,
                    WaitMode mode, const std::string& scratch) {
  CaseResult result{pull_case, mode, {}, ""};
  for (int run = 0; run < options.repeat; ++run) {
    std::cerr << "bench-sonar-pull: " << pull_case.findings << " findings, "
              << cib::bench::wait_mode_name(mode) << ", run " << run + 1 << " of " << options.repeat
              << "\n";
    try {
      result.runs.push_back(cib::bench::run_pull(sim, pull_case, mode, scratch));
    } catch (const std::exception& e) {
      result.error = "run " + std::to_string(run + 1) + ": " + e.what();
      break;
    }
  }
  return result;
}

int run(const Options& options) {
  const cib::test::TempDir scratch("cibatch-bench-sonar-pull");
  cib::test::ForgeSimOptions sim_options;
  sim_options.extra_args = {"--sonar-token", cib::bench::kSonarToken};
  cib::test::ForgeSim sim(sim_options);
  std::vector<CaseResult> results;
  bool failed = false;
  for (const int findings : options.findings) {
    const PullCase pull_case{findings, options.pending, options.in_progress};
    for (const WaitMode mode : options.waits) {
      results.push_back(run_case(sim, options, pull_case, mode, scratch.path()));
      failed |= !results.back().error.empty();
    }
  }
  if (options.json) {
    cib::bench::print_json(std::cout, results);
  } else {
    cib::bench::print_table(std::cout, results);
  }
  return failed ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  try {
    options = parse_options(argc, argv);
  } catch (const std::invalid_argument& e) {
    std::cerr << "bench-sonar-pull: " << e.what() << "\n";
    return 2;
  }
  try {
    return run(options);
  } catch (const std::exception& e) {
    std::cerr << "bench-sonar-pull: " << e.what() << "\n";
    return 1;
  }
}
