#include "budget/budget.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <utility>

#include "budget/budget_decision.h"
#include "budget/budget_report.h"
#include "budget/rate_signal.h"
#include "runtime/sha256.h"

namespace cib {
namespace {

// Bitbucket Cloud's X-RateLimit-NearLimit: at least this share of the window is used.
constexpr double kNearLimitShare = 0.8;
// GitHub: "wait at least one minute" after a secondary-limit answer without Retry-After; each
// further one in a row doubles it, up to a quarter of an hour.
constexpr std::int64_t kSecondaryWaitMs = 60000;
constexpr std::int64_t kSecondaryWaitMaxMs = 15 * 60000;
// Never resume sooner than this after a 429, whatever the arithmetic says.
constexpr std::int64_t kLeastPauseMs = 1000;

}  // namespace

std::string budget_identity(const Settings& settings) {
  std::string account;
  if (!settings.budget_account.empty()) {
    account = "account:" + settings.budget_account;
  } else if (settings.auth_type == AuthType::basic) {
    account = "user:" + settings.auth_user;
  } else {
    account = "token:" + sha256_hex(settings.auth_token).substr(0, 16);
  }
  return settings.api_url + " " + account;
}

TakeRequest classify_request(Priority priority, const HttpRequest& request) {
  TakeRequest take;
  take.priority = priority;
  take.write = request.method != "GET" && request.method != "HEAD";
  const std::string path = request.target.substr(0, request.target.find('?'));
  const std::string notes = "/notes";
  take.note_create = request.method == "POST" && path.size() >= notes.size() &&
                     path.compare(path.size() - notes.size(), notes.size(), notes) == 0;
  return take;
}

Budget::Budget(const Settings& settings, std::shared_ptr<BudgetStore> store, const Clock& clock)
    : settings_(without_credential(settings)),
      identity_(budget_identity(settings)),
      store_(std::move(store)),
      clock_(clock) {}

Limits Budget::limits() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return limits_for(settings_, learned_);
}

bool Budget::limited() const {
  const Limits current = limits();
  return !current.logs.empty() || !current.buckets.empty();
}

Ticket Budget::take(const TakeRequest& request) {
  const Limits current = limits();
  if (current.logs.empty() && current.buckets.empty()) {
    Ticket free;
    free.granted = true;
    return free;
  }
  return store_->take(identity_, current, request);
}

std::optional<std::int64_t> Budget::pause_for_rate_limit(const RateSignal& signal,
                                                         std::int64_t now_ms) {
  std::int64_t wait = 0;
  const bool window_assumed = [&] {
    std::lock_guard<std::mutex> lock(mutex_);
    return rolling_limit(settings_, learned_).window_assumed;
  }();
  if (signal.retry_after_ms) {
    wait = *signal.retry_after_ms;
  } else if (signal.secondary) {
    std::lock_guard<std::mutex> lock(mutex_);
    const int doublings = std::min(secondary_strikes_, 4);
    wait = std::min(kSecondaryWaitMaxMs, kSecondaryWaitMs << doublings);
  } else if (window_assumed) {
    // The window is a guess: waiting for the oldest request to leave it could mean an hour
    // the host never asked for. Wait until the host's reset when it says one; else the caller
    // backs off and asks the host again.
    if (!signal.reset_at_ms || *signal.reset_at_ms <= now_ms) return std::nullopt;
    wait = *signal.reset_at_ms - now_ms;
  } else {
    // The window is full until its oldest logged request ages out.
    const Limits current = limits();
    const Usage usage = store_->usage(identity_, current);
    const LogLimit* log = rolling_log(current);
    const LogUsage* use = rolling_use(usage);
    // With nothing logged there is nothing to wait for: the caller backs off instead.
    if (log == nullptr || use == nullptr || use->oldest_ms == 0) return std::nullopt;
    wait = use->oldest_ms + log->window_ms + current.margin_ms - usage.now_ms;
  }
  if (signal.secondary) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++secondary_strikes_;
  }
  wait = std::max(wait, kLeastPauseMs);
  store_->pause(identity_, store_->now_ms() + wait);
  return wait;
}

