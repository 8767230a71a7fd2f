#include "agent_identity.h"

#include <pthread.h>

#include <algorithm>

#include "agent_post.h"

namespace cib::cli {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

// A --wait post's own tag: from 2^63 up, which requests may not use.
constexpr std::uint64_t kOwnTagBit = std::uint64_t{1} << 63;

steady_clock::time_point deadline_after(std::int64_t ms) {
  if (ms < 0) return steady_clock::time_point::max();
  return steady_clock::now() + milliseconds(ms);
}

// UNDELIVERED outranks TIMED_OUT outranks OK.
int severity(cib_status status) {
  if (status == CIB_OK) return 0;
  return status == CIB_ERR_TIMED_OUT ? 1 : 2;
}

}  // namespace

AgentIdentity::AgentIdentity(const cibatch::Config& conf, agent::IdentityInfo info, LogSink& log,
                             std::string scratch_folder)
    : info_(std::move(info)), scratch_folder_(std::move(scratch_folder)), log_(log), client_(conf) {
  client_.set_delivery_callback([this](const cibatch::Delivery& d) { on_delivery(d); });
  client_.set_log_callback(
      [this](cib_log_level level, std::string_view message) { log_.on_log(level, message); },
      log_.max_level());
  pump_ = std::thread([this] { pump(); });
}

AgentIdentity::~AgentIdentity() {
  stop();
}

void AgentIdentity::post(const agent::PostRequest& request, const AnswerSink& sink) {
  if (request.wait_ms < 0) {
    post_to_client(client_, request, request.tag, scratch_folder_);
    sink.answer(agent::accepted_reply());
    return;
  }
  std::uint64_t own = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    own = kOwnTagBit | ++next_own_tag_;
    own_tags_[own] = request.tag;  // before the post, so that no report of it goes unnamed
  }
  try {
    post_to_client(client_, request, own, scratch_folder_);
  } catch (...) {
    std::lock_guard<std::mutex> lock(mutex_);
    own_tags_.erase(own);
    throw;
  }
  Waiter waiter;
  waiter.tags = {own};
  waiter.user_tag = request.tag;
  waiter.own_reports = true;
  waiter.deadline = deadline_after(request.wait_ms);
  waiter.sink = sink;
  add_waiter(std::move(waiter));
}

void AgentIdentity::flush(const agent::FlushRequest& request, const AnswerSink& sink) {
  Waiter waiter;
  waiter.tags = {request.tag};
  waiter.user_tag = request.tag;
  waiter.deadline = deadline_after(request.timeout_ms);
  waiter.sink = sink;
  {
    // The tag's --wait posts that are still unsettled carry tags of their own.
    std::lock_guard<std::mutex> lock(mutex_);
    const auto open = open_.find(request.tag);
    if (open != open_.end() && request.tag != 0) {
      waiter.tags.insert(waiter.tags.end(), open->second.begin(), open->second.end());
    }
  }
  add_waiter(std::move(waiter));
}

void AgentIdentity::add_waiter(Waiter waiter) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (stopping_) {
    waiter.sink.answer(agent::error_reply("stopping", "the agent is stopping"));
    return;
  }
  waiters_.emplace(++next_waiter_, std::move(waiter));
}

void AgentIdentity::pump() {
  pthread_setname_np(pthread_self(), "cib-agent-pump");  // for top -H; SIGPIPE is ignored
  while (!stopping_) {
    try {
      client_.poll(static_cast<std::int32_t>(kCheckMs.count()));
    } catch (const cibatch::Error&) {
      if (stopping_) break;
      std::this_thread::sleep_for(kCheckMs);  // refused (closing): keep checking the waiters
    }
    check_waiters(false);
  }
}

void AgentIdentity::on_delivery(const cibatch::Delivery& d) {
  agent::DeliveryRecord r{d.tag(), d.kind(),    d.repo(),        d.commit(), d.pr(),
                          d.key(), d.outcome(), d.http_status(), d.message()};
  std::lock_guard<std::mutex> lock(mutex_);
  if ((r.tag & kOwnTagBit) != 0) {
    const auto own = own_tags_.find(r.tag);
    r.tag = own == own_tags_.end() ? 0 : own->second;
    for (auto& entry : waiters_) {
      Waiter& w = entry.second;
      if (w.own_reports && w.tags.front() == d.tag()) w.reports.push_back(r);
    }
  }
  ledger_.record(r);
}

agent::Settled AgentIdentity::settle(const Waiter& waiter,
                                     std::map<std::uint64_t, cibatch::Settlement>& seen) {
  agent::Settled s;
  cib_status worst = CIB_OK;
  for (const std::uint64_t tag : waiter.tags) {
    auto known = seen.find(tag);
    if (known == seen.end()) {
      cibatch::Settlement fresh;
      try {
        fresh = client_.flush(tag, 0);
      } catch (const cibatch::Error& e) {  // closed: what is left stays in the spool
        fresh.status = CIB_ERR_UNDELIVERED;
        fresh.message = e.what();
      }
      known = seen.emplace(tag, std::move(fresh)).first;
    }
    const cibatch::Settlement& one = known->second;
    s.left += one.left;
    if (severity(one.status) > severity(worst)) {
      worst = one.status;
      s.message = one.message;
    }
  }
  s.status = cib_status_name(worst);
  return s;
}

}  // namespace cib::cli
