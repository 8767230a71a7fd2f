#include "stalled_host.h"

#include <Poco/Net/SocketAddress.h>
#include <Poco/Timespan.h>

namespace cib::bench {

StalledHost::StalledHost() : socket_(Poco::Net::SocketAddress("127.0.0.1", 0), 16) {}

std::string StalledHost::api_url() const {
  return "http://127.0.0.1:" + std::to_string(socket_.address().port()) + "/2.0";
}

bool StalledHost::wait_for_connection(int timeout_ms) {
  // Readable means a connection waits in the backlog; it is never accepted.
  return socket_.poll(Poco::Timespan(static_cast<long>(timeout_ms) * 1000),
                      Poco::Net::Socket::SELECT_READ);
}

}  // namespace cib::bench
