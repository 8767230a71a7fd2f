#include "core/client.h"

#include <unistd.h>

#include <algorithm>
#include <random>
#include <utility>

#include "core/dispatcher.h"
#include "core/spool_link.h"
#include "runtime/fork_gate.h"
#include "runtime/library_start.h"
#include "runtime/named_thread.h"
#include "runtime/secret_text.h"
#include "spool/process_owner.h"

namespace cib {
namespace {

UnitRandom make_random() {
  auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
  return [engine] { return std::uniform_real_distribution<double>(0.0, 1.0)(*engine); };
}

}  // namespace

Client::Client(const Settings& settings, std::unique_ptr<Clock> clock)
    : owner_generation_((ensure_library_started(), fork_generation())),
      machine_(machine_id_hash()),
      pid_(static_cast<std::uint32_t>(::getpid())) {
  if (!clock) clock = std::make_unique<SystemClock>();
  core_ = std::make_shared<ClientCore>(settings, std::move(clock));
  // The dispatcher owns itself from here: it may outlive this client (see stop()).
  auto dispatcher = std::make_shared<Dispatcher>(core_, make_random());
  dispatcher_ = start_named_thread("cib-dispatch", [dispatcher]() mutable {
    dispatcher->run();
    // The last owner of the core may be this thread: its parts go here, then what they left
    // on this stack (kept by the system for the next thread) is overwritten.
    dispatcher.reset();
    scrub_stack_and_registers();
  });
  dispatcher_id_ = dispatcher_.get_id();
  resume_pull_tasks();
}

Client::~Client() {
  shutdown();
}

bool Client::forked() const {
  // No system call: this check runs on every call.
  return fork_generation() != owner_generation_;
}

void Client::check_process() const {
  if (forked()) {
    throw ClientStateError(ClientStateError::Code::forked,
                           "this client was opened by another process before fork(); open a new "
                           "client in the child");
  }
}

bool Client::in_callback() const {
  return std::this_thread::get_id() == dispatcher_id_ || core_->reports.in_handler();
}

void Client::check_caller() const {
  check_process();
  if (in_callback()) {
    throw ClientStateError(ClientStateError::Code::reentry,
                           "called from inside a callback of the same client; return from the "
                           "callback first");
  }
}

void Client::post(Update update) {
  check_caller();
  take(std::move(update), false);
}

void Client::take(Update update, bool closing) {
  if (update.id.kind == SlotKind::comment &&
      core_->settings.comments_mode == CommentsMode::summary) {
    auto merged = summaries_.merge(update.id, std::get<CommentContent>(update.content).body,
                                   [this](const SlotId& slot) { return known_comment_body(slot); });
    update.id = std::move(merged.first);
    update.content = std::move(merged.second);
  }
  if (accept(std::move(update), closing) == AcceptResult::queue_full) {
    throw ClientStateError(ClientStateError::Code::queue_full,
                           "batching.max_pending (" + std::to_string(core_->settings.max_pending) +
                               ") updates are already waiting; flush or retry later");
  }
}

AcceptResult Client::accept(Update update, bool closing) {
  // Decide under the lock, write the spool without it (a gating update waits for the disk),
  // then take the update. Order keys are drawn under the lock, so the newest post wins.
  AcceptPlan plan;
  std::uint64_t seq = 0;
  OrderKey order;
  for (bool learned = false;; learned = true) {
    {
      std::lock_guard<std::mutex> lock(core_->mutex);
      if ((shut_down_ && !closing) || core_->stopping) {
        throw ClientStateError(ClientStateError::Code::closed, "the client is shutting down");
      }
      if (learned || !core_->spool || core_->table.find(update.id) != nullptr) {
        plan = core_->table.plan(update);
        seq = ++core_->counter;
        order = next_order(seq);
        if (plan.result == AcceptResult::queued && core_->spool) core_->journaling.insert(order);
        break;
      }
    }
    // The first post of a slot this process has not met: what the spool remembers first.
    learn_slot(*core_, update.id);
  }
  if (plan.result == AcceptResult::queued && core_->spool) {
    try {
      core_->spool->journal(update.id, update.content, order, plan.gating, plan.gating);
    } catch (...) {
      std::lock_guard<std::mutex> lock(core_->mutex);
      core_->journaling.erase(order);
      throw;
    }
  }
  std::vector<DeliveryReport> reports;
  AcceptResult accepted;
  {
    std::lock_guard<std::mutex> lock(core_->mutex);
    core_->journaling.erase(order);
    accepted = core_->table.accept(std::move(update), seq, order, reports);
  }
  if (accepted == AcceptResult::queue_full) return accepted;
  ++core_->stats.calls;
  core_->wake.notify_one();
  core_->reports.push_reports(reports);
  return accepted;
}

OrderKey Client::next_order(std::uint64_t seq) {
  last_wall_ns_ = std::max(core_->clock->wall_ns(), last_wall_ns_ + 1);
  return OrderKey{last_wall_ns_, machine_, pid_, seq};
}

std::string Client::known_comment_body(const SlotId& id) {
  {
    std::lock_guard<std::mutex> lock(core_->mutex);
    const Slot* slot = core_->table.find(id);
    const Content* content = slot == nullptr ? nullptr
                             : slot->pending ? &slot->desired
                                             : slot->delivered();
    const auto* comment = content ? std::get_if<CommentContent>(content) : nullptr;
    if (comment != nullptr) return comment->body;
  }
  return spool_comment_body(*core_, id);
}

FlushResult Client::flush(std::uint64_t tag, Duration timeout) {
  check_caller();
  return wait_all(tag, timeout);
}

FlushResult Client::wait_all(std::uint64_t tag, Duration timeout) {
  SonarPuller* puller;
  {
    std::lock_guard<std::mutex> lock(puller_mutex_);
    puller = puller_.get();
  }
  if (puller == nullptr) return wait_settled(tag, timeout);
  const TimePoint start = std::chrono::steady_clock::now();
  const TimePoint deadline = timeout.count() < 0 ? TimePoint::max() : start + timeout;
  const std::size_t tasks = puller->wait_idle(tag, deadline);
  Duration left = Duration(-1);
  if (timeout.count() >= 0) {
    left =
        std::max(Duration(0),
                 std::chrono::duration_cast<Duration>(deadline - std::chrono::steady_clock::now()));
  }
  FlushResult result = wait_settled(tag, left);
  result.left += tasks;
  return result;
}

FlushResult Client::wait_settled(std::uint64_t tag, Duration timeout) {
  std::unique_lock<std::mutex> lock(core_->mutex);
  core_->table.begin_flush(tag);
  core_->wake.notify_one();
  const auto done = [&] {
    return core_->table.unsettled(tag) == 0 || core_->dispatcher_done || core_->stopping;
  };
  if (timeout.count() < 0) {
    core_->settled.wait(lock, done);
  } else {
    core_->settled.wait_for(lock, timeout, done);
  }
  core_->table.end_flush(tag);
  const std::size_t left = core_->table.unsettled(tag);
  const std::size_t gating = left == 0 ? 0 : core_->table.gating_unsettled(tag);
  return {left, gating, core_->dispatcher_done || core_->stopping};
}

std::size_t Client::poll(Duration timeout) {
  check_caller();
  return core_->reports.poll(timeout);
}

void Client::set_delivery_handler(DeliveryHandler handler) {
  check_process();
  core_->reports.set_delivery_handler(std::move(handler));
}

void Client::set_log_handler(LogHandler handler, LogLevel max_level) {
  check_process();
  core_->reports.set_log_handler(std::move(handler), max_level, core_->settings.log_queue);
}

std::string Client::stats_json() {
  check_caller();
  std::size_t pending;
  {
    std::lock_guard<std::mutex> lock(core_->mutex);
    pending = core_->table.unsettled(0);
  }
  return cib::stats_json(core_->stats, pending, core_->reports.dropped());
}

std::string Client::budget_json() {
  check_caller();
  return core_->budget->json();
}

FlushResult Client::close() {
  check_caller();
  if (!claim_shutdown()) throw ClientStateError(ClientStateError::Code::closed, "already closed");
  stop();
  std::lock_guard<std::mutex> lock(core_->mutex);
  return {core_->table.unsettled(0), core_->table.gating_pending(), true};
}

void Client::shutdown() {
  if (forked()) {
    abandon_after_fork();
    return;
  }
  if (claim_shutdown()) stop();
}

void Client::abandon_after_fork() {
  // The parent's dispatcher does not exist here, and its thread handle may name one of the
  // child's own threads (glibc reuses the stacks of threads lost in fork()): neither join nor
  // detach it. The core's locks may be held by threads that are gone: never destroy them.
  if (dispatcher_.joinable()) new std::thread(std::move(dispatcher_));
  if (core_) new std::shared_ptr<ClientCore>(std::move(core_));
  if (puller_) puller_.release()->abandon_after_fork();
}

void Client::stop() {
  // From a callback the dispatcher (or a poll on this thread) cannot be waited for: stop it
  // without flushing; it keeps its own reference to the core.
  const bool from_callback = in_callback();
  if (!from_callback) wait_all(0, Duration(core_->settings.shutdown_timeout_ms));
  {
    std::lock_guard<std::mutex> puller_lock(puller_mutex_);
    if (puller_) puller_->stop();  // no more posts from it after this
  }
  std::unique_lock<std::mutex> lock(core_->mutex);
  core_->stopping = true;
  core_->wake.notify_all();
  core_->settled.notify_all();  // flushes on other threads return
  core_->http.abort();
  const bool done = !from_callback && core_->settled.wait_for(lock, Duration(1000), [this] {
    return core_->dispatcher_done;
  });
  lock.unlock();
  core_->reports.close();  // polls on other threads return
  if (done) {
    dispatcher_.join();
  } else {
    dispatcher_.detach();  // it holds its own reference to the core; -z nodelete keeps our code
  }
}

}  // namespace cib
