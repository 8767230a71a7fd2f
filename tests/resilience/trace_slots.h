// The slots a trace writes and, per slot, its posts in trace order, so that what the host holds
// (or what one request carried) can be mapped back to the post it came from.
//
// The mapping is by content: a status by state and description, a comment by its marked text,
// a report by result and the set of its annotations (external id, line, summary). Each post of
// a slot is numbered by its rank among that slot's posts (0 = first in the trace). A content
// that several posts of one slot share maps to all of them, so the checks stay conservative.
#pragma once

#include <Poco/JSON/Object.h>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cib::test {

enum class SlotKind { status, comment, report };

struct TracePost {
  std::size_t line_no = 0;         // 1-based line in the trace file
  bool gating = false;             // a first status of its key, or a terminal state
  std::string state, description;  // status
  std::string raw;                 // comment: the body as the host stores it (with its marker)
  std::string result;              // report
  std::map<std::string, std::string> annotations;  // report: external id -> "LINE|SUMMARY"
};

struct TraceSlot {
  SlotKind kind = SlotKind::status;
  std::string repo;
  std::string scope;  // the commit (status, report) or the PR number (comment)
  std::string key;    // status key, comment key or report id
  std::vector<TracePost> posts;
  std::string name() const;  // "status acme/web@3f2c8a1e build", for messages
};

// What the host holds for one slot, as a post rank.
inline constexpr int kHeldNothing = -1;  // the host has no such object
inline constexpr int kHeldUnknown = -2;  // it holds content that no post of the slot has

// "[//]: # (cibatch:KEY)": how a comment says which key it holds (Bitbucket escapes HTML).
std::string comment_marker(const std::string& key);

// The annotation's identity as TracePost::annotations keeps it.
std::string annotation_fingerprint(long line, const std::string& summary);

class TraceSlots {
 public:
  // Reads the trace; throws std::runtime_error naming the file when it cannot.
  explicit TraceSlots(const std::string& trace_path);

  const std::vector<TraceSlot>& slots() const { return slots_; }
  std::size_t post_count() const { return by_line_.size(); }

  // {slot index, post rank} of the post on line_no; nullopt when that line is no post.
  std::optional<std::pair<std::size_t, int>> post_at_line(std::size_t line_no) const;

  // The highest rank among the posts of slot s whose content the host holds (state is
  // /_sim/state), or kHeldNothing / kHeldUnknown.
  int held_post(std::size_t s, const Poco::JSON::Object::Ptr& state) const;

  // Live comments carrying the marker of comment slot s (0 for other kinds).
  int live_copies(std::size_t s, const Poco::JSON::Object::Ptr& state) const;

  // The comment slot whose key a marked text names; nullopt when none.
  std::optional<std::size_t> comment_slot(const std::string& repo, const std::string& pr,
                                          const std::string& raw) const;

  // The slot with this kind, repo, scope and key; nullopt when the trace has none.
  std::optional<std::size_t> find(SlotKind kind, const std::string& repo, const std::string& scope,
                                  const std::string& key) const;

 private:
  std::vector<TraceSlot> slots_;
  std::map<std::size_t, std::pair<std::size_t, int>> by_line_;
};

}  // namespace cib::test
