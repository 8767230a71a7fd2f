// Two processes post to the same slots on one spool at once; one is SIGKILLed while the host
// holds one of its requests (a comment create: the case that could leave two comments). The
// survivor, then `cibatch drain`, must leave the host holding the newest content of every
// slot, newest by the order the test posted in, and one comment per key.
#include <Poco/JSON/Array.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <thread>

#include "child_process.h"
#include "forge_sim.h"
#include "spool_setup.h"
#include "temp_dir.h"
#include "trace_slots.h"

namespace cib::test {
namespace {

using Clock = std::chrono::steady_clock;
using Poco::JSON::Object;

const std::string kCommit = "5d41402abc4b2a76b9719d911017c592ae3f2c1b";  // spool_poster's
constexpr const char* kPr = "7";
constexpr auto kReplyTimeout = std::chrono::seconds(30);
constexpr int kHoldMs = 4000;  // long past the kill: the request is still held when A dies

// One spool_poster child, fed through a FIFO in its own folder.
class Poster {
 public:
  Poster(const std::string& name, const std::string& config, const TempDir& dir)
      : name_(name), fifo_(dir.file(name + ".commands")) {
    if (::mkfifo(fifo_.c_str(), 0600) != 0) {
      throw std::runtime_error("mkfifo " + fifo_ + ": " + std::strerror(errno));
    }
    child_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{CIB_POSTER_PATH, config, fifo_}, true);
    // Read-write, so opening never waits for the child to open its end.
    fd_ = ::open(fifo_.c_str(), O_RDWR | O_CLOEXEC);
    if (fd_ < 0) throw std::runtime_error("open " + fifo_ + ": " + std::strerror(errno));
    expect("ready");
  }
  ~Poster() {
    if (fd_ >= 0) ::close(fd_);
  }
  Poster(const Poster&) = delete;
  Poster& operator=(const Poster&) = delete;

  // Sends one command and waits for the line that answers it.
  void post(const std::string& command) {
    send(command);
    expect("returned ");
  }
  std::string close(int timeout_ms) {
    send("close " + std::to_string(timeout_ms));
    const std::string line = expect("closed ");
    child_->wait();
    return line;
  }
  void kill() {
    ::kill(child_->pid(), SIGKILL);
    child_->wait();
  }

