// A client for the host-process tests, with its spool and budget files in a directory of the
// test's own.
#pragma once

#include <cstdint>
#include <string>

#include "cibatch.h"
#include "forge_sim.h"
#include "temp_dir.h"

namespace cib::test {

// Opens a client of the Bitbucket Cloud API at api_url whose spool (spool.sync `sync`) and
// budget files are in `dir`, with `extra` YAML lines under `cibatch:` (indented by two spaces).
// Fails the test when it cannot.
cib_client* open_host_client_at(const std::string& api_url, const TempDir& dir,
                                const std::string& sync = "batch", const std::string& extra = "");

// The same for a forge-sim.
cib_client* open_host_client(const ForgeSim& sim, const TempDir& dir, const std::string& sync,
                             const std::string& extra = "");

// Posts a successful status of `key` on the common commit with `tag`; returns the status.
cib_status post_status(cib_client* client, const std::string& key, std::uint64_t tag,
                       const std::string& description = "");

// Flushes everything for at most timeout_ms; fails the test unless everything was settled.
void require_flushed(cib_client* client, int timeout_ms);

}  // namespace cib::test
