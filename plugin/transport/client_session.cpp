#include "transport/client_session.h"

#include <string>

#include "Poco/Exception.h"
#include "Poco/Net/HTTPBasicCredentials.h"
#include "Poco/Net/HTTPRequest.h"
#include "Poco/Net/HTTPResponse.h"
#include "Poco/Net/NetException.h"
#include "Poco/Net/SecureStreamSocket.h"
#include "Poco/Net/SocketAddress.h"
#include "Poco/Timespan.h"

namespace cib {
namespace {

Poco::Timespan to_timespan(std::chrono::milliseconds duration) {
  return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(duration.count()) * 1000);
}

}  // namespace

ClientSession::ClientSession(const SessionOptions& options, AbortSwitch& abort_switch)
    // An explicit empty ProxyConfig: Poco's process-wide default proxy must not apply.
    : Poco::Net::HTTPClientSession(options.target.host, options.target.port,
                                   Poco::Net::HTTPClientSession::ProxyConfig()),
      options_(options),
      abort_switch_(abort_switch) {
  setKeepAlive(true);
  setTimeout(to_timespan(options_.connect_timeout), to_timespan(options_.read_timeout),
             to_timespan(options_.read_timeout));
  if (!options_.tls.context && options_.proxy.enabled()) {
    // Plain HTTP through a proxy: Poco sends absolute-form targets and Proxy-Authorization.
    Poco::Net::HTTPClientSession::ProxyConfig proxy;
    proxy.host = options_.proxy.host;
    proxy.port = options_.proxy.port;
    proxy.username = options_.proxy.username;
    proxy.password = options_.proxy.password;
    setProxyConfig(proxy);
  }
}

ClientSession::~ClientSession() {
  abort_switch_.disarm();
}

bool ClientSession::open() {
  if (connected()) {
    if (connection_is_reusable()) return true;
    drop();
  }
  try {
    connect(Poco::Net::SocketAddress());
  } catch (...) {
    drop();
    throw;
  }
  return false;
}

void ClientSession::drop() {
  reset();
  abort_switch_.disarm();
}

std::string ClientSession::where() const {
  std::string text = options_.target.authority();
  if (options_.proxy.enabled()) text += " (through the proxy " + options_.proxy.authority() + ")";
  return text;
}

void ClientSession::connect(const Poco::Net::SocketAddress& /*ignored*/) {
  Poco::Net::StreamSocket socket = connect_tcp();
  if (!options_.tls.context) {
    attachSocket(socket);
    return;
  }
  if (options_.proxy.enabled()) tunnel_through_proxy(socket);
  // The handshake is part of connecting. When it runs out of time, Poco's attach() returns
  // without an error and would finish the handshake inside the first write; asking again makes
  // a stalled handshake a connect failure (nothing sent) instead of a failed request.
  socket.setReceiveTimeout(to_timespan(options_.connect_timeout));
  Poco::Net::SecureStreamSocket secure =
      Poco::Net::SecureStreamSocket::attach(socket, options_.target.host, options_.tls.context);
  if (secure.completeHandshake() != 1) throw Poco::TimeoutException("TLS handshake timed out");
  secure.setReceiveTimeout(to_timespan(options_.read_timeout));
  attachSocket(secure);
}

// An idle keep-alive connection that has something to read was closed by the server (or holds
// garbage): either way it cannot carry a request. Poco's mustReconnect() covers its own idle
// limit and a "Connection: close" answer.
bool ClientSession::connection_is_reusable() {
  if (mustReconnect()) return false;
  try {
    return !socket().poll(Poco::Timespan(0),
                          Poco::Net::Socket::SELECT_READ | Poco::Net::Socket::SELECT_ERROR);
  } catch (const Poco::Exception&) {
    return false;
  }
}

Poco::Net::StreamSocket ClientSession::connect_tcp() {
  const bool via_proxy = options_.proxy.enabled();
  const Poco::Net::SocketAddress address(via_proxy ? options_.proxy.host : options_.target.host,
                                         via_proxy ? options_.proxy.port : options_.target.port);
  // Created before connecting so that abort() can cut the connect itself.
  Poco::Net::StreamSocket socket(address.family());
  abort_switch_.arm(socket.impl()->sockfd());
  socket.connect(address, to_timespan(options_.connect_timeout));
  socket.setNoDelay(true);
  socket.setReceiveTimeout(to_timespan(options_.read_timeout));
  socket.setSendTimeout(to_timespan(options_.read_timeout));
  return socket;
}

void ClientSession::tunnel_through_proxy(Poco::Net::StreamSocket& socket) {
  const std::string authority =
      url_host(options_.target.host) + ":" + std::to_string(options_.target.port);
  Poco::Net::HTTPClientSession proxy_session(socket);
  proxy_session.setKeepAlive(true);
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_CONNECT, authority,
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  request.set("Host", authority);
  if (!options_.proxy.username.empty()) {
    Poco::Net::HTTPBasicCredentials(options_.proxy.username, options_.proxy.password)
        .proxyAuthenticate(request);
  }
  proxy_session.sendRequest(request);
  Poco::Net::HTTPResponse answer;
  proxy_session.receiveResponse(answer);
  if (answer.getStatus() != Poco::Net::HTTPResponse::HTTP_OK) {
    throw Poco::Net::HTTPException("the proxy " + options_.proxy.authority() +
                                   " refused to open a tunnel: HTTP " +
                                   std::to_string(static_cast<int>(answer.getStatus())));
  }
  socket = proxy_session.detachSocket();
}

}  // namespace cib
