// GatewayMetrics: the counters as the three renderings show them. The Prometheus text goes
// through `promtool check metrics` when promtool is on the PATH (a failure, not a skip, under
// CIB_REQUIRE_PROMTOOL=1), the status page's hooks are read back from the HTML, the chart rolls
// with a clock moved by hand, and the JSON is read back with Poco's parser.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "child_process.h"
#include "gateway/gateway_metrics.h"
#include "temp_dir.h"

namespace {

using cib::gw::BudgetView;
using cib::gw::GatewayMetrics;
using cib::gw::GatewayView;
using cib::gw::Outcome;
using cib::gw::ToolPriority;
using std::chrono::minutes;

constexpr int kChartMinutes = 60;
// A tool name from configuration that needs escaping in every rendering.
const std::string kOddTool = "odd \"<b>\\name\n&";

GatewayView make_view() {
  GatewayView view;
  view.tools = {"poller", "script", kOddTool};
  view.priorities = {{"poller", "background"}, {"script", "interactive"}, {kOddTool, "background"}};
  view.quotas = {{"poller", 0}, {"script", 600}, {kOddTool, 0}};
  view.quota_used = {{"poller", 0}, {"script", 4}, {kOddTool, 0}};
  BudgetView cloud;
  cloud.mount = "/2.0";
  cloud.kind = "bitbucket_cloud";
  cloud.limit = 1000;
  cloud.window_s = 3600;
  cloud.used = 120;
  cloud.remaining = 880;
  view.budgets = {cloud};
  view.cache.entries = 7;
  view.cache.bytes = 4096;
  view.cache.evictions = 2;
  view.server.connections_refused = 1;
  view.server.in_flight = 3;
  view.version = "1.4.0";
  view.started_ms = 1700000000000;
  return view;
}

// poller: 2 hits, 1 revalidated, 3 misses, 1 stale, 2 collapsed, 1 quota, 1 budget (11 answers)
// and 6 upstream requests, one per code class; script: 1 passthrough.
void count_some(GatewayMetrics& metrics) {
  const auto poller = [&](Outcome outcome) {
    metrics.answered("poller", ToolPriority::background, outcome, 1000);
  };
  for (Outcome outcome : {Outcome::hit, Outcome::hit, Outcome::revalidated, Outcome::miss,
                          Outcome::miss, Outcome::miss, Outcome::stale, Outcome::collapsed,
                          Outcome::collapsed, Outcome::quota, Outcome::budget}) {
    poller(outcome);
  }
  for (int status : {200, 304, 404, 429, 503, 0}) {
    metrics.upstream("poller", ToolPriority::background, status);
  }
  metrics.answered("script", ToolPriority::interactive, Outcome::passthrough, 2000);
  metrics.upstream("script", ToolPriority::interactive, 201);
  metrics.answered("", ToolPriority::background, Outcome::unauthorized, 10);
  metrics.revalidated(true);
  metrics.revalidated(false);
  metrics.avoided_429("poller");
  metrics.avoided_429(kOddTool);
}

// The exposition's samples: series (name and labels as written) -> value.
std::map<std::string, std::string> samples_of(const std::string& text) {
  std::map<std::string, std::string> samples;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto space = line.rfind(' ');
    BOOST_TEST_REQUIRE(space != std::string::npos);
    const bool added = samples.emplace(line.substr(0, space), line.substr(space + 1)).second;
    BOOST_TEST(added, "duplicate series: " << line);
  }
  return samples;
}

// The families in the order their TYPE lines come, each checked to have HELP first and to own
// every sample that follows it.
std::vector<std::string> families_of(const std::string& text) {
  std::vector<std::string> families;
  std::istringstream in(text);
  std::string line, help;
  while (std::getline(in, line)) {
    if (line.rfind("# HELP ", 0) == 0) {
      help = line.substr(7, line.find(' ', 7) - 7);
    } else if (line.rfind("# TYPE ", 0) == 0) {
      families.push_back(line.substr(7, line.find(' ', 7) - 7));
      BOOST_TEST(help == families.back());
    } else {
      BOOST_TEST_REQUIRE(!families.empty());
      BOOST_TEST(line.rfind(families.back(), 0) == 0, line << " outside its family");
    }
  }
  return families;
}

bool executable_on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path == nullptr ? "" : path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (!dir.empty() && ::access((dir + "/" + name).c_str(), X_OK) == 0) return true;
  }
  return false;
}

