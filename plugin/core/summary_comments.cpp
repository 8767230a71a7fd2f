#include "core/summary_comments.h"

namespace cib {

std::pair<SlotId, CommentContent> SummaryComments::merge(const SlotId& id,
                                                         const std::string& body) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& sections = sections_[{id.repo, id.pr}];
  sections[id.key] = body;
  CommentContent merged;
  for (const auto& [key, text] : sections) {
    if (!merged.body.empty()) merged.body += "\n\n---\n\n";
    merged.body += "#### " + key + "\n\n" + text;
  }
  SlotId slot = id;
  slot.key = kSlotKey;
  return {slot, merged};
}

}  // namespace cib
