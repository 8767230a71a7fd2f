// `cibatch replay` of every bundled trace on every host (replay_hosts.h) against the simulator:
// cibatch sends exactly that host's request floor, and the host ends holding the trace's final
// desired state. Also: a spool that runs out of room loses no acknowledged post.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "child_process.h"
#include "cli_run.h"
#include "forge_sim.h"
#include "replay_hosts.h"
#include "sim_state.h"
#include "temp_dir.h"
#include "trace_floor.h"

namespace cib::test {
namespace {

// What the simulator saw of the host's API: the requests a floor counts (a GitHub App's token
// exchange is not one: it is not charged), and of them the reads.
struct SimCounts {
  long requests = 0;
  long lookups = 0;
};

SimCounts sim_counts(const ForgeSim& sim) {
  SimCounts counts;
  for (const auto& request : sim.requests()) {
    if (request->optValue<std::string>("service", "host") != "host") continue;
    if (request->getValue<std::string>("target").find("/app/installations/") != std::string::npos) {
      continue;
    }
    ++counts.requests;
    if (request->getValue<std::string>("method") == "GET") ++counts.lookups;
  }
  return counts;
}

// Replays `trace` on `host`: every request the floor of that host's shapes, the cold start's
// reads among them counted apart, none against the host's API description, and the host ends
// holding the trace's newest content.
void check_trace(const ReplayHost& host, const std::string& trace,
                 const std::string& report_put = "") {
  TempDir dir;
  ForgeSim sim(replay_sim_options(host, dir, report_put));
  declare_pull_requests(host, sim, trace);
  const bench::FloorResult floor = host_floor(host, trace);

  const Replay run = replay(trace, write_replay_config(host, sim, dir));
  BOOST_TEST_INFO("replay output:\n" << run.output);
  BOOST_TEST(run.exit_code == 0);
  const auto& summary = run.summary;
  BOOST_TEST(summary->getValue<long>("undelivered") == 0);
  BOOST_TEST(summary->getValue<long>("calls") == floor.calls);
  BOOST_TEST(summary->getValue<long>("requests") == floor.floor);
  if (summary->has("lookups")) BOOST_TEST(summary->getValue<long>("lookups") == floor.lookups);
  const SimCounts seen = sim_counts(sim);
  BOOST_TEST(seen.requests == floor.floor);
  BOOST_TEST(seen.lookups == floor.lookups);
  const auto stats = sim.stats();
  if (stats->has("lookups")) BOOST_TEST(stats->getValue<long>("lookups") == floor.lookups);
  BOOST_TEST(stats->getValue<long>("invalid") == 0);
  BOOST_TEST_MESSAGE(std::filesystem::path(trace).filename().string()
                     << " on " << host.kind << ": " << floor.calls << " calls, " << seen.requests
                     << " requests (floor " << floor.floor << ", " << seen.lookups << " look-ups)");
  DesiredState want = desired_from_trace(trace);
  check_reports(host, sim, trace, want);
  for (const auto& diff : compare_state(sim.state(), want)) BOOST_ERROR(diff);
}

const std::string kTraces = std::string(CIB_SOURCE_DIR) + "/tests/traces/";

void check_every_trace(const std::string& kind) {
  for (const std::string& trace : bundled_traces()) {
    BOOST_TEST_CONTEXT(trace) {
      check_trace(replay_host(kind), trace);
    }
  }
}

// A trace of `count` comments of `size` bytes on PR 7, then a flush without a timeout.
std::string write_big_comment_trace(const TempDir& dir, int count, std::size_t size) {
  const std::string path = dir.file("big-comments.jsonl");
  std::ofstream out(path);
  const std::string body(size, 'c');
  for (int i = 0; i < count; ++i) {
    out << R"({"op":"comment","repo":"acme/web","pr":7,"key":"big)" << i << R"(","body":")" << body
        << "\"}\n";
  }
  out << R"({"op":"flush"})"
      << "\n";
  return path;
}

std::string write_spool_config(const TempDir& dir, const ForgeSim& sim, const std::string& spool) {
  const std::string path = dir.file("spool-config.yml");
  std::ofstream(path) << "cibatch:\n  host:\n    kind: bitbucket-cloud\n    api_url: "
                      << sim.api_url()
                      << "\n    auth: { type: bearer, token: \"replay-test-token\" }\n"
                      << "  spool: " << spool << "\n";
  return path;
}

struct EchoedReplay {
  bool ended = false;
  int exit_code = -1;
  int returned = 0;  // posts the library acknowledged
  std::string output;
};

// Runs the replay with --echo-returns; a run that has not ended within `limit` is a hang.
EchoedReplay replay_echoing(const std::string& trace, const std::string& config,
                            std::chrono::seconds limit) {
  ChildProcess child({CIB_CLI_PATH, "replay", trace, "--config", config, "--echo-returns"}, true);
  EchoedReplay r;
  r.ended = child.read_to_end(limit);
  const int status = r.ended ? child.wait() : child.terminate(std::chrono::milliseconds(100));
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.output = child.output();
  std::istringstream lines(r.output);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("returned ", 0) == 0) ++r.returned;
  }
  return r;
}

