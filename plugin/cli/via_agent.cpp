#include "via_agent.h"

#include <iostream>
#include <memory>

#include "agent_link.h"
#include "cli_errors.h"
#include "command_client.h"
#include "delivery_log.h"
#include "socket_path.h"

namespace cib::cli {
namespace {

using std::chrono::milliseconds;

// A post the agent has not answered within this (besides the wait asked for) is posted by the
// command itself: the same content twice costs nothing, the slot keeps one.
constexpr milliseconds kAnswerMargin{30000};

struct Target {
  std::string socket;
  std::optional<agent::Route> route;
};

// nullopt when the agent is turned off.
std::optional<Target> target_of(const ParsedArgs& a, const cibatch::Config* conf) {
  if (a.has("no-agent") || agent::agent_disabled_by_environment()) return std::nullopt;
  if (conf == nullptr) return Target{agent_socket_for(nullptr), std::nullopt};
  return Target{agent_socket_for(conf), route_of(*conf)};
}

// The answer, or nullopt (and a note on stderr unless quiet) when the command should go on
// without the agent.
std::optional<agent::Answer> ask(const ParsedArgs& a, const Target& target,
                                 const std::string& request, milliseconds timeout) {
  std::optional<agent::Answer> answer;
  try {
    answer = ask_agent(target.socket, request, timeout);
  } catch (const agent::ProtocolError& e) {
    answer = agent::Answer{false, "protocol", "", e.what(), std::nullopt, std::nullopt};
  }
  if (!answer) return std::nullopt;
  if (answer->ok || answer->error == "library") return answer;
  if (a.has("verbose") || (answer->error != "no_identity" && answer->error != "stopping")) {
    if (!a.has("quiet")) {
      std::cerr << "cibatch: the agent at " << target.socket << " did not take it ("
                << answer->message << "); going on without it\n";
    }
  }
  return std::nullopt;
}

// Prints the reports and the ending; the exit status as a command without the agent has.
int settled_exit(const ParsedArgs& a, const agent::Settled& settled, bool print_all) {
  DeliveryLog log(std::cerr, print_all);
  for (const agent::DeliveryRecord& r : settled.reports) log.on_record(r);
  const LogSink sink(verbosity_from(a.has("verbose"), a.has("quiet")), false);
  if (settled.status != "CIB_OK") {
    std::cerr << settled.message << "\n"
              << ending_line("not delivered", sink, settled.message) << "\n";
    return kExitUndelivered;
  }
  if (log.failed_slots() == 0) return kExitOk;
  std::cerr << ending_line("refused by the host", sink) << "\n";
  return kExitUndelivered;
}

std::uint64_t tag_of(const ParsedArgs& a) {
  return static_cast<std::uint64_t>(
      a.integer("tag", 0, 0, static_cast<std::int64_t>(agent::kMaxRequestTag)));
}

}  // namespace

std::optional<int> post_via_agent(const ParsedArgs& a, const cibatch::Config* conf,
                                  const AgentPost& post, std::int32_t timeout_ms) {
  const std::optional<Target> target = target_of(a, conf);
  if (!target) return std::nullopt;
  agent::PostRequest request;
  request.route = target->route;
  request.tag = tag_of(a);
  request.force = a.has("force");
  request.wait_ms = a.has("wait") ? timeout_ms : -1;
  request.post_json = post.post_json();
  request.server_url = post.server_url;
  request.dashboard_url = post.dashboard_url;
  const milliseconds wait(a.has("wait") ? timeout_ms : 0);
  const auto answer = ask(a, *target, agent::encode(request), wait + kAnswerMargin);
  if (!answer) return std::nullopt;
  if (!answer->ok) {  // the library refused the post, as it would have without the agent
    std::cerr << answer->message << "\n";
    return kExitError;
  }
  if (!answer->settled) return kExitOk;
  return settled_exit(a, *answer->settled, true);
}

std::optional<int> flush_via_agent(const ParsedArgs& a, const cibatch::Config* conf,
                                   std::int32_t timeout_ms) {
  const std::optional<Target> target = target_of(a, conf);
  if (!target) return std::nullopt;
  agent::FlushRequest request;
  request.route = target->route;
  request.tag = tag_of(a);
  request.timeout_ms = timeout_ms;
  const milliseconds wait =
      timeout_ms < 0 ? milliseconds(24 * 3600 * 1000) : milliseconds(timeout_ms);
  const auto answer = ask(a, *target, agent::encode(request), wait + kAnswerMargin);
  if (!answer) return std::nullopt;
  if (!answer->ok || !answer->settled) {
    std::cerr << answer->message << "\n";
    return kExitError;
  }
  return settled_exit(a, *answer->settled, a.has("verbose"));
}

}  // namespace cib::cli
