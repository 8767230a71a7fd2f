#include "spool/journal_queue.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <utility>

#include "runtime/named_thread.h"

namespace cib {
namespace {

using Steady = std::chrono::steady_clock;

// At most one group commit per interval; after a failure the committer backs off up to the
// ceiling, while each journal() call retries on its own thread meanwhile.
constexpr std::chrono::milliseconds kCommitInterval{10};
constexpr std::chrono::milliseconds kRetryCeiling{1000};

}  // namespace

std::size_t SlotIdHash::operator()(const SlotId& id) const noexcept {
  const std::hash<std::string> text;
  std::size_t hash = std::hash<std::int64_t>()(id.pr) ^ static_cast<std::size_t>(id.kind);
  for (const std::string* part : {&id.repo, &id.commit, &id.key}) {
    hash = hash * 1099511628211ULL ^ text(*part);  // FNV-style mixing of the parts' hashes
  }
  return hash;
}

JournalQueue::JournalQueue(std::mutex& db_mutex, Writer write)
    : db_mutex_(db_mutex), write_(std::move(write)) {}

JournalQueue::~JournalQueue() {
  stop();
}

void JournalQueue::start_committer() {
  committer_ = start_named_thread("cib-spool", [this] { run_committer(); });
}

void JournalQueue::stop() noexcept {
  {
    std::lock_guard<std::mutex> lock(queue_mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (committer_.joinable()) committer_.join();
  try {
    std::lock_guard<std::mutex> db_lock(db_mutex_);
    commit_locked(false);
  } catch (...) {
    // The entries stay unwritten; the callers that waited for theirs were told already.
  }
}

void JournalQueue::journal(const SlotId& id, const Content& content, const OrderKey& order,
                           bool gating, bool sync) {
  std::uint64_t seq = 0;
  std::optional<JournalEntry> displaced;
  bool was_empty = false;
  {
    std::lock_guard<std::mutex> lock(queue_mutex_);
    seq = ++next_seq_;
    // A caller that waits needs its entry on disk even when another thread's commit takes it
    // along (or takes the newer entry that replaces it).
    durable_queued_ = durable_queued_ || sync;
    sync = sync || failed_;
    was_empty = entries_.empty();
    auto [it, inserted] = entries_.try_emplace(id);
    JournalEntry& entry = it->second;
    if (inserted || entry.order < order) {
      if (!inserted && sync) displaced = entry;
      // Assigned in place: the strings reuse their capacity, so a busy slot costs no malloc.
      entry.content = content;
      entry.order = order;
      entry.gating = gating;
      entry.seq = seq;
    }
  }
  if (was_empty) wake_.notify_one();
  if (!sync) return;

  std::lock_guard<std::mutex> db_lock(db_mutex_);
  if (durable_seq_ >= seq) return;  // another caller's commit took this entry along
  try {
    commit_locked(true);
  } catch (...) {
    withdraw(id, seq, displaced ? &*displaced : nullptr);
    throw;
  }
}

void JournalQueue::commit_locked(bool durable) {
  JournalBatch batch;
  std::uint64_t snapshot_seq = 0;
  {
    std::lock_guard<std::mutex> lock(queue_mutex_);
    snapshot_seq = next_seq_;
    batch.swap(entries_);
    durable = durable || durable_queued_;
    durable_queued_ = false;
  }
  if (!batch.empty()) {
    try {
      write_(batch, durable);
    } catch (...) {
      requeue(batch, durable);
      throw;
    }
  }
  // Commits run one at a time under the database mutex, so everything queued up to the
  // snapshot is now on disk (or was superseded by an entry that is).
  durable_seq_ = std::max(durable_seq_, snapshot_seq);
  std::lock_guard<std::mutex> lock(queue_mutex_);
  failed_ = false;
}

void JournalQueue::requeue(JournalBatch& batch, bool durable) {
  std::lock_guard<std::mutex> lock(queue_mutex_);
  failed_ = true;
  durable_queued_ = durable_queued_ || durable;
  for (auto& [id, entry] : batch) {
    auto [it, inserted] = entries_.try_emplace(id, std::move(entry));
    // Entries queued during the attempt are newer arrivals, but only the newer order key wins.
    if (!inserted && it->second.order < entry.order) it->second = std::move(entry);
  }
}

// A caller told that its update failed may forget it, so it must not reach the disk later; the
// entry it displaced was accepted earlier and comes back.
void JournalQueue::withdraw(const SlotId& id, std::uint64_t seq, JournalEntry* displaced) {
  std::lock_guard<std::mutex> lock(queue_mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end() || it->second.seq != seq) return;
  if (displaced != nullptr) {
    it->second = std::move(*displaced);
  } else {
    entries_.erase(it);
  }
}

void JournalQueue::run_committer() {
  Steady::time_point next_commit = Steady::now();
  std::chrono::milliseconds backoff = kCommitInterval;
  std::unique_lock<std::mutex> lock(queue_mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !entries_.empty(); });
    if (wake_.wait_until(lock, next_commit, [this] { return stopping_; })) return;
    lock.unlock();
    const Steady::time_point started = Steady::now();
    const bool ok = commit_in_background();
    backoff = ok ? kCommitInterval : std::min(backoff * 2, kRetryCeiling);
    next_commit = started + backoff;
    lock.lock();
  }
}

bool JournalQueue::commit_in_background() {
  try {
    std::lock_guard<std::mutex> db_lock(db_mutex_);
    commit_locked(false);
    return true;
  } catch (...) {
    // Remembered in failed_: the next journal() call retries and reports.
    return false;
  }
}

}  // namespace cib
