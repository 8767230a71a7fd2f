// Collapsed reads. A flight leaves the table before its outcome is published, so an asker that
// comes after the outcome starts a flight of its own instead of taking an answer that was already
// on its way out; an asker that joined before waits on the flight's own condition, whose
// predicate (the outcome is there) is set under the flight's mutex, so no wake-up is lost.
#include "gateway/flight_table.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <stdexcept>
#include <utility>

namespace cib::gw {
namespace {

// A day: longer waits are taken as "as long as it lasts" without overflowing the clock.
constexpr std::int64_t kLongestWaitMs = 24LL * 60 * 60 * 1000;

}  // namespace

class FlightTable::Flight {
 public:
  // Made with the flight, so that a leader that goes away can always end it, even when memory
  // has run out.
  const std::shared_ptr<const FlightOutcome> failed = std::make_shared<const FlightOutcome>();

  void publish(std::shared_ptr<const FlightOutcome> outcome) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      outcome_ = outcome ? std::move(outcome) : failed;
    }
    landed_.notify_all();
  }

  std::shared_ptr<const FlightOutcome> await(std::int64_t timeout_ms) {
    std::unique_lock<std::mutex> lock(mutex_);
    landed_.wait_for(
        lock, std::chrono::milliseconds(std::clamp<std::int64_t>(timeout_ms, 0, kLongestWaitMs)),
        [this] { return outcome_ != nullptr; });
    return outcome_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable landed_;
  std::shared_ptr<const FlightOutcome> outcome_;
};

FlightTable::Ticket::Ticket(FlightTable* table, std::string key, std::shared_ptr<Flight> flight,
                            bool leader)
    : table_(table), key_(std::move(key)), flight_(std::move(flight)), leader_(leader) {}

FlightTable::Ticket::Ticket(Ticket&& other) noexcept
    : table_(other.table_),
      key_(std::move(other.key_)),
      flight_(std::move(other.flight_)),
      leader_(other.leader_),
      finished_(other.finished_) {
  other.finished_ = true;  // the moved-from ticket no longer leads anything
}

FlightTable::Ticket::~Ticket() {
  // A leader that left without an outcome (an exception, a refused request) must not keep its
  // followers waiting: they get a failed outcome and ask on their own.
  if (leader_ && !finished_ && flight_) {
    table_->end(key_, flight_);
    flight_->publish(flight_->failed);
  }
}

std::shared_ptr<const FlightOutcome> FlightTable::Ticket::wait(std::int64_t timeout_ms) {
  if (leader_) throw std::logic_error("gateway flight '" + key_ + "': its leader cannot wait");
  return flight_->await(timeout_ms);
}

void FlightTable::Ticket::finish(std::shared_ptr<const FlightOutcome> outcome) {
  if (!leader_) throw std::logic_error("gateway flight '" + key_ + "': a follower cannot finish");
  if (finished_) throw std::logic_error("gateway flight '" + key_ + "' finished twice");
  finished_ = true;
  table_->end(key_, flight_);
  flight_->publish(std::move(outcome));
}

FlightTable::Ticket FlightTable::join(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = flights_.find(key);
  if (found != flights_.end()) return Ticket(this, key, found->second, false);
  auto flight = std::make_shared<Flight>();
  flights_.emplace(key, flight);
  return Ticket(this, key, std::move(flight), true);
}

std::int64_t FlightTable::in_flight() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return static_cast<std::int64_t>(flights_.size());
}

void FlightTable::end(const std::string& key, const std::shared_ptr<Flight>& flight) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = flights_.find(key);
  if (found != flights_.end() && found->second == flight) flights_.erase(found);
}

}  // namespace cib::gw
