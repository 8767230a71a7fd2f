// forge-sim: a Bitbucket Cloud simulator for cibatch's tests. See ../README.md.
#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "answer.h"
#include "sim_context.h"
#include "sim_options.h"
#include "sim_server.h"

namespace {

using cib::sim::SimOptions;

Poco::Net::ServerSocket bind_socket(const SimOptions& options) {
  const Poco::Net::SocketAddress address("127.0.0.1", static_cast<Poco::UInt16>(options.port));
  if (!options.tls) return Poco::Net::ServerSocket(address);
  Poco::Net::Context::Ptr context =
      new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, options.key_file,
                             options.cert_file, "", Poco::Net::Context::VERIFY_NONE);
  return Poco::Net::SecureServerSocket(address, 64, context);
}

// Written to a temporary name first, so a reader never sees half a file.
void write_state_file(const std::string& path, const Poco::JSON::Object::Ptr& state) {
  const std::string partial = path + ".partial";
  {
    std::ofstream out(partial, std::ios::out | std::ios::trunc);
    state->stringify(out, 1);
    out << '\n';
    if (!out) throw std::runtime_error(path + ": cannot write the state file");
  }
  if (std::rename(partial.c_str(), path.c_str()) != 0) {
    throw std::runtime_error(path + ": cannot write the state file");
  }
}

int run(const SimOptions& options) {
  auto socket = bind_socket(options);
  const auto port = socket.address().port();
  const std::string origin =
      std::string(options.tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port);
  cib::sim::SimContext context(options, cib::sim::SpecCatalog::load(options.spec_file), origin);
  context.faults.install(cib::sim::FaultPlan::parse(options.faults), 0);

  cib::sim::SimServer server(context, socket);
  server.start();
  std::cout << "forge-sim listening on 127.0.0.1:" << port << std::endl;

  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  int received = 0;
  sigwait(&stop_signals, &received);

  server.stop();
  context.log.flush();
  if (!options.state_out.empty()) write_state_file(options.state_out, context.state.snapshot());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Blocked before any thread starts, so every thread inherits the mask and only sigwait()
  // in run() receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  SimOptions options;
  try {
    options = cib::sim::parse_options(argc, argv);
  } catch (const std::invalid_argument& e) {
    std::cerr << "forge-sim: " << e.what() << "\n" << cib::sim::usage_text() << std::endl;
    return 2;
  }
  try {
    if (options.tls) Poco::Net::initializeSSL();
    return run(options);
  } catch (const Poco::Exception& e) {
    std::cerr << "forge-sim: " << e.displayText() << std::endl;
  } catch (const std::exception& e) {
    std::cerr << "forge-sim: " << e.what() << std::endl;
  }
  return 1;
}
