// One request of the baseline, before the sender adds the credential: shared by the hosts'
// request files (naive_requests.cpp, naive_dc_requests.cpp).
#pragma once

#include <string>
#include <utility>

#include "providers/host_exchange.h"
#include "transport/http_types.h"

namespace cib::bench {

inline HttpRequest request_to(const std::string& method, const std::string& target,
                              std::string body) {
  HttpRequest request;
  request.method = method;
  request.target = target;
  request.body = std::move(body);
  return request;
}

// A POST that creates something new (a comment): not idempotent, so a drop after sending is not
// sent again by the transport.
inline void post_new(const std::string& target, std::string body, HostExchange& exchange) {
  HttpRequest request = request_to("POST", target, std::move(body));
  request.idempotent = false;
  exchange.send(request);
}

}  // namespace cib::bench
