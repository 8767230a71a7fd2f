// What the spool's resilience tests share: where the cibatch command and the bundled traces
// are, and the YAML that points a client with a durable spool at a simulator.
#pragma once

#include <cstdint>
#include <string>

#include "forge_sim.h"

namespace cib::test {

// The `cibatch` command built with the tests.
std::string cibatch_path();

// tests/traces/NAME in the source tree.
std::string trace_path(const std::string& name);

struct SpoolConfig {
  std::string spool_path;       // the spool file
  std::string sync = "always";  // spool.sync: always | batch | off
  std::int64_t linger_ms = 20;
  std::int64_t terminal_linger_ms = 5;
  std::int64_t max_delay_ms = 200;
  std::int64_t dedup_trust_s = 86400;
  // Short, so a process that was killed holding a lease does not hold up the next one long.
  std::int64_t lease_ms = 500;
  std::string token = "resilience-token";
};

// The `cibatch:` YAML for a client of sim with config's spool and batching.
std::string spool_yaml(const ForgeSim& sim, const SpoolConfig& config);

// Writes spool_yaml() to path and returns path; throws std::runtime_error when it cannot.
std::string write_spool_config(const std::string& path, const ForgeSim& sim,
                               const SpoolConfig& config);

// Runs `cibatch drain --config FILE --timeout-ms N`; returns its exit code, output in `output`.
int run_drain(const std::string& config_path, std::int64_t timeout_ms, std::string& output);

}  // namespace cib::test
