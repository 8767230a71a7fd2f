#include "api_service.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/StreamCopier.h>

#include <thread>

#include "credentials.h"
#include "dc_endpoints.h"
#include "endpoints.h"
#include "etag.h"
#include "fault_answers.h"
#include "github_endpoints.h"
#include "github_limits.h"
#include "gitlab_endpoints.h"
#include "host_dialect.h"
#include "schema_validator.h"
#include "sonar_endpoints.h"

namespace cib::sim {
namespace {

Poco::Dynamic::Var parse_json(const std::string& text) {
  if (text.empty()) return {};
  try {
    return Poco::JSON::Parser().parse(text);
  } catch (const Poco::Exception&) {
    return {};
  }
}

bool is_json(const std::string& content_type) {
  return content_type.rfind("application/json", 0) == 0;
}

class ApiRequest {
 public:
  ApiRequest(SimContext& context, Poco::Net::HTTPServerRequest& request)
      : context_(context), request_(request), dialect_(dialect_of(context)) {}

  // Everything except faults: who is asking, may they, is the body right, then the endpoint.
  Answer process(const std::string& body_text, LogEntry& entry) {
    if (entry.sonar) {
      const SonarCall call{request_.getMethod(), request_.getURI(),
                           request_.get("Authorization", ""), context_.options.sonar_token};
      return serve_sonar_call(call, context_.sonar);
    }
    Answer refusal;
    if (!admit(entry, refusal)) return refusal;
    if (plays_github(context_.options)) return serve_github(body_text, entry);
    if (plays_gitlab(context_.options)) {
      return serve_routed<GitlabCall>(body_text, entry, route_gitlab_request, gitlab_spec_path_of,
                                      [this](const GitlabCall& call) {
                                        return serve_gitlab_call(call, context_.state,
                                                                 context_.gitlab);
                                      });
    }
    if (plays_bitbucket_dc(context_.options)) {
      return serve_routed<DcCall>(body_text, entry, route_dc_request, dc_spec_path_of,
                                  [this](const DcCall& call) {
                                    return serve_dc_call(call, context_.state, context_.dc,
                                                         context_.options.dc_legacy_builds);
                                  });
    }
    // An unknown route has no operation, so no body check; the endpoints answer its 404.
    return serve_routed<ApiCall>(
        body_text, entry, route_request, spec_path_of, [this, &entry](ApiCall call) {
          // The extract describes no PUT of a pull request: its body is read unchecked.
          if (is_repo_read(call.route.endpoint)) call.body = entry.body;
          auto answer = serve_api_call(call, context_.state, context_.repos);
          // What polling tools read carries an ETag; a 304 still counts against the limit
          // (the host documents no exemption).
          if (is_repo_read(call.route.endpoint)) {
            apply_etag(call.method, request_.get("If-None-Match", ""), answer);
          }
          return answer;
        });
  }

  void send(Poco::Net::HTTPServerResponse& response, const Answer& answer) {
    // The rate limit is the host's: SonarQube's answers do not carry it.
    if (context_.limiter.enabled() && !is_sonar_target(request_.getURI()) &&
        !plays_gitlab(context_.options) && !plays_github(context_.options)) {
      response.set("X-RateLimit-Limit", std::to_string(context_.options.rate_limit));
    }
    for (const auto& [name, value] : headers_) response.set(name, value);
    for (const auto& [name, value] : answer.headers) response.set(name, value);
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
    if (answer.body.empty()) {
      response.setContentLength(0);
      response.send();
      return;
    }
    response.setContentType(answer.content_type);
    response.setContentLength(static_cast<std::streamsize>(answer.body.size()));
    response.send() << answer.body;
  }

 private:
  // Authentication and the rate limit; false with `refusal` set when the request stops here.
  bool admit(LogEntry& entry, Answer& refusal) {
    const auto credentials = credentials_of(context_, request_);
    const auto& required = context_.options.require_token;
    if (!credentials.present || (!required.empty() && credentials.secret != required)) {
      refusal = dialect_.error(
          401, credentials.present ? dialect_.bad_credentials : dialect_.unauthenticated);
      return false;
    }
    token_ = credentials.secret;
    identity_ = (credentials.bearer ? "token:" : "user:") + credentials.hash;
    // GitHub counts an App's requests per installation, whichever of its tokens is used.
    if (const long installation = context_.github.installation_of(token_)) {
      identity_ = "installation:" + std::to_string(installation);
    }
    const auto rate = rate_ = context_.limiter.take(identity_, std::chrono::steady_clock::now());
    if (plays_gitlab(context_.options)) {
      if (context_.limiter.enabled()) add_gitlab_rate_headers(rate, headers_);
    } else if (plays_bitbucket_dc(context_.options)) {
      if (context_.limiter.enabled()) add_dc_rate_headers(rate, headers_);
    } else if (rate.near_limit && credentials.bearer) {
      // Bitbucket Cloud sends the near-limit signal to access tokens only.
      headers_.emplace_back("X-RateLimit-NearLimit", "true");
    }
    if (rate.allowed) return true;
    entry.rate_limited = true;
    refusal = dialect_.error(dialect_.rate_limited_status, dialect_.rate_limited);
    if (context_.options.retry_after) {
      refusal.headers.emplace_back("Retry-After", std::to_string(rate.retry_after_s));
    }
    if (plays_github(context_.options)) add_github_rate_headers(rate, refusal.headers);
    return false;
  }

