// cibatch gateway: runs the gateway's own program, cibatch-gateway, with the same arguments.
// The gateway needs the library's internals (its budget, credentials and transport), which the
// cibatch command, written against the C ABI alone, does not link (docs/GATEWAY.md).
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "cli_errors.h"
#include "commands.h"

namespace cib::cli {
namespace {

constexpr const char* kProgramName = "cibatch-gateway";
// Where the packages install it (CMake: <libexecdir>/cibatch/cibatch-gateway).
constexpr const char* kInstalledProgram = CIBATCH_GATEWAY_PROGRAM;

constexpr const char* kUsage =
    "usage: cibatch gateway --config FILE [--config FILE2 ...] [--check]\n"
    "\n"
    "Runs the gateway (cibatch-gateway): a reverse proxy for the hosts' REST APIs through\n"
    "which every tool spends the account's request budget together with the library, with a\n"
    "shared cache and priorities. `cibatch gateway --help` shows its options.\n";

// The folder of this program's real path ("" when it cannot be read): a build tree or an
// unpacked package keeps cibatch-gateway beside cibatch.
std::string own_folder() {
  char resolved[PATH_MAX];
  if (::realpath("/proc/self/exe", resolved) == nullptr) return "";
  const std::string path = resolved;
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

std::vector<std::string> candidates() {
  std::vector<std::string> out;
  const std::string folder = own_folder();
  if (!folder.empty()) out.push_back(folder + "/" + kProgramName);
  out.push_back(kInstalledProgram);
  return out;
}

int run_gateway(const Args& args) {
  std::string looked;
  for (const std::string& program : candidates()) {
    looked += (looked.empty() ? "" : " and ") + program;
    if (::access(program.c_str(), X_OK) != 0) continue;
    std::vector<char*> argv{const_cast<char*>(kProgramName)};
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    ::execv(program.c_str(), argv.data());
    throw CommandError("cibatch gateway: cannot run " + program + ": " + std::strerror(errno));
  }
  throw CommandError("cibatch gateway: its program " + std::string(kProgramName) +
                     " is not installed (looked for " + looked + ")");
}

}  // namespace

Command gateway_command() {
  return {"gateway", "share the account's budget with other tools: an API gateway", kUsage,
          &run_gateway};
}

}  // namespace cib::cli
