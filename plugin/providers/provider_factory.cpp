#include <stdexcept>
#include <string>

#include "providers/bitbucket_cloud/bitbucket_cloud_provider.h"
#include "providers/provider.h"

namespace cib {

std::unique_ptr<Provider> make_provider(const Settings& settings) {
  switch (settings.host_kind) {
    case HostKind::bitbucket_cloud:
      return std::make_unique<BitbucketCloudProvider>(settings);
    case HostKind::bitbucket_dc:
    case HostKind::github:
    case HostKind::gitlab:
      break;
  }
  throw std::invalid_argument(std::string("host.kind ") + to_string(settings.host_kind) +
                              " is not supported yet");
}

}  // namespace cib
