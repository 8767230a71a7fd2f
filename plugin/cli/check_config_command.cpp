// cibatch check-config: loads a configuration the way a client would and validates it.
#include <iostream>

#include "cli_errors.h"
#include "cli_options.h"
#include "command_client.h"
#include "commands.h"

namespace cib::cli {
namespace {

constexpr const char* kUsage =
    "usage: cibatch check-config FILE\n"
    "\n"
    "Loads FILE over the administrator's file (CIBATCH_ADMIN_CONFIG, else\n"
    "/etc/cibatch/cibatch.yml), checks that a client could open with it, and prints\n"
    "\"FILE: ok\" or the first error (naming file:line:column and the key).\n"
    "Exit status: 0 ok, 1 the configuration is wrong, 2 usage error.\n";

int run_check_config(const Args& args) {
  const ParsedArgs a = parse_args(args, {{"help", false, false}});
  if (a.has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (a.positionals().size() != 1) throw UsageError("expected exactly one FILE");
  const std::string file = a.positionals()[0];
  load_config(file, {}).validate();
  std::cout << file << ": ok" << std::endl;
  return kExitOk;
}

}  // namespace

Command check_config_command() {
  return {"check-config", "check a configuration file without opening a client", kUsage,
          &run_check_config};
}

}  // namespace cib::cli