// `promtool check metrics` on the text: its output when it complains, "" when it passes.
void check_with_promtool(const std::string& text) {
  if (!executable_on_path("promtool")) {
    const char* require = std::getenv("CIB_REQUIRE_PROMTOOL");
    if (require != nullptr && std::string(require) == "1") {
      BOOST_FAIL("CIB_REQUIRE_PROMTOOL=1 but promtool is not on the PATH");
    }
    BOOST_TEST_MESSAGE("promtool is not on the PATH: the text is checked by this test only");
    return;
  }
  const cib::test::TempDir dir("cibatch-gateway-metrics");
  const std::string file = dir.file("metrics.txt");
  std::ofstream(file, std::ios::binary) << text;
  std::string output;
  const int code = cib::test::run_command(
      {"sh", "-c", "exec promtool check metrics < \"$1\"", "sh", file}, output);
  BOOST_TEST(code == 0, "promtool check metrics: " << output);
  BOOST_TEST(output.empty(), "promtool check metrics: " << output);
}

// Every `<td data-field="F">V</td>` of the row of `tool` in table#tools.
std::map<std::string, std::string> tool_row(const std::string& html, const std::string& tool_attr) {
  std::map<std::string, std::string> fields;
  const std::string opening = "<tr data-tool=\"" + tool_attr + "\">";
  const auto start = html.find(opening);
  BOOST_TEST_REQUIRE(start != std::string::npos, "no row for " << tool_attr);
  const std::string row = html.substr(start, html.find("</tr>", start) - start);
  const std::regex cell("<td data-field=\"([a-z_]+)\">([^<]*)</td>");
  for (std::sregex_iterator it(row.begin(), row.end(), cell), end; it != end; ++it) {
    fields[(*it)[1]] = (*it)[2];
  }
  return fields;
}

// The chart's bars in page order: (minutes ago, used).
std::vector<std::pair<int, long long>> chart_bars(const std::string& html) {
  std::vector<std::pair<int, long long>> bars;
  const auto chart = html.find("<svg class=\"budget-chart\"");
  BOOST_TEST_REQUIRE(chart != std::string::npos);
  const std::string svg = html.substr(chart, html.find("</svg>", chart) - chart);
  const std::regex rect("<rect data-minute=\"([0-9]+)\" data-used=\"([0-9]+)\"");
  for (std::sregex_iterator it(svg.begin(), svg.end(), rect), end; it != end; ++it) {
    bars.emplace_back(std::stoi((*it)[1]), std::stoll((*it)[2]));
  }
  return bars;
}

std::string budget_field(const std::string& html, const std::string& field) {
  const std::regex span("<span data-field=\"" + field + "\">([0-9]+)</span>");
  std::smatch match;
  BOOST_TEST_REQUIRE(std::regex_search(html, match, span), "no " << field);
  return match[1];
}

