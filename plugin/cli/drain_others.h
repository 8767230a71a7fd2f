// What a drain leaves for other identities: a client delivers only its own identity's updates
// (its API URL and account), so updates that a client of another host spelling (localhost for
// 127.0.0.1, another port) or another account left in the same spool stay there. The spool's
// report (cib_spool_check) lists pending updates per identity with its API URL.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace cib::cli {

struct PendingIdentity {
  std::string identity;  // a hash, never a secret
  std::string api_url;   // "" when the spool predates that record
  std::int64_t pending = 0;
  std::int64_t gating = 0;
};

// The identities with pending updates in a spool report (cib_spool_check's JSON).
std::vector<PendingIdentity> pending_identities(const std::string& spool_report_json);

// The identities other than the drain's own with pending updates in the spool at path ("" the
// default). The drain's own identity is the one with its API URL whose count is what it left
// (own_left); with nothing left of its own, every identity still pending is another's. Throws
// CommandError when the spool cannot be read.
std::vector<PendingIdentity> other_identities(const std::string& spool_path,
                                              const std::string& own_api_url, std::size_t own_left);

std::int64_t pending_of(const std::vector<PendingIdentity>& others);

// Lines for stderr: each identity's API URL and counts, and what to do.
void print_others(const std::vector<PendingIdentity>& others, std::ostream& out);

}  // namespace cib::cli
