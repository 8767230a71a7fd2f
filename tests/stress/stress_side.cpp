#include "stress_side.h"

#include <chrono>
#include <random>
#include <string>

namespace cib::test {
namespace {

constexpr std::size_t kJsonBuffer = 1 << 16;

void note_call(void* opaque, const char* what) {
  auto* sink = static_cast<CallbackSink*>(opaque);
  if (sink->retired.load()) sink->checks->fail(std::string(what) + " ran after it was replaced");
  sink->calls.fetch_add(1);
}

// Reads every accessor, as a caller copying the report would.
void on_delivery(void* opaque, const cib_delivery* d) {
  const std::string copy = std::string(cib_delivery_repo(d)) + cib_delivery_commit(d) +
                           cib_delivery_key(d) + cib_delivery_message(d);
  if (copy.empty() || cib_delivery_outcome(d) < 0 || cib_delivery_kind(d) < 0) {
    static_cast<CallbackSink*>(opaque)->checks->fail("a delivery report without repo or kind");
  }
  note_call(opaque, "a delivery callback");
}

void on_log(void* opaque, int32_t, const char* message) {
  if (message == nullptr) static_cast<CallbackSink*>(opaque)->checks->fail("a NULL log line");
  note_call(opaque, "a log callback");
}

// Pacing only (no thread waits on another through it): the readers must not starve the
// dispatcher of the machine's cores.
void pause_briefly() {
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

}  // namespace

SideThreads::SideThreads(cib_client* client, const cib_config* conf, CallChecks& checks)
    : client_(client), conf_(conf), checks_(checks) {
  for (auto* sinks : {delivery_sinks_, log_sinks_}) {
    for (int i = 0; i < 2; ++i) sinks[i].checks = &checks;
  }
  threads_.emplace_back([this] { flush_loop(1); });
  threads_.emplace_back([this] { flush_loop(2); });
  threads_.emplace_back([this] { poll_loop(); });
  threads_.emplace_back([this] { poll_loop(); });
  threads_.emplace_back([this] { toggle_loop(); });
  threads_.emplace_back([this] { read_loop(); });
}

SideThreads::~SideThreads() {
  stop();
}

void SideThreads::stop() {
  if (threads_.empty()) return;
  stopping_ = true;
  for (auto& thread : threads_) thread.join();
  threads_.clear();
  set_delivery(nullptr);
  set_log(nullptr, CIB_LOG_DEBUG);
}

long SideThreads::callback_calls() const {
  long calls = 0;
  for (const auto* sinks : {delivery_sinks_, log_sinks_}) {
    for (int i = 0; i < 2; ++i) calls += sinks[i].calls.load();
  }
  return calls;
}

void SideThreads::flush_loop(unsigned seed) {
  std::mt19937 random(seed);
  while (!stopping_) {
    const std::uint64_t tag = random() % 34;  // 0: every tag; 33: a tag nobody posts with
    const auto timeout = static_cast<std::int32_t>(random() % 20);
    checks_.expect("cib_client_flush", cib_client_flush(client_, tag, timeout, nullptr, nullptr, 0),
                   {CIB_OK, CIB_ERR_TIMED_OUT, CIB_ERR_UNDELIVERED});
    pause_briefly();
  }
}

void SideThreads::poll_loop() {
  while (!stopping_) {
    std::size_t served = 0;
    checks_.expect("cib_client_poll", cib_client_poll(client_, 10, &served, nullptr, 0), {CIB_OK});
  }
}

// Replaces the callback by `sink` (or clears it): the old sink retires once the setter returns.
void SideThreads::set_delivery(CallbackSink* sink) {
  if (sink != nullptr) sink->retired = false;
  checks_.expect("cib_client_set_delivery_cb",
                 cib_client_set_delivery_cb(client_, sink != nullptr ? on_delivery : nullptr, sink,
                                            nullptr, 0),
                 {CIB_OK});
  if (delivery_now_ != nullptr && delivery_now_ != sink) delivery_now_->retired = true;
  delivery_now_ = sink;
}

void SideThreads::set_log(CallbackSink* sink, int level) {
  if (sink != nullptr) sink->retired = false;
  checks_.expect(
      "cib_client_set_log_cb",
      cib_client_set_log_cb(client_, sink != nullptr ? on_log : nullptr, sink, level, nullptr, 0),
      {CIB_OK});
  if (log_now_ != nullptr && log_now_ != sink) log_now_->retired = true;
  log_now_ = sink;
}

void SideThreads::toggle_loop() {
  for (unsigned turn = 0; !stopping_; ++turn) {
    set_delivery(turn % 3 == 2 ? nullptr : &delivery_sinks_[turn % 2]);
    set_log(turn % 5 == 4 ? nullptr : &log_sinks_[turn % 2], static_cast<int>(turn % 4));
    pause_briefly();
  }
}

void SideThreads::read_loop() {
  std::vector<char> buffer(kJsonBuffer);
  while (!stopping_) {
    std::size_t needed = 0;
    checks_.expect(
        "cib_client_stats_json",
        cib_client_stats_json(client_, buffer.data(), buffer.size(), &needed, nullptr, 0),
        {CIB_OK});
    if (buffer[0] != '{') checks_.fail("cib_client_stats_json: not a JSON object");
    checks_.expect(
        "cib_client_budget_json",
        cib_client_budget_json(client_, buffer.data(), buffer.size(), &needed, nullptr, 0),
        {CIB_OK});
    checks_.expect("cib_budget_json",
                   cib_budget_json(conf_, buffer.data(), buffer.size(), &needed, nullptr, 0),
                   {CIB_OK});
    pause_briefly();
  }
}

}  // namespace cib::test
