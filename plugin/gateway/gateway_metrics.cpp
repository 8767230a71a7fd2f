// The gateway's counters, and its three renderings: the Prometheus text exposition format
// 0.0.4, a self-contained HTML status page (no external script, style or font, so it works
// behind any proxy and leaks no request) and JSON. Each rendering first copies the counters
// under the lock (figures()), then writes without it.
#include "gateway/gateway_metrics.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <sstream>
#include <utility>

namespace cib::gw {
namespace {

constexpr int kPriorityCount = 2;
// The upstream answers' classes (the `code` label): 429 apart, as the budget cares about it.
enum CodeClass { k2xx, k3xx, k4xx, k429, k5xx, kNoAnswer, kCodeClassCount };
constexpr const char* kCodeClasses[kCodeClassCount] = {"2xx", "3xx", "4xx", "429", "5xx", "none"};
constexpr int kTooManyRequests = 429;
constexpr int kFirstRedirect = 300;
constexpr int kFirstClientError = 400;
constexpr int kFirstServerError = 500;

constexpr int kChartMinutes = 60;
constexpr std::int64_t kNsPerMinute = 60LL * 1000 * 1000 * 1000;
constexpr int kBarWidth = 10;  // the chart's pixels per minute
constexpr int kChartHeight = 120;
constexpr int kPageRefreshS = 30;

CodeClass code_class(int status) {
  if (status <= 0) return kNoAnswer;
  if (status < kFirstRedirect) return k2xx;
  if (status < kFirstClientError) return k3xx;
  if (status == kTooManyRequests) return k429;
  if (status < kFirstServerError) return k4xx;
  return k5xx;
}

ToolPriority priority_at(int index) {
  return static_cast<ToolPriority>(index);
}
Outcome outcome_at(int index) {
  return static_cast<Outcome>(index);
}

// The text exposition format 0.0.4: each family's HELP and TYPE, then its samples together.
class Exposition {
 public:
  using Labels = std::vector<std::pair<const char*, std::string>>;

  void family(const std::string& name, const char* type, const char* help) {
    out_ << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
  }
  void sample(const std::string& name, const Labels& labels, std::int64_t value) {
    out_ << name;
    if (!labels.empty()) {
      out_ << '{';
      for (std::size_t i = 0; i < labels.size(); ++i) {
        out_ << (i == 0 ? "" : ",") << labels[i].first << "=\"" << escaped(labels[i].second) << '"';
      }
      out_ << '}';
    }
    out_ << ' ' << value << '\n';
  }
  // A family of one unlabelled sample.
  void single(const std::string& name, const char* type, const char* help, std::int64_t value) {
    family(name, type, help);
    sample(name, {}, value);
  }
  std::string text() const { return out_.str(); }

 private:
  static std::string escaped(const std::string& value) {
    std::string out;
    for (char c : value) {
      if (c == '\\') {
        out += "\\\\";
      } else if (c == '"') {
        out += "\\\"";
      } else if (c == '\n') {
        out += "\\n";
      } else {
        out += c;
      }
    }
    return out;
  }
  std::ostringstream out_;
};

const char* const kPrefix = "cibatch_gateway_";
std::string metric(const char* name) {
  return kPrefix + std::string(name);
}

}  // namespace

struct GatewayMetrics::ToolCounts {
  std::array<std::array<std::int64_t, kOutcomeCount>, kPriorityCount> answered{};
  std::array<std::array<std::int64_t, kCodeClassCount>, kPriorityCount> upstream{};
  std::int64_t avoided = 0;

  std::int64_t answered_with(Outcome outcome) const {
    std::int64_t sum = 0;
    for (const auto& by_outcome : answered) sum += by_outcome[static_cast<int>(outcome)];
    return sum;
  }
};

// One upstream's highest `used` per wall minute: slot minute % 60 holds that minute when
// minute_of says so, so a slot left from an hour ago reads as 0 and is reused.
struct GatewayMetrics::History {
  std::array<std::int64_t, kChartMinutes> used{};
  std::array<std::int64_t, kChartMinutes> minute_of{};

