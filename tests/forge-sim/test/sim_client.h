// A plain Poco HTTP(S) client for the simulator's self-test: raw request targets (so %2F is
// sent as written), one keep-alive connection, the reply's status, headers and body.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPResponse.h>

#include <map>
#include <memory>
#include <string>

#include "forge_sim.h"

namespace cib::test {

struct Reply {
  int status = 0;
  std::string body;
  Poco::Net::HTTPResponse response;  // headers

  Poco::JSON::Object::Ptr json() const;
  Poco::JSON::Array::Ptr json_array() const;
  // The first message of a SonarQube error answer: {"errors":[{"msg":"…"}]}.
  std::string sonar_error() const;
  std::string header(const std::string& name) const { return response.get(name, ""); }
};

class SimClient {
 public:
  // `origin` is "http(s)://127.0.0.1:PORT"; `tls_context` is needed for https.
  explicit SimClient(std::string origin, std::string authorization = "Bearer test-token",
                     Poco::Net::Context::Ptr tls_context = nullptr);

  // `target` is a path under /2.0 ("/repositories/…") or an absolute URL from a "next" link.
  Reply send(const std::string& method, const std::string& target, const std::string& body = "",
             const std::string& content_type = "application/json");

  Reply get(const std::string& target) { return send("GET", target); }
  Reply post(const std::string& target, const std::string& body) {
    return send("POST", target, body);
  }
  Reply put(const std::string& target, const std::string& body) {
    return send("PUT", target, body);
  }
  Reply del(const std::string& target) { return send("DELETE", target); }

  void set_authorization(std::string authorization) { authorization_ = std::move(authorization); }
  // Sent with every request from now on (e.g. GitLab's PRIVATE-TOKEN).
  void set_header(const std::string& name, const std::string& value) { headers_[name] = value; }

 private:
  std::string origin_;
  std::string authorization_;
  std::map<std::string, std::string> headers_;
  Poco::Net::Context::Ptr tls_context_;
  std::unique_ptr<Poco::Net::HTTPClientSession> session_;
};

// The repository path prefix most tests use.
inline const std::string kRepo = "/repositories/acme/web";

// The faults tests' pieces: a status on acme/web's commit abc123, a simulator started with a
// fault SPEC, and whether the host holds the status of `key`.
inline const std::string kFaultStatus = kRepo + "/commit/abc123/statuses/build";
std::string status_body(const std::string& key, const std::string& state = "SUCCESSFUL");
ForgeSim sim_with_faults(const std::string& faults);
bool has_status(const ForgeSim& sim, const std::string& key);

}  // namespace cib::test