  // The body against the operation's schema; false with `refusal` set when it fails.
  bool check_body(const Poco::JSON::Object::Ptr& schema, const std::string& body_text,
                  LogEntry& entry, Answer& refusal) {
    if (schema.isNull()) return true;
    entry.valid = false;
    if (!is_json(request_.getContentType())) {
      refusal = dialect_.error(415, "Unsupported Media Type: the body must be application/json");
      return false;
    }
    if (entry.body.isEmpty()) {
      refusal = dialect_.error(400, body_text.empty() ? "A JSON request body is required"
                                                      : "The request body is not valid JSON");
      return false;
    }
    const auto violation = validate_against_schema(schema, entry.body);
    if (!violation.empty()) {
      refusal = dialect_.error(dialect_.invalid_status, dialect_.invalid_prefix + violation);
      return false;
    }
    entry.valid = true;
    return true;
  }

  // Routes the raw target, checks the body against the route's operation, then serves it.
  template <class Call, class Router, class SpecPath, class Serve>
  Answer serve_routed(const std::string& body_text, LogEntry& entry, Router route,
                      SpecPath spec_path, Serve serve) {
    Call call;
    call.method = request_.getMethod();
    call.origin = context_.origin;
    try {
      call.route = route(request_.getURI());
    } catch (const Poco::Exception&) {
      return dialect_.error(400, "Malformed percent-encoding in the request target");
    }
    Answer refusal;
    const auto operation = spec_path(call.route.endpoint);
    auto schema = context_.catalog.request_schema(call.method, operation);
    if (body_text.empty() && context_.catalog.body_optional(call.method, operation)) {
      schema = nullptr;
    }
    if (!check_body(schema, body_text, entry, refusal)) return refusal;
    if (schema) call.body = entry.body;
    return serve(call);
  }

  // GitHub's secondary limits, the endpoint, then the answer's ETag and rate headers: a 304 is
  // not counted against the primary limit.
  Answer serve_github(const std::string& body_text, LogEntry& entry) {
    auto answer = serve_github_endpoint(body_text, entry);
    if (apply_github_etag(request_.getMethod(), request_.get("If-None-Match", ""), answer) &&
        context_.limiter.give_back(identity_)) {
      --rate_.used;
    }
    if (context_.limiter.enabled()) add_github_rate_headers(rate_, answer.headers);
    return answer;
  }

  // The endpoint's answer, or the secondary limits' refusal.
  Answer serve_github_endpoint(const std::string& body_text, LogEntry& entry) {
    int retry_after_s = 60;
    const int max_concurrent = context_.options.github_max_concurrent;
    if ((max_concurrent > 0 && context_.github.in_flight.load() > max_concurrent) ||
        (is_github_write(request_.getMethod()) &&
         !context_.github.take_write(identity_, retry_after_s))) {
      entry.rate_limited = true;
      return github_secondary_limit_answer(retry_after_s);
    }
    return serve_routed<GithubCall>(body_text, entry, route_github_request, github_spec_path_of,
                                    [this, &entry](GithubCall call) {
                                      call.token = token_;
                                      // The extract describes no PATCH of a pull request.
                                      if (is_github_repo_read(call.route.endpoint)) {
                                        call.body = entry.body;
                                      }
                                      return serve_github_call(call, context_);
                                    });
  }

  SimContext& context_;
  Poco::Net::HTTPServerRequest& request_;
  const HostDialect& dialect_;
  Headers headers_;
  std::string token_;     // the credential's secret, once admitted
  std::string identity_;  // its rate-limit key
  RateDecision rate_;
};

}  // namespace

void serve_api_request(SimContext& context, Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) {
  const InFlightRequest in_flight(context.github.in_flight);
  LogEntry entry;
  entry.seq = context.log.next_seq();
  entry.t_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - context.started)
                   .count();
  entry.method = request.getMethod();
  entry.target = request.getURI();
  entry.sonar = is_sonar_target(entry.target);
  entry.token_hash = credentials_of(context, request).hash;
  std::string body_text;
  Poco::StreamCopier::copyToString(request.stream(), body_text);
  entry.body = parse_json(body_text);

  const Fault fault = context.faults.fault_for_seq(entry.seq);
  entry.fault = fault.name();
  // A dropped request is logged before the drop: the client may ask for the log as soon as it
  // sees its connection go.
  if (fault.kind == FaultKind::kDropBefore) {
    context.log.record(entry);
    drop_connection(request, response);
    return;
  }

  ApiRequest api_request(context, request);
  Answer answer = fault.replaces_answer() ? injected_answer(fault, context, request)
                                          : api_request.process(body_text, entry);
  if (fault.spoils_answer() && fault.kind != FaultKind::kCutBody) spoil_answer(fault, answer);
  // The endpoints' own checks count too.
  if (answer.status == dialect_of(context).invalid_status && answer.counts_invalid) {
    entry.valid = false;
  }
  if (fault.kind == FaultKind::kDropAfter) {
    context.log.record(entry);
    drop_connection(request, response);
    return;
  }
  // A real host's round trip (--latency-ms), and a fault's extra wait.
  const int late_ms =
      context.options.latency_ms + (fault.kind == FaultKind::kSlow ? fault.slow_ms : 0);
  if (late_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(late_ms));
  entry.status = answer.status;
  // Logged before the answer leaves, so a client that has its answer finds it in the log.
  context.log.record(entry);
  if (fault.kind == FaultKind::kCutBody) {
    send_cut_answer(request, response, answer);
    return;
  }
  api_request.send(response, answer);
}

}  // namespace cib::sim
