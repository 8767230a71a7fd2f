// Small builders for core tests.
#pragma once

#include <string>

#include "core/slot_table.h"

namespace cib::test {

inline SlotId status_slot(const std::string& key = "build") {
  return SlotId{SlotKind::status, "acme/web", "3f2c0000", 0, key};
}

inline Update status_update(BuildState state, const std::string& key = "build",
                            std::uint64_t tag = 1) {
  StatusContent c;
  c.state = state;
  c.name = key;
  return Update{status_slot(key), c, tag, false};
}

inline Update comment_update(const std::string& body, const std::string& key = "coverage",
                             std::uint64_t tag = 1) {
  return Update{SlotId{SlotKind::comment, "acme/web", "", 42, key}, CommentContent{body}, tag,
                false};
}

}  // namespace cib::test
