#include "floor_types.h"

namespace cib::bench {

std::string slot_key(const SlotContent& content) {
  // The separator cannot occur in a repo, commit or key of a sane trace, and a collision would
  // only merge two slots of a hand-made trace.
  constexpr char sep = '\x1f';
  if (const auto* s = std::get_if<trace::StatusOp>(&content)) {
    return std::string("status") + sep + s->repo + sep + s->commit + sep + s->key;
  }
  if (const auto* c = std::get_if<trace::CommentOp>(&content)) {
    return std::string("comment") + sep + c->repo + sep + std::to_string(c->pr) + sep + c->key;
  }
  const auto& r = std::get<trace::ReportOp>(content);
  return std::string("report") + sep + r.repo + sep + r.commit + sep + r.id;
}

}  // namespace cib::bench
