#include "config/settings.h"

namespace cib {

const char* to_string(HostKind k) {
  switch (k) {
    case HostKind::bitbucket_cloud:
      return "bitbucket-cloud";
    case HostKind::bitbucket_dc:
      return "bitbucket-dc";
    case HostKind::github:
      return "github";
    case HostKind::gitlab:
      return "gitlab";
  }
  return "unknown";
}

}  // namespace cib
