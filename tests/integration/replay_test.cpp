// `cibatch replay` on the bundled traces against the simulator: cibatch sends exactly the
// request floor, and the host ends holding the trace's final desired state.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>

#include "child_process.h"
#include "cli_run.h"
#include "forge_sim.h"
#include "sim_state.h"
#include "temp_dir.h"
#include "trace_floor.h"

namespace cib::test {
namespace {

const std::string kTraces = std::string(CIB_SOURCE_DIR) + "/tests/traces/";

std::string write_config(const TempDir& dir, const ForgeSim& sim) {
  const std::string path = dir.file("pipeline.yml");
  std::ofstream(path) << "cibatch:\n  host:\n    kind: bitbucket-cloud\n    api_url: "
                      << sim.api_url()
                      << "\n    auth: { type: bearer, token: \"replay-test-token\" }\n"
                      << "  spool: { path: \"" << dir.file("spool.db") << "\" }\n";
  return path;
}

void check_trace(const std::string& name, const std::string& report_put) {
  ForgeSimOptions options;
  options.report_put = report_put;
  ForgeSim sim(options);
  TempDir dir;
  const std::string trace = kTraces + name;
  const std::string config = write_config(dir, sim);
  const auto floor = bench::compute_trace_floor(trace, bench::FloorSettings{});

  const Replay batched = replay(trace, config);
  BOOST_TEST_INFO("replay output:\n" << batched.output);
  BOOST_TEST(batched.exit_code == 0);
  BOOST_TEST(batched.summary->getValue<long>("undelivered") == 0);
  BOOST_TEST(batched.summary->getValue<long>("calls") == floor.calls);
  BOOST_TEST(batched.summary->getValue<long>("requests") == floor.floor);
  BOOST_TEST(sim.stats()->getValue<long>("requests") == floor.floor);
  BOOST_TEST(sim.stats()->getValue<long>("invalid") == 0);
  const auto diffs = compare_state(sim.state(), desired_from_trace(trace));
  for (const auto& diff : diffs) BOOST_ERROR(diff);
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

BOOST_AUTO_TEST_CASE(pr_pipeline_costs_the_floor_when_a_put_drops_annotations) {
  check_trace("pr-pipeline.jsonl", "drop");
}

BOOST_AUTO_TEST_CASE(pr_pipeline_costs_the_floor_when_a_put_keeps_annotations) {
  check_trace("pr-pipeline.jsonl", "keep");
}

BOOST_AUTO_TEST_CASE(flapping_key_costs_the_floor) {
  check_trace("flapping.jsonl", "drop");
}

BOOST_AUTO_TEST_CASE(a_sonar_reanalysis_costs_the_floor) {
  check_trace("sonar-reanalysis.jsonl", "drop");
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
