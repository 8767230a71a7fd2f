// Identical reads in flight share one upstream request: the first asker of a key leads (sends
// it), the others wait for the leader's outcome. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "gateway/gateway_types.h"

namespace cib::gw {

// What the leader learned. `from_upstream` false: the leader got no answer from the host for
// everyone (its own quota or priority was refused); followers then ask again on their own.
struct FlightOutcome {
  bool from_upstream = false;
  HttpResponse response;  // the host's answer, as the cache would keep it (not rewritten)
  std::int64_t fetched_ms = 0;
};

class FlightTable {
 public:
  class Flight;
  // Joins the flight of `key`. The leader must call finish() exactly once (Lead's destructor
  // finishes with a failed outcome if it did not). A follower calls wait().
  class Ticket {
   public:
    bool leader() const { return leader_; }
    // Follower: blocks until the leader finishes, at most timeout_ms; nullptr on timeout.
    std::shared_ptr<const FlightOutcome> wait(std::int64_t timeout_ms);
    // Leader: hands the outcome to every follower and ends the flight.
    void finish(std::shared_ptr<const FlightOutcome> outcome);
    ~Ticket();
    Ticket(Ticket&&) noexcept;
    Ticket& operator=(Ticket&&) = delete;
    Ticket(const Ticket&) = delete;

   private:
    friend class FlightTable;
    Ticket(FlightTable* table, std::string key, std::shared_ptr<Flight> flight, bool leader);
    FlightTable* table_;
    std::string key_;
    std::shared_ptr<Flight> flight_;
    bool leader_;
    bool finished_ = false;
  };

  Ticket join(const std::string& key);
  std::int64_t in_flight() const;

 private:
  void end(const std::string& key, const std::shared_ptr<Flight>& flight);
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Flight>> flights_;
};

}  // namespace cib::gw