  History() { minute_of.fill(-1); }

  void record(std::int64_t minute, std::int64_t value) {
    const auto slot = static_cast<std::size_t>(minute % kChartMinutes);
    if (minute_of[slot] != minute) {
      minute_of[slot] = minute;
      used[slot] = value;
    } else {
      used[slot] = std::max(used[slot], value);
    }
  }

  // The last hour up to `now_minute`, oldest first.
  std::vector<std::int64_t> last_hour(std::int64_t now_minute) const {
    std::vector<std::int64_t> values;
    for (std::int64_t minute = now_minute - kChartMinutes + 1; minute <= now_minute; ++minute) {
      const auto slot = static_cast<std::size_t>(minute % kChartMinutes);
      values.push_back(minute >= 0 && minute_of[slot] == minute ? used[slot] : 0);
    }
    return values;
  }
};

struct GatewayMetrics::Figures {
  struct Series {
    std::string tool;
    const char* priority;
    const char* what;  // the outcome or the code class
    std::int64_t value;
  };
  struct PerTool {
    std::int64_t answered = 0, upstream = 0, hits = 0, stale = 0, limited = 0;
  };
  std::vector<Series> requests;
  std::vector<Series> upstream;
  std::vector<std::pair<std::string, std::int64_t>> avoided;
  std::map<std::string, PerTool> tools;
  std::int64_t hits = 0, misses = 0, stale = 0, collapsed = 0;
  std::int64_t not_modified = 0, modified = 0;
  std::map<std::string, std::vector<std::int64_t>> history;  // mount -> 60 minutes, oldest first
};

GatewayMetrics::GatewayMetrics(const Clock& clock) : clock_(clock) {}
GatewayMetrics::~GatewayMetrics() = default;

GatewayMetrics::ToolCounts& GatewayMetrics::counts_of(const std::string& tool) {
  std::unique_ptr<ToolCounts>& counts = tools_[tool];
  if (!counts) counts = std::make_unique<ToolCounts>();
  return *counts;
}

void GatewayMetrics::answered(const std::string& tool, ToolPriority priority, Outcome outcome,
                              std::int64_t /*latency_us: no metric of the contract shows it*/) {
  const std::lock_guard<std::mutex> lock(mutex_);
  ++counts_of(tool).answered[static_cast<int>(priority)][static_cast<int>(outcome)];
}

void GatewayMetrics::upstream(const std::string& tool, ToolPriority priority, int status) {
  const std::lock_guard<std::mutex> lock(mutex_);
  ++counts_of(tool).upstream[static_cast<int>(priority)][code_class(status)];
}

void GatewayMetrics::revalidated(bool not_modified) {
  const std::lock_guard<std::mutex> lock(mutex_);
  ++(not_modified ? not_modified_ : modified_);
}

void GatewayMetrics::avoided_429(const std::string& tool) {
  const std::lock_guard<std::mutex> lock(mutex_);
  ++counts_of(tool).avoided;
}

void GatewayMetrics::sample(const std::vector<BudgetView>& budgets) {
  const std::int64_t minute = clock_.wall_ns() / kNsPerMinute;
  const std::lock_guard<std::mutex> lock(mutex_);
  for (const BudgetView& budget : budgets) {
    std::unique_ptr<History>& history = history_[budget.mount];
    if (!history) history = std::make_unique<History>();
    history->record(minute, budget.used);
  }
}

std::int64_t GatewayMetrics::answered_total(Outcome outcome) const {
  const std::lock_guard<std::mutex> lock(mutex_);
  std::int64_t sum = 0;
  for (const auto& [tool, counts] : tools_) sum += counts->answered_with(outcome);
  return sum;
}

std::int64_t GatewayMetrics::upstream_total() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  std::int64_t sum = 0;
  for (const auto& [tool, counts] : tools_) {
    for (const auto& by_code : counts->upstream) {
      for (std::int64_t n : by_code) sum += n;
    }
  }
  return sum;
}

