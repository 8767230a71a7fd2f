// forge-sim started as GitHub (--host github), optionally with a GitHub App whose key pair the
// test makes, and a client for its endpoints.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "forge_sim.h"
#include "github_app_key.h"
#include "sim_client.h"

namespace cib::test {

inline constexpr long kGithubAppId = 4242;
inline const std::string kGithubRepo = "/repos/acme/web";

inline ForgeSimOptions github_options(ForgeSimOptions options = {},
                                      const GithubAppKey* app = nullptr) {
  options.extra_args.insert(options.extra_args.begin(), {"--host", "github"});
  if (app) {
    options.extra_args.insert(options.extra_args.end(),
                              {"--github-app-id", std::to_string(kGithubAppId),
                               "--github-app-public-key", app->public_key_file()});
  }
  return options;
}

struct GithubSim {
  explicit GithubSim(ForgeSimOptions options = {}, const GithubAppKey* app = nullptr)
      : sim(github_options(std::move(options), app)), client(sim.origin()) {}

  // An absolute URL of a path at the root ("/repos/acme/web/...").
  std::string api(const std::string& path) const { return sim.origin() + path; }

  // An installation token of installation 7, traded for a JWT of `app`.
  std::string installation_token(const GithubAppKey& app) {
    SimClient exchange(sim.origin(), "Bearer " + app.jwt_now(kGithubAppId));
    const auto reply = exchange.post(api("/app/installations/7/access_tokens"), "");
    return reply.json()->getValue<std::string>("token");
  }

  ForgeSim sim;
  SimClient client;  // Authorization: Bearer test-token (a personal token)
};

}  // namespace cib::test
