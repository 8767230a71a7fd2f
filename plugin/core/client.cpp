#include "core/client.h"

#include <unistd.h>

#include <random>
#include <utility>

#include "core/credential.h"
#include "runtime/library_start.h"
#include "runtime/named_thread.h"

namespace cib {
namespace {

TransportSettings transport_settings(const Settings& s) {
  TransportSettings t;
  t.base_url = s.api_url;
  t.tls_verify = s.tls_verify;
  t.tls_ca_file = s.tls_ca_file;
  t.allow_insecure_http = s.tls_allow_insecure_http;
  t.proxy = s.proxy;
  t.connect_timeout_ms = s.connect_timeout_ms;
  t.read_timeout_ms = s.read_timeout_ms;
  return t;
}

UnitRandom make_random() {
  auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
  return [engine] { return std::uniform_real_distribution<double>(0.0, 1.0)(*engine); };
}

}  // namespace

ClientCore::ClientCore(const Settings& s, std::unique_ptr<Clock> c, UnitRandom r)
    : settings(s),
      clock(std::move(c)),
      random(std::move(r)),
      backoff{Duration(s.retry_base_ms), Duration(s.retry_max_ms)},
      authorization(authorization_header(s)),
      reports(static_cast<std::size_t>(s.reports_max_queued)),
      http(transport_settings(s)),
      provider(make_provider(s)),
      table(BatchingRules::from(s), s.dedup_trust_s, static_cast<std::size_t>(s.max_pending),
            *clock, stats) {}

std::size_t ClientCore::unsettled(std::uint64_t tag) const {
  std::size_t naive_left = 0;
  for (const auto& post : naive) naive_left += (tag == 0 || post.update.tag == tag) ? 1 : 0;
  return table.unsettled(tag) + naive_left;
}

Client::Client(const Settings& settings, std::unique_ptr<Clock> clock)
    : owner_pid_(static_cast<int>(::getpid())) {
  ensure_library_started();
  if (!clock) clock = std::make_unique<SystemClock>();
  core_ = std::make_shared<ClientCore>(settings, std::move(clock), make_random());
  std::shared_ptr<ClientCore> core = core_;
  dispatcher_ = start_named_thread("cib-dispatch", [core] { run_dispatcher(core); });
}

Client::~Client() {
  shutdown();
}

void Client::check_caller() const {
  if (static_cast<int>(::getpid()) != owner_pid_) {
    throw ClientStateError(ClientStateError::Code::forked,
                           "this client was opened by another process before fork(); open a new "
                           "client in the child");
  }
  if (core_->reports.in_handler() || std::this_thread::get_id() == dispatcher_.get_id()) {
    throw ClientStateError(ClientStateError::Code::reentry,
                           "called from inside a callback of the same client; return from the "
                           "callback first");
  }
}

bool Client::post(Update update) {
  check_caller();
  if (update.id.kind == SlotKind::comment &&
      core_->settings.comments_mode == CommentsMode::summary) {
    auto merged = summaries_.merge(update.id, std::get<CommentContent>(update.content).body);
    update.id = std::move(merged.first);
    update.content = std::move(merged.second);
  }
  std::vector<DeliveryReport> reports;
  AcceptResult accepted;
  {
    std::lock_guard<std::mutex> lock(core_->mutex);
    if (shut_down_ || core_->stopping) {
      throw ClientStateError(ClientStateError::Code::closed, "the client is shutting down");
    }
    const std::uint64_t seq = ++core_->counter;
    if (core_->settings.naive) {
      const bool full =
          core_->naive.size() >= static_cast<std::size_t>(core_->settings.max_pending);
      if (!full) core_->naive.push_back({std::move(update), seq});
      accepted = full ? AcceptResult::queue_full : AcceptResult::queued;
    } else {
      accepted = core_->table.accept(std::move(update), seq, reports);
    }
  }
  if (accepted == AcceptResult::queue_full) {
    throw ClientStateError(ClientStateError::Code::queue_full,
                           "batching.max_pending (" + std::to_string(core_->settings.max_pending) +
                               ") updates are already waiting; flush or retry later");
  }
  ++core_->stats.calls;
  core_->wake.notify_one();
  core_->reports.push_reports(reports);
  return accepted == AcceptResult::queued;
}

FlushResult Client::flush(std::uint64_t tag, Duration timeout) {
  check_caller();
  return wait_settled(tag, timeout);
}

FlushResult Client::wait_settled(std::uint64_t tag, Duration timeout) {
  std::unique_lock<std::mutex> lock(core_->mutex);
  core_->table.begin_flush(tag);
  core_->wake.notify_one();
  const auto done = [&] { return core_->unsettled(tag) == 0 || core_->dispatcher_done; };
  if (timeout.count() < 0) {
    core_->settled.wait(lock, done);
  } else {
    core_->settled.wait_for(lock, timeout, done);
  }
  core_->table.end_flush(tag);
  return {core_->unsettled(tag), core_->dispatcher_done};
}

std::size_t Client::poll(Duration timeout) {
  check_caller();
  return core_->reports.poll(timeout);
}

void Client::set_delivery_handler(DeliveryHandler handler) {
  check_caller();
  core_->reports.set_delivery_handler(std::move(handler));
}

void Client::set_log_handler(LogHandler handler, LogLevel max_level) {
  check_caller();
  core_->reports.set_log_handler(std::move(handler), max_level, core_->settings.log_queue);
}

std::string Client::stats_json() {
  check_caller();
  std::size_t pending;
  {
    std::lock_guard<std::mutex> lock(core_->mutex);
    pending = core_->unsettled(0);
  }
  return cib::stats_json(core_->stats, pending, core_->reports.dropped());
}

void Client::shutdown() {
  if (shut_down_) return;
  shut_down_ = true;
  if (static_cast<int>(::getpid()) != owner_pid_) {
    // A child after fork(): the dispatcher thread does not exist here. Leak, never touch it.
    dispatcher_.detach();
    new std::shared_ptr<ClientCore>(std::move(core_));
    return;
  }
  // From a callback the dispatcher (or a poll on this thread) cannot be waited for: stop it
  // without flushing; it keeps its own reference to the core.
  const bool from_callback =
      core_->reports.in_handler() || std::this_thread::get_id() == dispatcher_.get_id();
  if (!from_callback) wait_settled(0, Duration(core_->settings.shutdown_timeout_ms));
  std::unique_lock<std::mutex> lock(core_->mutex);
  core_->stopping = true;
  core_->wake.notify_all();
  core_->http.abort();
  const bool done = !from_callback && core_->settled.wait_for(lock, Duration(1000), [this] {
    return core_->dispatcher_done;
  });
  lock.unlock();
  core_->reports.wake();
  if (done) {
    dispatcher_.join();
  } else {
    dispatcher_.detach();  // it holds its own reference to the core; -z nodelete keeps our code
  }
}

}  // namespace cib