 private:
  void send(const std::string& command) {
    const std::string line = command + "\n";
    if (::write(fd_, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
      throw std::runtime_error(name_ + ": cannot write a command: " + std::strerror(errno));
    }
  }
  std::string expect(const std::string& prefix) {
    const std::string line = child_->read_line(kReplyTimeout);
    if (line.rfind(prefix, 0) != 0) {
      throw std::runtime_error(name_ + ": expected \"" + prefix + "...\", got: " + line);
    }
    return line;
  }

  std::string name_;
  std::string fifo_;
  std::unique_ptr<ChildProcess> child_;
  int fd_ = -1;
};

Object::Ptr status_of(const Object::Ptr& state, const std::string& key) {
  Object::Ptr o = state;
  for (const std::string& k : {std::string("statuses"), std::string("acme/web"), kCommit, key}) {
    if (o.isNull() || !o->has(k)) return nullptr;
    o = o->getObject(k);
  }
  return o;
}

// Live comments on the PR that carry key's marker.
std::vector<std::string> comments_with(const Object::Ptr& state, const std::string& key) {
  std::vector<std::string> raws;
  const Object::Ptr comments = state->getObject("comments");
  if (comments.isNull() || !comments->has("acme/web")) return raws;
  const Object::Ptr by_pr = comments->getObject("acme/web");
  if (!by_pr->has(kPr)) return raws;
  const auto list = by_pr->getArray(kPr);
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Object::Ptr c = list->getObject(static_cast<unsigned>(i));
    const std::string raw = c->optValue<std::string>("raw", "");
    if (!c->optValue<bool>("deleted", false) &&
        raw.find(comment_marker(key)) != std::string::npos) {
      raws.push_back(raw);
    }
  }
  return raws;
}

bool is_comment_create(const Object::Ptr& entry) {
  const std::string target = entry->optValue<std::string>("target", "");
  return entry->optValue<std::string>("method", "") == "POST" && target.size() >= 9 &&
         target.compare(target.size() - 9, 9, "/comments") == 0;
}

// True while the simulator has not answered (so not logged) process A's comment create.
bool comment_create_unanswered(const ForgeSim& sim) {
  for (const auto& entry : sim.requests()) {
    if (is_comment_create(entry)) return false;
  }
  return true;
}

// Waits until the host has applied A's comment create but not answered it: the simulator
// applies a request before its slow answer and logs it only once answered.
void wait_until_held(const ForgeSim& sim) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(3 * kHoldMs);
  while (comments_with(sim.state(), "summary").empty()) {
    if (Clock::now() >= deadline) BOOST_FAIL("process A's comment never reached the host");
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling interval only
  }
  BOOST_REQUIRE_MESSAGE(comment_create_unanswered(sim),
                        "the host answered process A's comment create before the kill");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(two_processes)

BOOST_AUTO_TEST_CASE(the_newest_post_of_either_process_wins_when_one_is_killed_mid_request) {
  ForgeSimOptions options;
  // The first two requests are held: a first comment delivery may read the PR's comments
  // (a marker search) before it creates one.
  const std::string hold = "slow=" + std::to_string(kHoldMs);
  options.faults = hold + "@1," + hold + "@2";
  ForgeSim sim(options);
  TempDir dir("cibatch-two");
  SpoolConfig c;
  c.spool_path = dir.file("spool.db");
  const std::string config = write_spool_config(dir.file("cibatch.yml"), sim, c);

  Poster a("A", config, dir);
  a.post("comment summary one (A)");
  wait_until_held(sim);

  Poster b("B", config, dir);
  b.post("comment summary two (B)");
  b.post("status build INPROGRESS two (B)");
  b.post("status deploy INPROGRESS one (B)");
  a.post("comment summary three (A)");
  a.post("status build INPROGRESS three (A)");
  a.post("status deploy SUCCESSFUL two (A)");  // the newest of deploy: only A ever holds it
  BOOST_REQUIRE_MESSAGE(comment_create_unanswered(sim),
                        "A's comment create was answered before the kill; raise kHoldMs");
  a.kill();

  b.post("comment summary four (B)");
  b.post("status build SUCCESSFUL four (B)");
  BOOST_TEST_MESSAGE("B: " << b.close(20000));
  std::string drain_output;
  const int drain = run_drain(config, 20000, drain_output);
  BOOST_TEST(drain == 0, "cibatch drain exited " << drain << ": " << drain_output.substr(0, 600));

  const Object::Ptr state = sim.state();
  const Object::Ptr build = status_of(state, "build");
  const Object::Ptr deploy = status_of(state, "deploy");
  BOOST_TEST(!build.isNull(), "status build: the host holds none");
  if (!build.isNull()) {
    BOOST_TEST(build->getValue<std::string>("state") == "SUCCESSFUL");
    BOOST_TEST(build->getValue<std::string>("description") == "four (B)");
  }
  BOOST_TEST(!deploy.isNull(), "status deploy: the host holds none");
  if (!deploy.isNull()) {
    BOOST_TEST(deploy->getValue<std::string>("state") == "SUCCESSFUL");
    BOOST_TEST(deploy->getValue<std::string>("description") == "two (A)");
  }
  const auto summary = comments_with(state, "summary");
  BOOST_TEST(summary.size() == 1u, "comment summary: " << summary.size() << " live copies");
  for (const std::string& raw : summary) {
    BOOST_TEST(raw == "four (B)\n\n" + comment_marker("summary"));
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
