// Collects the delivery reports that cib_client_poll serves, prints them, and remembers how
// each slot ended.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <string>
#include <tuple>

#include "agent_protocol.h"
#include "cibatch.hpp"

namespace cib::cli {

class DeliveryLog {
 public:
  // print_all: print every report; otherwise only FAILED ones.
  DeliveryLog(std::ostream& out, bool print_all) : out_(out), print_all_(print_all) {}

  // The delivery callback to register. Never throws.
  void on_delivery(const cibatch::Delivery& delivery) noexcept;
  // A report the agent relayed. Never throws.
  void on_record(const agent::DeliveryRecord& record) noexcept;

  // Slots whose newest post ended FAILED (a SUPERSEDED report speaks for an older post).
  std::size_t failed_slots() const;

 private:
  using SlotKey = std::tuple<std::int32_t, std::string, std::string, std::int64_t, std::string>;

  void record(const agent::DeliveryRecord& r);

  std::ostream& out_;
  bool print_all_;
  std::map<SlotKey, std::int32_t> last_outcome_;
};

}  // namespace cib::cli
