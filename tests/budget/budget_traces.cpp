#include "budget_traces.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <stdexcept>

namespace cib::test {
namespace {

using Poco::JSON::Object;

constexpr int kStageHoldMs = 900;
constexpr int kAgentFindings = 120;
constexpr const char* kSeverities[] = {"CRITICAL", "HIGH", "MEDIUM", "LOW"};
constexpr const char* kTypes[] = {"BUG", "VULNERABILITY", "CODE_SMELL"};

// Collects trace lines; each op is built as a JSON object, never as hand-written text.
class TraceText {
 public:
  void add(const Object& op) {
    op.stringify(out_);
    out_ << '\n';
  }
  void sleep(int ms) {
    Object op;
    op.set("op", "sleep");
    op.set("ms", ms);
    add(op);
  }
  std::string str() const { return out_.str(); }

 private:
  std::ostringstream out_;
};

Object status(const std::string& repo, const std::string& commit, const std::string& key,
              const std::string& state, const std::string& description) {
  Object op;
  op.set("op", "status");
  op.set("repo", repo);
  op.set("commit", commit);
  op.set("key", key);
  op.set("state", state);
  op.set("name", "Stage " + key);
  op.set("url", "https://ci.example/" + repo + "/" + key);
  op.set("description", description);
  return op;
}

Object report(const std::string& repo, const std::string& commit, const std::string& id,
              int findings) {
  Poco::JSON::Array::Ptr annotations = new Poco::JSON::Array;
  for (int i = 0; i < findings; ++i) {
    Object::Ptr a = new Object;
    std::ostringstream finding_id;
    finding_id << "finding-" << std::setw(5) << std::setfill('0') << i;
    a->set("id", finding_id.str());
    a->set("path", "src/module_" + std::to_string(i / 50) + ".cpp");
    a->set("line", 1 + i % 50);
    a->set("severity", kSeverities[i % 4]);
    a->set("type", kTypes[i % 3]);
    a->set("summary", "Finding " + std::to_string(i) + " in " + repo);
    annotations->add(a);
  }
  Object op;
  op.set("op", "report");
  op.set("repo", repo);
  op.set("commit", commit);
  op.set("id", id);
  op.set("title", "Static analysis");
  op.set("result", "FAILED");
  op.set("details", std::to_string(findings) + " findings");
  op.set("annotations", annotations);
  return op;
}

Object comment(const std::string& repo, int pr, const std::string& key, const std::string& body) {
  Object op;
  op.set("op", "comment");
  op.set("repo", repo);
  op.set("pr", pr);
  op.set("key", key);
  op.set("body", body);
  return op;
}

}  // namespace

std::string commit_for(int seed) {
  // Knuth's multiplicative hash spreads small seeds over all digits.
  std::uint32_t x = static_cast<std::uint32_t>(seed) * 2654435761u + 0x9e3779b9u;
  std::ostringstream hex;
  for (int part = 0; part < 5; ++part) {
    hex << std::hex << std::setw(8) << std::setfill('0') << x;
    x = x * 1664525u + 1013904223u;
  }
  return hex.str();
}

std::string agent_trace(int agent) {
  const std::string repo = "team/svc-" + std::to_string(agent);
  const std::string commit = commit_for(agent);
  TraceText trace;
  trace.add(status(repo, commit, "build", "INPROGRESS", "Running"));
  trace.sleep(kStageHoldMs);
  trace.add(report(repo, commit, "quality", kAgentFindings));
  trace.add(status(repo, commit, "build", "SUCCESSFUL", "Passed"));
  trace.add(status(repo, commit, "test", "INPROGRESS", "Running"));
  trace.sleep(kStageHoldMs);
  trace.add(status(repo, commit, "test", "SUCCESSFUL", "Passed"));
  trace.add(comment(repo, 100 + agent, "summary",
                    "Agent " + std::to_string(agent) + ": build and test passed; " +
                        std::to_string(kAgentFindings) + " findings"));
  return trace.str();
}

std::string big_report_trace(int findings, const std::string& stage_key, int report_lead_ms,
                             int stage_hold_ms) {
  const std::string repo = "team/mono";
  const std::string commit = commit_for(1000);
  TraceText trace;
  trace.add(report(repo, commit, "scan", findings));
  trace.sleep(report_lead_ms);
  trace.add(status(repo, commit, stage_key, "INPROGRESS", "Deploying"));
  trace.sleep(stage_hold_ms);
  trace.add(status(repo, commit, stage_key, "SUCCESSFUL", "Deployed"));
  return trace.str();
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace cib::test
