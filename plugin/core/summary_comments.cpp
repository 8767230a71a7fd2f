#include "core/summary_comments.h"

#include "model/marker_key.h"

namespace cib {
namespace {

constexpr const char* kMarkerStart = "[//]: # (cibatch-section:";
constexpr const char* kSeparator = "\n\n---\n\n";

// The key is encoded in the marker and the heading alike, so that a key with a line break
// neither ends the marker early nor splits the heading: every key reads back.
std::string section_text(const std::string& key, const std::string& text) {
  const std::string written = encode_marker_key(key);
  return std::string(kMarkerStart) + written + ")\n#### " + written + "\n\n" + text;
}

}  // namespace

SlotId SummaryComments::summary_slot(const SlotId& id) {
  SlotId slot = id;
  slot.key = kSlotKey;
  return slot;
}

std::map<std::string, std::string> SummaryComments::sections_of(const std::string& merged) {
  std::map<std::string, std::string> sections;
  const std::string start = kMarkerStart;
  std::size_t at = merged.compare(0, start.size(), start) == 0 ? 0 : std::string::npos;
  while (at != std::string::npos) {
    const std::size_t key_end = merged.find(")\n", at + start.size());
    if (key_end == std::string::npos) break;
    const std::string written = merged.substr(at + start.size(), key_end - at - start.size());
    const std::string key = decode_marker_key(written);
    const std::string heading = "#### " + written + "\n\n";
    std::size_t text_at = key_end + 2;
    if (merged.compare(text_at, heading.size(), heading) == 0) text_at += heading.size();
    const std::size_t next = merged.find(std::string(kSeparator) + start, text_at);
    sections[key] =
        merged.substr(text_at, next == std::string::npos ? std::string::npos : next - text_at);
    at = next == std::string::npos ? next : next + std::string(kSeparator).size();
  }
  return sections;
}

std::pair<SlotId, CommentContent> SummaryComments::merge(
    const SlotId& id, const std::string& body,
    const std::function<std::string(const SlotId&)>& known_body) {
  const SlotId slot = summary_slot(id);
  std::lock_guard<std::mutex> lock(mutex_);
  const auto pr = std::make_pair(id.repo, id.pr);
  auto found = sections_.find(pr);
  if (found == sections_.end()) {
    found = sections_.emplace(pr, sections_of(known_body ? known_body(slot) : "")).first;
  }
  auto& sections = found->second;
  sections[id.key] = body;
  CommentContent merged;
  for (const auto& [key, text] : sections) {
    if (!merged.body.empty()) merged.body += kSeparator;
    merged.body += section_text(key, text);
  }
  return {slot, merged};
}

}  // namespace cib
