// Reading the simulator's final state and comparing it with what a trace or a test wanted.
#pragma once

#include <Poco/JSON/Object.h>

#include <map>
#include <string>
#include <vector>

namespace cib::test {

// The newest content a trace asks for, per slot, as flat text fields.
struct DesiredState {
  // "repo|commit|key" -> state
  std::map<std::string, std::string> statuses;
  // "repo|pr|key" -> body
  std::map<std::string, std::string> comments;
  // "repo|commit|id" -> annotation id -> summary
  std::map<std::string, std::map<std::string, std::string>> report_annotations;
  // "repo|commit|id" -> result
  std::map<std::string, std::string> report_results;
};

// Reads a JSONL trace and keeps the newest content of every slot.
DesiredState desired_from_trace(const std::string& path);

// Differences between the simulator's state and `want`, one line each; empty when equal. Also
// reports a comment key held by more than one live comment.
std::vector<std::string> compare_state(const Poco::JSON::Object::Ptr& sim,
                                       const DesiredState& want);

// Live (not deleted) comments on a PR whose text carries the marker of `key`.
int comments_with_key(const Poco::JSON::Object::Ptr& sim, const std::string& repo, long pr,
                      const std::string& key);

}  // namespace cib::test
