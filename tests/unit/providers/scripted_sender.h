// A Sender for provider tests: records every request and answers from a script (an HTTP answer
// or a transport failure per request). Requests beyond the script get `otherwise`.
#pragma once

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "providers/provider.h"

namespace cib::test {

class ScriptedSender final : public Sender {
 public:
  HttpResponse send(const HttpRequest& request) override {
    requests.push_back(request);
    if (inspect) inspect(request);
    if (watch != nullptr) watched.push_back(*watch);
    if (script_.empty()) return otherwise;
    Step step = script_.front();
    script_.pop_front();
    if (step.failure) throw TransportError(*step.failure, "scripted transport failure");
    return step.answer;
  }

  // Redacts `secret`, when set, as the core's sender redacts the credential.
  std::string redact(const std::string& text) const override {
    if (secret.empty()) return text;
    std::string out = text;
    for (auto at = out.find(secret); at != std::string::npos; at = out.find(secret, at)) {
      out.replace(at, secret.size(), "[redacted]");
    }
    return out;
  }

  void notice(const std::string& line) override { notices.push_back(line); }

  ScriptedSender& answer(int status, std::string body = "{}", Headers headers = {}) {
    Step step;
    step.answer.status = status;
    step.answer.body = std::move(body);
    step.answer.headers = std::move(headers);
    script_.push_back(std::move(step));
    return *this;
  }

  ScriptedSender& fail(TransportError::Kind kind) {
    Step step;
    step.failure = kind;
    script_.push_back(std::move(step));
    return *this;
  }

  // "METHOD target" of each request, in order.
  std::vector<std::string> lines() const {
    std::vector<std::string> out;
    for (const HttpRequest& r : requests) out.push_back(r.method + ' ' + r.target);
    return out;
  }

  void clear() {
    requests.clear();
    watched.clear();
  }

  std::vector<HttpRequest> requests;
  HttpResponse otherwise{200, {}, "{}"};
  std::string secret;                // what redact() hides; "" hides nothing
  std::vector<std::string> notices;  // lines the provider gave for the log
  // When set, each request keeps a copy of *watch as it was when the request was sent: what the
  // core persists before it sends.
  const RemoteState* watch = nullptr;
  std::vector<RemoteState> watched;
  // When set, sees each request as it is sent (a schema check, say).
  std::function<void(const HttpRequest&)> inspect;

 private:
  struct Step {
    HttpResponse answer;
    std::optional<TransportError::Kind> failure;
  };
  std::deque<Step> script_;
};

}  // namespace cib::test
