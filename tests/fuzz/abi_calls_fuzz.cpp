// The C ABI driven by arbitrary call sequences: the input decodes into calls on one
// configuration and at most one client at a time (config_set with any key and value, client
// new/destroy/close, the four posts with any field NULL or odd, flush with small timeouts, poll,
// stats and budget JSON into small buffers), against a forge-sim started once per process. Each
// client gets a spool and a budget file of its own. No call may crash, hang or trip a sanitizer,
// whatever it returns.
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "abi_bytes.h"
#include "abi_calls.h"
#include "forge_sim.h"
#include "temp_dir.h"

namespace {

// What lives as long as the process: the simulator and the folder of every client's files.
struct Process {
  Process() {
    unsetenv("CIBATCH_ADMIN_CONFIG");
    sim = std::make_unique<cib::test::ForgeSim>();
  }
  std::unique_ptr<cib::test::ForgeSim> sim;
  cib::test::TempDir dir{"cib-fuzz-abi"};
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Process process;
  cib::fuzz::AbiBytes in(data, size);
  const std::string folder = process.dir.file("run");
  std::filesystem::create_directory(folder);
  {
    cib::fuzz::AbiSession session(in, process.sim->api_url(), folder);
    for (int call = 0; call < cib::fuzz::kMaxCalls && !in.done(); ++call) session.call();
  }
  std::filesystem::remove_all(folder);
  return 0;
}
