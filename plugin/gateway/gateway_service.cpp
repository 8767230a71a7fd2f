#include "gateway/gateway_service.h"

#include <Poco/String.h>

#include <chrono>
#include <condition_variable>
#include <thread>

#include "gateway/flight_table.h"
#include "gateway/gateway_answers.h"
#include "gateway/link_rewrite.h"
#include "gateway/path_rules.h"
#include "gateway/request_target.h"
#include "gateway/response_cache.h"
#include "gateway/tool_registry.h"
#include "gateway/upstream.h"
#include "runtime/clock.h"
#include "runtime/named_thread.h"

namespace cib::gw {
namespace {

constexpr std::int64_t kMsPerSecond = 1000;
constexpr std::int64_t kNsPerMs = 1000000;
constexpr std::int64_t kMbBytes = 1 << 20;
constexpr int kOk = 200;
constexpr int kNotModified = 304;
constexpr int kBadGateway = 502;
constexpr int kGatewayTimeout = 504;
// A follower waits for its leader at most this long past the host's read timeout.
constexpr std::int64_t kFollowerSlackMs = 5000;
// Budget waits are taken in steps of at most this, so a long wait is re-asked.
constexpr std::int64_t kBudgetStepMs = 1000;
constexpr std::int64_t kSampleEveryMs = 5000;
constexpr const char* kStaleWarning = "110 - \"Response is Stale\"";

bool is_read(const std::string& method) {
  return method == "GET" || method == "HEAD";
}

bool is_write_ok(int status) {
  return status >= kOk && status < kNotModified;
}

// What one read's leader or follower ends with.
struct ReadResult {
  GatewayAnswer answer;
  Outcome outcome = Outcome::miss;
};

}  // namespace

class GatewayService::Impl {
 public:
  Impl(const GatewayConfig& config, ServerLog log);

  GatewayAnswer handle(const GatewayRequest& request);
  void sample();
  GatewayView view(const ServerCounts& server) const;

  SystemClock clock;  // before the parts that read it
  GatewayMetrics metrics;
  std::function<ServerCounts()> server_counts;  // the server's, once it exists

 private:
  struct Call {  // one tool's request, resolved
    const GatewayRequest* request = nullptr;
    const Tool* tool = nullptr;
    Upstream* upstream = nullptr;
    std::string path;    // below the mount, encoded, no query
    std::string target;  // below the mount, with the query
  };

  GatewayAnswer own_page(const GatewayRequest& request, const std::string& path) const;
  GatewayAnswer route(const GatewayRequest& request, Call& call);
  GatewayAnswer read(const Call& call);
  GatewayAnswer write(const Call& call);
  ReadResult lead_read(const Call& call, const CacheKey& key, std::int64_t ttl_ms,
                       const std::optional<CachedAnswer>& kept, FlightOutcome& shared);
  ReadResult settle_read(const Call& call, const CacheKey& key, std::int64_t ttl_ms,
                         bool conditional, const HttpResponse& response, FlightOutcome& shared);
  // Room for one request of the call: 0 when taken, else how long to wait (quota or budget).
  std::int64_t admit(const Call& call, const HttpRequest& request, bool charge_budget,
                     Outcome& refusal);
  HttpRequest to_host(const Call& call, bool cached_read) const;
  GatewayAnswer from_host(const Call& call, const HttpResponse& response, Outcome outcome,
                          std::int64_t age_ms) const;
  GatewayAnswer from_cache(const Call& call, const CachedAnswer& kept, Outcome outcome) const;
  GatewayAnswer host_failed(const Call& call, const std::exception& e);
  LinkBases link_bases(const Call& call) const;
  std::int64_t now_ms() const { return clock.wall_ns() / kNsPerMs; }

