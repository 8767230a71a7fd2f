// What the agent remembers of each tag's delivery reports, so that a build's last step
// (`cibatch flush --tag T`) learns how the posts of its earlier steps ended, failures included.
// One record per slot and tag, the newest outcome (a SUPERSEDED report never hides how the
// slot ended). Bounded: past kMaxRecords the least recently touched tags are forgotten whole.
// Not thread-safe: the identity's mutex guards it.
#pragma once

#include <cstdint>
#include <list>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "agent_protocol.h"

namespace cib::cli {

class TagLedger {
 public:
  static constexpr std::size_t kMaxRecords = 100000;

  explicit TagLedger(std::size_t max_records = kMaxRecords) : max_records_(max_records) {}

  // Records r under r.tag.
  void record(const agent::DeliveryRecord& r);
  // The records of tag, in slot order; empty when none are kept.
  std::vector<agent::DeliveryRecord> reports(std::uint64_t tag) const;
  std::size_t size() const { return records_; }

 private:
  using SlotKey = std::tuple<std::int32_t, std::string, std::string, std::int64_t, std::string>;
  struct Tag {
    std::map<SlotKey, agent::DeliveryRecord> slots;
    std::list<std::uint64_t>::iterator age;  // its place in touched_
  };

  void forget_oldest();

  std::size_t max_records_;
  std::size_t records_ = 0;
  std::unordered_map<std::uint64_t, Tag> tags_;
  std::list<std::uint64_t> touched_;  // least recently touched first
};

}  // namespace cib::cli
