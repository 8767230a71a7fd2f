#include "transport/http_client.h"

#include <string.h>

#include <stdexcept>
#include <vector>

#include "Poco/Net/HTTPBufferAllocator.h"
#include "Poco/Net/HTTPRequest.h"
#include "Poco/Net/HTTPResponse.h"
#include "Poco/Net/NetException.h"
#include "Poco/StreamCopier.h"
#include "Poco/String.h"
#include "runtime/fork_gate.h"
#include "runtime/library_start.h"
#include "transport/abort_switch.h"
#include "transport/client_session.h"
#include "transport/proxy.h"
#include "transport/session_errors.h"
#include "transport/tls_context.h"
#include "transport/url.h"

namespace cib {
namespace {

SessionOptions session_options(const TransportSettings& settings) {
  SessionOptions options;
  options.target = parse_base_url(settings.base_url);
  if (!options.target.secure() && !is_loopback_host(options.target.host) &&
      !settings.allow_insecure_http) {
    throw std::invalid_argument(
        "the API URL uses http:// for " + options.target.host +
        ": plain HTTP is allowed only for loopback hosts; use https:// (or set "
        "tls.allow_insecure_http: true for a trusted network)");
  }
  if (settings.connect_timeout_ms <= 0 || settings.read_timeout_ms <= 0) {
    throw std::invalid_argument("the connect and read timeouts must be positive");
  }
  options.connect_timeout = std::chrono::milliseconds(settings.connect_timeout_ms);
  options.read_timeout = std::chrono::milliseconds(settings.read_timeout_ms);
  options.proxy = choose_proxy(settings.proxy, options.target, process_environment());
  if (options.target.secure()) {
    options.tls =
        make_client_tls_context(settings.tls_verify, settings.tls_ca_file, options.target.host);
  }
  return options;
}

// The Host header: the port is left out when it is the scheme's default.
std::string host_header(const BaseUrl& target) {
  const std::uint16_t default_port = target.secure() ? 443 : 80;
  const std::string host = url_host(target.host);
  return target.port == default_port ? host : host + ":" + std::to_string(target.port);
}

bool has_line_break_or_nul(const std::string& text) {
  return text.find_first_of(std::string("\r\n\0", 3)) != std::string::npos;
}

// Rejects what would let a request smuggle a second request or header. Messages name the
// header, never its value.
void check_request(const HttpRequest& request) {
  if (request.method.empty() || request.method.find_first_of(" \t\r\n") != std::string::npos) {
    throw std::invalid_argument("HTTP request: invalid method");
  }
  if (request.target.empty() || request.target.front() != '/' ||
      request.target.find_first_of(std::string(" \t\r\n\0", 5)) != std::string::npos) {
    throw std::invalid_argument(
        "HTTP request: the target must start with '/' and be percent-encoded");
  }
  for (const auto& [name, value] : request.headers) {
    if (name.empty() || name.find_first_of(" \t:") != std::string::npos ||
        has_line_break_or_nul(name) || has_line_break_or_nul(value)) {
      throw std::invalid_argument("HTTP request: header \"" +
                                  (has_line_break_or_nul(name) ? std::string("?") : name) +
                                  "\" has an invalid name or a line break in its value");
    }
  }
}

bool method_sends_body(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH";
}

// Headers that describe the message itself replace ours instead of adding a second copy.
bool is_message_header(const std::string& name) {
  return Poco::icompare(name, "Host") == 0 || Poco::icompare(name, "Content-Type") == 0 ||
         Poco::icompare(name, "Content-Length") == 0;
}

// Overwrites the free buffers of Poco's HTTP buffer pool, which keeps the last requests' bytes
// (headers with the credential) for reuse after a session is gone.
struct BufferPoolScrub {
  ~BufferPoolScrub() {
    using Allocator = Poco::Net::HTTPBufferAllocator;
    constexpr int kBuffers = 16;  // what the pool keeps ready
    std::vector<char*> buffers;
    for (int i = 0; i < kBuffers; ++i)
      buffers.push_back(Allocator::allocate(Allocator::BUFFER_SIZE));
    for (auto it = buffers.rbegin(); it != buffers.rend(); ++it) {
      ::explicit_bzero(*it, Allocator::BUFFER_SIZE);
      Allocator::deallocate(*it, Allocator::BUFFER_SIZE);
    }
  }
};

// Overwrites the values of the caller's headers (the credential) in a Poco request once it is
// sent: assigning a value of the same length writes over the old bytes in place.
struct HeaderValuesWipe {
  Poco::Net::HTTPRequest& out;
  const Headers& headers;
  ~HeaderValuesWipe() {
    for (const auto& [name, value] : headers) {
      if (!is_message_header(name)) out.set(name, std::string(value.size(), '*'));
    }
  }
};

}  // namespace

class HttpClient::Impl {
 public:
  explicit Impl(const TransportSettings& settings)
      : options_(session_options(settings)),
        host_header_(host_header(options_.target)),
        session_(options_, abort_switch_) {}