  const GatewayConfig config_;
  ServerLog log_;
  std::vector<std::unique_ptr<Upstream>> upstreams_;
  std::vector<std::string> mounts_;
  ToolRegistry tools_;
  PathRules rules_;
  ResponseCache cache_;
  FlightTable flights_;
  std::int64_t started_ms_;
};

GatewayService::Impl::Impl(const GatewayConfig& config, ServerLog log)
    : metrics(clock),
      config_(config),
      log_(std::move(log)),
      tools_(config.clients, clock),
      rules_(config.cache_rules),
      cache_(config.cache_bytes, config.cache_path, clock),
      started_ms_(clock.wall_ns() / kNsPerMs) {
  for (const UpstreamConfig& upstream : config.upstreams) {
    upstreams_.push_back(std::make_unique<Upstream>(
        upstream, static_cast<std::size_t>(config.upstream_connections), clock, log_));
    mounts_.push_back(upstream.mount);
  }
}

GatewayAnswer GatewayService::Impl::handle(const GatewayRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  Call call;
  call.request = &request;
  GatewayAnswer answer = route(request, call);
  const auto latency = std::chrono::duration_cast<std::chrono::microseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
  const std::string outcome_name = header_value(answer.headers, "X-Cibatch-Gateway");
  Outcome outcome = Outcome::refused;
  for (int i = 0; i < kOutcomeCount; ++i) {
    if (outcome_name == to_string(static_cast<Outcome>(i))) outcome = static_cast<Outcome>(i);
  }
  if (outcome_name != "page") {
    metrics.answered(call.tool != nullptr ? call.tool->name : "",
                     call.tool != nullptr ? call.tool->priority : ToolPriority::background, outcome,
                     latency);
  }
  return answer;
}

GatewayAnswer GatewayService::Impl::route(const GatewayRequest& request, Call& call) {
  std::string problem;
  if (request.method == "CONNECT" || request.method == "TRACE") {
    return error_answer(400, request.method + " is not served", Outcome::refused);
  }
  const std::optional<SplitTarget> split = split_target(request.target, problem);
  if (!split) return error_answer(400, problem, Outcome::refused);
  if (is_read(request.method) &&
      (split->path == "/metrics" || split->path == "/status" || split->path == "/status.json")) {
    return own_page(request, split->path);
  }
  call.tool = tools_.identify(request.headers);
  if (call.tool == nullptr) {
    GatewayAnswer answer = error_answer(401, "no tool token, or one no tool in gateway.clients has",
                                        Outcome::unauthorized);
    answer.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"cibatch gateway\"");
    return answer;
  }
  const int index = match_mount(mounts_, split->path);
  if (index < 0) {
    return error_answer(404, "no upstream is mounted at " + split->path, Outcome::refused);
  }
  call.upstream = upstreams_[static_cast<std::size_t>(index)].get();
  call.path = below_mount(call.upstream->mount(), split->path);
  call.target = call.path + (split->query.empty() ? "" : "?" + split->query);
  return is_read(request.method) ? read(call) : write(call);
}

