#include "agent_fixture.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <fstream>
#include <stdexcept>

#include "line_client.h"

namespace cib::test {
IdentityYaml held_back() {
  IdentityYaml yaml;
  yaml.batching = "linger_ms: 60000, terminal_linger_ms: 60000, max_delay_ms: 60000";
  return yaml;
}

std::string write_text(const TempDir& dir, const std::string& name, const std::string& text) {
  const std::string path = dir.file(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::string write_identity(const TempDir& dir, const ForgeSim& sim, const std::string& name,
                           const IdentityYaml& yaml) {
  const std::string token = write_text(dir, "token", kAgentToken);
  ::chmod(token.c_str(), 0600);
  const auto more = [](const std::string& keys) { return keys.empty() ? "" : ", " + keys; };
  return write_text(
      dir, name + ".yml",
      "cibatch:\n  host:\n    kind: bitbucket-cloud\n    api_url: " + sim.api_url() +
          "\n    auth: { type: bearer, token_file: \"" + token + "\" }\n" + "  batching: { " +
          yaml.batching + " }\n" + "  transport: { retry_base_ms: 20, retry_max_ms: 200 }\n" +  //
          (yaml.shutdown.empty() ? "" : "  shutdown: { " + yaml.shutdown + " }\n") +
          "  spool: { path: \"" + dir.file(name + ".db") + "\"" + more(yaml.spool) + " }\n" +
          "  budget: { path: \"" + dir.file("budget.db") + "\"" + more(yaml.budget) + " }\n" +
          "  agent: { socket: \"" + socket_of(dir) + "\"" + more(yaml.agent) + " }\n");
}

std::vector<std::string> command_line(const std::vector<std::string>& args,
                                      const std::vector<std::string>& env) {
  std::vector<std::string> argv{"env",           "-u", "CIBATCH_AGENT_SOCKET", "-u",
                                "CIBATCH_AGENT", "-u", "XDG_RUNTIME_DIR"};
  argv.insert(argv.end(), env.begin(), env.end());
  argv.push_back(CIB_CLI_PATH);
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

int cibatch(const std::vector<std::string>& args, std::string& output,
            const std::vector<std::string>& env) {
  return run_command(command_line(args, env), output);
}

int post_status(const std::string& config, const std::string& key, const std::string& state,
                std::string& output, const std::vector<std::string>& more) {
  std::vector<std::string> args{"status", "--config", config, "--repo",  kRepo, "--commit",
                                kCommit,  "--key",    key,    "--state", state};
  args.insert(args.end(), more.begin(), more.end());
  return cibatch(args, output);
}

int flush(const std::string& config, const std::string& tag, std::string& output,
          const std::vector<std::string>& more) {
  std::vector<std::string> args{"flush", "--config", config, "--tag", tag};
  args.insert(args.end(), more.begin(), more.end());
  return cibatch(args, output);
}

int check(const std::string& config, std::string& output) {
  return cibatch({"agent", "--check", "--config", config}, output);
}

RunningAgent::RunningAgent(const std::vector<std::string>& configs,
                           const std::vector<std::string>& more) {
  std::vector<std::string> args{"agent"};
  for (const std::string& config : configs) args.insert(args.end(), {"--config", config});
  args.insert(args.end(), more.begin(), more.end());
  child_ = std::make_unique<ChildProcess>(command_line(args), true);
  while (true) {
    const std::string line = child_->read_line(std::chrono::seconds(20));
    startup_ += line + "\n";
    if (contains(line, "listening on")) return;
  }
}

int RunningAgent::stop(int sig) {
  ::kill(child_->pid(), sig);
  const int status = child_->wait();
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

Served::Served(const IdentityYaml& yaml, bool start)
    : config(write_identity(dir, sim, "id", yaml)) {
  if (start) start_agent();
}

void Served::start_agent(const std::vector<std::string>& more) {
  agent.reset();
  agent = std::make_unique<RunningAgent>(std::vector<std::string>{config}, more);
}

agent::Answer ask(const std::string& socket, const std::string& line,
                  std::chrono::milliseconds timeout) {
  agent::LineClient client(socket, std::chrono::seconds(5));
  return agent::parse_answer(client.request(line, timeout));
}

std::string status_request(std::uint64_t tag, const std::string& key, const std::string& state) {
  return "{\"v\":1,\"op\":\"post\",\"tag\":" + std::to_string(tag) +
         ",\"post\":{\"op\":\"status\",\"repo\":\"" + kRepo + "\",\"commit\":\"" + kCommit +
         "\",\"key\":\"" + key + "\",\"state\":\"" + state + "\"}}";
}

Poco::JSON::Object::Ptr held(const ForgeSim& sim, const std::vector<std::string>& path) {
  Poco::JSON::Object::Ptr o = sim.state();
  for (const std::string& name : path) {
    if (o.isNull()) return o;
    o = o->getObject(name);
  }
  return o;
}

std::string held_state(const ForgeSim& sim, const std::string& key, const std::string& commit) {
  const auto status = held(sim, {"statuses", kRepo, commit, key});
  return status.isNull() ? "" : status->getValue<std::string>("state");
}

std::size_t statuses_held(const ForgeSim& sim, const std::string& commit) {
  const auto statuses = held(sim, {"statuses", kRepo, commit});
  return statuses.isNull() ? 0 : statuses->size();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace cib::test
