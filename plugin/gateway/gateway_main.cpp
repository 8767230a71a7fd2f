// cibatch-gateway: the program `cibatch gateway` runs. Loads each --config file as one
// upstream, builds the gateway's configuration, and serves until SIGTERM or SIGINT, then drains
// the requests in flight and exits 0 (docs/GATEWAY.md).
#include <pthread.h>
#include <signal.h>

#include <cstring>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "cibatch_version.h"
#include "config/config_store.h"
#include "config/yaml_source.h"
#include "gateway/gateway_config.h"
#include "gateway/gateway_service.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitConfig = 1;
constexpr int kExitUsage = 2;
constexpr const char* kProgram = "cibatch gateway";

constexpr const char* kUsage =
    "usage: cibatch gateway --config FILE [--config FILE2 ...] [--check]\n"
    "\n"
    "A reverse proxy for the code hosts' REST APIs that lets every tool (PR pollers,\n"
    "portals, scripts) spend the account's request budget together with the library: each\n"
    "--config FILE is one upstream (host.kind, host.api_url, host.auth.*, budget.*), served\n"
    "under its gateway.mount (default: the API URL's path, e.g. /2.0). The first FILE's\n"
    "gateway.* keys set the listener, the tools and their tokens (gateway.clients), the\n"
    "cache and the caps. Once listening it prints\n"
    "\"cibatch gateway listening on http://HOST:PORT\". SIGTERM or SIGINT: it stops\n"
    "accepting, lets requests in flight finish (gateway.drain_timeout_ms) and exits 0.\n"
    "\n"
    "options:\n"
    "  --config FILE   cibatch YAML of one upstream (repeatable; at least one)\n"
    "  --check         load and check the files, print each upstream and tool, exit 0\n"
    "  --help          show this help\n"
    "  --version       show the version\n"
    "\n"
    "Exit status: 0 ok, 1 the configuration is wrong or the gateway could not start,\n"
    "2 usage error.\n";

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Options {
  std::vector<std::string> configs;
  bool check = false;
  bool help = false;
  bool version = false;
};

Options parse_options(const std::vector<std::string>& args) {
  Options options;
  const std::string config_eq = "--config=";
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--config") {
      if (i + 1 == args.size()) throw UsageError("--config needs a FILE");
      options.configs.push_back(args[++i]);
    } else if (arg.compare(0, config_eq.size(), config_eq) == 0) {
      options.configs.push_back(arg.substr(config_eq.size()));
    } else if (arg == "--check") {
      options.check = true;
    } else if (arg == "--help" || arg == "-h") {
      options.help = true;
    } else if (arg == "--version") {
      options.version = true;
    } else {
      throw UsageError("unknown argument " + cib::file_for_message(arg));
    }
  }
  if (!options.help && !options.version && options.configs.empty()) {
    throw UsageError("expected at least one --config FILE");
  }
  return options;
}

// One file as the library would read it: over the administrator's file, so its locks and
// host.allowed_urls bound the gateway too. Messages name the file (and line:column, or key).
std::pair<std::string, cib::Settings> load_file(const std::string& path) {
  const std::string named = cib::file_for_message(path);
  try {
    cib::ConfigStore store;
    store.load_admin_layer();
    store.load_yaml(cib::read_yaml_file(path));
    return {named, store.settings()};
  } catch (const cib::ConfigError& e) {
    const std::string message = e.what();
    if (message.find(named) != std::string::npos) throw;
    throw cib::ConfigError(e.code(), named + ": " + message);
  }
}

cib::gw::GatewayConfig load_config(const Options& options) {
  std::vector<std::pair<std::string, cib::Settings>> files;
  for (const std::string& path : options.configs) files.push_back(load_file(path));
  return cib::gw::make_gateway_config(files);
}

void print_check(const cib::gw::GatewayConfig& config) {
  for (const cib::gw::UpstreamConfig& upstream : config.upstreams) {
    std::cout << "upstream " << upstream.mount << " -> "
              << cib::to_string(upstream.settings.host_kind) << " " << upstream.settings.api_url
              << "\n";
  }
  for (const cib::GatewayClientEntry& tool : config.clients) {
    std::cout << "tool " << tool.name << " " << tool.priority << " quota_per_hour "
              << (tool.quota_per_hour == 0 ? std::string("none")
                                           : std::to_string(tool.quota_per_hour))
              << "\n";
  }
  std::cout << "listen " << config.server.listen << "\n" << std::flush;
}

// The host part of HOST:PORT ("[::1]:0" keeps its brackets).
std::string listen_host(const std::string& listen) {
  const std::size_t colon = listen.rfind(':');
  return colon == std::string::npos ? listen : listen.substr(0, colon);
}

// Lines of the gateway's own go to stderr whole, whichever thread writes them.
void log_line(const std::string& line) {
  static std::mutex mutex;
  const std::lock_guard<std::mutex> lock(mutex);
  std::cerr << kProgram << ": " << line << std::endl;
}

// Blocked in every thread (they inherit the mask), so only sigwait() below sees them; a
// client that leaves mid-answer must not kill the process with SIGPIPE.
sigset_t block_stop_signals() {
  ::signal(SIGPIPE, SIG_IGN);
  sigset_t stop;
  sigemptyset(&stop);
  for (int signal_number : {SIGTERM, SIGINT, SIGHUP}) sigaddset(&stop, signal_number);
  if (const int error = ::pthread_sigmask(SIG_BLOCK, &stop, nullptr); error != 0) {
    throw std::runtime_error(std::string("cannot block signals: ") + std::strerror(error));
  }
  return stop;
}

// Returns at SIGTERM or SIGINT. SIGHUP does not reload: the files are read at start only.
void wait_for_stop(const sigset_t& stop) {
  for (;;) {
    int received = 0;
    if (::sigwait(&stop, &received) != 0) throw std::runtime_error("sigwait failed");
    if (received != SIGHUP) return;
    log_line("SIGHUP ignored: the configuration is read at start only; restart to reload it");
  }
}

int serve(const cib::gw::GatewayConfig& config) {
  const sigset_t stop = block_stop_signals();
  cib::gw::Gateway gateway(config, &log_line);
  gateway.start();
  std::cout << kProgram << " listening on " << gateway.scheme() << "://"
            << listen_host(config.server.listen) << ":" << gateway.port() << std::endl;
  wait_for_stop(stop);
  log_line("stopping: draining requests in flight for up to " + std::to_string(config.drain_ms) +
           " ms");
  const std::int64_t cut_short = gateway.stop();
  if (cut_short > 0) log_line(std::to_string(cut_short) + " requests cut short by the drain");
  return kExitOk;
}

int run(const std::vector<std::string>& args) {
  const Options options = parse_options(args);
  if (options.help) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (options.version) {
    std::cout << "cibatch-gateway " << CIB_VERSION_STR << "\n";
    return kExitOk;
  }
  const cib::gw::GatewayConfig config = load_config(options);
  if (options.check) {
    print_check(config);
    return kExitOk;
  }
  return serve(config);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(std::vector<std::string>(argv + (argc > 0 ? 1 : 0), argv + argc));
  } catch (const UsageError& e) {
    std::cerr << kProgram << ": " << e.what() << "\n\n" << kUsage;
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << kProgram << ": " << e.what() << "\n";
    return kExitConfig;
  }
}
