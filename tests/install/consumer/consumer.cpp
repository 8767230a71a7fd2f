// A C++ consumer built from an installed tree with CMake's find_package(cibatch) and the
// cibatch::cibatch target: the same status as the C consumer, through cibatch.hpp. Its spool
// and budget files go into the folder argv[2].
#include <cibatch.hpp>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  try {
    const std::string folder = argv[2];
    cibatch::Config conf;
    conf.set("host.kind", "bitbucket-cloud");
    conf.set("host.api_url", argv[1]);
    conf.set("host.auth.token", "consumer-token");
    conf.set("spool.sync", "off");
    conf.set("spool.path", folder + "/cpp-spool.db");
    conf.set("budget.path", folder + "/cpp-budget.db");
    cibatch::Client client(conf);
    cibatch::Status status;
    status.repo = "acme/web";
    status.commit = "3f2c8a1e9b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a";
    status.key = "cpp-consumer";
    status.state = CIB_STATE_SUCCESSFUL;
    client.post(status, 1);
    const cibatch::Settlement settled = client.flush(1, 30000);
    if (settled.status != CIB_OK || settled.left != 0) {
      std::cerr << "c++ consumer: " << settled.message << "\n";
      return 1;
    }
  } catch (const cibatch::Error& e) {
    std::cerr << "c++ consumer: " << e.what() << "\n";
    return 1;
  }
  std::cout << "c++ consumer: delivered with cibatch " << cib_version_str() << "\n";
  return 0;
}
