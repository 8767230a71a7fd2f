#include "debounce_model.h"

#include <algorithm>

#include "request_cost.h"

namespace cib::bench {

std::string slot_key(const SlotContent& content) {
  // The separator cannot occur in a repo, commit or key of a sane trace, and a collision would
  // only merge two slots of a hand-made trace.
  constexpr char sep = '\x1f';
  if (const auto* s = std::get_if<trace::StatusOp>(&content)) {
    return std::string("status") + sep + s->repo + sep + s->commit + sep + s->key;
  }
  if (const auto* c = std::get_if<trace::CommentOp>(&content)) {
    return std::string("comment") + sep + c->repo + sep + std::to_string(c->pr) + sep + c->key;
  }
  const auto& r = std::get<trace::ReportOp>(content);
  return std::string("report") + sep + r.repo + sep + r.commit + sep + r.id;
}

void DebounceModel::advance(std::int64_t ms) {
  now_ms_ += ms;
  see_due();
}

void DebounceModel::update(const SlotContent& content) {
  // A wait of 0 ends at once: what was due now is seen before the newer content replaces it.
  see_due();
  Slot& slot = slots_[slot_key(content)];
  const std::int64_t wait =
      is_gating(slot, content) ? settings_.terminal_linger_ms : settings_.linger_ms;
  const std::int64_t oldest = slot.pending ? slot.pending->oldest_unsent_ms : now_ms_;
  slot.pending =
      Pending{content, std::min(now_ms_ + wait, oldest + settings_.max_delay_ms), oldest};
  see_due();
}

void DebounceModel::flush() {
  for (auto& entry : slots_) {
    if (entry.second.pending) see(entry.second);
  }
}

void DebounceModel::see_due() {
  for (auto& entry : slots_) {
    if (entry.second.pending && entry.second.pending->due_ms <= now_ms_) see(entry.second);
  }
}

void DebounceModel::see(Slot& slot) {
  const SlotContent& content = slot.pending->content;
  const std::int64_t lookups = lookup_cost(slot, content);
  const std::int64_t cost = lookups + request_cost(slot.seen ? &*slot.seen : nullptr, content);
  result_.lookups += lookups;
  result_.floor += cost;
  result_.floor_by_kind[content.index()] += cost;
  slot.seen = content;
  slot.pending.reset();
}

// A slot's first delivery after a cold start reads the host first: a report its own copy, a
// comment its PR's comments, unless another comment slot of the PR had them listed already.
std::int64_t DebounceModel::lookup_cost(const Slot& slot, const SlotContent& content) {
  if (!settings_.cold_start || slot.seen) return 0;
  if (std::holds_alternative<trace::ReportOp>(content)) return report_lookup_cost();
  const auto* comment = std::get_if<trace::CommentOp>(&content);
  if (comment == nullptr || !listed_prs_.emplace(comment->repo, comment->pr).second) return 0;
  // The PR's first listing comes before cibatch wrote any comment on it, and the trace's host
  // starts empty.
  return comment_lookup_cost(0);
}

// The first status of a key on a commit keeps a merge check closed, and a terminal state
// opens it: both go out after the short linger.
bool DebounceModel::is_gating(const Slot& slot, const SlotContent& content) const {
  const auto* status = std::get_if<trace::StatusOp>(&content);
  if (status == nullptr) return false;
  return !slot.seen || status->state != "INPROGRESS";
}

}  // namespace cib::bench
