// How much room the spool's unwritten journal entries may reserve: what spool.max_mb leaves of
// the file, and what the disk leaves for the file and its WAL. A post is accepted only when its
// entry fits, so that an accepted post's group commit does not run out of room (spool.h).
#pragma once

#include <cstdint>
#include <string>

#include "model/content.h"
#include "spool/spool_error.h"
#include "sqlite/database.h"

namespace cib {

struct SpoolRoom {
  std::int64_t bytes = -1;      // what entries not yet written may reserve; negative: no limit
  bool by_disk = false;         // the disk, not spool.max_mb, is what limits it
  std::int64_t disk_free = -1;  // bytes the disk holding the spool has free; -1: unknown
};

// What the spool may still take, measured now. `dir` is the spool's directory. Never throws:
// a measure that fails limits nothing (the commit then says what is wrong).
SpoolRoom measure_spool_room(Database& db, const std::string& dir, std::int64_t max_bytes) noexcept;

// What an entry of this slot and content takes in the file, generously (pages, indexes).
std::int64_t journal_entry_bytes(const SlotId& id, const Content& content);

// The refusal of a post for which `room` has no space left.
SpoolError no_room_error(const std::string& path, std::int64_t max_bytes, const SpoolRoom& room);

// On a small disk the WAL must be checkpointed and cut back often, or it alone fills the disk
// (SQLite's default lets it grow to 1000 pages between checkpoints and never shrinks it).
void fit_wal_to_disk(Database& db, const std::string& dir);

}  // namespace cib
