// `cibatch spool check|repair`: what a spool file holds and whether SQLite can read it; repair
// moves a damaged file aside (never deletes it) so that the next client starts a new one.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cib {

// The pending updates of one identity (an account on one host, as a hash; never a secret).
struct SpoolIdentity {
  std::string identity;
  std::string api_url;  // "" in a file written before the spool recorded it
  std::int64_t pending = 0;
  std::int64_t gating = 0;
};

struct SpoolReport {
  std::string path;
  bool exists = false;
  bool healthy = false;                   // opens, is SQLite, integrity_check ok, schema known
  bool damaged = false;                   // repair moves it aside (not: newer, foreign, unreadable)
  int schema_version = 0;                 // PRAGMA user_version
  std::int64_t pending = 0;               // slots whose newest content is not settled
  std::int64_t gating = 0;                // of those, gating ones
  std::int64_t delivered = 0;             // delivered records
  std::int64_t leased = 0;                // live leases
  std::vector<SpoolIdentity> identities;  // those with pending updates, by identity
  std::vector<std::string> problems;      // what is wrong, one sentence each
  std::string moved_to;                   // repair: where the damaged file went
};

// Read-only inspection; never changes the file.
SpoolReport check_spool(const std::string& path);
// check_spool, then, if not healthy, renames the file (with -wal and -shm) to
// PATH.damaged-YYYYMMDDTHHMMSSZ and says so in moved_to. A newer schema is not damage.
SpoolReport repair_spool(const std::string& path);

std::string to_json(const SpoolReport& report);

}  // namespace cib
