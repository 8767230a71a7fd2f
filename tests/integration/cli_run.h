// Runs the `cibatch` command built with the tests (CIB_CLI_PATH) and collects what it printed.
#pragma once

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <string>
#include <vector>

#include "child_process.h"

namespace cib::test {

// The command's exit code; stdout and stderr in `output`.
inline int cli(const std::vector<std::string>& args, std::string& output) {
  std::vector<std::string> argv{CIB_CLI_PATH};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, output);
}

// `cibatch replay TRACE --config CONFIG`: its exit code, what it printed, and the summary
// object it prints last.
struct Replay {
  Poco::JSON::Object::Ptr summary;
  int exit_code;
  std::string output;
};

inline Replay replay(const std::string& trace, const std::string& config) {
  Replay r;
  r.exit_code = cli({"replay", trace, "--config", config}, r.output);
  const auto last_brace = r.output.rfind("\n{");
  const std::string last = r.output.substr(last_brace == std::string::npos ? 0 : last_brace + 1);
  Poco::JSON::Parser parser;
  r.summary = parser.parse(last).extract<Poco::JSON::Object::Ptr>();
  return r;
}

}  // namespace cib::test
