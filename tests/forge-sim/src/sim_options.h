// The simulator's command line.
#pragma once

#include <string>
#include <vector>

namespace cib::sim {

inline constexpr const char* kHostBitbucketCloud = "bitbucket-cloud";
inline constexpr const char* kHostGitlab = "gitlab";
inline constexpr const char* kHostBitbucketDc = "bitbucket-dc";
inline constexpr const char* kHostGithub = "github";

// --seed-repos WS:N:PRS: repositories repo-1 … repo-N in workspace (or GitHub owner) WS, each
// with PRS open pull requests.
struct RepoSeed {
  std::string workspace;
  int repositories = 0;
  int pull_requests = 0;
};

struct SimOptions {
  std::string host = kHostBitbucketCloud;  // bitbucket-cloud, gitlab, bitbucket-dc or github
  bool tls = false;
  std::string cert_file;
  std::string key_file;
  int port = 0;        // 0: the system picks a free port
  int rate_limit = 0;  // requests per window and identity; 0: unlimited
  int rate_window_s = 3600;
  bool retry_after = true;
  bool keep_annotations_on_report_put = false;  // default true for bitbucket-dc
  bool dc_legacy_builds = false;  // bitbucket-dc before 7.4: no /api/latest/.../builds
  std::string faults;
  std::string log_file;
  std::string state_out;
  std::string spec_file;              // default: the host's description under specs/
  std::string require_token;          // when set, the only credential accepted
  std::string sonar_token;            // when set, the only token the SonarQube endpoints accept
  long github_app_id = 0;             // GitHub: the App whose JWTs are traded for tokens
  std::string github_app_public_key;  // GitHub: PEM file of the App's public key
  int github_token_ttl_s = 3600;      // GitHub: lifetime of an installation token
  int github_writes_per_minute = 0;   // GitHub's secondary limit on writes; 0: none
  int github_max_concurrent = 0;      // GitHub's secondary limit on concurrency; 0: none
  std::vector<RepoSeed> repo_seeds;   // the repositories and pull requests it starts with
  int latency_ms = 0;  // every API answer leaves this late, as over a real network; 0: at once
};

inline bool plays_gitlab(const SimOptions& options) {
  return options.host == kHostGitlab;
}

inline bool plays_bitbucket_dc(const SimOptions& options) {
  return options.host == kHostBitbucketDc;
}

inline bool plays_github(const SimOptions& options) {
  return options.host == kHostGithub;
}

// Throws std::invalid_argument with a message naming the bad option.
SimOptions parse_options(int argc, const char* const* argv);

const char* usage_text();

}  // namespace cib::sim
