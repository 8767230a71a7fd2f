// forge-sim started as GitLab (--host gitlab) and a client for its /api/v4 endpoints.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "forge_sim.h"
#include "sim_client.h"

namespace cib::test {

inline ForgeSimOptions gitlab_options(ForgeSimOptions options = {}) {
  options.extra_args.insert(options.extra_args.begin(), {"--host", "gitlab"});
  return options;
}

struct GitlabSim {
  explicit GitlabSim(ForgeSimOptions options = {})
      : sim(gitlab_options(std::move(options))), client(sim.origin()) {}

  // An absolute URL of a path under /api/v4 ("/projects/acme%2Fweb/...").
  std::string api(const std::string& path) const { return sim.origin() + "/api/v4" + path; }

  ForgeSim sim;
  SimClient client;  // Authorization: Bearer test-token
};

inline const std::string kProject = "/projects/acme%2Fweb";

}  // namespace cib::test
