// AgentIdentity's waiters: checking them, answering them, and stopping.
#include "agent_identity.h"

namespace cib::cli {
namespace {

using std::chrono::steady_clock;

constexpr const char* kStoppingNote =
    " (the agent is stopping; what is left stays in the spool for its next start)";

}  // namespace

void AgentIdentity::check_waiters(bool final_check) {
  std::vector<std::pair<std::uint64_t, Waiter>> snapshot;  // tags and deadlines only
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = waiters_.begin(); it != waiters_.end();) {
      if (!final_check && it->second.sink.gone && it->second.sink.gone()) {
        it = waiters_.erase(it);  // the command left: nobody to answer
        continue;
      }
      Waiter brief;
      brief.tags = it->second.tags;
      brief.deadline = it->second.deadline;
      snapshot.emplace_back(it->first, std::move(brief));
      ++it;
    }
  }
  if (snapshot.empty()) return;
  const auto now = steady_clock::now();
  std::vector<Due> due;
  std::map<std::uint64_t, cibatch::Settlement> seen;
  for (const auto& [id, brief] : snapshot) {
    agent::Settled settled = settle(brief, seen);
    if (settled.status == "CIB_OK" || final_check || now >= brief.deadline) {
      due.push_back({id, std::move(settled)});
    }
  }
  if (due.empty()) return;
  if (!final_check) {
    try {
      client_.poll(0);  // the reports of what just settled may still be queued
    } catch (const cibatch::Error&) {
    }
  }
  answer_due(due, final_check, now);
}

void AgentIdentity::answer_due(std::vector<Due>& due, bool final_check,
                               steady_clock::time_point now) {
  std::vector<std::pair<AnswerSink, std::string>> answers;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (Due& d : due) {
      const auto found = waiters_.find(d.id);
      if (found == waiters_.end()) continue;  // answered by another check
      Waiter& w = found->second;
      const bool settled = d.settled.status == "CIB_OK";
      // A --wait post is settled once its own report is in, too.
      if (settled && w.own_reports && w.reports.empty() && !final_check && now < w.deadline) {
        continue;
      }
      d.settled.reports = w.own_reports ? w.reports : ledger_.reports(w.user_tag);
      if (final_check && !settled) d.settled.message += kStoppingNote;
      if (settled) forget_settled_tags(w);
      if (!settled && w.own_reports) open_[w.user_tag].insert(w.tags.front());
      answers.emplace_back(std::move(w.sink), agent::settled_reply(d.settled));
      waiters_.erase(found);
    }
  }
  for (auto& [sink, line] : answers) sink.answer(std::move(line));
}

void AgentIdentity::forget_settled_tags(const Waiter& waiter) {
  if (waiter.own_reports) {
    own_tags_.erase(waiter.tags.front());
    return;
  }
  if (waiter.user_tag == 0) {  // flush(0) settled every tag
    for (const auto& open : open_) {
      for (const std::uint64_t own : open.second) own_tags_.erase(own);
    }
    open_.clear();
    return;
  }
  const auto open = open_.find(waiter.user_tag);
  if (open == open_.end()) return;
  for (const std::uint64_t own : open->second) own_tags_.erase(own);
  open_.erase(open);
}

std::size_t AgentIdentity::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopped_) return left_;
    stopped_ = true;
    stopping_ = true;
  }
  check_waiters(true);
  const cibatch::Settlement closed = client_.close();
  if (pump_.joinable()) pump_.join();
  left_ = closed.left;
  return left_;
}

}  // namespace cib::cli
