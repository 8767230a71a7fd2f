// One delivery's conversation with the host: sends through the core's Sender, counts requests,
// keeps the last status and turns answers the delivery cannot get past into HostError, quoting
// the host's words (read by the host's ErrorWords) redacted, shortened and escaped.
#pragma once

#include <initializer_list>
#include <string>

#include "providers/provider.h"

namespace cib {

// The host's own words in an error answer; "" when the body is not the host's error JSON (the
// body itself is quoted then).
using ErrorWords = std::string (*)(const std::string& body);

class HostExchange {
 public:
  HostExchange(Sender& sender, ErrorWords words) : sender_(sender), words_(words) {}

  // Sends `request`. Returns the answer when it is 2xx or one of `accepted` (a 404 that counts
  // as done, say); throws HostError otherwise. TransportError passes through.
  HttpResponse send(const HttpRequest& request, std::initializer_list<int> accepted = {});

  const DeliveryOutcome& outcome() const { return outcome_; }

  // "METHOD /target: 400 Bad Request: <host's words>", without the query string (and never a
  // header), and Retry-After in milliseconds for 429 and 503. The words are redacted by the
  // Sender, then cut to an excerpt().
  HostError host_error(const HttpRequest& request, const HttpResponse& response) const;

 private:
  Sender& sender_;
  ErrorWords words_;
  DeliveryOutcome outcome_;
};

// A request of `method` to `target` with the JSON `body`. Only a POST (a create, or an addition
// the host does not de-duplicate) is not idempotent: the transport does not send it again by
// itself after a connection dropped.
HttpRequest host_request(const std::string& method, const std::string& target,
                         std::string body = {});

// A 2xx answer whose body the provider cannot read.
HostError unreadable_answer(const HttpRequest& request, const HttpResponse& response,
                            const std::string& why);

bool is_success(int http_status);

// At most 200 bytes of `text` (never a cut UTF-8 sequence), control characters escaped (\r, \n,
// \t, \xHH): what a message may quote of a host's answer.
std::string excerpt(const std::string& text);

}  // namespace cib