void GatewayMetrics::add_tool_figures(const std::string& tool, const ToolCounts& counts,
                                      Figures& figures) {
  Figures::PerTool& row = figures.tools[tool];
  for (int p = 0; p < kPriorityCount; ++p) {
    const char* priority = to_string(priority_at(p));
    for (int o = 0; o < kOutcomeCount; ++o) {
      const std::int64_t n = counts.answered[p][o];
      if (n == 0) continue;
      figures.requests.push_back({tool, priority, to_string(outcome_at(o)), n});
      row.answered += n;
    }
    for (int c = 0; c < kCodeClassCount; ++c) {
      const std::int64_t n = counts.upstream[p][c];
      if (n == 0) continue;
      figures.upstream.push_back({tool, priority, kCodeClasses[c], n});
      row.upstream += n;
    }
  }
  row.hits = counts.answered_with(Outcome::hit) + counts.answered_with(Outcome::revalidated);
  row.stale = counts.answered_with(Outcome::stale);
  row.limited = counts.answered_with(Outcome::quota) + counts.answered_with(Outcome::budget);
  if (counts.avoided > 0) figures.avoided.emplace_back(tool, counts.avoided);
  figures.hits += row.hits;
  figures.misses += counts.answered_with(Outcome::miss);
  figures.stale += row.stale;
  figures.collapsed += counts.answered_with(Outcome::collapsed);
}

GatewayMetrics::Figures GatewayMetrics::figures(const GatewayView& view) const {
  const std::int64_t now_minute = clock_.wall_ns() / kNsPerMinute;
  Figures figures;
  const std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& [tool, counts] : tools_) add_tool_figures(tool, *counts, figures);
  figures.not_modified = not_modified_;
  figures.modified = modified_;
  for (const BudgetView& budget : view.budgets) {
    const auto found = history_.find(budget.mount);
    figures.history[budget.mount] = found == history_.end()
                                        ? std::vector<std::int64_t>(kChartMinutes, 0)
                                        : found->second->last_hour(now_minute);
  }
  return figures;
}

// --- /metrics ---