struct Metrics {
  cib::ManualClock clock;
  GatewayMetrics metrics{clock};
  GatewayView view = make_view();
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(gateway_metrics, Metrics)

BOOST_AUTO_TEST_CASE(counters_add_up) {
  count_some(metrics);
  BOOST_TEST(metrics.answered_total(Outcome::hit) == 2);
  BOOST_TEST(metrics.answered_total(Outcome::miss) == 3);
  BOOST_TEST(metrics.answered_total(Outcome::unauthorized) == 1);
  BOOST_TEST(metrics.answered_total(Outcome::error) == 0);
  BOOST_TEST(metrics.upstream_total() == 7);
}

BOOST_AUTO_TEST_CASE(prometheus_text_holds_every_family_and_series) {
  count_some(metrics);
  const std::string text = metrics.prometheus(view);
  const std::vector<std::string> families = families_of(text);
  for (const char* name :
       {"requests_total", "upstream_requests_total", "cache_hits_total", "cache_misses_total",
        "cache_revalidations_total", "cache_stale_total", "collapsed_requests_total",
        "rate_limited_avoided_total", "cache_entries", "cache_bytes", "cache_evictions_total",
        "budget_limit", "budget_used", "budget_remaining", "connections_refused_total",
        "requests_too_large_total", "requests_timed_out_total", "requests_in_flight",
        "tool_quota_used"}) {
    const std::string family = std::string("cibatch_gateway_") + name;
    BOOST_TEST(std::count(families.begin(), families.end(), family) == 1, family);
  }
  const auto samples = samples_of(text);
  const auto value = [&](const std::string& series) {
    const auto found = samples.find(series);
    return found == samples.end() ? std::string("(absent)") : found->second;
  };
  const std::string poller = "tool=\"poller\",priority=\"background\",";
  BOOST_TEST(value("cibatch_gateway_requests_total{" + poller + "outcome=\"hit\"}") == "2");
  BOOST_TEST(value("cibatch_gateway_requests_total{" + poller + "outcome=\"miss\"}") == "3");
  BOOST_TEST(value("cibatch_gateway_requests_total{tool=\"\",priority=\"background\","
                   "outcome=\"unauthorized\"}") == "1");
  for (const char* code : {"2xx", "3xx", "4xx", "429", "5xx", "none"}) {
    BOOST_TEST(value("cibatch_gateway_upstream_requests_total{" + poller + "code=\"" + code +
                     "\"}") == "1");
  }
  BOOST_TEST(value("cibatch_gateway_cache_hits_total") == "3");
  BOOST_TEST(value("cibatch_gateway_cache_misses_total") == "3");
  BOOST_TEST(value("cibatch_gateway_cache_revalidations_total{result=\"not_modified\"}") == "1");
  BOOST_TEST(value("cibatch_gateway_cache_revalidations_total{result=\"modified\"}") == "1");
  BOOST_TEST(value("cibatch_gateway_cache_stale_total") == "1");
  BOOST_TEST(value("cibatch_gateway_collapsed_requests_total") == "2");
  BOOST_TEST(value("cibatch_gateway_cache_entries") == "7");
  BOOST_TEST(value("cibatch_gateway_cache_evictions_total") == "2");
  BOOST_TEST(value("cibatch_gateway_budget_remaining{mount=\"/2.0\",kind=\"bitbucket_cloud\"}") ==
             "880");
  BOOST_TEST(value("cibatch_gateway_connections_refused_total") == "1");
  BOOST_TEST(value("cibatch_gateway_requests_in_flight") == "3");
  BOOST_TEST(value("cibatch_gateway_tool_quota_used{tool=\"script\"}") == "4");
  check_with_promtool(text);
}

BOOST_AUTO_TEST_CASE(prometheus_label_values_are_escaped) {
  count_some(metrics);
  const std::string text = metrics.prometheus(view);
  const std::string escaped = "odd \\\"<b>\\\\name\\n&";
  const auto samples = samples_of(text);
  BOOST_TEST(
      samples.count("cibatch_gateway_rate_limited_avoided_total{tool=\"" + escaped + "\"}") == 1u);
  BOOST_TEST(samples.count("cibatch_gateway_tool_quota_used{tool=\"" + escaped + "\"}") == 1u);
  BOOST_TEST(text.find(kOddTool) == std::string::npos);
  check_with_promtool(text);
}

BOOST_AUTO_TEST_CASE(prometheus_text_with_nothing_counted_is_valid) {
  GatewayView empty;
  const std::string text = metrics.prometheus(empty);
  BOOST_TEST(samples_of(text).count("cibatch_gateway_cache_hits_total") == 1u);
  BOOST_TEST(families_of(text).size() == 19u);
  check_with_promtool(text);
}

BOOST_AUTO_TEST_CASE(status_page_shows_each_tools_figures_in_its_hooks) {
  count_some(metrics);
  const std::string html = metrics.status_html(view);
  BOOST_TEST(html.find("<table id=\"tools\">") != std::string::npos);
  const auto poller = tool_row(html, "poller");
  const std::map<std::string, std::string> expected{{"priority", "background"},
                                                    {"answered", "11"},
                                                    {"upstream", "6"},
                                                    {"hits", "3"},
                                                    {"stale", "1"},
                                                    {"limited", "2"},
                                                    {"quota_used", "0"},
                                                    {"quota", "0"}};
  BOOST_TEST((poller == expected));
  const auto script = tool_row(html, "script");
  BOOST_TEST(script.at("answered") == "1");
  BOOST_TEST(script.at("upstream") == "1");
  BOOST_TEST(script.at("quota_used") == "4");
  BOOST_TEST(script.at("quota") == "600");
  BOOST_TEST(script.at("priority") == "interactive");
  // A tool no request has named yet still has its row, with zeros.
  const auto odd = tool_row(html, "odd &quot;&lt;b&gt;\\name\n&amp;");
  BOOST_TEST(odd.at("answered") == "0");
}

BOOST_AUTO_TEST_CASE(status_page_is_self_contained_and_escapes_configuration) {
  view.budgets[0].mount = "/api/<v4>";
  view.budgets[0].kind = "git\"lab";
  const std::string html = metrics.status_html(view);
  for (const char* external : {"<script", "<link", "src=", "@import", "url(", "@font-face"}) {
    BOOST_TEST(html.find(external) == std::string::npos, external);
  }
  BOOST_TEST(html.find("<style>") != std::string::npos);
  BOOST_TEST(html.find("<b>") == std::string::npos);
  BOOST_TEST(html.find("/api/<v4>") == std::string::npos);
  BOOST_TEST(html.find("git\"lab") == std::string::npos);
  BOOST_TEST(html.find("<section class=\"budget\" data-mount=\"/api/&lt;v4&gt;\">") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(budget_section_shows_the_figures_and_sixty_minutes) {
  const std::string html = metrics.status_html(view);
  BOOST_TEST(html.find("<section class=\"budget\" data-mount=\"/2.0\">") != std::string::npos);
  BOOST_TEST(budget_field(html, "used") == "120");
  BOOST_TEST(budget_field(html, "remaining") == "880");
  BOOST_TEST(budget_field(html, "limit") == "1000");
  const auto bars = chart_bars(html);
  BOOST_TEST_REQUIRE(bars.size() == static_cast<std::size_t>(kChartMinutes));
  for (int i = 0; i < kChartMinutes; ++i) {
    BOOST_TEST(bars[i].first == kChartMinutes - 1 - i);
    BOOST_TEST(bars[i].second == 0);
  }
}

BOOST_AUTO_TEST_CASE(chart_keeps_each_minutes_highest_and_rolls_with_the_clock) {
  std::vector<BudgetView> budgets = view.budgets;
  budgets[0].used = 50;
  metrics.sample(budgets);
  budgets[0].used = 40;  // lower in the same minute: the highest stays
  metrics.sample(budgets);
  clock.advance(minutes(1));
  budgets[0].used = 70;
  metrics.sample(budgets);
  auto bars = chart_bars(metrics.status_html(view));
  BOOST_TEST_REQUIRE(bars.size() == static_cast<std::size_t>(kChartMinutes));
  BOOST_TEST(bars[kChartMinutes - 2].first == 1);
  BOOST_TEST(bars[kChartMinutes - 2].second == 50);
  BOOST_TEST(bars[kChartMinutes - 1].first == 0);
  BOOST_TEST(bars[kChartMinutes - 1].second == 70);

  // 59 minutes later the first sample is 60 minutes old: gone; the second is the oldest bar.
  clock.advance(minutes(59));
  bars = chart_bars(metrics.status_html(view));
  BOOST_TEST(bars.front().first == 59);
  BOOST_TEST(bars.front().second == 70);
  for (int i = 1; i < kChartMinutes; ++i) BOOST_TEST(bars[i].second == 0);

  // A sample now reuses the slot the first minute had, without bringing it back.
  budgets[0].used = 5;
  metrics.sample(budgets);
  bars = chart_bars(metrics.status_html(view));
  BOOST_TEST(bars.back().second == 5);
  clock.advance(minutes(1));
  bars = chart_bars(metrics.status_html(view));
  BOOST_TEST(bars.front().second == 0);
  BOOST_TEST(bars[kChartMinutes - 2].second == 5);
}

BOOST_AUTO_TEST_CASE(status_json_holds_the_contracts_fields) {
  count_some(metrics);
  std::vector<BudgetView> budgets = view.budgets;
  metrics.sample(budgets);
  Poco::JSON::Parser parser;
  const auto root = parser.parse(metrics.status_json(view)).extract<Poco::JSON::Object::Ptr>();
  BOOST_TEST(root->getValue<std::string>("version") == "1.4.0");
  BOOST_TEST(root->getValue<std::int64_t>("started_ms") == 1700000000000);
  const auto tools = root->getArray("tools");
  BOOST_TEST_REQUIRE(tools->size() == 3u);
  const auto poller = tools->getObject(0);
  BOOST_TEST(poller->getValue<std::string>("name") == "poller");
  BOOST_TEST(poller->getValue<std::string>("priority") == "background");
  const std::map<std::string, std::int64_t> expected{
      {"answered", 11}, {"upstream", 6},   {"hits", 3}, {"stale", 1},
      {"limited", 2},   {"quota_used", 0}, {"quota", 0}};
  for (const auto& [field, n] : expected) BOOST_TEST(poller->getValue<std::int64_t>(field) == n);
  BOOST_TEST(tools->getObject(2)->getValue<std::string>("name") == kOddTool);
  const auto budget = root->getArray("budgets")->getObject(0);
  BOOST_TEST(budget->getValue<std::string>("mount") == "/2.0");
  BOOST_TEST(budget->getValue<std::string>("kind") == "bitbucket_cloud");
  BOOST_TEST(budget->getValue<std::int64_t>("limit") == 1000);
  BOOST_TEST(budget->getValue<std::int64_t>("used") == 120);
  BOOST_TEST(budget->getValue<std::int64_t>("remaining") == 880);
  const auto history = budget->getArray("history");
  BOOST_TEST_REQUIRE(history->size() == static_cast<std::size_t>(kChartMinutes));
  BOOST_TEST(history->getElement<std::int64_t>(kChartMinutes - 1) == 120);  // oldest first
  BOOST_TEST(history->getElement<std::int64_t>(0) == 0);
  const auto cache = root->getObject("cache");
  const std::map<std::string, std::int64_t> cache_expected{{"entries", 7},       {"bytes", 4096},
                                                           {"hits", 3},          {"misses", 3},
                                                           {"revalidations", 2}, {"collapsed", 2}};
  for (const auto& [field, n] : cache_expected)
    BOOST_TEST(cache->getValue<std::int64_t>(field) == n);
}

BOOST_AUTO_TEST_SUITE_END()
