#include "agent_service.h"

#include <future>
#include <type_traits>
#include <variant>

#include "trace_fields.h"

namespace cib::cli {
namespace {

std::string served_list(const std::vector<agent::IdentityInfo>& identities) {
  std::string list;
  for (const agent::IdentityInfo& id : identities) {
    if (!list.empty()) list += ", ";
    list += id.kind + " at " + id.api_url;
  }
  return list;
}

}  // namespace

void AgentService::add(std::unique_ptr<AgentIdentity> identity) {
  info_.identities.push_back(identity->info());
  identities_.push_back(std::move(identity));
}

AgentIdentity* AgentService::identity_for(const std::optional<agent::Route>& route) const {
  if (identities_.empty()) return nullptr;
  if (!route || route->kind.empty()) return identities_.front().get();
  for (const auto& identity : identities_) {
    if (agent::route_matches(*route, identity->info())) return identity.get();
  }
  return nullptr;
}

void AgentService::handle(const std::string& line, AnswerSink sink) noexcept {
  try {
    try {
      serve(agent::parse_request(line), sink);
    } catch (const agent::ProtocolError& e) {
      sink.answer(agent::error_reply(e.word(), e.what()));
    } catch (const trace::TraceError& e) {
      sink.answer(agent::error_reply("protocol", std::string("post: ") + e.what()));
    } catch (const cibatch::Error& e) {
      sink.answer(agent::error_reply("library", e.what(), e.status_name()));
    } catch (const std::exception& e) {
      sink.answer(agent::error_reply("internal", e.what()));
    }
  } catch (...) {
    // Answering failed too (out of memory): the connection closes without an answer.
  }
}

void AgentService::serve(const agent::Request& request, const AnswerSink& sink) {
  if (std::holds_alternative<agent::HelloRequest>(request)) {
    sink.answer(agent::hello_reply(info_));
    return;
  }
  if (stopping_) {
    sink.answer(agent::error_reply("stopping", "the agent is stopping; post without it"));
    return;
  }
  const auto& route = std::holds_alternative<agent::PostRequest>(request)
                          ? std::get<agent::PostRequest>(request).route
                          : std::get<agent::FlushRequest>(request).route;
  AgentIdentity* identity = identity_for(route);
  if (identity == nullptr) {
    sink.answer(agent::error_reply(
        "no_identity", "this agent does not post to " + route->kind + " at " + route->api_url +
                           (route->account.empty() ? "" : " as " + route->account) +
                           " (it posts to " + served_list(info_.identities) + ")"));
    return;
  }
  if (const auto* post = std::get_if<agent::PostRequest>(&request)) {
    identity->post(*post, sink);
  } else {
    identity->flush(std::get<agent::FlushRequest>(request), sink);
  }
}

std::size_t AgentService::stop() {
  stopping_ = true;
  // At once, so that each identity has its whole shutdown.timeout_ms to deliver.
  std::vector<std::future<std::size_t>> stopping;
  for (const auto& identity : identities_) {
    stopping.push_back(std::async(std::launch::async, [&identity] { return identity->stop(); }));
  }
  std::size_t left = 0;
  for (auto& one : stopping) left += one.get();
  return left;
}

}  // namespace cib::cli
