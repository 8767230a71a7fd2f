// comments.mode: summary merges every keyed comment of one pull request into one comment with a
// section per key, so a PR carries one comment however many steps report on it. Each section
// starts with a marker line that Bitbucket does not render, so that a process that did not
// write the other sections (after a restart) reads them back from the merged text it knows.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "model/content.h"

namespace cib {

class SummaryComments {
 public:
  // The key of the one merged comment slot of a PR.
  static constexpr const char* kSlotKey = "cibatch-summary";

  // The merged comment slot of the PR `id` belongs to.
  static SlotId summary_slot(const SlotId& id);

  // Records `body` for `id.key` and returns the merged comment slot and its body. The first
  // time a PR is seen, `known_body` gives the merged text last known for it (the spool's), or
  // "" - its sections are kept.
  std::pair<SlotId, CommentContent> merge(
      const SlotId& id, const std::string& body,
      const std::function<std::string(const SlotId&)>& known_body);

  // The sections of a merged body, by key.
  static std::map<std::string, std::string> sections_of(const std::string& merged);

 private:
  std::mutex mutex_;
  std::map<std::pair<std::string, std::int64_t>, std::map<std::string, std::string>> sections_;
};

}  // namespace cib
