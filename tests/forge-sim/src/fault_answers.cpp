#include "fault_answers.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Exception.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timestamp.h>
#include <sys/socket.h>

#include "host_dialect.h"

namespace cib::sim {
namespace {

// What a careless host or proxy answers: the request's own credential header quoted back, in
// the host's error JSON (message and detail) or as a plain text page.
Answer echo_answer(const Fault& fault, const Headers::value_type& credential, bool gitlab) {
  const std::string words = "Bad request; you sent " + credential.first + ": " + credential.second;
  if (fault.kind == FaultKind::kEchoAuth) {
    Poco::JSON::Object::Ptr error = new Poco::JSON::Object;
    error->set("message", words);
    error->set("detail", credential.second);
    if (gitlab) return json_answer(400, error);
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("type", "error");
    body->set("error", error);
    return json_answer(400, body);
  }
  Answer answer;
  answer.status = 400;
  answer.body = "400 Bad Request\r\n" + words +
                "\r\nHost: " + (gitlab ? "gitlab.com" : "api.bitbucket.org") + "\r\n";
  return answer;
}

Answer too_many_requests(const Fault& fault, const HostDialect& dialect) {
  auto answer = dialect.error(429, std::string(dialect.rate_limited) + " (injected fault)");
  if (fault.kind == FaultKind::kTooManyRequests) {
    answer.headers.emplace_back("Retry-After", "1");
  } else if (fault.kind == FaultKind::kTooManyDate) {
    // HTTP dates have whole seconds: 3 s ahead is at least 2 s away.
    const Poco::Timestamp then = Poco::Timestamp() + 3 * Poco::Timespan::SECONDS;
    answer.headers.emplace_back(
        "Retry-After", Poco::DateTimeFormatter::format(then, Poco::DateTimeFormat::HTTP_FORMAT));
  }
  return answer;
}

}  // namespace

Answer injected_answer(const Fault& fault, const SimContext& context,
                       const Poco::Net::HTTPRequest& request) {
  const auto& dialect = dialect_of(context);
  switch (fault.kind) {
    case FaultKind::kEchoAuth:
    case FaultKind::kEchoAuthText:
      return echo_answer(fault, credential_header(context, request), plays_gitlab(context.options));
    case FaultKind::kUnavailable:
      return dialect.error(503, "Service unavailable (injected fault)");
    // GitLab's answer while another update of the same commit status holds its lock.
    case FaultKind::kConflict:
      return dialect.error(409, "Another update in progress");
    case FaultKind::kStatus:
      return dialect.error(fault.status, "Injected " + std::to_string(fault.status));
    default:
      return too_many_requests(fault, dialect);
  }
}

void spoil_answer(const Fault& fault, Answer& answer) {
  if (fault.kind == FaultKind::kTruncated) {
    answer.body.resize(answer.body.size() / 2);
  } else if (fault.kind == FaultKind::kNotJson) {
    answer.body = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    answer.content_type = "text/html";
  } else if (fault.kind == FaultKind::kWrongShape) {
    answer.body = "[1,2,3]";
  }
}

// Going below Poco's socket also skips a TLS close_notify.
void drop_connection(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) {
  auto& socket = static_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket();
  response.setKeepAlive(false);
  try {
    socket.setLinger(true, 0);
  } catch (const Poco::Exception&) {
    // The reset is a nicety; the shutdown below is what the client must see.
  }
  ::shutdown(socket.impl()->sockfd(), SHUT_RDWR);
}

void send_cut_answer(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                     const Answer& answer) {
  response.setKeepAlive(false);
  for (const auto& [name, value] : answer.headers) response.set(name, value);
  response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
  response.setContentType(answer.content_type);
  // At least one byte is promised and missing, even for an empty answer.
  const std::string body = answer.body.empty() ? std::string("{}") : answer.body;
  response.setContentLength(static_cast<std::streamsize>(body.size()));
  std::ostream& out = response.send();
  out.write(body.data(), static_cast<std::streamsize>(body.size() / 2));
  out.flush();
  drop_connection(request, response);
}

}  // namespace cib::sim
