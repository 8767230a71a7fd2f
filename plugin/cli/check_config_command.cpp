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
    "\"FILE: KIND at URL\" (the API URL the client would use: host.api_url, else the\n"
    "kind's default), then \"FILE: ok\"; or the first error (naming file:line:column\n"
    "and the key). A secret\n"
    "written in FILE itself (not as ${VARIABLE}) is accepted with a warning naming its key.\n"
    "Exit status: 0 ok, 1 the configuration is wrong, 2 usage error.\n";

int run_check_config(const Args& args) {
  const ParsedArgs a = parse_args(args, {{"help", false, false}});
  if (a.has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (a.positionals().size() != 1) throw UsageError("expected exactly one FILE");
  const std::string file = a.positionals()[0];
  const cibatch::Config conf = load_config(file, {});
  conf.validate();
  std::cout << file << ": " << conf.value("host.kind") << " at " << conf.value("host.api_url")
            << "\n";
  // The library reads a secret written inline as "(secret)", one given as ${VARIABLE} as
  // written: accepted, with a warning that names the key, never the value.
  for (const std::string key :
       {"host.auth.token", "host.auth.password", "sonar.token", "budget.shared"}) {
    if (conf.value(key) != "(secret)") continue;
    std::cout << file << ": warning: " << key
              << ": holds a secret written in the configuration itself; "
              << (key == "budget.shared" ? "keep the file readable by the agent's user alone"
                                         : "set it as \"${VARIABLE}\" from the CI's credential "
                                           "store")
              << "\n";
  }
  std::cout << file << ": ok" << std::endl;
  return kExitOk;
}

}  // namespace

Command check_config_command() {
  return {"check-config", "check a configuration file without opening a client", kUsage,
          &run_check_config};
}

}  // namespace cib::cli
