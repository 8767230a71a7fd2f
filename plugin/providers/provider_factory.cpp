#include "providers/bitbucket_cloud/bitbucket_cloud_provider.h"
#include "providers/github/github_provider.h"
#include "providers/gitlab/gitlab_provider.h"
#include "providers/provider.h"

namespace cib {

// ConfigStore::settings() refuses the host kinds that are planned but not built (host.kind's row
// in config/property_table.cpp), so the settings a client runs with name a built one.
std::unique_ptr<Provider> make_provider(const Settings& settings) {
  if (settings.host_kind == HostKind::gitlab) return std::make_unique<GitLabProvider>(settings);
  if (settings.host_kind == HostKind::github) return std::make_unique<GitHubProvider>(settings);
  return std::make_unique<BitbucketCloudProvider>(settings);
}

}  // namespace cib
