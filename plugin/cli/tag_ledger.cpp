#include "tag_ledger.h"

#include "cibatch.h"

namespace cib::cli {

void TagLedger::record(const agent::DeliveryRecord& r) {
  auto found = tags_.find(r.tag);
  if (found == tags_.end()) {
    touched_.push_back(r.tag);
    found = tags_.emplace(r.tag, Tag{{}, std::prev(touched_.end())}).first;
  } else {
    touched_.splice(touched_.end(), touched_, found->second.age);
  }
  auto& slots = found->second.slots;
  const SlotKey key{r.kind, r.repo, r.commit, r.pr, r.key};
  const auto slot = slots.find(key);
  if (slot == slots.end()) {
    slots.emplace(key, r);
    ++records_;
  } else if (r.outcome != CIB_OUTCOME_SUPERSEDED) {
    slot->second = r;
  }
  while (records_ > max_records_ && touched_.size() > 1) forget_oldest();
}

std::vector<agent::DeliveryRecord> TagLedger::reports(std::uint64_t tag) const {
  std::vector<agent::DeliveryRecord> out;
  const auto found = tags_.find(tag);
  if (found == tags_.end()) return out;
  for (const auto& slot : found->second.slots) out.push_back(slot.second);
  return out;
}

void TagLedger::forget_oldest() {
  const std::uint64_t tag = touched_.front();
  touched_.pop_front();
  const auto found = tags_.find(tag);
  records_ -= found->second.slots.size();
  tags_.erase(found);
}

}  // namespace cib::cli