namespace {

void write_tool_series(Exposition& out, const GatewayMetrics::Figures& figures) {
  const std::string requests = metric("requests_total");
  out.family(requests, "counter",
             "Answers the gateway gave to tools, by tool, priority and outcome.");
  for (const auto& s : figures.requests) {
    out.sample(requests, {{"tool", s.tool}, {"priority", s.priority}, {"outcome", s.what}},
               s.value);
  }
  const std::string upstream = metric("upstream_requests_total");
  out.family(upstream, "counter",
             "Requests sent to the host for tools, by tool, priority and answer class.");
  for (const auto& s : figures.upstream) {
    out.sample(upstream, {{"tool", s.tool}, {"priority", s.priority}, {"code", s.what}}, s.value);
  }
  const std::string avoided = metric("rate_limited_avoided_total");
  out.family(avoided, "counter",
             "Requests the host never saw because the gateway answered them with its own 429 or "
             "a stale answer.");
  for (const auto& [tool, n] : figures.avoided) out.sample(avoided, {{"tool", tool}}, n);
}

void write_cache(Exposition& out, const GatewayMetrics::Figures& figures,
                 const CacheCounts& cache) {
  out.single(metric("cache_hits_total"), "counter",
             "Reads answered from the cache, fresh or confirmed by the host.", figures.hits);
  out.single(metric("cache_misses_total"), "counter", "Cacheable reads fetched from the host.",
             figures.misses);
  const std::string revalidations = metric("cache_revalidations_total");
  out.family(revalidations, "counter", "Conditional reads the host answered, by result.");
  out.sample(revalidations, {{"result", "not_modified"}}, figures.not_modified);
  out.sample(revalidations, {{"result", "modified"}}, figures.modified);
  out.single(metric("cache_stale_total"), "counter",
             "Stale cached answers served while the budget or the quota was short.", figures.stale);
  out.single(metric("collapsed_requests_total"), "counter",
             "Reads that shared the answer of an identical read in flight.", figures.collapsed);
  out.single(metric("cache_entries"), "gauge", "Answers the cache holds.", cache.entries);
  out.single(metric("cache_bytes"), "gauge", "Bytes the cache holds in memory.", cache.bytes);
  out.single(metric("cache_evictions_total"), "counter",
             "Answers dropped to stay under the cache's memory cap.", cache.evictions);
}

void write_budgets(Exposition& out, const std::vector<BudgetView>& budgets) {
  struct Gauge {
    const char* name;
    const char* help;
    std::int64_t BudgetView::*value;
  };
  const Gauge gauges[] = {
      {"budget_limit", "Requests the account may send in the host's window (0: none known).",
       &BudgetView::limit},
      {"budget_used", "Requests the account sent in the window, every process included.",
       &BudgetView::used},
      {"budget_remaining", "Requests left in the window.", &BudgetView::remaining}};
  for (const Gauge& gauge : gauges) {
    out.family(metric(gauge.name), "gauge", gauge.help);
    for (const BudgetView& budget : budgets) {
      out.sample(metric(gauge.name), {{"mount", budget.mount}, {"kind", budget.kind}},
                 budget.*gauge.value);
    }
  }
}

void write_server(Exposition& out, const GatewayView& view) {
  out.single(metric("connections_refused_total"), "counter",
             "Connections closed at once because gateway.max_connections were open.",
             view.server.connections_refused);
  out.single(metric("requests_too_large_total"), "counter",
             "Requests refused for their body (413) or their head (431).", view.server.too_large);
  out.single(metric("requests_timed_out_total"), "counter",
             "Connections closed because a request was not complete within "
             "gateway.read_timeout_ms.",
             view.server.timed_out);
  out.single(metric("requests_in_flight"), "gauge", "Requests being handled now.",
             view.server.in_flight);
  const std::string quota_used = metric("tool_quota_used");
  out.family(quota_used, "gauge", "Upstream requests each tool made in the last hour.");
  for (const std::string& tool : view.tools) {
    const auto found = view.quota_used.find(tool);
    out.sample(quota_used, {{"tool", tool}}, found == view.quota_used.end() ? 0 : found->second);
  }
}

}  // namespace

std::string GatewayMetrics::prometheus(const GatewayView& view) const {
  const Figures figures = this->figures(view);
  Exposition out;
  write_tool_series(out, figures);
  write_cache(out, figures, view.cache);
  write_budgets(out, view.budgets);
  write_server(out, view);
  return out.text();
}

// --- /status and /status.json ---

namespace {

// One tool's row, as the page and the JSON show it.
struct ToolRow {
  std::string name;
  std::string priority;
  GatewayMetrics::Figures::PerTool counts;
  std::int64_t quota_used = 0;
  std::int64_t quota = 0;
};

template <typename Value>
Value value_in(const std::map<std::string, Value>& map, const std::string& key) {
  const auto found = map.find(key);
  return found == map.end() ? Value() : found->second;
}

std::vector<ToolRow> tool_rows(const GatewayView& view, const GatewayMetrics::Figures& figures) {
  std::vector<ToolRow> rows;
  for (const std::string& tool : view.tools) {
    rows.push_back({tool, value_in(view.priorities, tool), value_in(figures.tools, tool),
                    value_in(view.quota_used, tool), value_in(view.quotas, tool)});
  }
  return rows;
}

std::string html_escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

const char* const kStyle =
    "body{font-family:system-ui,sans-serif;margin:1.5em;color:#222;background:#fff}"
    "table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.25em .6em}"
    "td{text-align:right}th{background:#f3f3f3;text-align:left}"
    "section.budget{margin-top:1.5em}svg.budget-chart{border:1px solid #ccc;background:#fafafa}"
    "svg.budget-chart rect{fill:#3a7bd5}small{color:#666}";

void write_head(std::ostream& out, const GatewayView& view) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta http-equiv=\"refresh\" content=\"" << kPageRefreshS << "\">\n"
      << "<title>cibatch gateway</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n"
      << "<h1>cibatch gateway</h1>\n<p><small>version <span id=\"version\">"
      << html_escaped(view.version) << "</span>, started at <span id=\"started_ms\">"
      << view.started_ms << "</span> ms since the epoch</small></p>\n";
}

