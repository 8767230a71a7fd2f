// One keep-alive HTTP(S) connection to one API base URL, over Poco with OpenSSL. One request at
// a time (the dispatcher is the only caller); abort() may be called from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "transport/http_types.h"

namespace cib {

struct TransportSettings {
  std::string base_url;  // scheme://host[:port][/path], e.g. https://api.bitbucket.org/2.0
  bool tls_verify = true;
  std::string tls_ca_file;  // extra CA bundle (PEM); empty: the system's
  bool allow_insecure_http = false;
  std::string proxy;  // http://[user:pass@]host:port; empty: HTTPS_PROXY/HTTP_PROXY/NO_PROXY
  std::int64_t connect_timeout_ms = 10000;
  std::int64_t read_timeout_ms = 30000;
};

class HttpClient {
 public:
  // Throws std::invalid_argument when base_url is not usable (bad scheme, http:// to a
  // non-loopback host without allow_insecure_http, unreadable CA file).
  explicit HttpClient(const TransportSettings& settings);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request: base_url's path + request.target. Returns any HTTP answer (also 4xx and
  // 5xx); throws TransportError when there is none. Messages never contain header values.
  HttpResponse send(const HttpRequest& request);

  // Closes the connection under a request in flight (that send throws TransportError). Any thread.
  void abort();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cib
