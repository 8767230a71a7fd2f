// The connection table and its watchdog (see connection_table.h).
#include "gateway/connection_table.h"

#include <sys/socket.h>

#include <algorithm>
#include <utility>

#include "runtime/named_thread.h"

namespace cib::gw {
namespace {

// The watchdog looks this often (a tenth of the read timeout, within bounds), so a late request
// is closed at most a tick after its deadline.
constexpr std::chrono::milliseconds kMinTick{5};
constexpr std::chrono::milliseconds kMaxTick{250};
constexpr int kTickDivisor = 10;

}  // namespace

ConnectionTable::ConnectionTable(std::chrono::milliseconds read_timeout)
    : read_timeout_(read_timeout) {}

ConnectionTable::~ConnectionTable() {
  stop_watchdog();
}

void ConnectionTable::start_watchdog(std::function<std::int64_t()> waiting) {
  waiting_ = std::move(waiting);
  watchdog_ = start_named_thread("cib-gw-watchdog", [this] { watch(); });
}

void ConnectionTable::stop_watchdog() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    quitting_ = true;
  }
  quit_.notify_all();
  if (watchdog_.joinable()) watchdog_.join();
}

bool ConnectionTable::add(const void* key, int fd) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (stopping_) return false;
  Entry entry;
  entry.fd = fd;
  entries_[key] = entry;
  return true;
}

void ConnectionTable::remove(const void* key) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    entries_.erase(key);
  }
  changed_.notify_all();
}

bool ConnectionTable::enter(const void* key, Phase phase) {
  bool go_on = true;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    Entry& entry = entries_.at(key);
    // A connection stopping found idle, or one the watchdog cut, takes no new request; a
    // request already being received goes on to be handled while the front drains.
    if (entry.cut || (stopping_ && phase != Phase::handling)) go_on = false;
    entry.phase = phase;
    if (phase == Phase::handling) entry.served = true;
    if (phase == Phase::receiving) entry.deadline = Clock::now() + read_timeout_;
  }
  changed_.notify_all();
  return go_on;
}

bool ConnectionTable::was_cut(const void* key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = entries_.find(key);
  return found == entries_.end() || found->second.cut;
}

bool ConnectionTable::stopping() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return stopping_;
}

void ConnectionTable::count_timeout(const void* key) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = entries_.find(key);
  if (found != entries_.end() && found->second.cut) return;  // the watchdog counted it
  ++timed_out_;
}

std::int64_t ConnectionTable::drain(std::chrono::milliseconds drain) {
  std::unique_lock<std::mutex> lock(mutex_);
  stopping_ = true;
  for (auto& [key, entry] : entries_) {
    if (entry.phase == Phase::idle) shut(entry);
  }
  changed_.wait_for(lock, drain, [this] { return busy() == 0; });
  std::int64_t cut = 0;
  for (auto& [key, entry] : entries_) {
    if (entry.cut) continue;
    shut(entry);
    ++cut;
  }
  return cut;
}

std::int64_t ConnectionTable::timed_out() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return timed_out_;
}

std::int64_t ConnectionTable::in_flight() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::count_if(entries_.begin(), entries_.end(),
                       [](const auto& item) { return item.second.phase == Phase::handling; });
}

std::int64_t ConnectionTable::busy() const {
  return std::count_if(entries_.begin(), entries_.end(), [](const auto& item) {
    return item.second.phase != Phase::idle && !item.second.cut;
  });
}

void ConnectionTable::watch() {
  const auto tick = std::clamp(read_timeout_ / kTickDivisor, kMinTick, kMaxTick);
  std::unique_lock<std::mutex> lock(mutex_);
  while (!quitting_) {
    lock.unlock();
    const std::int64_t waiting = waiting_ ? waiting_() : 0;  // not under our lock: Poco's own
    lock.lock();
    cut_overdue(Clock::now());
    if (waiting > 0) cut_idle(waiting);
    quit_.wait_for(lock, tick, [this] { return quitting_; });
  }
}

void ConnectionTable::cut_idle(std::int64_t count) {
  for (auto& [key, entry] : entries_) {
    if (count == 0) return;
    if (entry.phase != Phase::idle || !entry.served || entry.cut) continue;
    shut(entry);
    --count;
  }
}

void ConnectionTable::cut_overdue(Clock::time_point now) {
  for (auto& [key, entry] : entries_) {
    if (entry.phase != Phase::receiving || entry.cut || entry.deadline > now) continue;
    shut(entry);
    ++timed_out_;
  }
}

void ConnectionTable::shut(Entry& entry) {
  // The raw descriptor: Poco's own shutdown() of a TLS socket writes a close_notify, which must
  // not race with the connection's thread reading. The entry leaves the table before its
  // connection closes the descriptor, so it is still this connection's.
  ::shutdown(entry.fd, SHUT_RDWR);
  entry.cut = true;
}

}  // namespace cib::gw