void write_cell(std::ostream& out, const char* field, const std::string& value) {
  out << "<td data-field=\"" << field << "\">" << value << "</td>";
}

void write_tools(std::ostream& out, const std::vector<ToolRow>& rows) {
  out << "<h2>Tools</h2>\n<table id=\"tools\">\n<thead><tr><th>tool</th><th>priority</th>"
      << "<th>answered</th><th>upstream</th><th>cache hits</th><th>stale</th>"
      << "<th>limited (429)</th><th>quota used</th><th>quota per hour</th></tr></thead>\n<tbody>\n";
  for (const ToolRow& row : rows) {
    out << "<tr data-tool=\"" << html_escaped(row.name) << "\"><th scope=\"row\">"
        << html_escaped(row.name) << "</th>";
    write_cell(out, "priority", html_escaped(row.priority));
    write_cell(out, "answered", std::to_string(row.counts.answered));
    write_cell(out, "upstream", std::to_string(row.counts.upstream));
    write_cell(out, "hits", std::to_string(row.counts.hits));
    write_cell(out, "stale", std::to_string(row.counts.stale));
    write_cell(out, "limited", std::to_string(row.counts.limited));
    write_cell(out, "quota_used", std::to_string(row.quota_used));
    write_cell(out, "quota", std::to_string(row.quota));
    out << "</tr>\n";
  }
  out << "</tbody>\n</table>\n";
}

void write_cache_list(std::ostream& out, const GatewayMetrics::Figures& figures,
                      const CacheCounts& cache) {
  const std::pair<const char*, std::int64_t> items[] = {
      {"entries", cache.entries},
      {"bytes", cache.bytes},
      {"hits", figures.hits},
      {"misses", figures.misses},
      {"revalidations", figures.not_modified + figures.modified},
      {"stale", figures.stale},
      {"collapsed", figures.collapsed}};
  out << "<h2>Cache</h2>\n<table id=\"cache\"><tbody>\n";
  for (const auto& [field, value] : items) {
    out << "<tr><th scope=\"row\">" << field << "</th>";
    write_cell(out, field, std::to_string(value));
    out << "</tr>\n";
  }
  out << "</tbody></table>\n";
}

// The last hour as bars, oldest on the left, scaled to the limit (or the highest bar).
void write_chart(std::ostream& out, const std::vector<std::int64_t>& history, std::int64_t limit) {
  const std::int64_t top =
      std::max<std::int64_t>({limit, *std::max_element(history.begin(), history.end()), 1});
  const int width = kBarWidth * static_cast<int>(history.size());
  out << "<svg class=\"budget-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width
      << "\" height=\"" << kChartHeight << "\" viewBox=\"0 0 " << width << ' ' << kChartHeight
      << "\" role=\"img\" aria-label=\"requests used per minute, last hour\">\n";
  for (std::size_t i = 0; i < history.size(); ++i) {
    const std::int64_t used = history[i];
    const std::int64_t minutes_ago = static_cast<std::int64_t>(history.size() - 1 - i);
    const std::int64_t height = used * kChartHeight / top;
    out << "<rect data-minute=\"" << minutes_ago << "\" data-used=\"" << used << "\" x=\""
        << i * kBarWidth << "\" y=\"" << kChartHeight - height << "\" width=\"" << kBarWidth - 1
        << "\" height=\"" << height << "\"><title>" << used << " used, " << minutes_ago
        << " min ago</title></rect>\n";
  }
  out << "</svg>\n";
}