GatewayAnswer GatewayService::Impl::own_page(const GatewayRequest& request,
                                             const std::string& path) const {
  (void)request;
  GatewayAnswer answer;
  const GatewayView now = view(ServerCounts{});
  if (path == "/metrics") {
    answer.body = metrics.prometheus(now);
    answer.headers.emplace_back("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  } else if (path == "/status") {
    answer.body = metrics.status_html(now);
    answer.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
  } else {
    answer.body = metrics.status_json(now);
    answer.headers.emplace_back("Content-Type", "application/json");
  }
  answer.headers.emplace_back("Cache-Control", "no-store");
  answer.headers.emplace_back("X-Cibatch-Gateway", "page");
  return answer;
}

HttpRequest GatewayService::Impl::to_host(const Call& call, bool cached_read) const {
  HttpRequest request;
  request.method = call.request->method;
  request.target = call.target;
  request.headers = upstream_headers(call.request->headers, cached_read);
  request.body = call.request->body;
  const std::string type = header_value(call.request->headers, "Content-Type");
  if (!type.empty()) request.body_type = type;
  const std::string& m = request.method;
  request.idempotent = m == "GET" || m == "HEAD" || m == "PUT" || m == "DELETE" || m == "OPTIONS";
  return request;
}

LinkBases GatewayService::Impl::link_bases(const Call& call) const {
  LinkBases bases;
  bases.upstream = call.upstream->api_url();
  std::string base = config_.public_url;
  if (base.empty()) {
    const std::string scheme = call.request->secure ? "https://" : "http://";
    const std::string host =
        plain_host(call.request->host) ? call.request->host : config_.server.listen;
    base = scheme + host;
  }
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string& mount = call.upstream->mount();
  bases.gateway = base + (mount == "/" ? "" : mount);
  return bases;
}

GatewayAnswer GatewayService::Impl::from_host(const Call& call, const HttpResponse& response,
                                              Outcome outcome, std::int64_t age_ms) const {
  GatewayAnswer answer;
  answer.status = response.status;
  answer.headers = tool_headers(response.headers);
  answer.body = response.body;
  const std::string encoding = header_value(answer.headers, "Content-Encoding");
  if (encoding.empty() || Poco::icompare(encoding, "identity") == 0) {
    rewrite_answer(answer.headers, answer.body, link_bases(call));
  }
  if (age_ms >= 0) set_header(answer.headers, "Age", std::to_string(age_ms / kMsPerSecond));
  set_header(answer.headers, "X-Cibatch-Gateway", to_string(outcome));
  // The tool's own validator: a 304 when what it holds is what the host holds.
  const std::string etag = header_value(answer.headers, "ETag");
  const std::string asked = header_value(call.request->headers, "If-None-Match");
  if (answer.status == kOk && !etag.empty() && !asked.empty() && (asked == etag || asked == "*")) {
    answer.status = kNotModified;
    answer.body.clear();
  }
  return answer;
}

GatewayAnswer GatewayService::Impl::from_cache(const Call& call, const CachedAnswer& kept,
                                               Outcome outcome) const {
  HttpResponse response;
  response.status = kept.status;
  response.headers = kept.headers;
  response.body = kept.body;
  GatewayAnswer answer = from_host(call, response, outcome, kept.age_ms(now_ms()));
  if (outcome == Outcome::stale) answer.headers.emplace_back("Warning", kStaleWarning);
  return answer;
}

GatewayAnswer GatewayService::Impl::host_failed(const Call& call, const std::exception& e) {
  const auto* transport = dynamic_cast<const TransportError*>(&e);
  const bool timeout = transport != nullptr && transport->kind() == TransportError::Kind::timeout;
  log_(call.upstream->mount() + ": " + call.request->method + " " + call.path + ": " + e.what());
  return error_answer(timeout ? kGatewayTimeout : kBadGateway,
                      std::string("the host did not answer: ") + e.what(), Outcome::error);
}

std::int64_t GatewayService::Impl::admit(const Call& call, const HttpRequest& request,
                                         bool charge_budget, Outcome& refusal) {
  const std::int64_t quota_wait = tools_.take_quota(*call.tool);
  if (quota_wait > 0) {
    refusal = Outcome::quota;
    return quota_wait;
  }
  if (!charge_budget) return 0;
  const bool interactive = call.tool->priority == ToolPriority::interactive;
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(interactive ? config_.interactive_wait_ms : 0);
  while (true) {
    const Ticket ticket = call.upstream->take(call.tool->priority, request);
    if (ticket.granted) return 0;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (ticket.wait_ms > left) {
      tools_.refund_quota(*call.tool);
      refusal = Outcome::budget;
      return std::max<std::int64_t>(1, ticket.wait_ms);
    }
    // Waiting for the budget, not for another thread: the store says when room comes.
    std::this_thread::sleep_for(std::chrono::milliseconds(
        std::min(std::max<std::int64_t>(1, ticket.wait_ms), kBudgetStepMs)));
  }
}

GatewayAnswer GatewayService::Impl::write(const Call& call) {
  const HttpRequest request = to_host(call, false);
  Outcome refusal = Outcome::budget;
  const std::int64_t wait_ms = admit(call, request, true, refusal);
  if (wait_ms > 0) {
    metrics.avoided_429(call.tool->name);
    return too_many(refusal == Outcome::quota
                        ? "the tool's quota_per_hour is spent"
                        : "the account's budget has no room for this tool now",
                    wait_ms, refusal);
  }
  HttpResponse response;
  try {
    response = call.upstream->send(request);
  } catch (const std::exception& e) {
    metrics.upstream(call.tool->name, call.tool->priority, 0);
    return host_failed(call, e);
  }
  metrics.upstream(call.tool->name, call.tool->priority, response.status);
  if (is_write_ok(response.status)) cache_.invalidate(call.upstream->identity(), call.path);
  return from_host(call, response, Outcome::passthrough, -1);
}

GatewayAnswer GatewayService::Impl::read(const Call& call) {
  const std::int64_t ttl_ms = rules_.ttl_ms(call.path);
  const CacheKey key{call.upstream->identity(), call.target,
                     header_value(call.request->headers, "Accept")};
  const std::string flight_key =
      key.identity + "\n" + call.request->method + " " + key.target + "\n" + key.accept;
  // A leader whose outcome others cannot use (its quota or priority was refused) makes the
  // followers ask again; twice is enough for every tool to have led once in practice.
  for (int round = 0;; ++round) {
    std::optional<CachedAnswer> kept;
    if (ttl_ms >= 0) kept = cache_.find(key);
    if (kept && kept->fresh(now_ms())) return from_cache(call, *kept, Outcome::hit);
    FlightTable::Ticket ticket = flights_.join(flight_key);
    if (ticket.leader()) {
      auto shared = std::make_shared<FlightOutcome>();
      ReadResult result = lead_read(call, key, ttl_ms, kept, *shared);
      ticket.finish(shared);
      return result.answer;
    }
    const std::shared_ptr<const FlightOutcome> outcome =
        ticket.wait(config_.upstreams.front().settings.read_timeout_ms + kFollowerSlackMs +
                    config_.interactive_wait_ms);
    if (outcome && outcome->from_upstream) {
      return from_host(call, outcome->response, Outcome::collapsed,
                       ttl_ms >= 0 ? now_ms() - outcome->fetched_ms : -1);
    }
    if (!outcome && round > 0) {
      return error_answer(kGatewayTimeout, "an identical read in flight did not finish in time",
                          Outcome::error);
    }
  }
}

ReadResult GatewayService::Impl::lead_read(const Call& call, const CacheKey& key,
                                           std::int64_t ttl_ms,
                                           const std::optional<CachedAnswer>& kept,
                                           FlightOutcome& shared) {
  HttpRequest request = to_host(call, ttl_ms >= 0);
  const bool conditional = kept && kept->has_validator();
  if (conditional) {
    if (!kept->etag.empty()) request.headers.emplace_back("If-None-Match", kept->etag);
    if (!kept->last_modified.empty()) {
      request.headers.emplace_back("If-Modified-Since", kept->last_modified);
    }
  }
  const bool free_check = conditional && call.upstream->free_not_modified();
  Outcome refusal = Outcome::budget;
  const std::int64_t wait_ms = admit(call, request, !free_check, refusal);
  if (wait_ms > 0) {
    metrics.avoided_429(call.tool->name);
    const bool may_be_stale =
        call.tool->priority == ToolPriority::background || refusal == Outcome::quota;
    if (kept && may_be_stale && kept->age_ms(now_ms()) <= config_.stale_max_s * kMsPerSecond) {
      return {from_cache(call, *kept, Outcome::stale), Outcome::stale};
    }
    return {too_many(refusal == Outcome::quota
                         ? "the tool's quota_per_hour is spent"
                         : "the account's budget has no room for this tool's reads now",
                     wait_ms, refusal),
            refusal};
  }
  HttpResponse response;
  try {
    response = call.upstream->send(request);
  } catch (const std::exception& e) {
    metrics.upstream(call.tool->name, call.tool->priority, 0);
    return {host_failed(call, e), Outcome::error};
  }
  metrics.upstream(call.tool->name, call.tool->priority, response.status);
  if (free_check && response.status != kNotModified) {
    call.upstream->charge(call.tool->priority, request);
  }
  return settle_read(call, key, ttl_ms, conditional, response, shared);
}

ReadResult GatewayService::Impl::settle_read(const Call& call, const CacheKey& key,
                                             std::int64_t ttl_ms, bool conditional,
                                             const HttpResponse& response, FlightOutcome& shared) {
  const std::int64_t now = now_ms();
  if (conditional) metrics.revalidated(response.status == kNotModified);
  if (conditional && response.status == kNotModified) {
    const std::optional<CachedAnswer> refreshed = cache_.refresh(key, response.headers);
    if (refreshed) {
      shared.from_upstream = true;
      shared.response = {refreshed->status, refreshed->headers, refreshed->body};
      shared.fetched_ms = now;
      return {from_cache(call, *refreshed, Outcome::revalidated), Outcome::revalidated};
    }
    // Evicted while asking: what the host confirmed is gone; the tool asks again.
    return {error_answer(kGatewayTimeout, "the cached answer was evicted while revalidating; retry",
                         Outcome::error),
            Outcome::error};
  }
  if (ttl_ms >= 0 && response.status == kOk) {
    CachedAnswer answer;
    answer.status = response.status;
    answer.headers = tool_headers(response.headers);
    answer.body = response.body;
    answer.etag = header_value(response.headers, "ETag");
    answer.last_modified = header_value(response.headers, "Last-Modified");
    answer.fetched_ms = now;
    answer.ttl_ms = ttl_ms;
    cache_.store(key, std::move(answer));
  }
  shared.from_upstream = true;
  shared.response = response;
  shared.fetched_ms = now;
  const Outcome outcome = ttl_ms >= 0 ? Outcome::miss : Outcome::passthrough;
  return {from_host(call, response, outcome, ttl_ms >= 0 ? 0 : -1), outcome};
}

void GatewayService::Impl::sample() {
  std::vector<BudgetView> budgets;
  for (const auto& upstream : upstreams_) {
    upstream->heartbeat();
    budgets.push_back(upstream->budget_view());
  }
  metrics.sample(budgets);
}

GatewayView GatewayService::Impl::view(const ServerCounts& server) const {
  GatewayView view;
  for (const auto& upstream : upstreams_) view.budgets.push_back(upstream->budget_view());
  view.cache = cache_.counts();
  view.server = server_counts ? server_counts() : server;
  for (const Tool& tool : tools_.tools()) {
    view.tools.push_back(tool.name);
    view.priorities[tool.name] = to_string(tool.priority);
    view.quotas[tool.name] = tool.quota_per_hour;
    view.quota_used[tool.name] = tools_.used_last_hour(tool);
  }
  view.version = CIB_GATEWAY_VERSION;
  view.started_ms = started_ms_;
  return view;
}

GatewayService::GatewayService(const GatewayConfig& config, ServerLog log)
    : impl_(std::make_unique<Impl>(config, std::move(log))) {}

GatewayService::~GatewayService() = default;

GatewayAnswer GatewayService::handle(const GatewayRequest& request) {
  return impl_->handle(request);
}

void GatewayService::sample() {
  impl_->sample();
}

GatewayView GatewayService::view(const ServerCounts& server) const {
  return impl_->view(server);
}

const GatewayMetrics& GatewayService::metrics() const {
  return impl_->metrics;
}

void GatewayService::set_server_counts(std::function<ServerCounts()> counts) {
  impl_->server_counts = std::move(counts);
}

class Gateway::Impl {
 public:
  Impl(const GatewayConfig& config, ServerLog log)
      : config_(config),
        service_(config, log),
        server_(
            config.server,
            [this](const GatewayRequest& request) { return service_.handle(request); }, log) {
    service_.set_server_counts([this] { return server_.counts(); });
  }

  ~Impl() { stop(); }

  void start() {
    server_.start();
    sampler_ = start_named_thread("cib-gw-sample", [this] { sample_until_stopped(); });
  }

  std::int64_t stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopped_) return 0;
      stopped_ = true;
    }
    wake_.notify_all();
    if (sampler_.joinable()) sampler_.join();
    return server_.stop(config_.drain_ms);
  }

  GatewayServer& server() { return server_; }

 private:
  void sample_until_stopped() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopped_) {
      lock.unlock();
      try {
        service_.sample();
      } catch (const std::exception&) {
        // A budget store that fails is logged by the upstream; the chart misses one sample.
      }
      lock.lock();
      wake_.wait_for(lock, std::chrono::milliseconds(kSampleEveryMs), [this] { return stopped_; });
    }
  }

  const GatewayConfig config_;
  GatewayService service_;
  GatewayServer server_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopped_ = false;
  std::thread sampler_;
};

Gateway::Gateway(const GatewayConfig& config, ServerLog log)
    : impl_(std::make_unique<Impl>(config, std::move(log))) {}

Gateway::~Gateway() = default;

void Gateway::start() {
  impl_->start();
}

std::uint16_t Gateway::port() const {
  return impl_->server().port();
}

std::string Gateway::scheme() const {
  return impl_->server().scheme();
}

std::int64_t Gateway::stop() {
  return impl_->stop();
}

}  // namespace cib::gw
