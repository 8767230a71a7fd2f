#include "replay_fleet.h"

#include <Poco/JSON/Parser.h>
#include <sys/wait.h>

#include <sstream>
#include <stdexcept>

namespace cib::test {
namespace {

using Clock = std::chrono::steady_clock;

// Long enough for traces whose work spans several budget windows.
constexpr const char* kFlushTimeoutMs = "240000";
constexpr auto kSlice = std::chrono::milliseconds(10);

// The last line of output that is a JSON object with a "calls" counter: the replay's summary.
Poco::JSON::Object::Ptr summary_of(const std::string& output) {
  std::istringstream lines(output);
  std::string line;
  Poco::JSON::Object::Ptr found;
  Poco::JSON::Parser parser;
  while (std::getline(lines, line)) {
    if (line.empty() || line.front() != '{') continue;
    try {
      parser.reset();
      const auto object = parser.parse(line).extract<Poco::JSON::Object::Ptr>();
      if (object->has("calls")) found = object;
    } catch (const std::exception&) {
      // A log line that merely starts with a brace.
    }
  }
  return found;
}

int exit_code_of(int wait_status) {
  return WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : 128 + WTERMSIG(wait_status);
}

}  // namespace

std::string cibatch_path() {
  return CIB_CLI_PATH;
}

std::string agent_yaml(const ForgeSim& sim, const AgentConfig& c) {
  std::ostringstream yaml;
  yaml << "cibatch:\n"
       << "  host:\n"
       << "    kind: bitbucket-cloud\n"
       << "    api_url: " << sim.api_url() << "\n"
       << "    auth: { type: bearer, token: \"" << c.token << "\" }\n"
       << "  batching: { linger_ms: " << c.linger_ms
       << ", terminal_linger_ms: " << c.terminal_linger_ms << ", max_delay_ms: " << c.max_delay_ms
       << " }\n"
       << "  transport: { retry_base_ms: 20, retry_max_ms: 500 }\n"
       << "  shutdown: { timeout_ms: 30000 }\n"
       << "  spool: { path: \"" << c.spool_path << "\" }\n"
       << "  budget:\n"
       << "    limit: " << c.limit << "\n"
       << "    window_s: " << c.window_s << "\n"
       << "    reserve: " << c.reserve << "\n"
       << "    path: \"" << c.budget_path << "\"\n";
  if (!c.shared.empty()) yaml << "    shared: \"" << c.shared << "\"\n";
  return yaml.str();
}

long long ReplayOutcome::count(const std::string& key) const {
  if (summary.isNull()) return -1;
  return summary->optValue<long long>(key, 0);
}

void ReplayFleet::start(const std::string& name, const std::string& trace,
                        const std::string& config, const std::vector<std::string>& options) {
  Agent agent;
  agent.name = name;
  std::vector<std::string> argv{cibatch_path(), "replay",           trace,
                                "--config",     config,             "--flush-timeout-ms",
                                kFlushTimeoutMs};
  argv.insert(argv.end(), options.begin(), options.end());
  agent.child = std::make_unique<ChildProcess>(argv, true);
  agents_.push_back(std::move(agent));
}

bool ReplayFleet::pump(std::chrono::milliseconds span) {
  const auto until = Clock::now() + span;
  bool all_closed = false;
  do {
    all_closed = true;
    for (Agent& agent : agents_) {
      if (!agent.closed) agent.closed = agent.child->read_to_end(kSlice);
      all_closed = all_closed && agent.closed;
    }
  } while (!all_closed && Clock::now() < until);
  return all_closed;
}

std::vector<ReplayOutcome> ReplayFleet::finish(std::chrono::milliseconds timeout) {
  if (!pump(timeout)) {
    throw std::runtime_error("the replays did not finish within " +
                             std::to_string(timeout.count()) + " ms");
  }
  std::vector<ReplayOutcome> outcomes;
  for (Agent& agent : agents_) {
    ReplayOutcome outcome;
    outcome.name = agent.name;
    outcome.exit_code = exit_code_of(agent.child->wait());
    outcome.output = agent.child->output();
    outcome.summary = summary_of(outcome.output);
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

long long total(const std::vector<ReplayOutcome>& outcomes, const std::string& key) {
  long long sum = 0;
  for (const ReplayOutcome& o : outcomes) sum += o.count(key) > 0 ? o.count(key) : 0;
  return sum;
}

}  // namespace cib::test
