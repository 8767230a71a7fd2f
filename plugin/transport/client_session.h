// One keep-alive connection, as a Poco session whose every connect goes through us: the socket
// is registered with the AbortSwitch before connect() starts (so abort() also cuts a connect or
// TLS handshake in progress), TLS is started with our own Context, and an HTTPS proxy is crossed
// with CONNECT on that same socket. Private to the transport.
#pragma once

#include <chrono>
#include <string>

#include "Poco/Net/HTTPClientSession.h"
#include "transport/abort_switch.h"
#include "transport/proxy.h"
#include "transport/tls_context.h"
#include "transport/url.h"

namespace cib {

struct SessionOptions {
  BaseUrl target;
  ProxyEndpoint proxy;
  TlsContext tls;  // tls.context is null for http://
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds read_timeout{30000};
};

class ClientSession final : public Poco::Net::HTTPClientSession {
 public:
  // `abort_switch` must outlive the session.
  ClientSession(const SessionOptions& options, AbortSwitch& abort_switch);
  ~ClientSession() override;

  // Connects (through the proxy, then TLS) unless a live connection is there. Returns true when
  // an existing connection is reused. Throws Poco exceptions: nothing has been sent to the host
  // when it does.
  bool open();

  // Closes the connection (an error happened or the answer is unusable).
  void drop();

  // What a message names: host:port, and the proxy's host:port when there is one.
  std::string where() const;

 protected:
  // Poco calls this when it reconnects by itself (the server closed an idle connection between
  // two writes); the address it resolved is ignored in favour of our own choice.
  void connect(const Poco::Net::SocketAddress& address) override;

 private:
  bool connection_is_reusable();
  Poco::Net::StreamSocket connect_tcp();
  void tunnel_through_proxy(Poco::Net::StreamSocket& socket);

  SessionOptions options_;
  AbortSwitch& abort_switch_;
};

}  // namespace cib
