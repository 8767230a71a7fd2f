// The subcommands of cibatch. Each reads its own options (UsageError when they are wrong),
// prints its own --help, and returns an ExitStatus.
#pragma once

#include <string>
#include <vector>

namespace cib::cli {

using Args = std::vector<std::string>;

struct Command {
  const char* name;
  const char* summary;  // one line for `cibatch --help`
  const char* usage;    // the command's --help text
  int (*run)(const Args& args);
};

Command replay_command();
Command status_command();
Command comment_command();
Command report_command();
Command sonar_command();
Command check_config_command();
Command drain_command();
Command spool_command();
Command budget_command();
Command agent_command();
Command flush_command();
Command gateway_command();

}  // namespace cib::cli
