#include "spool/journal_queue.h"

#include <algorithm>
#include <chrono>
#include <exception>
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
// Slots a commit leaves room for beyond twice its batch, for posts that arrive while it writes.
constexpr std::size_t kArrivalRoom = 1024;

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
  } catch (const std::exception& e) {
    // The callers that waited for theirs were told already; the others are lost with this
    // process unless they were delivered (settled entries were forgotten already).
    const std::size_t left = unwritten();
    if (tell_ && left > 0) {
      tell_(std::string(e.what()) + "; " + std::to_string(left) +
            " accepted update(s) that were not delivered could not be kept in the spool");
    }
  } catch (...) {
  }
}

bool JournalQueue::journal(const SlotId& id, const Content& content, const OrderKey& order,
                           bool gating, bool sync, std::int64_t bytes) {
  std::uint64_t seq = 0;
  std::optional<JournalEntry> displaced;
  bool was_empty = false;
  {
    std::lock_guard<std::mutex> lock(queue_mutex_);
    auto it = entries_.find(id);
    const bool inserted = it == entries_.end();
    // An older entry than the one queued is kept out, but a caller that waits still needs the
    // newer one on disk.
    const bool newer = inserted || it->second.order < order;
    const std::int64_t freed = inserted || !newer ? 0 : it->second.bytes;
    if (newer && room_ >= 0 && bytes > freed && reserved_ + bytes - freed > room_) return false;
    seq = ++next_seq_;
    // A caller that waits needs its entry on disk even when another thread's commit takes it
    // along (or takes the newer entry that replaces it).
    durable_queued_ = durable_queued_ || sync;
    sync = sync || failed_;
    was_empty = entries_.empty();
    if (newer) {
      reserved_ += bytes - freed;
      if (inserted) it = entries_.try_emplace(id).first;
      JournalEntry& entry = it->second;
      if (!inserted && sync) displaced = entry;
      // Assigned in place: the strings reuse their capacity, so a busy slot costs no malloc.
      entry.content = content;
      entry.order = order;
      entry.gating = gating;
      entry.seq = seq;
      entry.bytes = bytes;
    }
  }
  if (was_empty) wake_.notify_one();
  if (!sync) return true;

  std::lock_guard<std::mutex> db_lock(db_mutex_);
  if (durable_seq_ >= seq) return true;  // another caller's commit took this entry along
  try {
    commit_locked(true);
  } catch (...) {
    withdraw(id, seq, displaced ? &*displaced : nullptr);
    throw;
  }
  return true;
}

void JournalQueue::set_room(std::int64_t bytes) {
  std::lock_guard<std::mutex> lock(queue_mutex_);
  room_ = bytes;
}

std::optional<JournalEntry> JournalQueue::queued(const SlotId& id) {
  std::lock_guard<std::mutex> lock(queue_mutex_);
  const auto it = entries_.find(id);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

void JournalQueue::forget_settled(const SlotId& id, const OrderKey& order) {
  std::lock_guard<std::mutex> lock(queue_mutex_);
  const auto it = entries_.find(id);
  if (it == entries_.end() || order < it->second.order) return;
  release_bytes(it->second.bytes);
  entries_.erase(it);
}

std::size_t JournalQueue::unwritten(bool* failing) {
  std::lock_guard<std::mutex> lock(queue_mutex_);
  if (failing != nullptr) *failing = failed_;
  return entries_.size();
}

void JournalQueue::release_bytes(std::int64_t bytes) {
  reserved_ = std::max<std::int64_t>(0, reserved_ - bytes);
}

void JournalQueue::commit_locked(bool durable) {
  JournalBatch batch;
  std::uint64_t snapshot_seq = 0;
  {
    std::lock_guard<std::mutex> lock(queue_mutex_);
    snapshot_seq = next_seq_;
    batch.swap(entries_);
    try {
      // Room for what arrives during the write, so that a failed write's requeue() does not
      // allocate (out of memory, it must not lose what it puts back).
      batch.reserve(batch.size() * 2 + kArrivalRoom);
    } catch (...) {
      batch.swap(entries_);
      throw;
    }
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
  for (const auto& written : batch) release_bytes(written.second.bytes);
  failed_ = false;
}

void JournalQueue::requeue(JournalBatch& batch, bool durable) {
  std::lock_guard<std::mutex> lock(queue_mutex_);
  failed_ = true;
  durable_queued_ = durable_queued_ || durable;
  // The failed batch back in place, and what arrived during the attempt merged into it, moving
  // nodes: nothing is allocated while the arrivals fit the room commit_locked() reserved.
  entries_.swap(batch);
  for (auto arrival = batch.begin(); arrival != batch.end();) {
    const auto it = entries_.find(arrival->first);
    if (it == entries_.end()) {
      entries_.insert(batch.extract(arrival++));
      continue;
    }
    // Only the newer order key wins; the loser gives its room back.
    if (it->second.order < arrival->second.order) {
      release_bytes(it->second.bytes);
      it->second = std::move(arrival->second);
    } else {
      release_bytes(arrival->second.bytes);
    }
    ++arrival;
  }
}

// A caller told that its update failed may forget it, so it must not reach the disk later; the
// entry it displaced was accepted earlier and comes back.
void JournalQueue::withdraw(const SlotId& id, std::uint64_t seq, JournalEntry* displaced) {
  std::lock_guard<std::mutex> lock(queue_mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end() || it->second.seq != seq) return;
  release_bytes(it->second.bytes);
  if (displaced != nullptr) {
    reserved_ += displaced->bytes;
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
    bool ok = false;
    try {
      ok = commit_in_background();
    } catch (...) {
      // Out of memory while wording the failure: the entries stay queued; retried as any failure.
    }
    backoff = ok ? kCommitInterval : std::min(backoff * 2, kRetryCeiling);
    next_commit = started + backoff;
    lock.lock();
  }
}

bool JournalQueue::commit_in_background() {
  std::string trouble;
  try {
    std::lock_guard<std::mutex> db_lock(db_mutex_);
    commit_locked(false);
  } catch (const std::exception& e) {
    trouble = e.what();
  } catch (...) {
    trouble = "unknown error";
  }
  // Remembered in failed_: the next journal() call retries and reports; the entries stay queued
  // (in memory, delivered from there) and this thread keeps retrying.
  std::string line;
  {
    std::lock_guard<std::mutex> lock(queue_mutex_);
    if (!trouble.empty() && !told_trouble_) {
      told_trouble_ = true;
      line = trouble + "; " + std::to_string(entries_.size()) +
             " accepted update(s) are kept in memory and delivered from there, and writing them "
             "is retried; new posts are refused while it fails";
    } else if (trouble.empty() && told_trouble_) {
      told_trouble_ = false;
      line = "the spool took the updates it had kept in memory again";
    }
  }
  if (!line.empty() && tell_) tell_(line);
  return trouble.empty();
}

}  // namespace cib
