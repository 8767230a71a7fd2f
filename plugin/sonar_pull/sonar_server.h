// The SonarQube (or SonarCloud) Web API endpoints pull mode reads, over one keep-alive
// connection: the compute-engine task, the quality gate, the measures and the issue pages. Each
// call sends one GET and returns the answer's JSON text; the readers in plugin/sonar/ parse it.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "transport/http_client.h"

namespace cib::sonar {

// Which code an analysis is of: a pull request, a branch, or (both empty) the main branch.
struct SonarScope {
  std::string pull_request;
  std::string branch;
};

struct CeTask {
  std::string status;  // PENDING, IN_PROGRESS, SUCCESS, FAILED, CANCELED
  std::string analysis_id;
  std::string error_message;
  SonarScope scope;
};

// A request that got no usable answer. `http_status` is the server's (0: none); `retry` tells
// whether trying again later may help (no answer, 5xx, 429).
class SonarServerError : public std::runtime_error {
 public:
  SonarServerError(const std::string& message, int http_status, bool retry)
      : std::runtime_error(message), http_status_(http_status), retry_(retry) {}
  int http_status() const { return http_status_; }
  bool retry() const { return retry_; }

 private:
  int http_status_;
  bool retry_;
};

class SonarServer {
 public:
  // `settings.base_url` is sonar.url. The token goes as the Basic user with an empty password,
  // which every SonarQube version and SonarCloud take; "" sends no credential. Throws
  // std::invalid_argument when the transport refuses the settings.
  SonarServer(const TransportSettings& settings, std::string token, std::string organization);
  ~SonarServer();

  // Throw SonarServerError; messages name the endpoint, never the token.
  CeTask task(const std::string& task_id);
  std::string gate(const std::string& analysis_id);
  std::string measures(const std::string& project, const SonarScope& scope,
                       const std::string& metric_keys);
  // Open issues, page `page` (from 1) of `page_size`.
  std::string issue_page(const std::string& project, const SonarScope& scope, int page,
                         int page_size);

  // Closes the connection under a request in flight. Any thread.
  void abort();

 private:
  std::string get(const std::string& endpoint, const std::string& query);

  HttpClient http_;
  const std::string authorization_;
  const std::string token_;
  const std::string organization_;
};

}  // namespace cib::sonar
