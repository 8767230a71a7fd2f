#include "trace_slots.h"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <stdexcept>
#include <type_traits>
#include <variant>

#include "trace_reader.h"

namespace cib::test {
namespace {

using Poco::JSON::Object;

bool is_terminal(const std::string& state) {
  return state == "SUCCESSFUL" || state == "FAILED" || state == "STOPPED";
}

// The object at obj[k1][k2]..., or null.
Object::Ptr child(Object::Ptr obj, std::initializer_list<std::string> keys) {
  for (const auto& key : keys) {
    if (obj.isNull() || !obj->has(key) || !obj->isObject(key)) return nullptr;
    obj = obj->getObject(key);
  }
  return obj;
}

TracePost post_of(const trace::StatusOp& op, bool first) {
  TracePost p;
  p.state = op.state;
  p.description = op.description;
  p.gating = first || is_terminal(op.state);
  return p;
}

TracePost post_of(const trace::CommentOp& op) {
  TracePost p;
  p.raw = op.body + "\n\n" + comment_marker(op.key);
  return p;
}

TracePost post_of(const trace::ReportOp& op) {
  TracePost p;
  p.result = op.result;
  for (const auto& a : op.annotations) {
    p.annotations[a.id] = annotation_fingerprint(a.line, a.summary);
  }
  return p;
}

bool same_report(const TracePost& post, const Object::Ptr& report) {
  if (report->optValue<std::string>("result", "") != post.result) return false;
  const Object::Ptr held = child(report, {"annotations"});
  const std::size_t held_count = held.isNull() ? 0 : held->size();
  if (held_count != post.annotations.size()) return false;
  for (const auto& [id, fingerprint] : post.annotations) {
    const Object::Ptr a = child(held, {id});
    if (a.isNull()) return false;
    if (annotation_fingerprint(a->optValue<long>("line", 0),
                               a->optValue<std::string>("summary", "")) != fingerprint) {
      return false;
    }
  }
  return true;
}

// Live comments of one PR that carry the marker of key.
std::vector<std::string> live_marked(const Object::Ptr& state, const TraceSlot& slot) {
  std::vector<std::string> raws;
  const Object::Ptr by_repo = child(state, {"comments", slot.repo});
  if (by_repo.isNull() || !by_repo->has(slot.scope)) return raws;
  const auto list = by_repo->getArray(slot.scope);
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Object::Ptr c = list->getObject(static_cast<unsigned>(i));
    if (c->optValue<bool>("deleted", false)) continue;
    const std::string raw = c->optValue<std::string>("raw", "");
    if (raw.find(comment_marker(slot.key)) != std::string::npos) raws.push_back(raw);
  }
  return raws;
}

}  // namespace

std::string comment_marker(const std::string& key) {
  return "[//]: # (cibatch:" + key + ")";
}

std::string annotation_fingerprint(long line, const std::string& summary) {
  return std::to_string(line) + "|" + summary;
}

std::string TraceSlot::name() const {
  static constexpr const char* kKinds[] = {"status", "comment", "report"};
  const std::string where = kind == SlotKind::comment ? "#" + scope : "@" + scope.substr(0, 8);
  return std::string(kKinds[static_cast<int>(kind)]) + " " + repo + where + " " + key;
}

TraceSlots::TraceSlots(const std::string& trace_path) {
  std::vector<trace::TraceLine> lines;
  try {
    lines = trace::read_trace_file(trace_path);
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot read the trace: " + std::string(e.what()));
  }
  // The slot's index, added on its first post.
  auto slot_index = [this](TraceSlot slot) {
    if (const auto s = find(slot.kind, slot.repo, slot.scope, slot.key)) return *s;
    slots_.push_back(std::move(slot));
    return slots_.size() - 1;
  };
  for (const trace::TraceLine& line : lines) {
    std::visit(
        [&](const auto& op) {
          using T = std::decay_t<decltype(op)>;
          std::size_t s = 0;
          TracePost post;
          if constexpr (std::is_same_v<T, trace::StatusOp>) {
            s = slot_index({SlotKind::status, op.repo, op.commit, op.key, {}});
            post = post_of(op, slots_[s].posts.empty());
          } else if constexpr (std::is_same_v<T, trace::CommentOp>) {
            s = slot_index({SlotKind::comment, op.repo, std::to_string(op.pr), op.key, {}});
            post = post_of(op);
          } else if constexpr (std::is_same_v<T, trace::ReportOp>) {
            s = slot_index({SlotKind::report, op.repo, op.commit, op.id, {}});
            post = post_of(op);
          } else {
            return;  // sleeps and flushes write nothing
          }
          post.line_no = line.line_no;
          auto& posts = slots_[s].posts;
          by_line_[line.line_no] = {s, static_cast<int>(posts.size())};
          posts.push_back(std::move(post));
        },
        line.op);
  }
}

std::optional<std::pair<std::size_t, int>> TraceSlots::post_at_line(std::size_t line_no) const {
  const auto it = by_line_.find(line_no);
  if (it == by_line_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::size_t> TraceSlots::find(SlotKind kind, const std::string& repo,
                                            const std::string& scope,
                                            const std::string& key) const {
  for (std::size_t s = 0; s < slots_.size(); ++s) {
    const TraceSlot& slot = slots_[s];
    if (slot.kind == kind && slot.repo == repo && slot.scope == scope && slot.key == key) return s;
  }
  return std::nullopt;
}

std::optional<std::size_t> TraceSlots::comment_slot(const std::string& repo, const std::string& pr,
                                                    const std::string& raw) const {
  for (std::size_t s = 0; s < slots_.size(); ++s) {
    const TraceSlot& slot = slots_[s];
    if (slot.kind == SlotKind::comment && slot.repo == repo && slot.scope == pr &&
        raw.find(comment_marker(slot.key)) != std::string::npos) {
      return s;
    }
  }
  return std::nullopt;
}

int TraceSlots::live_copies(std::size_t s, const Object::Ptr& state) const {
  const TraceSlot& slot = slots_.at(s);
  if (slot.kind != SlotKind::comment) return 0;
  return static_cast<int>(live_marked(state, slot).size());
}

int TraceSlots::held_post(std::size_t s, const Object::Ptr& state) const {
  const TraceSlot& slot = slots_.at(s);
  int held = kHeldNothing;
  bool any = false;
  auto consider = [&](auto matches) {
    any = true;
    for (std::size_t rank = 0; rank < slot.posts.size(); ++rank) {
      if (matches(slot.posts[rank])) held = std::max(held, static_cast<int>(rank));
    }
  };
  if (slot.kind == SlotKind::status) {
    const Object::Ptr status = child(state, {"statuses", slot.repo, slot.scope, slot.key});
    if (status.isNull()) return kHeldNothing;
    consider([&](const TracePost& p) {
      return status->optValue<std::string>("state", "") == p.state &&
             status->optValue<std::string>("description", "") == p.description;
    });
  } else if (slot.kind == SlotKind::comment) {
    for (const std::string& raw : live_marked(state, slot)) {
      consider([&](const TracePost& p) { return p.raw == raw; });
    }
  } else {
    const Object::Ptr report = child(state, {"reports", slot.repo, slot.scope, slot.key});
    if (report.isNull()) return kHeldNothing;
    consider([&](const TracePost& p) { return same_report(p, report); });
  }
  return any && held == kHeldNothing ? kHeldUnknown : held;
}

}  // namespace cib::test
