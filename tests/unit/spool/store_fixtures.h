// Shared by the spool store tests: options for a spool in a temporary directory, slots, contents
// and order keys; sqlite_files.h gives a second, independent look at the file.
#pragma once

#include <cstdint>
#include <string>

#include "spool/spool.h"
#include "sqlite_files.h"
#include "temp_dir.h"

namespace cib::test {

inline SpoolOptions spool_options(const TempDir& dir, SyncMode sync = SyncMode::batch) {
  SpoolOptions options;
  options.path = dir.file("state/spool.db");
  options.sync = sync;
  options.identity = "identity-a";
  options.lease_ms = 30000;
  options.busy_timeout_ms = 5000;
  return options;
}

inline SlotId status_slot(const std::string& key, const std::string& commit = "c0ffee") {
  SlotId id;
  id.kind = SlotKind::status;
  id.repo = "team/repo";
  id.commit = commit;
  id.key = key;
  return id;
}

inline SlotId comment_slot(const std::string& key, std::int64_t pr = 5) {
  SlotId id;
  id.kind = SlotKind::comment;
  id.repo = "team/repo";
  id.pr = pr;
  id.key = key;
  return id;
}

inline Content status(BuildState state, const std::string& description) {
  StatusContent content;
  content.state = state;
  content.name = "build";
  content.url = "https://ci.example.test/1";
  content.description = description;
  return content;
}

inline Content comment(const std::string& body) {
  return CommentContent{body};
}

// Order keys of one process: a later `n` is newer.
inline OrderKey order_at(std::int64_t n) {
  OrderKey key;
  key.wall_ns = 1'700'000'000'000'000'000LL + n;
  key.machine = 7;
  key.pid = 4242;
  key.counter = static_cast<std::uint64_t>(n);
  return key;
}

inline std::string description_of(const Content& content) {
  return std::get<StatusContent>(content).description;
}

}  // namespace cib::test
