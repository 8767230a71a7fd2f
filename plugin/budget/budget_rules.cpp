#include "budget/budget_rules.h"

#include <algorithm>

namespace cib {
namespace {

constexpr std::int64_t kMsPerSecond = 1000;
constexpr std::int64_t kHourS = 3600;
constexpr std::int64_t kMinuteS = 60;

// Bitbucket Cloud: about 1,000 API requests per rolling hour per account (app passwords count
// per user, access tokens per token).
constexpr std::int64_t kBitbucketCloudLimit = 1000;
constexpr std::int64_t kBitbucketCloudWindowS = kHourS;
// GitHub: 5,000 REST requests per hour for a user or an app installation.
constexpr std::int64_t kGithubLimit = 5000;
constexpr std::int64_t kGithubWindowS = kHourS;
// GitLab.com: 2,000 authenticated API requests per minute per user.
constexpr std::int64_t kGitlabLimit = 2000;
constexpr std::int64_t kGitlabWindowS = kMinuteS;
// Bitbucket DC has no rolling limit (its per-node token bucket is the limit); a configured
// budget.limit without a window counts over an hour.
constexpr std::int64_t kNoRollingLimit = 0;
constexpr std::int64_t kFallbackWindowS = kHourS;

// The reserve left to people and other tools when budget.reserve is not set: a tenth.
constexpr std::int64_t kReserveDivisor = 10;
// Headroom between priorities: comments and bulk stop one step below gating, progress two.
constexpr std::int64_t kHeadroomDivisor = 10;
constexpr std::int64_t kMinCap = 1;  // delivery continues even on the tiniest window
constexpr std::int64_t kDefaultBulkSharePercent = 50;
constexpr std::int64_t kPercent = 100;
// The cap of a log that only counts: more than any window holds, exact as a Lua number.
constexpr std::int64_t kUncapped = 1'000'000'000'000;

// GitHub's secondary limits for content-creating requests: at most 80 per minute and 500 per
// hour, sent one at a time (at least a second apart unless configured otherwise).
constexpr std::int64_t kGithubWritesPerMinute = 80;
constexpr std::int64_t kGithubWritesPerHour = 500;
constexpr std::int64_t kGithubDefaultWriteSpacingMs = 1000;

// Bitbucket DC's default per-node token bucket: 60 tokens, refilled 5 per second.
constexpr std::int64_t kDcBucketSize = 60;
constexpr std::int64_t kDcRefillPerS = 5;
// GitLab.com: at most 60 notes created per minute per user.
constexpr std::int64_t kGitlabNotesPerMinute = 60;
constexpr std::int64_t kGitlabNoteRefillMs = kMinuteS * kMsPerSecond / kGitlabNotesPerMinute;

// The skew margin: a hundredth of the window, within these bounds.
constexpr std::int64_t kMarginDivisor = 100;
constexpr std::int64_t kMinMarginMs = 250;
constexpr std::int64_t kMaxMarginMs = 30 * kMsPerSecond;

struct HostDefault {
  std::int64_t limit;
  std::int64_t window_s;
};

HostDefault host_default(HostKind kind) {
  switch (kind) {
    case HostKind::bitbucket_cloud:
      return {kBitbucketCloudLimit, kBitbucketCloudWindowS};
    case HostKind::github:
      return {kGithubLimit, kGithubWindowS};
    case HostKind::gitlab:
      return {kGitlabLimit, kGitlabWindowS};
    case HostKind::bitbucket_dc:
      return {kNoRollingLimit, kFallbackWindowS};
  }
  return {kNoRollingLimit, kFallbackWindowS};
}

std::int64_t default_limit(const HostDefault& host, const Learned& learned) {
  // A learned limit only refines a limit the host is known to have: Bitbucket DC's
  // X-RateLimit-Limit is its bucket size, not a rolling limit.
  if (host.limit > 0 && learned.limit && *learned.limit > 0) {
    return std::min(host.limit, *learned.limit);
  }
  return host.limit;
}

LogLimit rolling_log(const RollingLimit& rolling, std::int64_t bulk_share_percent) {
  LogLimit log;
  log.name = kRollingLogName;
  log.window_ms = rolling.window_ms;
  log.limit = rolling.limit;
  if (rolling.window_assumed) {
    for (std::int64_t& cap : log.cap) cap = kUncapped;
    return log;  // bulk_cap stays -1: no share of an unknown window
  }
  const std::int64_t e = std::max(kMinCap, rolling.limit - rolling.reserve);
  const std::int64_t h = std::max<std::int64_t>(1, e / kHeadroomDivisor);
  log.cap[static_cast<int>(Priority::gating)] = e;
  log.cap[static_cast<int>(Priority::comment)] = std::max(kMinCap, e - h);
  log.cap[static_cast<int>(Priority::bulk)] = std::max(kMinCap, e - h);
  log.cap[static_cast<int>(Priority::progress)] = std::max(kMinCap, e - 2 * h);
  const std::int64_t share =
      bulk_share_percent < 0 ? kDefaultBulkSharePercent : std::min(bulk_share_percent, kPercent);
  log.bulk_cap = std::max(kMinCap, e * share / kPercent);
  return log;
}

// A log whose every priority may fill it to the host's limit.
LogLimit writes_log(const char* name, std::int64_t limit, std::int64_t window_ms) {
  LogLimit log;
  log.name = name;
  log.window_ms = window_ms;
  log.limit = limit;
  for (std::int64_t& cap : log.cap) cap = limit;
  log.writes_only = true;
  return log;
}

void add_github_write_logs(const Settings& settings, Limits& limits) {
  limits.logs.push_back(
      writes_log("write-minute", kGithubWritesPerMinute, kMinuteS * kMsPerSecond));
  limits.logs.push_back(writes_log("write-hour", kGithubWritesPerHour, kHourS * kMsPerSecond));
  const std::int64_t spacing_ms = settings.budget_github_write_spacing_ms < 0
                                      ? kGithubDefaultWriteSpacingMs
                                      : settings.budget_github_write_spacing_ms;
  // 0 turns spacing off; the per-minute and per-hour logs still apply.
  if (spacing_ms > 0) limits.logs.push_back(writes_log("write-spacing", 1, spacing_ms));
}

BucketLimit dc_node_bucket(const Settings& settings) {
  BucketLimit bucket;
  bucket.name = "node";
  bucket.capacity = settings.budget_bucket_size > 0 ? settings.budget_bucket_size : kDcBucketSize;
  const std::int64_t per_s =
      settings.budget_bucket_refill_per_s > 0 ? settings.budget_bucket_refill_per_s : kDcRefillPerS;
  // Rounded up: refilling a little slower than the node never outruns it.
  bucket.refill_ms = std::max<std::int64_t>(1, (kMsPerSecond + per_s - 1) / per_s);
  bucket.scope = BucketScope::all;
  return bucket;
}

BucketLimit gitlab_notes_bucket() {
  BucketLimit bucket;
  bucket.name = "notes";
  bucket.capacity = kGitlabNotesPerMinute;
  bucket.refill_ms = kGitlabNoteRefillMs;
  bucket.scope = BucketScope::note_creates;
  return bucket;
}

}  // namespace

RollingLimit rolling_limit(const Settings& settings, const Learned& learned) {
  const HostDefault host = host_default(settings.host_kind);
  RollingLimit rolling;
  rolling.limit = settings.budget_limit >= 0 ? settings.budget_limit : default_limit(host, learned);
  if (settings.budget_window_s > 0) {
    rolling.window_ms = settings.budget_window_s * kMsPerSecond;
  } else if (learned.window_ms && *learned.window_ms > 0) {
    rolling.window_ms = *learned.window_ms;
  } else {
    rolling.window_ms = host.window_s * kMsPerSecond;
    rolling.window_assumed =
        settings.budget_limit < 0 && rolling.limit > 0 && rolling.limit < host.limit;
  }
  if (rolling.limit > 0) {
    const std::int64_t reserve =
        settings.budget_reserve >= 0 ? settings.budget_reserve : rolling.limit / kReserveDivisor;
    // At least one request per window stays ours, or delivery would stop for good.
    rolling.reserve = std::min(reserve, rolling.limit - 1);
  }
  return rolling;
}

Limits limits_for(const Settings& settings, const Learned& learned) {
  const RollingLimit rolling = rolling_limit(settings, learned);
  Limits limits;
  if (rolling.limit > 0) limits.logs.push_back(rolling_log(rolling, settings.budget_bulk_share));
  switch (settings.host_kind) {
    case HostKind::github:
      add_github_write_logs(settings, limits);
      break;
    case HostKind::bitbucket_dc:
      limits.buckets.push_back(dc_node_bucket(settings));
      break;
    case HostKind::gitlab:
      limits.buckets.push_back(gitlab_notes_bucket());
      break;
    case HostKind::bitbucket_cloud:
      break;
  }
  // One margin serves every log, so it follows the shortest window: GitHub's write spacing
  // must stay about a second, not a second plus an hour's margin.
  std::int64_t shortest = rolling.window_ms;
  for (const LogLimit& log : limits.logs) {
    if (shortest <= 0 || log.window_ms < shortest) shortest = log.window_ms;
  }
  limits.margin_ms = std::clamp(shortest / kMarginDivisor, kMinMarginMs, kMaxMarginMs);
  return limits;
}

}  // namespace cib
