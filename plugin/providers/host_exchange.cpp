#include "providers/host_exchange.h"

#include <Poco/Net/HTTPResponse.h>

#include <algorithm>
#include <chrono>
#include <utility>

#include "transport/retry_policy.h"

namespace cib {

namespace {

std::string request_line(const HttpRequest& request) {
  return request.method + ' ' + request.target.substr(0, request.target.find_first_of("?#"));
}

std::string status_line(int status) {
  using Poco::Net::HTTPResponse;
  if (status < 100 || status > 599) return std::to_string(status);  // outside Poco's enum
  const std::string& reason =
      HTTPResponse::getReasonForStatus(static_cast<HTTPResponse::HTTPStatus>(status));
  if (reason.empty() || reason == HTTPResponse::HTTP_REASON_UNKNOWN) return std::to_string(status);
  return std::to_string(status) + ' ' + reason;
}

std::int64_t retry_after_ms(const HttpResponse& response) {
  if (response.status != 429 && response.status != 503) return -1;
  const std::string value = response.header("Retry-After");
  if (value.empty()) return -1;
  // Bitbucket sends seconds; the wall clock only matters for the rare HTTP-date form.
  const std::int64_t now_s = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
  const std::optional<Duration> delay = parse_retry_after(value, now_s);
  return delay ? delay->count() : -1;
}

}  // namespace

bool is_success(int http_status) {
  return http_status >= 200 && http_status < 300;
}

HttpResponse HostExchange::send(const HttpRequest& request, std::initializer_list<int> accepted) {
  ++outcome_.requests;
  HttpResponse response = sender_.send(request);
  outcome_.http_status = response.status;
  if (is_success(response.status) ||
      std::find(accepted.begin(), accepted.end(), response.status) != accepted.end()) {
    return response;
  }
  throw host_error(request, response);
}

HostError HostExchange::host_error(const HttpRequest& request, const HttpResponse& response) const {
  std::string message = request_line(request) + ": " + status_line(response.status);
  std::string words = words_ == nullptr ? "" : words_(response.body);
  if (words.empty()) words = response.body;
  const std::string text = excerpt(sender_.redact(words));
  if (!text.empty()) message += ": " + text;
  return HostError(response.status, message, retry_after_ms(response));
}

HttpRequest host_request(const std::string& method, const std::string& target, std::string body) {
  HttpRequest request;
  request.method = method;
  request.target = target;
  request.body = std::move(body);
  request.idempotent = method != "POST";
  return request;
}

HostError unreadable_answer(const HttpRequest& request, const HttpResponse& response,
                            const std::string& why) {
  // A success the client cannot read (cut by a proxy, an HTML error page, another shape) says
  // nothing final: what it did is learnt again on the retry (a create stays ambiguous).
  return HostError(
      response.status,
      request_line(request) + ": " + status_line(response.status) + ": " + excerpt(why), -1,
      is_success(response.status));
}

std::string excerpt(const std::string& text) {
  constexpr std::size_t kMaxExcerptBytes = 200;
  std::size_t length = std::min(text.size(), kMaxExcerptBytes);
  // Never end inside a UTF-8 sequence: back up over continuation bytes to its lead byte.
  if (length < text.size()) {
    while (length > 0 && (static_cast<unsigned char>(text[length]) & 0xc0) == 0x80) --length;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length);
  for (std::size_t i = 0; i < length; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\r') {
      out += "\\r";
    } else if (byte == '\n') {
      out += "\\n";
    } else if (byte == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0f];
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace cib