long comments_on_pr(const ForgeSim& sim, long pr) {
  const auto comments = sim.state()->getObject("comments");
  if (!comments->has("acme/web")) return 0;
  const auto by_pr = comments->getObject("acme/web");
  const std::string key = std::to_string(pr);
  return by_pr->has(key) ? static_cast<long>(by_pr->getArray(key)->size()) : 0;
}

// Every post the replay saw acknowledged is on the host when it ends, and it ended.
void check_every_acknowledged_post_delivered(const ForgeSim& sim, const EchoedReplay& run,
                                             int posted) {
  BOOST_TEST_INFO("replay output:\n" << run.output.substr(0, 4000));
  BOOST_TEST(run.ended);
  BOOST_TEST(run.returned > 0);
  BOOST_TEST(comments_on_pr(sim, 7) == run.returned);
  if (run.returned < posted) {
    // The post that found no room was refused, naming the spool, and the run said so.
    BOOST_TEST(run.exit_code != 0);
    BOOST_TEST(run.output.find("spool") != std::string::npos);
  }
}

// A tmpfs of `size` mounted on a fresh directory, unmounted at the end; mounted() is false
// where this process may not mount.
class SmallTmpfs {
 public:
  explicit SmallTmpfs(const std::string& dir, const char* size) : dir_(dir) {
    ::mkdir(dir_.c_str(), 0755);
    const std::string options = std::string("size=") + size;
    mounted_ = ::mount("tmpfs", dir_.c_str(), "tmpfs", 0, options.c_str()) == 0;
    error_ = mounted_ ? 0 : errno;
  }
  ~SmallTmpfs() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  SmallTmpfs(const SmallTmpfs&) = delete;
  SmallTmpfs& operator=(const SmallTmpfs&) = delete;
  bool mounted() const { return mounted_; }
  std::string why() const { return std::strerror(error_); }

 private:
  std::string dir_;
  bool mounted_ = false;
  int error_ = 0;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(replay_traces)

BOOST_AUTO_TEST_CASE(every_trace_costs_the_floor_on_bitbucket_cloud) {
  check_every_trace("bitbucket-cloud");
}

BOOST_AUTO_TEST_CASE(pr_pipeline_costs_the_floor_when_a_put_keeps_annotations) {
  check_trace(replay_host("bitbucket-cloud"), kTraces + "pr-pipeline.jsonl", "keep");
}

BOOST_AUTO_TEST_CASE(every_trace_costs_the_floor_on_gitlab) {
  check_every_trace("gitlab");
}

BOOST_AUTO_TEST_CASE(every_trace_costs_the_floor_on_bitbucket_dc) {
  check_every_trace("bitbucket-dc");
}

BOOST_AUTO_TEST_CASE(every_trace_costs_the_floor_on_github) {
  check_every_trace("github");
}

BOOST_AUTO_TEST_CASE(a_batch_spool_at_max_mb_delivers_every_acknowledged_post) {
  ForgeSim sim;
  TempDir dir;
  const std::string trace = write_big_comment_trace(dir, 60, 60 * 1024);
  const std::string config = write_spool_config(
      dir, sim, "{ path: \"" + dir.file("spool.db") + "\", sync: batch, max_mb: 1 }");
  const EchoedReplay run = replay_echoing(trace, config, std::chrono::seconds(120));
  check_every_acknowledged_post_delivered(sim, run, 60);
  BOOST_TEST(run.returned < 60);
  BOOST_TEST(run.output.find("spool.max_mb") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_batch_spool_on_a_full_small_disk_delivers_every_acknowledged_post) {
  TempDir dir;
  SmallTmpfs disk(dir.file("disk"), "2m");
  if (!disk.mounted()) {
    BOOST_TEST_MESSAGE("skipped: cannot mount a 2 MB tmpfs here (" << disk.why() << ")");
    return;
  }
  ForgeSim sim;
  const std::string trace = write_big_comment_trace(dir, 60, 60 * 1024);
  const std::string config =
      write_spool_config(dir, sim, "{ path: \"" + dir.file("disk/spool.db") + "\" }");
  const EchoedReplay run = replay_echoing(trace, config, std::chrono::seconds(120));
  check_every_acknowledged_post_delivered(sim, run, 60);
  BOOST_TEST(run.returned < 60);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
