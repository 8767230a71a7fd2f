// One delivery's conversation with the host: sends through the core's Sender, counts requests,
// keeps the last status and turns answers the delivery cannot get past into HostError.
#pragma once

#include <initializer_list>
#include <string>

#include "providers/provider.h"

namespace cib::bitbucket_cloud {

class HostExchange {
 public:
  explicit HostExchange(Sender& sender) : sender_(sender) {}

  // Sends `request`. Returns the answer when it is 2xx or one of `accepted` (a 404 that counts
  // as done, say); throws HostError otherwise. TransportError passes through.
  HttpResponse send(const HttpRequest& request, std::initializer_list<int> accepted = {});

  const DeliveryOutcome& outcome() const { return outcome_; }

 private:
  Sender& sender_;
  DeliveryOutcome outcome_;
};

// "METHOD /target: 400 Bad Request: <host's text>", without the query string (and never a
// header), and Retry-After in milliseconds for 429 and 503. The host's text is redacted by
// `sender`, then shortened and escaped (answers.h error_text).
HostError host_error(const HttpRequest& request, const HttpResponse& response,
                     const Sender& sender);

// A 2xx answer whose body the provider cannot read.
HostError unreadable_answer(const HttpRequest& request, const HttpResponse& response,
                            const std::string& why);

bool is_success(int http_status);

}  // namespace cib::bitbucket_cloud