void Budget::learn(const RateSignal& signal, std::int64_t now_ms) {
  // Bitbucket DC's X-RateLimit-Limit is its bucket size, not a rolling limit.
  if (!signal.limit || *signal.limit <= 0 || settings_.host_kind == HostKind::bitbucket_dc) return;
  std::lock_guard<std::mutex> lock(mutex_);
  learned_.limit = signal.limit;
  // A host configured unlike its vendor (a lower limit) may have another window too. Its reset
  // time bounds that window from below; the longest seen is the best guess of it, never longer
  // than the vendor's. (A host with the vendor's limit keeps the vendor's window.)
  const bool window_unknown = rolling_limit(settings_, Learned{learned_.limit, {}}).window_assumed;
  if (window_unknown && signal.reset_at_ms && *signal.reset_at_ms > now_ms) {
    const std::int64_t vendor = rolling_limit(settings_, Learned{}).window_ms;
    const std::int64_t seen = (*signal.reset_at_ms - now_ms + 999) / 1000 * 1000;
    learned_.window_ms = std::min(vendor, std::max(learned_.window_ms.value_or(0), seen));
  }
  const RollingLimit rolling = rolling_limit(settings_, learned_);
  if (!rolling.window_assumed || window_noticed_) return;
  window_noticed_ = true;
  notice_ = "budget: the host allows " + std::to_string(rolling.limit) +
            " requests (its rate-limit header) but does not say over how long; the vendor's " +
            std::to_string(rolling.window_ms / 1000) +
            " s window is assumed and not enforced: requests go until the host refuses one and "
            "then wait as long as it says. Set budget.window_s (and budget.limit) to the host's "
            "own window to spend it evenly";
}

std::string Budget::learned_notice() {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::exchange(notice_, std::string());
}

std::optional<std::int64_t> Budget::observe(const HttpResponse& response) {
  const std::int64_t now_ms = clock_.wall_ns() / 1'000'000;
  const RateSignal signal = read_rate_signal(settings_.host_kind, response, now_ms);
  learn(signal, now_ms);
  if (signal.rate_limited) return pause_for_rate_limit(signal, now_ms);
  // Bitbucket DC's rate headers describe its per-node bucket, not a rolling window.
  if (settings_.host_kind == HostKind::bitbucket_dc) return std::nullopt;
  if (response.status >= 200 && response.status < 300) {
    std::lock_guard<std::mutex> lock(mutex_);
    secondary_strikes_ = 0;
  }
  const bool tells_use = signal.near_limit || signal.used || signal.remaining;
  if (!tells_use) return std::nullopt;
  const Limits current = limits();
  const LogLimit* log = rolling_log(current);
  if (log == nullptr) return std::nullopt;
  const Usage usage = store_->usage(identity_, current);
  const LogUsage* use = rolling_use(usage);
  const std::int64_t ours = use != nullptr ? use->used : 0;
  const std::int64_t host_limit = signal.limit.value_or(log->limit);
  std::int64_t host_used = 0;
  if (signal.used) {
    host_used = *signal.used;
  } else if (signal.remaining) {
    host_used = host_limit - *signal.remaining;
  }
  if (signal.near_limit) {
    host_used = std::max(
        host_used,
        static_cast<std::int64_t>(std::ceil(kNearLimitShare * static_cast<double>(host_limit))));
  }
  if (host_used <= ours) return std::nullopt;
  // Requests the host counted that no process logged: they age out when the host's window
  // resets, or a window from now when it does not say.
  std::int64_t at = usage.now_ms;
  if (signal.reset_at_ms) at = std::min(at, *signal.reset_at_ms - log->window_ms);
  store_->add_external(identity_, log->name, host_used - ours, at);
  return std::nullopt;
}

void Budget::heartbeat(const std::string& client_id) {
  if (!limited()) return;
  store_->heartbeat(identity_, client_id, settings_.budget_heartbeat_s * 1000);
}

std::string Budget::json() {
  const Limits current = limits();
  const RollingLimit rolling = [&] {
    std::lock_guard<std::mutex> lock(mutex_);
    return rolling_limit(settings_, learned_);
  }();
  const Usage usage = store_->usage(identity_, current);
  std::ostringstream out;
  usage_object(identity_, store_->describe(), usage, current, rolling)->stringify(out);
  return out.str();
}

}  // namespace cib