void write_budget(std::ostream& out, const BudgetView& budget,
                  const std::vector<std::int64_t>& history) {
  out << "<section class=\"budget\" data-mount=\"" << html_escaped(budget.mount) << "\">\n<h2>"
      << html_escaped(budget.mount) << " <small>" << html_escaped(budget.kind)
      << "</small></h2>\n<p>used <span data-field=\"used\">" << budget.used
      << "</span>, remaining <span data-field=\"remaining\">" << budget.remaining
      << "</span> of <span data-field=\"limit\">" << budget.limit << "</span> per "
      << budget.window_s << " s</p>\n";
  write_chart(out, history, budget.limit);
  out << "</section>\n";
}

}  // namespace

std::string GatewayMetrics::status_html(const GatewayView& view) const {
  const Figures figures = this->figures(view);
  std::ostringstream out;
  write_head(out, view);
  write_tools(out, tool_rows(view, figures));
  write_cache_list(out, figures, view.cache);
  for (const BudgetView& budget : view.budgets) {
    write_budget(out, budget, figures.history.at(budget.mount));
  }
  out << "</body>\n</html>\n";
  return out.str();
}

namespace {

Poco::JSON::Object::Ptr ordered_object() {
  return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

Poco::JSON::Array::Ptr json_tools(const std::vector<ToolRow>& rows) {
  Poco::JSON::Array::Ptr tools = new Poco::JSON::Array;
  for (const ToolRow& row : rows) {
    Poco::JSON::Object::Ptr tool = ordered_object();
    tool->set("name", row.name);
    tool->set("priority", row.priority);
    tool->set("answered", row.counts.answered);
    tool->set("upstream", row.counts.upstream);
    tool->set("hits", row.counts.hits);
    tool->set("stale", row.counts.stale);
    tool->set("limited", row.counts.limited);
    tool->set("quota_used", row.quota_used);
    tool->set("quota", row.quota);
    tools->add(tool);
  }
  return tools;
}

Poco::JSON::Array::Ptr json_budgets(const GatewayView& view,
                                    const GatewayMetrics::Figures& figures) {
  Poco::JSON::Array::Ptr budgets = new Poco::JSON::Array;
  for (const BudgetView& view_budget : view.budgets) {
    Poco::JSON::Object::Ptr budget = ordered_object();
    budget->set("mount", view_budget.mount);
    budget->set("kind", view_budget.kind);
    budget->set("limit", view_budget.limit);
    budget->set("used", view_budget.used);
    budget->set("remaining", view_budget.remaining);
    Poco::JSON::Array::Ptr history = new Poco::JSON::Array;
    for (std::int64_t used : figures.history.at(view_budget.mount)) history->add(used);
    budget->set("history", history);
    budgets->add(budget);
  }
  return budgets;
}

Poco::JSON::Object::Ptr json_cache(const GatewayMetrics::Figures& figures,
                                   const CacheCounts& counts) {
  Poco::JSON::Object::Ptr cache = ordered_object();
  cache->set("entries", counts.entries);
  cache->set("bytes", counts.bytes);
  cache->set("hits", figures.hits);
  cache->set("misses", figures.misses);
  cache->set("revalidations", figures.not_modified + figures.modified);
  cache->set("collapsed", figures.collapsed);
  return cache;
}

}  // namespace

std::string GatewayMetrics::status_json(const GatewayView& view) const {
  const Figures figures = this->figures(view);
  Poco::JSON::Object::Ptr status = ordered_object();
  status->set("version", view.version);
  status->set("started_ms", view.started_ms);
  status->set("tools", json_tools(tool_rows(view, figures)));
  status->set("budgets", json_budgets(view, figures));
  status->set("cache", json_cache(figures, view.cache));
  std::ostringstream out;
  status->stringify(out);
  return out.str();
}

}  // namespace cib::gw
