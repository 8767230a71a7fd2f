#include "kill_verdict.h"

#include <algorithm>
#include <map>

#include "request_match.h"

namespace cib::test {
namespace {

std::string line_of(const TraceSlot& slot, int rank) {
  if (rank == kHeldNothing) return "nothing";
  if (rank == kHeldUnknown) return "content of no post (a mix, or altered)";
  return "line " + std::to_string(slot.posts.at(static_cast<std::size_t>(rank)).line_no);
}

// The start and the end of a long output: what went wrong is usually in one of them.
std::string excerpt(const std::string& text, std::size_t n) {
  if (text.size() <= 2 * n) return text;
  return text.substr(0, n) + "\n...\n" + text.substr(text.size() - n);
}

// Per slot, the rank of the newest returned post (all, or gating only); -1 when none.
std::map<std::size_t, int> owed_posts(const TraceSlots& slots, const KillOutcome& outcome,
                                      bool gating) {
  std::map<std::size_t, int> owed;
  for (const std::size_t line : outcome.returned_lines) {
    const auto post = slots.post_at_line(line);
    if (!post) continue;
    const TracePost& p = slots.slots()[post->first].posts[static_cast<std::size_t>(post->second)];
    if (gating && !p.gating) continue;
    int& rank = owed.emplace(post->first, -1).first->second;
    rank = std::max(rank, post->second);
  }
  return owed;
}

void judge_delivery(const TraceSlots& slots, const std::string& where, const KillOutcome& outcome,
                    bool gating_only, KillTally& tally) {
  const auto owed = owed_posts(slots, outcome, gating_only);
  for (const auto& [s, rank] : owed) {
    const TraceSlot& slot = slots.slots()[s];
    const int held = slots.held_post(s, outcome.state);
    ++tally.slots;
    if (held >= rank) continue;
    ++tally.lost;
    tally.problems.push_back(where + "lost: " + slot.name() + ": the host holds " +
                             line_of(slot, held) + ", but the post on " + line_of(slot, rank) +
                             " had returned" + (gating_only ? " (a gating one)" : ""));
  }
  if (!gating_only) return;
  for (const auto& [s, rank] : owed_posts(slots, outcome, false)) {
    if (slots.held_post(s, outcome.state) < rank) ++tally.lost_any;
  }
}

void judge_order(const TraceSlots& slots, const std::string& where, const KillOutcome& outcome,
                 KillTally& tally) {
  std::map<std::size_t, int> floor;  // per slot: the oldest post an earlier request may carry
  for (const auto& entry : outcome.requests) {
    if (!was_applied(entry)) continue;
    const auto match = match_request(slots, entry);
    if (!match) continue;
    const TraceSlot& slot = slots.slots()[match->slot];
    const std::string request = entry->optValue<std::string>("method", "") + " #" +
                                std::to_string(entry->optValue<long>("seq", 0));
    if (match->candidates.empty()) {
      ++tally.stale;
      tally.problems.push_back(where + "stale: " + slot.name() + ": " + request +
                               " carried content of no post");
      continue;
    }
    int& lowest = floor.emplace(match->slot, -1).first->second;
    if (match->candidates.back() < lowest) {
      ++tally.stale;
      tally.problems.push_back(where + "stale: " + slot.name() + ": " + request + " carried " +
                               line_of(slot, match->candidates.back()) +
                               " after a request had carried " + line_of(slot, lowest));
    }
    lowest = std::max(lowest, match->candidates.front());
  }
}

void judge_comments(const TraceSlots& slots, const std::string& where, const KillOutcome& outcome,
                    KillTally& tally) {
  for (std::size_t s = 0; s < slots.slots().size(); ++s) {
    const int copies = slots.live_copies(s, outcome.state);
    if (copies <= 1) continue;
    tally.duplicates += copies - 1;
    tally.problems.push_back(where + "duplicate: " + slots.slots()[s].name() + ": " +
                             std::to_string(copies) + " live comments carry its marker");
  }
}

}  // namespace

void judge_kill_point(const TraceSlots& slots, const KillPlan& plan, const KillOutcome& outcome,
                      bool gating_only, KillTally& tally) {
  const std::string where = "point " + std::to_string(plan.point) + " (kill after " +
                            std::to_string(plan.kill_after) + " returned, slow request " +
                            std::to_string(plan.slow_request) + "): ";
  if (outcome.killed) ++tally.kills;
  if (outcome.in_flight) ++tally.in_flight;
  if (outcome.drain_exit != 0) {
    ++tally.drains_failed;
    tally.problems.push_back(where + "cibatch drain exited " + std::to_string(outcome.drain_exit) +
                             ": " + excerpt(outcome.drain_output, 300));
  }
  if (!outcome.killed) {
    tally.problems.push_back(where + "the replay ended before its " +
                             std::to_string(plan.kill_after) +
                             "th post returned: " + excerpt(outcome.replay_output, 300));
  }
  judge_delivery(slots, where, outcome, gating_only, tally);
  judge_order(slots, where, outcome, tally);
  judge_comments(slots, where, outcome, tally);
}

std::string summary_line(const std::string& sync, unsigned seed, const KillTally& tally) {
  std::string line =
      "kill-test sync=" + sync + " seed=" + std::to_string(seed) +
      " kills=" + std::to_string(tally.kills) + " in_flight=" + std::to_string(tally.in_flight) +
      " slots=" + std::to_string(tally.slots) + " lost=" + std::to_string(tally.lost) +
      " stale=" + std::to_string(tally.stale) + " duplicates=" + std::to_string(tally.duplicates) +
      " drains_failed=" + std::to_string(tally.drains_failed);
  if (sync == "batch") line += " lost_any=" + std::to_string(tally.lost_any);
  return line;
}

}  // namespace cib::test