  HttpResponse send(const HttpRequest& request);
  void abort() { abort_switch_.trip(); }

 private:
  HttpResponse exchange(const HttpRequest& request);
  Poco::Net::HTTPRequest poco_request(const HttpRequest& request) const;

  BufferPoolScrub scrub_;  // first, so it runs once the session's buffers are back in the pool
  SessionOptions options_;
  std::string host_header_;
  AbortSwitch abort_switch_;  // before session_: the session holds a reference to it
  ClientSession session_;
};

HttpResponse HttpClient::Impl::send(const HttpRequest& request) {
  check_request(request);
  // Poco's HTTP buffer pool and OpenSSL take process-wide locks while a request is built, sent
  // and read; a fork() in the middle would leave them locked in the child for ever, and the
  // child's own client would hang on its first request. A fork() waits for the request instead.
  const ForkGateHold fork_gate;
  const std::string where = request.method + " " + session_.where();
  // A keep-alive connection that the server closed while idle fails without an answer; an
  // idempotent request is then sent once more on a new connection.
  for (int attempt = 0;; ++attempt) {
    if (abort_switch_.tripped()) {
      throw TransportError(TransportError::Kind::connect,
                           where + ": not sent: the client was aborted");
    }
    bool reused = false;
    TlsVerifyFailure* tls_failure = options_.tls.failure.get();
    if (tls_failure != nullptr) tls_failure->reason.clear();
    try {
      reused = session_.open();
    } catch (const std::exception& e) {
      session_.drop();
      throw connect_failure(where, e, abort_switch_.tripped(),
                            tls_failure != nullptr ? tls_failure->reason : std::string());
    }
    try {
      return exchange(request);
    } catch (const std::exception& e) {
      session_.drop();
      const bool aborted = abort_switch_.tripped();
      if (!aborted && reused && attempt == 0 && request.idempotent && is_dropped_connection(e)) {
        continue;
      }
      throw exchange_failure(where, e, aborted, static_cast<long>(options_.read_timeout.count()));
    }
  }
}

Poco::Net::HTTPRequest HttpClient::Impl::poco_request(const HttpRequest& request) const {
  // The target goes out exactly as given: a string, never a Poco::URI (which decodes %2F).
  Poco::Net::HTTPRequest out(request.method, options_.target.path + request.target,
                             Poco::Net::HTTPMessage::HTTP_1_1);
  out.set("Host", host_header_);
  if (!request.body.empty() || method_sends_body(request.method)) {
    out.setContentType(request.body_type);
    out.setContentLength64(static_cast<Poco::Int64>(request.body.size()));
  }
  for (const auto& [name, value] : request.headers) {
    if (is_message_header(name)) {
      out.set(name, value);
    } else {
      out.add(name, value);
    }
  }
  return out;
}

HttpResponse HttpClient::Impl::exchange(const HttpRequest& request) {
  Poco::Net::HTTPRequest out = poco_request(request);
  const HeaderValuesWipe wipe_headers{out, request.headers};
  std::ostream& body_out = session_.sendRequest(out);
  // A failed write is recorded in the session and rethrown by receiveResponse(), unless the
  // server answered anyway (say 413), which is an answer like any other.
  body_out.write(request.body.data(), static_cast<std::streamsize>(request.body.size()));
  Poco::Net::HTTPResponse answer;
  std::istream& body_in = session_.receiveResponse(answer);
  body_in.exceptions(std::ios::badbit);  // a read error must not pass for the end of the body

  HttpResponse response;
  response.status = static_cast<int>(answer.getStatus());
  for (const auto& [name, value] : answer) response.headers.emplace_back(name, value);
  Poco::StreamCopier::copyToString(body_in, response.body);
  if (answer.hasContentLength() &&
      static_cast<Poco::Int64>(response.body.size()) != answer.getContentLength64()) {
    throw Poco::Net::MessageException("the answer ended before its announced Content-Length");
  }
  return response;
}

HttpClient::HttpClient(const TransportSettings& settings) {
  ensure_library_started();
  impl_ = std::make_unique<Impl>(settings);
}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::send(const HttpRequest& request) {
  return impl_->send(request);
}

void HttpClient::abort() {
  impl_->abort();
}

}  // namespace cib
