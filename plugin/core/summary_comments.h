// comments.mode: summary merges every keyed comment of one pull request into one comment with a
// section per key, so a PR carries one comment however many steps report on it.
#pragma once

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

  // Records `body` for `id.key` and returns the merged comment slot and its body.
  std::pair<SlotId, CommentContent> merge(const SlotId& id, const std::string& body);

 private:
  std::mutex mutex_;
  std::map<std::pair<std::string, std::int64_t>, std::map<std::string, std::string>> sections_;
};

}  // namespace cib
