// cibatch agent: one long-lived process per build agent that owns a client per configured
// identity and takes posts from `cibatch` commands over a Unix socket (docs/AGENT.md).
#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <iostream>
#include <memory>

#include "agent_link.h"
#include "agent_service.h"
#include "cli_errors.h"
#include "cli_options.h"
#include "command_client.h"
#include "commands.h"
#include "line_server.h"
#include "post_support.h"
#include "socket_path.h"

namespace cib::cli {
namespace {

constexpr const char* kUsage =
    "usage: cibatch agent --config FILE [--config FILE2 ...] [options]\n"
    "       cibatch agent --check [--config FILE]\n"
    "\n"
    "Runs until SIGTERM or SIGINT: opens one client per --config file (one identity: a host\n"
    "and its credential) and takes posts from `cibatch status|comment|report|sonar` and\n"
    "`cibatch flush` over a Unix socket (agent.socket; unset: $XDG_RUNTIME_DIR/cibatch/\n"
    "agent.sock, else agent.sock beside the spool file), so that shell steps return as soon\n"
    "as their post is on disk and share one client's coalescing across steps and builds.\n"
    "The first file's agent.* keys and spool.group choose the socket, its limits and who may\n"
    "use it (this user; with spool.group, that group's members too). Posts are acknowledged\n"
    "once they are in the spool (spool.sync: batch is taken as always). On SIGTERM it answers\n"
    "waiting flushes, keeps delivering for shutdown.timeout_ms, and leaves the rest in the\n"
    "spool for its next start.\n"
    "\n"
    "options:\n"
    "  --config FILE       cibatch YAML of one identity (repeatable)\n"
    "  --set KEY=VALUE     set one configuration key in every FILE (repeatable)\n"
    "  --check             say whether an agent answers (exit 0), and for whom; else exit 3\n"
    "  -v, --verbose       also print the library's info lines\n"
    "  -q, --quiet         print none of the library's log lines\n"
    "  --help              show this help\n";

std::string user_name() {
  const passwd* pw = ::getpwuid(::geteuid());
  return pw != nullptr ? pw->pw_name : std::to_string(::geteuid());
}

int run_check(const ParsedArgs& a) {
  std::optional<cibatch::Config> conf;
  if (a.has("config")) conf.emplace(load_config(a.value("config"), settings_from(a)));
  const std::string socket = agent_socket_for(conf ? &*conf : nullptr);
  const auto answer =
      ask_agent(socket, agent::encode(agent::HelloRequest{}), std::chrono::milliseconds(5000));
  if (!answer || !answer->ok || !answer->info) {
    std::cout << "no agent answers at " << socket << "\n";
    return kExitUndelivered;
  }
  const agent::AgentInfo& info = *answer->info;
  std::cout << "agent at " << socket << ": pid " << info.pid << ", user " << info.user
            << ", version " << info.version << ", identities: ";
  for (std::size_t i = 0; i < info.identities.size(); ++i) {
    std::cout << (i > 0 ? ", " : "") << info.identities[i].kind << " "
              << info.identities[i].api_url;
  }
  std::cout << "\n";
  return kExitOk;
}

// The agent acknowledges a post once it is on disk: the command that handed it over has
// returned, so the spool is all that keeps it.
void acknowledge_on_disk(cibatch::Config& conf, LogSink& log) {
  if (conf.value("spool.sync") != "batch") return;
  try {
    conf.set("spool.sync", "always");
  } catch (const cibatch::Error& e) {
    log.on_log(CIB_LOG_WARNING, std::string("spool.sync stays batch (") + e.what() +
                                    "): a post taken in the last 10 ms before a crash is lost");
  }
}

// SIGTERM and SIGINT are taken by sigwait on the main thread: blocked before any thread
// starts, so that every thread inherits the mask.
sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

int run_agent(const ParsedArgs& a) {
  const std::vector<std::string> files = a.values("config");
  if (files.empty()) throw UsageError("missing --config");
  const sigset_t stop = stop_signals();
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  LogSink log(verbosity_from(a.has("verbose"), a.has("quiet")), false);
  std::vector<cibatch::Config> confs;
  for (const std::string& file : files) {
    confs.push_back(load_config(file, settings_from(a)));
    acknowledge_on_disk(confs.back(), log);
  }
  const cibatch::Config& first = confs.front();
  const std::string socket = agent_socket_for(&first);
  agent::AgentInfo info{static_cast<std::int64_t>(::getpid()),
                        static_cast<std::int64_t>(::geteuid()),
                        user_name(),
                        cib_version_str(),
                        socket,
                        {}};
  // Before any client opens: a second agent must not adopt the first one's spool rows.
  if (const auto running =
          ask_agent(socket, agent::encode(agent::HelloRequest{}), std::chrono::milliseconds(5000));
      running && running->ok && running->info) {
    throw CommandError("cibatch agent: an agent already listens on " + socket + " (pid " +
                       std::to_string(running->info->pid) + ")");
  }
  AgentService service(info);
  for (const cibatch::Config& conf : confs) {
    agent::IdentityInfo id{conf.value("host.kind"), conf.value("host.api_url"),
                           conf.value("budget.account")};
    service.add(std::make_unique<AgentIdentity>(conf, id, log, agent::folder_of(socket)));
  }

  agent::LineServerOptions options;
  options.socket_path = socket;
  options.group = first.value("spool.group");
  options.max_connections = std::stoul(first.value("agent.max_connections"));
  options.max_line_bytes = std::stoull(first.value("agent.max_message_mb")) << 20;
  options.read_timeout =
      std::chrono::milliseconds(std::stoll(first.value("agent.read_timeout_ms")));
  confs.clear();  // `first` is gone from here on
  const std::string group = options.group;
  agent::LineServer server(
      options,
      [group](const agent::Peer& peer) -> std::optional<std::string> {
        if (agent::peer_allowed(peer, group)) return std::nullopt;
        return agent::error_reply("peer", "uid " + std::to_string(peer.uid) +
                                              " may not use this agent (it serves its own user" +
                                              (group.empty() ? "" : " and group " + group) + ")");
      },
      [&service](const agent::Peer&, std::string line, agent::Reply reply) {
        service.handle(
            line, AnswerSink{[reply](std::string answer) mutable { reply.send(std::move(answer)); },
                             [reply] { return reply.closed(); }});
      },
      [](std::size_t cap) {
        return agent::error_reply(
            "too_large",
            "a request is limited to " + std::to_string(cap >> 20) + " MiB (agent.max_message_mb)");
      });
  server.start();
  std::cerr << "cibatch agent: listening on " << socket << " (pid " << info.pid << ") for "
            << service.info().identities.size() << " identit"
            << (service.info().identities.size() == 1 ? "y" : "ies") << "\n";

  int signal_number = 0;
  sigwait(&stop, &signal_number);
  std::cerr << "cibatch agent: stopping (" << strsignal(signal_number) << ")\n";
  service.refuse_new_work();
  const std::size_t left = service.stop();
  server.stop(std::chrono::milliseconds(1000));
  std::cerr << "cibatch agent: stopped; " << left << (left == 1 ? " slot" : " slots")
            << " left in the spool for the next start\n";
  return kExitOk;
}

int run(const Args& args) {
  const ParsedArgs a = parse_args(args, {{"help", false, false},
                                         {"config", true, true},
                                         {"set", true, true},
                                         {"check", false, false},
                                         {"verbose", false, false, 'v'},
                                         {"quiet", false, false, 'q'}});
  if (wants_help(a, kUsage)) return kExitOk;
  check_no_positionals(a);
  if (a.has("check")) return run_check(a);
  return run_agent(a);
}

}  // namespace

Command agent_command() {
  return {"agent", "serve posts of shell steps from one long-lived process (a Unix socket)", kUsage,
          &run};
}

}  // namespace cib::cli
