// Runs the `cibatch` command built with the tests (CIB_CLI_PATH) and collects what it printed.
#pragma once

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

}  // namespace cib::test
