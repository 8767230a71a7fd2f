// The transport's own request and answer types: providers build these, the Poco client sends
// them. No Poco type appears here.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace cib {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;  // GET, POST, PUT, DELETE
  std::string target;  // pre-encoded path and query, appended to the API URL's path as is
  Headers headers;     // extra headers (Content-Type is set from body_type)
  std::string body;
  std::string body_type = "application/json";
  bool idempotent = true;  // false for creates (comment POST): a drop after sending is ambiguous
  int items = 1;  // updates the request carries (a batch of annotations): the rest saved requests
};

struct HttpResponse {
  int status = 0;
  Headers headers;
  std::string body;

  // Case-insensitive header lookup; "" when absent.
  std::string header(const std::string& name) const;
};

// The Authorization header's value for HTTP basic authentication: "Basic " + base64(user:password).
std::string basic_authorization(const std::string& user, const std::string& password);

// A request that got no HTTP answer.
class TransportError : public std::runtime_error {
 public:
  enum class Kind {
    connect,    // nothing was sent: safe to retry anything
    ambiguous,  // the connection failed after the request was (maybe) sent
    timeout,    // no answer in time (also ambiguous)
    tls,        // handshake or certificate verification failed: not retried
  };
  TransportError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }
  bool maybe_applied() const { return kind_ == Kind::ambiguous || kind_ == Kind::timeout; }

 private:
  Kind kind_;
};

}  // namespace cib
