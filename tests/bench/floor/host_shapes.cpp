#include "host_shapes.h"

#include <stdexcept>

namespace cib::bench {

std::unique_ptr<HostShapes> make_host_shapes(const FloorSettings& settings,
                                             const ReportThreads& threads) {
  if (settings.host == "bitbucket-cloud") return make_cloud_shapes();
  if (settings.host == "bitbucket-dc") return make_dc_shapes();
  if (settings.host == "gitlab") return make_gitlab_shapes(threads);
  if (settings.host == "github") {
    return settings.github_checks ? make_github_check_shapes()
                                  : make_github_comment_shapes(threads);
  }
  throw std::invalid_argument("unknown host \"" + settings.host +
                              "\": expected bitbucket-cloud, bitbucket-dc, github or gitlab");
}

}  // namespace cib::bench
