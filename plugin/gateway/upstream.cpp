#include "gateway/upstream.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>

#include "core/client_core.h"
#include "core/secret_redaction.h"
#include "runtime/secret_text.h"

namespace cib::gw {
namespace {

constexpr int kUnauthorized = 401;
constexpr int kFirstError = 300;
constexpr int kFirstSuccess = 200;
// A refusal is believed locally at most this long: the library's clients may learn a limit
// meanwhile, and the store is the one judge.
constexpr std::int64_t kLongestHoldMs = 2000;

std::string without_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string gateway_client_id() {
  return "gateway-" + std::to_string(::getpid());
}

std::int64_t int_member(const Poco::JSON::Object::Ptr& object, const char* name) {
  if (object.isNull() || !object->has(name) || object->isNull(name)) return 0;
  return object->getValue<Poco::Int64>(name);
}

}  // namespace

Priority budget_priority(ToolPriority priority) {
  return priority == ToolPriority::interactive ? Priority::comment : Priority::progress;
}

Upstream::Upstream(const UpstreamConfig& config, std::size_t connections, const Clock& clock,
                   ServerLog log)
    : settings_(without_credential(config.settings)),
      mount_(config.mount),
      api_url_(without_trailing_slash(config.settings.api_url)),
      kind_(config.settings.host_kind),
      client_id_(gateway_client_id()),
      log_(std::move(log)),
      credential_(config.settings),
      connections_(connections == 0 ? 1 : connections) {
  budget_ =
      std::make_unique<Budget>(config.settings,
                               open_budget_store(config.settings, clock, client_id_,
                                                 [this](const std::string& line) { log_(line); }),
                               clock);
  // The first connection is made now, so a wrong URL or CA file stops the start.
  give_back(std::make_unique<HttpClient>(transport_settings(settings_)));
  open_ = 1;
}

Upstream::~Upstream() = default;

const char* Upstream::kind_name() const {
  return to_string(kind_);
}

Ticket Upstream::held(Priority priority, std::int64_t now_ms) {
  std::lock_guard<std::mutex> lock(hold_mutex_);
  Ticket refused;
  const int index = static_cast<int>(priority);
  if (held_until_ms_[index] <= now_ms) return refused;
  refused.wait_ms = held_until_ms_[index] - now_ms;
  refused.blocked_by = held_by_[index];
  refused.blocker = Blocker::rolling_window;
  return refused;
}

void Upstream::hold(Priority priority, const Ticket& refusal, std::int64_t now_ms) {
  if (refusal.blocker != Blocker::rolling_window && refusal.blocker != Blocker::pause) return;
  const std::int64_t until = now_ms + std::min(refusal.wait_ms, kLongestHoldMs);
  std::lock_guard<std::mutex> lock(hold_mutex_);
  for (int index = static_cast<int>(priority); index < kPriorityCount; ++index) {
    if (held_until_ms_[index] < until) {
      held_until_ms_[index] = until;
      held_by_[index] = refusal.blocked_by;
    }
  }
}

Ticket Upstream::take(ToolPriority priority, const HttpRequest& request) {
  const Priority level = budget_priority(priority);
  const std::int64_t now_ms = steady_ms();
  Ticket ticket = held(level, now_ms);
  if (ticket.wait_ms > 0) return ticket;
  try {
    ticket = budget_->take(classify_request(level, request));
    if (!ticket.granted) hold(level, ticket, now_ms);
    return ticket;
  } catch (const std::exception& e) {
    log_(std::string("budget: ") + e.what());
    Ticket refused;
    refused.wait_ms = 1000;
    refused.blocked_by = "store";
    return refused;
  }
}

void Upstream::charge(ToolPriority priority, const HttpRequest& request) {
  // Sent already: a refusal changes nothing, and the host's headers say what it counted.
  (void)take(priority, request);
}

std::unique_ptr<HttpClient> Upstream::lease() {
  std::unique_lock<std::mutex> lock(pool_mutex_);
  while (idle_.empty() && open_ >= connections_) pool_free_.wait(lock);
  if (!idle_.empty()) {
    std::unique_ptr<HttpClient> client = std::move(idle_.back());
    idle_.pop_back();
    return client;
  }
  ++open_;
  lock.unlock();
  try {
    return std::make_unique<HttpClient>(transport_settings(settings_));
  } catch (...) {
    std::lock_guard<std::mutex> relock(pool_mutex_);
    --open_;
    pool_free_.notify_one();
    throw;
  }
}

void Upstream::give_back(std::unique_ptr<HttpClient> client) {
  std::lock_guard<std::mutex> lock(pool_mutex_);
  idle_.push_back(std::move(client));
  pool_free_.notify_one();
}

HttpResponse Upstream::send_once(const HttpRequest& request) {
  HttpRequest authorised = request;
  authorised.headers.emplace_back("Authorization", credential_.header());
  struct WipeHeader {
    std::string& value;
    ~WipeHeader() { wipe(value); }
  } wipe_header{authorised.headers.back().second};
  std::unique_ptr<HttpClient> client = lease();
  HttpResponse response;
  try {
    response = client->send(authorised);
  } catch (...) {
    give_back(std::move(client));
    throw;
  }
  give_back(std::move(client));
  if (response.status < kFirstSuccess || response.status >= kFirstError) {
    WipedStrings secrets;
    credential_.add_secrets(secrets.items);
    response.body = redact(response.body, secrets.items);
  }
  learn(response);
  return response;
}

HttpResponse Upstream::send(const HttpRequest& request) {
  HttpResponse response = send_once(request);
  if (response.status == kUnauthorized && credential_.reload()) {
    log_("the host answered 401: the credential changed on disk, sending again");
    response = send_once(request);
  }
  return response;
}

void Upstream::learn(const HttpResponse& response) {
  // The answer is what counts; a budget store that fails here costs only what it would teach.
  try {
    (void)budget_->observe(response);
    const std::string notice = budget_->learned_notice();
    if (!notice.empty()) log_(notice);
  } catch (const std::exception& e) {
    log_(std::string("budget: ") + e.what());
  }
}

BudgetView Upstream::budget_view() {
  BudgetView view;
  view.mount = mount_;
  view.kind = kind_name();
  view.identity = identity();
  try {
    Poco::JSON::Parser parser;
    const auto object = parser.parse(budget_->json()).extract<Poco::JSON::Object::Ptr>();
    view.limit = int_member(object, "limit");
    view.window_s = int_member(object, "window_s");
    view.used = int_member(object, "used");
    view.remaining = int_member(object, "remaining");
    view.paused_until_ms = int_member(object, "paused_until_ms");
  } catch (const std::exception& e) {
    log_(std::string("budget: ") + e.what());
  }
  return view;
}

void Upstream::heartbeat() {
  try {
    budget_->heartbeat(client_id_);
  } catch (const std::exception& e) {
    log_(std::string("budget: ") + e.what());
  }
}

}  // namespace cib::gw
