#include "providers/bitbucket_cloud/bitbucket_cloud_provider.h"
#include "providers/bitbucket_dc/bitbucket_dc_provider.h"
#include "providers/github/github_provider.h"
#include "providers/gitlab/gitlab_provider.h"
#include "providers/provider.h"

namespace cib {

// One provider per host kind; every kind host.kind accepts has one.
std::unique_ptr<Provider> make_provider(const Settings& settings) {
  switch (settings.host_kind) {
    case HostKind::bitbucket_dc:
      return std::make_unique<BitbucketDataCenterProvider>(settings);
    case HostKind::github:
      return std::make_unique<GitHubProvider>(settings);
    case HostKind::gitlab:
      return std::make_unique<GitLabProvider>(settings);
    case HostKind::bitbucket_cloud:
      break;
  }
  return std::make_unique<BitbucketCloudProvider>(settings);
}

}  // namespace cib
