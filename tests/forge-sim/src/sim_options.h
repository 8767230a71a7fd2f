// The simulator's command line.
#pragma once

#include <string>

namespace cib::sim {

inline constexpr const char* kHostBitbucketCloud = "bitbucket-cloud";
inline constexpr const char* kHostGitlab = "gitlab";
inline constexpr const char* kHostBitbucketDc = "bitbucket-dc";

struct SimOptions {
  std::string host = kHostBitbucketCloud;  // bitbucket-cloud, gitlab or bitbucket-dc
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
  std::string spec_file;      // default: the host's description under specs/
  std::string require_token;  // when set, the only credential accepted
  std::string sonar_token;    // when set, the only token the SonarQube endpoints accept
};

inline bool plays_gitlab(const SimOptions& options) {
  return options.host == kHostGitlab;
}

inline bool plays_bitbucket_dc(const SimOptions& options) {
  return options.host == kHostBitbucketDc;
}

// Throws std::invalid_argument with a message naming the bad option.
SimOptions parse_options(int argc, const char* const* argv);

const char* usage_text();

}  // namespace cib::sim
