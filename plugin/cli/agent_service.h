// What `cibatch agent` does with each request line: decodes it (agent_protocol.h), picks the
// identity its route names, posts or registers a wait, and answers. Every line gets exactly
// one answer, also when it is malformed or the library refuses it; nothing here throws.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "agent_identity.h"
#include "agent_protocol.h"

namespace cib::cli {

class AgentService {
 public:
  explicit AgentService(agent::AgentInfo info) : info_(std::move(info)) {}

  // Before the first request: the identities in the order of the --config files.
  void add(std::unique_ptr<AgentIdentity> identity);
  const agent::AgentInfo& info() const { return info_; }

  // Any thread, several at once.
  void handle(const std::string& line, AnswerSink sink) noexcept;

  // From now on posts and flushes are answered "stopping" (the command then posts itself).
  void refuse_new_work() { stopping_ = true; }
  // Stops every identity (see AgentIdentity::stop); returns the slots left in all.
  std::size_t stop();

 private:
  AgentIdentity* identity_for(const std::optional<agent::Route>& route) const;
  void serve(const agent::Request& request, const AnswerSink& sink);

  agent::AgentInfo info_;
  std::vector<std::unique_ptr<AgentIdentity>> identities_;
  std::atomic<bool> stopping_{false};
};

}  // namespace cib::cli
