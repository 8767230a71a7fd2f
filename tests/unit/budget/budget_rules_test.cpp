#include "budget/budget_rules.h"

#include <boost/test/unit_test.hpp>
#include <string>

namespace cib {
namespace {

constexpr int kGating = static_cast<int>(Priority::gating);
constexpr int kComment = static_cast<int>(Priority::comment);
constexpr int kBulk = static_cast<int>(Priority::bulk);
constexpr int kProgress = static_cast<int>(Priority::progress);

Settings host(HostKind kind) {
  Settings settings;
  settings.host_kind = kind;
  return settings;
}

Settings configured(HostKind kind, std::int64_t limit, std::int64_t window_s,
                    std::int64_t reserve) {
  Settings settings = host(kind);
  settings.budget_limit = limit;
  settings.budget_window_s = window_s;
  settings.budget_reserve = reserve;
  return settings;
}

Learned learned(std::int64_t limit) {
  Learned result;
  result.limit = limit;
  return result;
}

const LogLimit* find_log(const Limits& limits, const std::string& name) {
  for (const LogLimit& log : limits.logs) {
    if (log.name == name) return &log;
  }
  return nullptr;
}

void check_caps(const LogLimit& log, std::int64_t gating, std::int64_t comment, std::int64_t bulk,
                std::int64_t progress, std::int64_t bulk_cap) {
  BOOST_TEST(log.cap[kGating] == gating);
  BOOST_TEST(log.cap[kComment] == comment);
  BOOST_TEST(log.cap[kBulk] == bulk);
  BOOST_TEST(log.cap[kProgress] == progress);
  BOOST_TEST(log.bulk_cap == bulk_cap);
}

BOOST_AUTO_TEST_SUITE(budget_rules)

BOOST_AUTO_TEST_CASE(bitbucket_cloud_defaults_to_a_thousand_per_hour_with_a_tenth_reserved) {
  const Limits limits = limits_for(host(HostKind::bitbucket_cloud), {});
  BOOST_TEST_REQUIRE(limits.logs.size() == 1u);
  const LogLimit& all = limits.logs[0];
  BOOST_TEST(all.name == "all");
  BOOST_TEST(all.limit == 1000);
  BOOST_TEST(all.window_ms == 3'600'000);
  BOOST_TEST(!all.writes_only);
  // E = 1000 - 100 = 900, h = 90.
  check_caps(all, 900, 810, 810, 720, 450);
  BOOST_TEST(limits.buckets.empty());
  BOOST_TEST(limits.margin_ms == 30'000);
}

BOOST_AUTO_TEST_CASE(github_defaults_to_five_thousand_per_hour_and_its_write_limits) {
  const Limits limits = limits_for(host(HostKind::github), {});
  BOOST_TEST_REQUIRE(limits.logs.size() == 4u);
  BOOST_TEST(limits.logs[0].name == "all");
  BOOST_TEST(limits.logs[0].limit == 5000);
  BOOST_TEST(limits.logs[0].window_ms == 3'600'000);
  check_caps(limits.logs[0], 4500, 4050, 4050, 3600, 2250);
  BOOST_TEST(limits.buckets.empty());
}

BOOST_AUTO_TEST_CASE(github_write_logs_count_writes_only_for_every_priority) {
  const Limits limits = limits_for(host(HostKind::github), {});
  const LogLimit* minute = find_log(limits, "write-minute");
  const LogLimit* hour = find_log(limits, "write-hour");
  const LogLimit* spacing = find_log(limits, "write-spacing");
  BOOST_TEST_REQUIRE(minute != nullptr);
  BOOST_TEST_REQUIRE(hour != nullptr);
  BOOST_TEST_REQUIRE(spacing != nullptr);
  BOOST_TEST(minute->limit == 80);
  BOOST_TEST(minute->window_ms == 60'000);
  BOOST_TEST(hour->limit == 500);
  BOOST_TEST(hour->window_ms == 3'600'000);
  BOOST_TEST(spacing->limit == 1);
  BOOST_TEST(spacing->window_ms == 1000);
  for (const LogLimit* log : {minute, hour, spacing}) {
    BOOST_TEST(log->writes_only);
    BOOST_TEST(log->bulk_cap == -1);
    for (std::int64_t cap : log->cap) BOOST_TEST(cap == log->limit);
  }
}

BOOST_AUTO_TEST_CASE(github_write_spacing_follows_the_configuration) {
  Settings settings = host(HostKind::github);
  settings.budget_github_write_spacing_ms = 2500;
  const Limits spaced = limits_for(settings, {});
  const LogLimit* spacing = find_log(spaced, "write-spacing");
  BOOST_TEST_REQUIRE(spacing != nullptr);
  BOOST_TEST(spacing->window_ms == 2500);

  settings.budget_github_write_spacing_ms = 0;
  const Limits unspaced = limits_for(settings, {});
  BOOST_TEST(find_log(unspaced, "write-spacing") == nullptr);
  BOOST_TEST(find_log(unspaced, "write-minute") != nullptr);
}

BOOST_AUTO_TEST_CASE(github_without_a_rolling_limit_keeps_its_write_logs) {
  const Limits limits = limits_for(configured(HostKind::github, 0, -1, -1), {});
  BOOST_TEST(find_log(limits, "all") == nullptr);
  BOOST_TEST_REQUIRE(limits.logs.size() == 3u);
  BOOST_TEST(limits.logs[0].name == "write-minute");
}

BOOST_AUTO_TEST_CASE(gitlab_defaults_to_two_thousand_per_minute_and_a_notes_bucket) {
  const Limits limits = limits_for(host(HostKind::gitlab), {});
  BOOST_TEST_REQUIRE(limits.logs.size() == 1u);
  BOOST_TEST(limits.logs[0].limit == 2000);
  BOOST_TEST(limits.logs[0].window_ms == 60'000);
  check_caps(limits.logs[0], 1800, 1620, 1620, 1440, 900);
  BOOST_TEST_REQUIRE(limits.buckets.size() == 1u);
  const BucketLimit& notes = limits.buckets[0];
  BOOST_TEST(notes.name == "notes");
  BOOST_TEST(notes.capacity == 60);
  BOOST_TEST(notes.refill_ms == 1000);
  BOOST_TEST(static_cast<int>(notes.scope) == static_cast<int>(BucketScope::note_creates));
  BOOST_TEST(limits.margin_ms == 600);
}

BOOST_AUTO_TEST_CASE(bitbucket_dc_has_no_rolling_limit_but_a_node_bucket) {
  const Limits limits = limits_for(host(HostKind::bitbucket_dc), {});
  BOOST_TEST(limits.logs.empty());
  BOOST_TEST_REQUIRE(limits.buckets.size() == 1u);
  const BucketLimit& node = limits.buckets[0];
  BOOST_TEST(node.name == "node");
  BOOST_TEST(node.capacity == 60);
  BOOST_TEST(node.refill_ms == 200);
  BOOST_TEST(static_cast<int>(node.scope) == static_cast<int>(BucketScope::all));
  BOOST_TEST(rolling_limit(host(HostKind::bitbucket_dc), {}).limit == 0);
}

BOOST_AUTO_TEST_CASE(bitbucket_dc_bucket_follows_the_configuration) {
  Settings settings = host(HostKind::bitbucket_dc);
  settings.budget_bucket_size = 120;
  settings.budget_bucket_refill_per_s = 10;
  Limits limits = limits_for(settings, {});
  BOOST_TEST_REQUIRE(limits.buckets.size() == 1u);
  BOOST_TEST(limits.buckets[0].capacity == 120);
  BOOST_TEST(limits.buckets[0].refill_ms == 100);

  // A refill that does not divide a second rounds to the slower side.
  settings.budget_bucket_refill_per_s = 3;
  limits = limits_for(settings, {});
  BOOST_TEST(limits.buckets[0].refill_ms == 334);
}

BOOST_AUTO_TEST_CASE(bitbucket_dc_with_a_configured_limit_gets_a_rolling_log_too) {
  const Limits limits = limits_for(configured(HostKind::bitbucket_dc, 500, -1, -1), {});
  BOOST_TEST_REQUIRE(limits.logs.size() == 1u);
  BOOST_TEST(limits.logs[0].limit == 500);
  BOOST_TEST(limits.logs[0].window_ms == 3'600'000);
  BOOST_TEST(limits.buckets.size() == 1u);
}

BOOST_AUTO_TEST_CASE(configured_limit_window_and_reserve_override_the_defaults) {
  const Settings settings = configured(HostKind::bitbucket_cloud, 40, 20, 4);
  const RollingLimit rolling = rolling_limit(settings, {});
  BOOST_TEST(rolling.limit == 40);
  BOOST_TEST(rolling.window_ms == 20'000);
  BOOST_TEST(rolling.reserve == 4);
  const Limits limits = limits_for(settings, {});
  BOOST_TEST_REQUIRE(limits.logs.size() == 1u);
  BOOST_TEST(limits.logs[0].window_ms == 20'000);
  // E = 36, h = 3.
  check_caps(limits.logs[0], 36, 33, 33, 30, 18);
}

BOOST_AUTO_TEST_CASE(configured_window_alone_keeps_the_default_limit) {
  const RollingLimit rolling = rolling_limit(configured(HostKind::github, -1, 600, -1), {});
  BOOST_TEST(rolling.limit == 5000);
  BOOST_TEST(rolling.window_ms == 600'000);
  BOOST_TEST(rolling.reserve == 500);
}

BOOST_AUTO_TEST_CASE(zero_limit_means_no_rolling_log) {
  const Limits limits = limits_for(configured(HostKind::bitbucket_cloud, 0, -1, -1), {});
  BOOST_TEST(limits.logs.empty());
  BOOST_TEST(rolling_limit(configured(HostKind::bitbucket_cloud, 0, -1, 5), {}).reserve == 0);
}

BOOST_AUTO_TEST_CASE(learned_lower_limit_lowers_the_default) {
  Settings settings = host(HostKind::bitbucket_cloud);
  settings.budget_window_s = 3600;  // the window is known: the learned limit is enforced
  const RollingLimit rolling = rolling_limit(settings, learned(500));
  BOOST_TEST(rolling.limit == 500);
  BOOST_TEST(rolling.reserve == 50);
  BOOST_TEST(!rolling.window_assumed);
  const Limits limits = limits_for(settings, learned(500));
  BOOST_TEST(limits.logs[0].limit == 500);
  BOOST_TEST(limits.logs[0].cap[kGating] == 450);
}

// A lower limit than the vendor's says the host is configured otherwise; its window is unknown,
// so the log only counts and the host's own answers pace the client.
BOOST_AUTO_TEST_CASE(a_learned_lower_limit_on_an_unknown_window_only_counts) {
  const RollingLimit rolling = rolling_limit(host(HostKind::bitbucket_cloud), learned(20));
  BOOST_TEST(rolling.limit == 20);
  BOOST_TEST(rolling.window_assumed);
  const Limits limits = limits_for(host(HostKind::bitbucket_cloud), learned(20));
  BOOST_REQUIRE(!limits.logs.empty());
  BOOST_TEST(limits.logs[0].limit == 20);
  BOOST_TEST(limits.logs[0].cap[kGating] >= 1'000'000);
  BOOST_TEST(limits.logs[0].bulk_cap == -1);
  Learned with_window = learned(20);
  with_window.window_ms = 20000;
  const RollingLimit known = rolling_limit(host(HostKind::bitbucket_cloud), with_window);
  BOOST_TEST(!known.window_assumed);
  BOOST_TEST(known.window_ms == 20000);
  BOOST_TEST(!rolling_limit(host(HostKind::bitbucket_cloud), learned(1000)).window_assumed);
}

BOOST_AUTO_TEST_CASE(learned_higher_limit_does_not_raise_the_default) {
  BOOST_TEST(rolling_limit(host(HostKind::github), learned(15000)).limit == 5000);
}

BOOST_AUTO_TEST_CASE(learned_limit_never_changes_a_configured_limit) {
  const Settings settings = configured(HostKind::bitbucket_cloud, 800, -1, -1);
  BOOST_TEST(rolling_limit(settings, learned(500)).limit == 800);
  BOOST_TEST(rolling_limit(configured(HostKind::bitbucket_cloud, 0, -1, -1), learned(500)).limit ==
             0);
}

BOOST_AUTO_TEST_CASE(learned_bucket_size_does_not_give_bitbucket_dc_a_rolling_limit) {
  BOOST_TEST(limits_for(host(HostKind::bitbucket_dc), learned(60)).logs.empty());
}

BOOST_AUTO_TEST_CASE(learned_non_positive_limit_is_ignored) {
  BOOST_TEST(rolling_limit(host(HostKind::bitbucket_cloud), learned(0)).limit == 1000);
  BOOST_TEST(rolling_limit(host(HostKind::bitbucket_cloud), learned(-3)).limit == 1000);
}

BOOST_AUTO_TEST_CASE(caps_are_ordered_gating_comment_bulk_progress) {
  for (std::int64_t limit : {2, 3, 7, 10, 11, 40, 99, 1000, 5000}) {
    const Limits limits = limits_for(configured(HostKind::bitbucket_cloud, limit, 60, -1), {});
    BOOST_TEST_REQUIRE(limits.logs.size() == 1u);
    const LogLimit& all = limits.logs[0];
    BOOST_TEST_CONTEXT("limit " << limit) {
      BOOST_TEST(all.cap[kGating] <= limit);
      BOOST_TEST(all.cap[kGating] >= all.cap[kComment]);
      BOOST_TEST(all.cap[kComment] >= all.cap[kBulk]);
      BOOST_TEST(all.cap[kBulk] >= all.cap[kProgress]);
      BOOST_TEST(all.cap[kComment] >= all.cap[kProgress]);
      BOOST_TEST(all.cap[kProgress] >= 1);
      BOOST_TEST(all.bulk_cap >= 1);
    }
  }
}

BOOST_AUTO_TEST_CASE(progress_has_the_lowest_cap_on_a_roomy_window) {
  const LogLimit all = limits_for(configured(HostKind::bitbucket_cloud, 40, 20, 4), {}).logs[0];
  BOOST_TEST(all.cap[kProgress] < all.cap[kComment]);
  BOOST_TEST(all.cap[kProgress] < all.cap[kBulk]);
  BOOST_TEST(all.cap[kComment] < all.cap[kGating]);
}

BOOST_AUTO_TEST_CASE(every_cap_is_at_least_one_on_a_limit_of_two) {
  const LogLimit all = limits_for(configured(HostKind::bitbucket_cloud, 2, 10, -1), {}).logs[0];
  check_caps(all, 2, 1, 1, 1, 1);
}

BOOST_AUTO_TEST_CASE(every_cap_is_at_least_one_when_the_reserve_eats_the_limit) {
  const Settings settings = configured(HostKind::bitbucket_cloud, 10, 10, 50);
  BOOST_TEST(rolling_limit(settings, {}).reserve == 9);
  check_caps(limits_for(settings, {}).logs[0], 1, 1, 1, 1, 1);
}

BOOST_AUTO_TEST_CASE(bulk_cap_is_bulk_share_percent_of_what_gating_may_use) {
  Settings settings = configured(HostKind::bitbucket_cloud, 40, 20, 4);
  settings.budget_bulk_share = 20;
  BOOST_TEST(limits_for(settings, {}).logs[0].bulk_cap == 7);  // 20 % of 36, rounded down
  settings.budget_bulk_share = 100;
  BOOST_TEST(limits_for(settings, {}).logs[0].bulk_cap == 36);
  settings.budget_bulk_share = 0;
  BOOST_TEST(limits_for(settings, {}).logs[0].bulk_cap == 1);
  settings.budget_bulk_share = -1;  // the default: half
  BOOST_TEST(limits_for(settings, {}).logs[0].bulk_cap == 18);
  settings.budget_bulk_share = 150;
  BOOST_TEST(limits_for(settings, {}).logs[0].bulk_cap == 36);
}

BOOST_AUTO_TEST_CASE(github_margin_follows_its_shortest_log_so_writes_stay_a_second_apart) {
  const Limits limits = limits_for(host(HostKind::github), {});
  BOOST_TEST(limits.margin_ms == 250);
}

BOOST_AUTO_TEST_CASE(margin_is_a_hundredth_of_the_window_within_bounds) {
  const auto margin = [](std::int64_t window_s) {
    return limits_for(configured(HostKind::bitbucket_cloud, 100, window_s, -1), {}).margin_ms;
  };
  BOOST_TEST(margin(1) == 250);
  BOOST_TEST(margin(20) == 250);
  BOOST_TEST(margin(25) == 250);
  BOOST_TEST(margin(60) == 600);
  BOOST_TEST(margin(3000) == 30'000);
  BOOST_TEST(margin(3600) == 30'000);
  BOOST_TEST(margin(86400) == 30'000);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib
