// The front's open connections and what each is doing, with a watchdog thread. Poco's socket
// timeouts apply to one read at a time, so a client sending a byte a second would keep a
// request open for ever; the watchdog shuts down the socket of any request whose head and body
// are not in by their deadline. stop() uses the same table to close idle connections and to
// wait for the requests in flight.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace cib::gw {

class ConnectionTable {
 public:
  using Clock = std::chrono::steady_clock;
  enum class Phase {
    idle,       // waiting for a request (or its first byte)
    receiving,  // reading a request's head and body, under the read deadline
    handling,   // the handler runs and the answer is written
  };

  explicit ConnectionTable(std::chrono::milliseconds read_timeout);
  ~ConnectionTable();  // stops the watchdog
  ConnectionTable(const ConnectionTable&) = delete;
  ConnectionTable& operator=(const ConnectionTable&) = delete;

  // `waiting` tells how many accepted connections wait for a thread. Poco gives each
  // connection a thread for its whole life, so while some wait, the watchdog closes as many
  // idle keep-alive connections (ones that were already served) to free their threads.
  void start_watchdog(std::function<std::int64_t()> waiting);
  void stop_watchdog();  // before what `waiting` reads goes away

  // A connection's calls, `key` being the connection itself. add() and enter() return false
  // when the connection must end now: the front is stopping, or its socket was shut down.
  bool add(const void* key, int fd);
  void remove(const void* key);
  bool enter(const void* key, Phase phase);
  bool was_cut(const void* key) const;
  bool stopping() const;
  void count_timeout(const void* key);  // a read timed out before the watchdog saw it

  // Stops the front: shuts idle connections down, waits up to `drain` for the requests being
  // received or handled, then shuts down the rest and returns how many those were.
  std::int64_t drain(std::chrono::milliseconds drain);

  std::int64_t timed_out() const;
  std::int64_t in_flight() const;  // connections in Phase::handling

 private:
  struct Entry {
    int fd = -1;
    Phase phase = Phase::idle;
    Clock::time_point deadline;
    bool cut = false;     // its socket was shut down (deadline, or stop)
    bool served = false;  // it has had a request handled
  };

  void watch();
  void cut_overdue(Clock::time_point now);
  void cut_idle(std::int64_t count);
  std::int64_t busy() const;  // receiving or handling, not yet cut
  static void shut(Entry& entry);

  const std::chrono::milliseconds read_timeout_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;  // an entry left or changed phase (for drain)
  std::condition_variable quit_;     // the watchdog's wake-up
  std::map<const void*, Entry> entries_;
  bool stopping_ = false;
  bool quitting_ = false;
  std::int64_t timed_out_ = 0;
  std::function<std::int64_t()> waiting_;
  std::thread watchdog_;
};

}  // namespace cib::gw
